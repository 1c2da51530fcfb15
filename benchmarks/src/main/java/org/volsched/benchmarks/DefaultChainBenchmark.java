package org.volsched.benchmarks;

import java.util.List;
import java.util.Map;
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
import org.volsched.spi.SchedulerDriver;
import org.volsched.spi.model.DecisionTrace;
import org.volsched.spi.model.Placement;
import org.volsched.spi.model.RequestContext;
import org.volsched.spi.model.RequestSpec;

/**
 * One decision of volsched's default configuration: the filter driver with
 * {@code AvailabilityZoneFilter}, {@code CapacityFilter}, {@code CapabilitiesFilter} and
 * {@code CapacityWeigher}, for the typical request (1 GB of a type with three extra specs in
 * {@link Fleet#REQUEST_ZONE}) over a fleet of {@code pools} pools. One operation is
 * {@code driver.scheduleCreateVolume(...)} with a fresh {@code FilterProperties} and an
 * outcome-only trace: retry bookkeeping, the candidate snapshot, the filters, the weigher, the
 * normalisation, the choice of the top pool and the consumption of 1 GB from it.
 *
 * <p><b>Capacity drift.</b> Every decision consumes 1 GB from the pool it picks, as it must. Over a
 * measurement iteration (a few hundred thousand decisions) that drains at most a few hundred
 * thousand GB from the pools at the top of the ranking, which changes which pool wins but neither
 * the number of eligible pools nor the work per decision. So that every iteration starts from the
 * same fleet, {@link #restoreCapacity()} has the backends that decisions consumed from send their
 * capability reports again before each iteration (Cinder's rule: a report newer than the
 * consumption replaces it) and rebuilds the snapshot, outside the measured time. JMH's
 * {@code -prof gc} does count that setup's allocation (a few reports and one snapshot rebuild)
 * in the iteration: it adds well under 1% to the bytes per decision up to 10,000 pools, a few
 * percent at 100,000.
 *
 * <p>Not final: JMH subclasses state classes.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Fork(value = 1, jvmArgsAppend = {"-Xms4g", "-Xmx4g"})
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
public class DefaultChainBenchmark {
    /** Pools in the fleet. */
    @Param({"100", "1000", "10000", "100000"})
    public int pools;

    private FleetScheduler fleet;
    private SchedulerDriver driver;
    private RequestContext context;
    private RequestSpec spec;

    /** Builds the fleet and the scheduler (volsched's default options). */
    @Setup(Level.Trial)
    public void setUp() {
        fleet = FleetScheduler.start(Fleet.generate(pools, Fleet.SEED, false), Map.of(), List.of());
        driver = fleet.scheduler().driver();
        context = FleetScheduler.requestContext();
        spec = FleetScheduler.typicalRequest(1);
    }

    /** Gives back what the previous iteration consumed (see the class comment). */
    @Setup(Level.Iteration)
    public void restoreCapacity() {
        fleet.restoreConsumed();
    }

    /** One decision. */
    @Benchmark
    public Placement decide() {
        return driver.scheduleCreateVolume(context, spec, FleetScheduler.freshProperties(),
                DecisionTrace.outcomeOnly());
    }

    /** The loaded scheduler, for the sanity test. */
    FleetScheduler fleet() {
        return fleet;
    }
}
