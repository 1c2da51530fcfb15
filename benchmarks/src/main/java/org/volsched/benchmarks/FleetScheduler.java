package org.volsched.benchmarks;

import org.volsched.core.time.SteppingClock;
import com.google.inject.Module;
import com.google.inject.multibindings.OptionalBinder;
import java.time.Instant;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.LinkedHashMap;
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
 * <p>Time is a {@link SteppingClock} that starts at {@link #NOW} and moves one nanosecond forward
 * for each report sent after the initial load, and only then: services heartbeat at {@code NOW}
 * and never go down; the first reports are stamped a second earlier, so that consumption (stamped
 * with the clock's time) is newer than them; every later report ({@link #reReport(int)},
 * {@link #reReportAll()}, {@link #restoreConsumed()}, {@link #reportFresh(int)}) is stamped with
 * a new tick, strictly newer than every consumption before it, so it replaces the pool states with
 * fresh ones built from the report and drops what decisions consumed (rule HM18).
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
    private final SteppingClock clock;
    /** Two deep copies of each backend's report, sent alternately by {@link #reportFresh(int)}; null until prepared. */
    private List<Map<String, Object>>[] freshReports;
    /** Which of its two copies each backend sent last through {@link #reportFresh(int)}. */
    private boolean[] sentSecondCopy;

    private FleetScheduler(Fleet fleet, Scheduler scheduler, SteppingClock clock) {
        this.fleet = fleet;
        this.scheduler = scheduler;
        this.clock = clock;
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
        SteppingClock clock = new SteppingClock(NOW);
        Scheduler.Builder builder = Scheduler.builder()
                .config(SchedulerConfig.defaults().with(options))
                .clock(clock)
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
        FleetScheduler fs = new FleetScheduler(fleet, builder.build(), clock);
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
     * Every backend reports again (the same capabilities, each stamped with a new tick): every pool
     * is back to its reported numbers. The snapshot is rebuilt here, so the next decision does not
     * pay for it.
     */
    public void reReportAll() {
        HostManager hosts = scheduler.hostManager();
        for (Fleet.Backend b : fleet.backends()) {
            hosts.updateServiceCapabilities("volume", b.host(), null, b.capabilities(), clock.tick());
        }
        hosts.snapshot();
    }

    /**
     * The backends of the pools that decisions consumed from (whose allocated capacity is no longer
     * the reported one) report again, stamped newer than the consumptions: those pools are back to their reported
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

    /**
     * Backend {@code index} reports again, the same capabilities object as before (stamped with a new
     * tick); the snapshot is not rebuilt.
     */
    public void reReport(int index) {
        Fleet.Backend b = fleet.backends().get(index);
        scheduler.hostManager().updateServiceCapabilities("volume", b.host(), null, b.capabilities(), clock.tick());
    }

    /**
     * Makes two deep copies of every backend's report (maps and lists copied, the immutable values
     * shared) for {@link #reportFresh(int)}. Call it in a benchmark's set-up: it takes about twice
     * the memory of the fleet's reports, and keeps the copying out of the measured time.
     */
    public void prepareFreshReports() {
        prepareFreshReports(false);
    }

    /**
     * As {@link #prepareFreshReports()}; with {@code changingNumbers}, the second copy of every
     * pool's report has 1 GB more allocated and 1 GB less free (where they are numbers), so each
     * report of a backend differs from its previous one as a busy backend's does, and none of its
     * pools repeats its last report.
     */
    public void prepareFreshReports(boolean changingNumbers) {
        int n = fleet.backends().size();
        @SuppressWarnings("unchecked")
        List<Map<String, Object>>[] copies = new List[2];
        for (int c = 0; c < 2; c++) {
            List<Map<String, Object>> reports = new ArrayList<>(n);
            for (Fleet.Backend b : fleet.backends()) {
                Map<String, Object> copy = deepCopy(b.capabilities());
                if (changingNumbers && c == 1) {
                    shiftNumbers(copy);
                }
                reports.add(copy);
            }
            copies[c] = reports;
        }
        sentSecondCopy = new boolean[n];
        freshReports = copies;
    }

    /**
     * Backend {@code index} reports again as a real backend does: a capabilities object other than
     * the one it sent last (one of the two copies made by {@link #prepareFreshReports()}, used in
     * turn, so a host manager cannot recognise the report by identity), stamped with a new tick, so
     * that it is newer than any consumption. The snapshot is not rebuilt. One reporting thread at a
     * time.
     *
     * @throws IllegalStateException before {@link #prepareFreshReports()}
     */
    public void reportFresh(int index) {
        List<Map<String, Object>>[] copies = freshReports;
        if (copies == null) {
            throw new IllegalStateException("reportFresh(" + index + ") before prepareFreshReports(): the copies "
                    + "of the reports are made in the benchmark's set-up, outside the measured time");
        }
        boolean second = !sentSecondCopy[index];
        sentSecondCopy[index] = second;
        Fleet.Backend b = fleet.backends().get(index);
        scheduler.hostManager().updateServiceCapabilities("volume", b.host(), null,
                copies[second ? 1 : 0].get(index), clock.tick());
    }

    @SuppressWarnings("unchecked")
    private static void shiftNumbers(Map<String, Object> capabilities) {
        List<Map<String, Object>> pools = capabilities.get("pools") instanceof List<?> l
                ? (List<Map<String, Object>>) l : List.of(capabilities);
        for (Map<String, Object> pool : pools) {
            if (pool.get("allocated_capacity_gb") instanceof Number a) {
                pool.put("allocated_capacity_gb", a.longValue() + 1);
            }
            if (pool.get("free_capacity_gb") instanceof Number f) {
                pool.put("free_capacity_gb", f instanceof Long ? (Object) (f.longValue() - 1) : (Object) (f.doubleValue() - 1));
            }
        }
    }

    /** The backend after {@code index} in the round robin over the fleet's backends. */
    public int nextBackend(int index) {
        return index + 1 == fleet.backends().size() ? 0 : index + 1;
    }

    /** A copy of {@code value} in which every map and list is new; other values are shared. */
    @SuppressWarnings("unchecked")
    static <T> T deepCopy(T value) {
        if (value instanceof Map<?, ?> map) {
            Map<Object, Object> copy = new LinkedHashMap<>();
            map.forEach((k, v) -> copy.put(k, deepCopy(v)));
            return (T) copy;
        }
        if (value instanceof List<?> list) {
            List<Object> copy = new ArrayList<>(list.size());
            for (Object v : list) {
                copy.add(deepCopy(v));
            }
            return (T) copy;
        }
        return value;
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
