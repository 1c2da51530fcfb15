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
 * Decisions under concurrency, with reports streaming in: does a second deciding thread double the
 * decisions per second? Each JMH group below runs on its own scheduler and fleet, with one paced
 * reporting thread that sends fresh capability reports ({@link FleetScheduler#reportFresh(int)},
 * round robin over the backends) at {@code reportsPerSecond} and sleeps between them, beside one or
 * two deciding threads running default-chain decisions as in {@link DefaultChainBenchmark}.
 *
 * <p>The lines to read (JMH names a group's results {@code group:method}):
 * <table>
 *   <caption>ConcurrentDecisionBenchmark's figures</caption>
 *   <tr><th>line</th><th>mode</th><th>meaning</th></tr>
 *   <tr><td>{@code latencyOneThread:decideOne}</td><td>avgt, µs/op</td><td>decision latency, one
 *   deciding thread</td></tr>
 *   <tr><td>{@code latencyTwoThreads:decideTwo}</td><td>avgt, µs/op</td><td>decision latency of
 *   <i>each</i> of two deciding threads (JMH averages time per operation over the threads running
 *   the method)</td></tr>
 *   <tr><td>{@code rateOneThread:decideOneRate}</td><td>thrpt, ops/s</td><td>decisions per second,
 *   one deciding thread</td></tr>
 *   <tr><td>{@code rateTwoThreads:decideTwoRate}</td><td>thrpt, ops/s</td><td>decisions per second of
 *   both deciding threads together (JMH sums throughput over threads)</td></tr>
 * </table>
 * "2 threads give X× the decisions per second of 1" is {@code rateTwoThreads:decideTwoRate} over
 * {@code rateOneThread:decideOneRate} (the target: at least 1.7× at 10,000 pools). The
 * reporters' lines ({@code report...}) only confirm the pace (about {@code reportsPerSecond}
 * operations per second, or 10<sup>6</sup>/{@code reportsPerSecond} µs per operation, most of it
 * sleep); the groups' own scores mix deciding and reporting and mean nothing. Latency and rate are
 * separate groups (separate runs) because JMH gives one mode and one time unit per group.
 *
 * <p>What it exercises: the host manager's writer lock, taken by every consumption and every
 * report, and whatever a report makes the next decisions do (the first decision after a report
 * re-derives the reported backend's pools). {@code 100} reports per second is about two and a half
 * times what 10,000 pools (about 2,500 backends, one report a minute each) send. On a 2-core
 * machine the two deciders have the cores to themselves only when nothing else runs. Capacity is
 * restored before each iteration as in {@link DefaultChainBenchmark}; the reports also give back
 * what decisions took from their backends.
 *
 * <p>Not final: JMH subclasses state classes.
 */
@State(Scope.Group)
@Fork(value = 1, jvmArgsAppend = {"-Xms4g", "-Xmx4g"})
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
public class ConcurrentDecisionBenchmark {
    /** Pools in the fleet. */
    @Param({"10000"})
    public int pools;

    /** Capability reports per second from the reporting thread. */
    @Param({"100"})
    public int reportsPerSecond;

    private FleetScheduler fleet;
    private SchedulerDriver driver;
    private RequestContext context;
    private RequestSpec spec;
    private long pauseNanos;
    private int nextReport;

    /** Builds the group's fleet and scheduler (volsched's default options) and the copies of the reports. */
    @Setup(Level.Trial)
    public void setUp() {
        if (reportsPerSecond < 0) {
            throw new IllegalArgumentException("reportsPerSecond must be at least 0 (0: no pause), not "
                    + reportsPerSecond);
        }
        fleet = FleetScheduler.start(Fleet.generate(pools, Fleet.SEED, false), Map.of(), List.of());
        fleet.prepareFreshReports();
        driver = fleet.scheduler().driver();
        context = FleetScheduler.requestContext();
        spec = FleetScheduler.typicalRequest(1);
        pauseNanos = reportsPerSecond == 0 ? 0 : TimeUnit.SECONDS.toNanos(1) / reportsPerSecond;
    }

    /** Gives back what the previous iteration consumed. */
    @Setup(Level.Iteration)
    public void restoreCapacity() {
        fleet.restoreConsumed();
    }

    /** One decision, with one deciding thread: its latency. */
    @Benchmark
    @Group("latencyOneThread")
    @GroupThreads(1)
    @BenchmarkMode(Mode.AverageTime)
    @OutputTimeUnit(TimeUnit.MICROSECONDS)
    public Placement decideOne() {
        return decide();
    }

    /** One report, then a pause, beside one deciding thread. */
    @Benchmark
    @Group("latencyOneThread")
    @GroupThreads(1)
    @BenchmarkMode(Mode.AverageTime)
    @OutputTimeUnit(TimeUnit.MICROSECONDS)
    public void reportOne() {
        report();
    }

    /** One decision, on each of two deciding threads: the latency of each. */
    @Benchmark
    @Group("latencyTwoThreads")
    @GroupThreads(2)
    @BenchmarkMode(Mode.AverageTime)
    @OutputTimeUnit(TimeUnit.MICROSECONDS)
    public Placement decideTwo() {
        return decide();
    }

    /** One report, then a pause, beside two deciding threads. */
    @Benchmark
    @Group("latencyTwoThreads")
    @GroupThreads(1)
    @BenchmarkMode(Mode.AverageTime)
    @OutputTimeUnit(TimeUnit.MICROSECONDS)
    public void reportTwo() {
        report();
    }

    /** One decision, with one deciding thread: decisions per second. */
    @Benchmark
    @Group("rateOneThread")
    @GroupThreads(1)
    @BenchmarkMode(Mode.Throughput)
    @OutputTimeUnit(TimeUnit.SECONDS)
    public Placement decideOneRate() {
        return decide();
    }

    /** One report, then a pause, beside one deciding thread. */
    @Benchmark
    @Group("rateOneThread")
    @GroupThreads(1)
    @BenchmarkMode(Mode.Throughput)
    @OutputTimeUnit(TimeUnit.SECONDS)
    public void reportOneRate() {
        report();
    }

    /** One decision, on each of two deciding threads: decisions per second of both together. */
    @Benchmark
    @Group("rateTwoThreads")
    @GroupThreads(2)
    @BenchmarkMode(Mode.Throughput)
    @OutputTimeUnit(TimeUnit.SECONDS)
    public Placement decideTwoRate() {
        return decide();
    }

    /** One report, then a pause, beside two deciding threads. */
    @Benchmark
    @Group("rateTwoThreads")
    @GroupThreads(1)
    @BenchmarkMode(Mode.Throughput)
    @OutputTimeUnit(TimeUnit.SECONDS)
    public void reportTwoRate() {
        report();
    }

    private Placement decide() {
        return driver.scheduleCreateVolume(context, spec, FleetScheduler.freshProperties(),
                DecisionTrace.outcomeOnly());
    }

    /**
     * The next backend's report, then the pause; on the group's one reporting thread (so
     * {@code nextReport} needs no guard).
     */
    private void report() {
        fleet.reportFresh(nextReport);
        nextReport = fleet.nextBackend(nextReport);
        if (pauseNanos > 0) {
            LockSupport.parkNanos(pauseNanos);
        }
    }

    FleetScheduler fleet() {
        return fleet;
    }
}
