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
import org.volsched.core.bootstrap.Scheduler;
import org.volsched.spi.model.DecisionTrace;
import org.volsched.spi.model.RequestContext;
import org.volsched.spi.model.RequestSpec;
import org.volsched.spi.model.Volume;

/**
 * The create-volume entrypoint flow's own overhead: {@code Scheduler.createVolume} end to end
 * (loading the flow over a fresh store, {@code ExtractSchedulerSpecTask} with a request spec
 * given, {@code ScheduleCreateVolumeTask}, the listeners, the results) with a driver that does
 * nothing ({@link NoopDriverPlugin}, the only plug-in of this scheduler). Subtract it from a
 * decision through the flow to get the decision.
 *
 * <p>The fleet is loaded like everywhere else, for uniformity, but the no-op driver never looks at
 * it: the {@code pools} parameter does not change the work, and the run script measures one size.
 *
 * <p>Not final: JMH subclasses state classes.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Fork(value = 1, jvmArgsAppend = {"-Xms4g", "-Xmx4g"})
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
public class EntrypointFlowBenchmark {
    /** Pools in the fleet (ignored by the no-op driver; kept for uniformity). */
    @Param({"100", "1000", "10000", "100000"})
    public int pools;

    private Scheduler scheduler;
    private RequestContext context;
    private RequestSpec spec;
    private Volume volume;

    /** A scheduler whose only plug-in is the no-op driver, with the fleet loaded. */
    @Setup(Level.Trial)
    public void setUp() {
        FleetScheduler fleet = FleetScheduler.start(Fleet.generate(pools, Fleet.SEED, false),
                // No filters: the only plug-in provides none, and a configured filter no plug-in
                // provides would fail every request (rule HM6), whichever the driver.
                Map.of("scheduler_driver", NoopDriverPlugin.DRIVER, "scheduler_default_filters", List.of()),
                List.of(), List.of(new NoopDriverPlugin()));
        scheduler = fleet.scheduler();
        context = FleetScheduler.requestContext();
        spec = FleetScheduler.typicalRequest(1);
        volume = new Volume(spec.volumeId(), 1L, Fleet.REQUEST_ZONE, spec.volumeType().id(), spec.volumeType(),
                context.projectId(), context.userId());
    }

    /** One request through the flow. */
    @Benchmark
    public DecisionTrace createVolume() {
        return scheduler.createVolume(context, spec, FleetScheduler.freshProperties(), volume, null, null, null,
                DecisionTrace.outcomeOnly());
    }

    Scheduler scheduler() {
        return scheduler;
    }
}
