package org.volsched.benchmarks;

import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Group;
import org.openjdk.jmh.annotations.GroupThreads;
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
 * Decisions under concurrency: two threads run default-chain decisions ({@code mixed:decide}, the
 * figure to read) on one scheduler while a third thread ({@code mixed:report}) streams capability
 * reports in, one backend after the other, at {@code reportsPerSecond}. The reporter sleeps
 * between reports, so the two deciders have the machine's two cores to themselves; the group's
 * combined score mixes both methods and means nothing.
 *
 * <p>What it exercises: the host manager's one writer lock, taken by every consumption and every
 * report; and snapshot invalidation, since a report makes the next decision rebuild the candidate
 * snapshot. {@code 100} reports per second is about two and a half times what 10,000 pools
 * (about 2,500 backends, one report a minute each) send. Capacity is restored before each
 * iteration as in {@link DefaultChainBenchmark}; the reports also give back what decisions took
 * from the backends they come from.
 *
 * <p>Not final: JMH subclasses state classes.
 */
@State(Scope.Group)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Fork(value = 1, jvmArgsAppend = {"-Xms4g", "-Xmx4g"})
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
public class ConcurrentDecisionBenchmark {
    /** Pools in the fleet. */
    @Param({"100", "1000", "10000", "100000"})
    public int pools;

    /** Capability reports per second from the reporting thread. */
    @Param({"100"})
    public int reportsPerSecond;

    private FleetScheduler fleet;
    private SchedulerDriver driver;
    private RequestContext context;
    private RequestSpec spec;
    private long pauseNanos;
    private int backends;
    private int nextReport;

    /** Builds the fleet and the scheduler (volsched's default options). */
    @Setup(Level.Trial)
    public void setUp() {
        fleet = FleetScheduler.start(Fleet.generate(pools, Fleet.SEED, false), Map.of(), List.of());
        driver = fleet.scheduler().driver();
        context = FleetScheduler.requestContext();
        spec = FleetScheduler.typicalRequest(1);
        pauseNanos = reportsPerSecond <= 0 ? 0 : TimeUnit.SECONDS.toNanos(1) / reportsPerSecond;
        backends = fleet.fleet().backends().size();
    }

    /** Gives back what the previous iteration consumed. */
    @Setup(Level.Iteration)
    public void restoreCapacity() {
        fleet.restoreConsumed();
    }

    /** One decision, on each of two threads. */
    @Benchmark
    @Group("mixed")
    @GroupThreads(2)
    public Placement decide() {
        return driver.scheduleCreateVolume(context, spec, FleetScheduler.freshProperties(),
                DecisionTrace.outcomeOnly());
    }

    /** One capability report, then a pause; on one thread (so {@code nextReport} needs no guard). */
    @Benchmark
    @Group("mixed")
    @GroupThreads(1)
    public void report() {
        fleet.reReport(nextReport);
        nextReport = nextReport + 1 == backends ? 0 : nextReport + 1;
        if (pauseNanos > 0) {
            LockSupport.parkNanos(pauseNanos);
        }
    }

    FleetScheduler fleet() {
        return fleet;
    }
}
