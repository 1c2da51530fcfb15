package org.volsched.benchmarks;

import com.google.inject.Module;
import com.google.inject.multibindings.OptionalBinder;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.volsched.core.memory.InMemoryVolumeCounter;
import org.volsched.core.memory.InMemoryVolumeLookup;
import org.volsched.spi.SchedulerDriver;
import org.volsched.spi.VolumeCounter;
import org.volsched.spi.VolumeLookup;
import org.volsched.spi.model.DecisionTrace;
import org.volsched.spi.model.FilterProperties;
import org.volsched.spi.model.Placement;
import org.volsched.spi.model.RequestContext;
import org.volsched.spi.model.RequestSpec;
import org.volsched.spi.model.RetryState;

/**
 * One decision with every filter and weigher doing per-pool work. Filters, in this order:
 * {@code AvailabilityZoneFilter}, {@code CapacityFilter}, {@code CapabilitiesFilter},
 * {@code DriverFilter} (every backend reports one of three {@code filter_function}s),
 * {@code IgnoreAttemptedHostsFilter}, {@code JsonFilter} (a two-clause {@code query} hint),
 * {@code SameBackendFilter}, {@code DifferentBackendFilter}; weighers {@code CapacityWeigher},
 * {@code AllocatedCapacityWeigher}, {@code VolumeNumberWeigher} (per-backend counts in an in-memory
 * counter) and {@code GoodnessWeigher} (one of three {@code goodness_function}s per backend).
 *
 * <p>The request is a reschedule, the only case in which {@code IgnoreAttemptedHostsFilter} has
 * anything to do: its retry state says one attempt was made and lists two pools in both
 * {@code backends} and {@code hosts}, as Cinder sends it, so the driver also gives back the
 * capacity of the last attempt (a no-op here, as that pool was never consumed, but the look-up is
 * paid). {@code different_host} names four volumes on four fleet pools. {@code same_host} is an
 * empty list: a non-empty one keeps only the few pools that hold its volumes, and the rest of the
 * chain would then weigh a handful of pools whatever the fleet size. {@code InstanceLocalityFilter}
 * is left out for the same reason (it keeps only the pools on the instance's host) and because it
 * needs a Nova look-up.
 *
 * <p>Capacity is restored before each iteration as in {@link DefaultChainBenchmark}.
 *
 * <p>Not final: JMH subclasses state classes.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Fork(value = 1, jvmArgsAppend = {"-Xms4g", "-Xmx4g"})
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
public class FullChainBenchmark {
    /** The filters, in order. */
    static final List<String> FILTERS = List.of("AvailabilityZoneFilter", "CapacityFilter", "CapabilitiesFilter",
            "DriverFilter", "IgnoreAttemptedHostsFilter", "JsonFilter", "SameBackendFilter",
            "DifferentBackendFilter");
    /** The weighers, in order. */
    static final List<String> WEIGHERS = List.of("CapacityWeigher", "AllocatedCapacityWeigher",
            "VolumeNumberWeigher", "GoodnessWeigher");
    /** The {@code query} hint of {@code JsonFilter}. */
    static final String QUERY = "[\"and\", [\">=\", \"$free_capacity_gb\", 200], [\"<=\", \"$reserved_percentage\", 20]]";

    /** Pools in the fleet. */
    @Param({"100", "1000", "10000", "100000"})
    public int pools;

    private FleetScheduler fleet;
    private SchedulerDriver driver;
    private RequestContext context;
    private RequestSpec spec;
    private Map<String, Object> hints;
    private List<String> attempted;
    private List<String> avoided;

    /** Builds the fleet (with filter and goodness functions) and the scheduler with every component. */
    @Setup(Level.Trial)
    public void setUp() {
        Fleet f = Fleet.generate(pools, Fleet.SEED, true);
        SplittableRandom random = new SplittableRandom(Fleet.SEED + 1);
        InMemoryVolumeCounter counter = new InMemoryVolumeCounter();
        for (Fleet.Backend b : f.backends()) {
            counter.setBackend(b.host(), random.nextInt(500));
        }
        InMemoryVolumeLookup lookup = new InMemoryVolumeLookup();
        attempted = new ArrayList<>();
        avoided = new ArrayList<>();
        List<String> differentHost = new ArrayList<>();
        for (int k = 0; k < 6 && k < f.poolCount(); k++) {
            String pool = f.poolId((int) ((long) k * f.poolCount() / 6));
            if (k < 2) {
                attempted.add(pool);
            } else {
                String volumeId = String.format("3f0c9e1a-7b2d-4c55-9a10-%012d", k);
                lookup.put(volumeId, FleetScheduler.requestContext().projectId(), pool, null);
                differentHost.add(volumeId);
                avoided.add(pool);
            }
        }
        Module bindings = binder -> {
            OptionalBinder.newOptionalBinder(binder, VolumeLookup.class).setBinding().toInstance(lookup);
            OptionalBinder.newOptionalBinder(binder, VolumeCounter.class).setBinding().toInstance(counter);
        };
        Map<String, Object> options = Map.of("scheduler_default_filters", FILTERS,
                "scheduler_default_weighers", WEIGHERS);
        fleet = FleetScheduler.start(f, options, List.of(bindings));
        driver = fleet.scheduler().driver();
        context = FleetScheduler.requestContext();
        spec = FleetScheduler.typicalRequest(1);
        Map<String, Object> h = new LinkedHashMap<>();
        h.put("query", QUERY);
        h.put("same_host", List.of());
        h.put("different_host", List.copyOf(differentHost));
        hints = Collections.unmodifiableMap(h);
    }

    /** Gives back what the previous iteration consumed (see {@link DefaultChainBenchmark}). */
    @Setup(Level.Iteration)
    public void restoreCapacity() {
        fleet.restoreConsumed();
    }

    /** The filter properties of a second attempt: hints and a retry state, new for each decision (the driver mutates it). */
    FilterProperties properties() {
        return new FilterProperties()
                .setSchedulerHints(hints, true)
                .setRetry(new RetryState(1, attempted, attempted));
    }

    /** One decision. */
    @Benchmark
    public Placement decide() {
        return driver.scheduleCreateVolume(context, spec, properties(), DecisionTrace.outcomeOnly());
    }

    FleetScheduler fleet() {
        return fleet;
    }

    /** Pools the request rules out by its retry state or its {@code different_host} hint. */
    List<String> excludedPools() {
        List<String> out = new ArrayList<>(attempted);
        out.addAll(avoided);
        return out;
    }
}
