package org.volsched.benchmarks;

import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
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
import org.volsched.core.host.HostManager;
import org.volsched.spi.SchedulerDriver;
import org.volsched.spi.model.DecisionTrace;
import org.volsched.spi.model.Placement;
import org.volsched.spi.model.RequestContext;
import org.volsched.spi.model.RequestSpec;

/**
 * How many capability reports per second the scheduler applies while it keeps deciding: can it keep
 * up with a fleet's reports? At one report a minute per backend, 10,000 pools (about 2,500 backends)
 * send about 42 reports a second, 100,000 pools about 420, and a 100,000-backend cloud about 1,700.
 *
 * <p>One group ({@code ingest}) of two threads on one scheduler, in throughput mode:
 * <ul>
 *   <li>{@code ingest:report} (one thread, <b>the figure to read</b>, reports per second): the next
 *   backend of the round robin sends a fresh report ({@link FleetScheduler#reportFresh(int)}: not
 *   the object it sent last, stamped newer than any consumption), then the thread asks for the
 *   current snapshot. A report counts once a snapshot that includes it is published, i.e. once a
 *   decision would see it: the host manager defers a report's work to the next snapshot (it
 *   re-derives the reported backend there), so that work is charged here, not only the queuing.</li>
 *   <li>{@code ingest:decide} (one thread, decisions per second): default-chain decisions as in
 *   {@link DefaultChainBenchmark}, without pause, competing for the host manager with the
 *   reporter. It shows what the reports cost the decisions; a decider that takes the snapshot
 *   first applies the pending reports itself, which the reporter then finds done.</li>
 * </ul>
 * The group's own score ({@code ingest}) is the sum of both and means nothing.
 *
 * <p>Capacity is restored before each iteration as in {@link DefaultChainBenchmark}; the reports
 * also give back what decisions took from their backends.
 *
 * <p>Not final: JMH subclasses state classes.
 */
@State(Scope.Group)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(value = 1, jvmArgsAppend = {"-Xms4g", "-Xmx4g"})
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
public class ReportIngestBenchmark {
    /** Pools in the fleet. */
    @Param({"10000", "100000"})
    public int pools;

    private FleetScheduler fleet;
    private HostManager hosts;
    private SchedulerDriver driver;
    private RequestContext context;
    private RequestSpec spec;
    private int nextReport;

    /** Builds the fleet, the scheduler (volsched's default options) and the copies of the reports. */
    @Setup(Level.Trial)
    public void setUp() {
        fleet = FleetScheduler.start(Fleet.generate(pools, Fleet.SEED, false), Map.of(), List.of());
        fleet.prepareFreshReports();
        hosts = fleet.scheduler().hostManager();
        driver = fleet.scheduler().driver();
        context = FleetScheduler.requestContext();
        spec = FleetScheduler.typicalRequest(1);
    }

    /** Gives back what the previous iteration consumed. */
    @Setup(Level.Iteration)
    public void restoreCapacity() {
        fleet.restoreConsumed();
    }

    /**
     * One report, applied: the next backend reports and the snapshot that includes it is published.
     * On one thread (so {@code nextReport} needs no guard).
     *
     * @return the snapshot, so that JMH keeps the call (as an {@code Object}: only
     *     {@link HostManager#snapshot()} itself is the host manager's API this relies on)
     */
    @Benchmark
    @Group("ingest")
    @GroupThreads(1)
    public Object report() {
        fleet.reportFresh(nextReport);
        nextReport = fleet.nextBackend(nextReport);
        return hosts.snapshot();
    }

    /** One default-chain decision, on the other thread. */
    @Benchmark
    @Group("ingest")
    @GroupThreads(1)
    public Placement decide() {
        return driver.scheduleCreateVolume(context, spec, FleetScheduler.freshProperties(),
                DecisionTrace.outcomeOnly());
    }

    FleetScheduler fleet() {
        return fleet;
    }
}
