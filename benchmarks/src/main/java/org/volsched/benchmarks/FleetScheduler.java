package org.volsched.benchmarks;

import com.google.inject.Module;
import com.google.inject.multibindings.OptionalBinder;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.volsched.core.bootstrap.Scheduler;
import org.volsched.core.config.SchedulerConfig;
import org.volsched.core.host.HostManager;
import org.volsched.spi.SchedulerPlugin;
import org.volsched.spi.VolumeDispatcher;
import org.volsched.spi.VolumeStore;
import org.volsched.spi.model.FilterProperties;
import org.volsched.spi.model.PoolState;
import org.volsched.spi.model.RequestContext;
import org.volsched.spi.model.RequestSpec;
import org.volsched.spi.model.ServiceInfo;
import org.volsched.spi.model.VolumeType;

/**
 * A real {@link Scheduler} loaded with a {@link Fleet} through its public API, as an operator's
 * would be: every backend's volume service registered with {@link HostManager#updateService},
 * then every capability report through {@link HostManager#updateServiceCapabilities}.
 *
 * <p>Time is a fixed clock at {@link #NOW}: services heartbeat at {@code NOW} and never go down;
 * the first reports are stamped a second earlier, so that consumption (stamped {@code NOW}) is
 * newer than them, and {@link #reReportAll()} re-sends them stamped {@code NOW}, which replaces
 * every pool state with a fresh one built from the report and drops what decisions consumed
 * (rule HM18).
 *
 * <p>The volume store and the dispatcher are no-ops: they stand for the integrator's database and
 * RPC cast, which are not the scheduler's cost, and volsched's in-memory dispatcher would keep
 * every request of a multi-million-invocation run.
 */
public final class FleetScheduler {
    /** The fixed instant of the benchmarks' clock. */
    public static final Instant NOW = Instant.parse("2026-01-01T00:00:00Z");
    /** When the initial reports were sent. */
    static final Instant FIRST_REPORT = NOW.minusSeconds(1);
    /** The id of the volume every benchmark request creates. */
    public static final String VOLUME_ID = "0b4fd2a6-51c1-4a43-9d0e-6f8c3a1d2b7e";

    private final Fleet fleet;
    private final Scheduler scheduler;

    private FleetScheduler(Fleet fleet, Scheduler scheduler) {
        this.fleet = fleet;
        this.scheduler = scheduler;
    }

    /**
     * Builds a scheduler with volsched's options plus {@code options}, discovering the bundled
     * plug-ins on the class path, and loads the fleet.
     *
     * @param bindings the integrator's bindings beside the benchmarks' no-op store and dispatcher
     *     (a volume look-up, a volume counter, …); may be empty
     */
    public static FleetScheduler start(Fleet fleet, Map<String, Object> options, List<Module> bindings) {
        return start(fleet, options, bindings, null);
    }

    /**
     * As {@link #start(Fleet, Map, List)}, with exactly {@code plugins} instead of the discovered
     * ones when not {@code null}.
     */
    public static FleetScheduler start(Fleet fleet, Map<String, Object> options, List<Module> bindings,
                                       List<SchedulerPlugin> plugins) {
        Objects.requireNonNull(fleet, "fleet");
        Scheduler.Builder builder = Scheduler.builder()
                .config(SchedulerConfig.defaults().with(options))
                .clock(Clock.fixed(NOW, ZoneOffset.UTC))
                .module(binder -> {
                    OptionalBinder.newOptionalBinder(binder, VolumeStore.class).setBinding()
                            .toInstance(NoopIntegration.INSTANCE);
                    OptionalBinder.newOptionalBinder(binder, VolumeDispatcher.class).setBinding()
                            .toInstance(NoopIntegration.INSTANCE);
                });
        for (Module m : bindings) {
            builder.module(m);
        }
        if (plugins != null) {
            builder.plugins(plugins);
        }
        FleetScheduler fs = new FleetScheduler(fleet, builder.build());
        fs.load();
        return fs;
    }

    private void load() {
        HostManager hosts = scheduler.hostManager();
        for (Fleet.Backend b : fleet.backends()) {
            hosts.updateService(new ServiceInfo(b.host(), null, b.zone(), false, false, NOW));
        }
        for (Fleet.Backend b : fleet.backends()) {
            hosts.updateServiceCapabilities("volume", b.host(), null, b.capabilities(), FIRST_REPORT);
        }
        List<PoolState> candidates = hosts.snapshot().pools();
        if (candidates.size() != fleet.poolCount()) {
            throw new IllegalStateException("the host manager offers " + candidates.size() + " candidates for a fleet "
                    + "of " + fleet.poolCount() + " pools");
        }
        for (int i = 0; i < candidates.size(); i++) {
            if (!candidates.get(i).backendId().equals(fleet.poolId(i))) {
                throw new IllegalStateException("candidate " + i + " is " + candidates.get(i).backendId()
                        + ", expected " + fleet.poolId(i));
            }
        }
    }

    /**
     * Every backend reports again (the same capabilities, stamped {@link #NOW}): every pool is back
     * to its reported numbers. The snapshot is rebuilt here, so the next decision does not pay for it.
     */
    public void reReportAll() {
        HostManager hosts = scheduler.hostManager();
        for (Fleet.Backend b : fleet.backends()) {
            hosts.updateServiceCapabilities("volume", b.host(), null, b.capabilities(), NOW);
        }
        hosts.snapshot();
    }

    /**
     * The backends of the pools that decisions consumed from (whose allocated capacity is no longer
     * the reported one) report again, stamped {@link #NOW}: those pools are back to their reported
     * numbers, exactly. The snapshot is rebuilt here when anything was restored. Cheaper than
     * {@link #reReportAll()} for a large fleet: one pass over the candidates, a few reports.
     *
     * @return how many backends reported again
     */
    public int restoreConsumed() {
        HostManager hosts = scheduler.hostManager();
        List<PoolState> candidates = hosts.candidates();
        BitSet consumed = new BitSet(fleet.backends().size());
        for (int i = 0, n = candidates.size(); i < n; i++) {
            if (candidates.get(i).allocatedCapacityGb() != fleet.reportedAllocated(i)) {
                consumed.set(fleet.backendOf(i));
            }
        }
        for (int b = consumed.nextSetBit(0); b >= 0; b = consumed.nextSetBit(b + 1)) {
            reReport(b);
        }
        if (!consumed.isEmpty()) {
            hosts.snapshot();
        }
        return consumed.cardinality();
    }

    /** Backend {@code index} reports again (stamped {@link #NOW}); the snapshot is not rebuilt. */
    public void reReport(int index) {
        Fleet.Backend b = fleet.backends().get(index);
        scheduler.hostManager().updateServiceCapabilities("volume", b.host(), null, b.capabilities(), NOW);
    }

    public Fleet fleet() {
        return fleet;
    }

    public Scheduler scheduler() {
        return scheduler;
    }

    /** Who asks: one project and user, a fixed request id. */
    public static RequestContext requestContext() {
        return new RequestContext("project-bench", "user-bench", "req-bench", false);
    }

    /** The typical request: {@code sizeGb} GB of the {@link Fleet#typicalVolumeType() typical type} in {@link Fleet#REQUEST_ZONE}. */
    public static RequestSpec typicalRequest(int sizeGb) {
        VolumeType type = new VolumeType("5c1e6d0b-4a3f-4f63-8f0a-6f4f3f0d9a11", "standard",
                Fleet.typicalVolumeType(), null, Map.of(), false);
        return RequestSpec.of(VOLUME_ID, sizeGb, Fleet.REQUEST_ZONE, type);
    }

    /** A new, empty filter properties, as a first scheduling attempt arrives with. */
    public static FilterProperties freshProperties() {
        return new FilterProperties();
    }

    /** The candidate names of the pools the fleet model deems eligible, in candidate order. */
    public List<String> eligiblePools() {
        List<String> out = new ArrayList<>();
        for (int i = 0; i < fleet.poolCount(); i++) {
            if (fleet.eligible(i)) {
                out.add(fleet.poolId(i));
            }
        }
        return out;
    }
}
