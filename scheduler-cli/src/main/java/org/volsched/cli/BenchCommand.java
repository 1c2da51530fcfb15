package org.volsched.cli;

import org.volsched.core.time.SteppingClock;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.PrintWriter;
import java.lang.management.CompilationMXBean;
import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import org.HdrHistogram.Histogram;
import org.volsched.cli.scenario.DecisionJson;
import org.volsched.cli.scenario.Scenario;
import org.volsched.cli.scenario.ScenarioException;
import org.volsched.cli.scenario.ScenarioParser;
import org.volsched.cli.scenario.ScenarioRunner;
import org.volsched.core.config.SchedulerConfig;
import org.volsched.core.host.HostManager;
import org.volsched.core.memory.InMemoryVolumeDispatcher;
import org.volsched.spi.InvalidConfiguration;
import org.volsched.spi.SchedulerDriver;
import org.volsched.spi.VolumeDispatcher;
import org.volsched.spi.model.DecisionTrace;
import org.volsched.spi.model.FilterProperties;
import org.volsched.spi.model.Placement;
import org.volsched.spi.model.PoolState;
import org.volsched.spi.model.RequestContext;
import org.volsched.spi.model.RequestSpec;
import org.volsched.spi.model.RetryState;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code volsched bench}: times many decisions of one scenario's request over its fleet, in one
 * process, and prints the median, the 99th percentile, the maximum and the rate; with
 * {@code --reports-per-decision R}, on a live fleet: R capability reports arrive before each
 * decision.
 *
 * <p>How: the scenario is prepared as {@code volsched schedule} prepares it, and its request runs
 * once through the entrypoint flow. That first run yields the request as the driver receives it
 * (the request spec and filter properties the flow handed on to the dispatcher). Each timed
 * decision then calls the driver directly with that request spec (immutable) and a fresh copy of
 * the filter properties (the driver mutates them: retry count and tried backends), with an
 * outcome-only trace. A request that fails (no valid backend) consumes nothing; it is timed through
 * the whole entrypoint flow, since no request reached the dispatcher.
 *
 * <p><b>Reports.</b> Before each decision, {@code R} backends (round robin over the scenario's
 * backends that have capabilities, in the scenario's order) send their scenario report again
 * through {@link HostManager#updateServiceCapabilities}, stamped with the scheduler's current
 * time. The scheduler's clock is a {@link SteppingClock} that starts at {@link ScenarioRunner#NOW}
 * and moves one nanosecond per report, so every report is strictly newer than every consumption
 * before it and replaces it (rule HM18). The reports are timed together with the decision that
 * follows them (the decision figures, so whatever the host manager defers from a report to the
 * next decision, a snapshot rebuild for instance, is counted once) and on their own (the report
 * figures: the {@code R} calls of one decision together).
 *
 * <p><b>Give-back.</b> Between decisions, outside the timing, the chosen pool's backend reports its
 * capabilities again (stamped likewise), which restores exactly the reported numbers, and the
 * candidate snapshot is rebuilt: every decision sees the same fleet.
 *
 * <p><b>Warm-up.</b> Untimed decisions (with their reports) run first until both {@code --warmup}
 * decisions and {@code --warmup-seconds} have passed, and then, unless {@code --warmup-seconds} is
 * 0, until the JIT has compiled nothing for a second (at most 30 s more), so that the figures are
 * those of the compiled hot path.
 *
 * <p><b>Several R.</b> {@code --reports-per-decision 0,1,10} measures each R in the same process,
 * the decisions alternating between them in blocks of {@link #BLOCK} (the warm-up too), so that
 * their ratio is free of what differs from one JVM to the next (on a small VM a process can settle
 * 1.5-3× slower than the next, with the same inputs) and of drifts in the machine's load.
 *
 * <p>Latencies are recorded in HdrHistograms (nanoseconds, three significant digits), so a
 * percentile is exact to 0.1%. The rate is the number of timed decisions over their summed
 * durations, reports included; {@code selected} is the last decision's choice.
 *
 * <p>This is a quick in-process figure; the JMH benchmarks of the {@code benchmarks} module are
 * the careful measurement.
 */
@Command(name = "bench", mixinStandardHelpOptions = true,
        description = {"Times decisions of a scenario's request over its fleet and prints the median, the 99th "
                + "percentile, the maximum and decisions per second.",
            "Capacity is not consumed between decisions: each one sees the scenario's fleet as reported. With "
                + "--reports-per-decision R, R backends report again before each decision (timed with it)."},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:the request was placed",
            "1:the request is a scheduling failure (its decisions are still timed)",
            "2:the scenario could not be read or its configuration is invalid (an unknown driver, filter or weigher "
                + "included), an option is wrong or a --plugin-path directory is unusable (a message on standard "
                + "error)",
            Main.EXIT_INTERNAL})
final class BenchCommand implements Callable<Integer> {
    @Parameters(paramLabel = "FILE", description = "A scenario file (NAME.scenario.json).")
    Path file;

    @Option(names = "--decisions", paramLabel = "N", defaultValue = "1000",
            description = "Decisions to time (default: ${DEFAULT-VALUE}).")
    int decisions;

    @Option(names = "--warmup", paramLabel = "N", defaultValue = "2000",
            description = "Untimed decisions to run first, so that the JIT compiles the hot path (default: "
                    + "${DEFAULT-VALUE}); the warm-up lasts until both this count and --warmup-seconds are reached.")
    int warmup;

    @Option(names = "--warmup-seconds", paramLabel = "S", defaultValue = "3",
            description = "Seconds of untimed decisions to run first, at least (default: ${DEFAULT-VALUE}; may be "
                    + "a decimal number). After them the warm-up goes on until the JIT has compiled nothing for 1 s "
                    + "(at most 30 s more); 0 for no time-based warm-up at all.")
    double warmupSeconds;

    @Option(names = "--reports-per-decision", paramLabel = "R", defaultValue = "0", split = ",",
            description = "Capability reports before each decision, timed with it and on their own: R backends, "
                    + "round robin over the scenario's backends with capabilities, report again (default: "
                    + "${DEFAULT-VALUE}, a frozen fleet). Several values, such as 0,1,10, are measured in the same "
                    + "process, alternating in blocks of " + BLOCK + " decisions, and compared.")
    List<Integer> reportsPerDecision;

    /** Decisions in a row with one R when several are measured. */
    static final int BLOCK = 50;

    @Option(names = "--json", description = "Print one JSON line: median_us, p99_us, decisions_per_s, selected "
            + "(the last decision's backend, null when it failed), max_us, reports_per_decision, report_median_us "
            + "and report_p99_us (0 when no reports are sent).")
    boolean json;

    @Mixin
    PluginPathOption plugins = new PluginPathOption();

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        List<String> wrong = optionProblems();
        if (!wrong.isEmpty()) {
            wrong.forEach(w -> err.println("volsched: bench: " + w));
            err.flush();
            return Main.BAD_INPUT;
        }
        Scenario scenario;
        try {
            scenario = ScenarioParser.read(file);
        } catch (ScenarioException e) {
            e.problems().forEach(p -> err.println("volsched: " + p));
            return Main.BAD_INPUT;
        }
        scenario.warnings().forEach(w -> err.println("volsched: warning: " + w));
        int most = reportsPerDecision.stream().mapToInt(Integer::intValue).max().orElse(0);
        if (most > 0 && Bench.reporters(scenario).isEmpty()) {
            err.println("volsched: bench: --reports-per-decision " + most + ": " + file
                    + " has no backend with capabilities to report again; use --reports-per-decision 0");
            return Main.BAD_INPUT;
        }
        try (Session session = Session.open(null, plugins)) {
            String source = file.toString();
            List<String> problems = new ArrayList<>();
            try {
                SchedulerConfig config = session.configFor(scenario, source);
                problems.addAll(session.unknownComponents(scenario, source, config));
            } catch (InvalidConfiguration e) {
                problems.addAll(e.problems());
            }
            Bench bench = null;
            if (problems.isEmpty()) {
                try {
                    bench = Bench.prepare(session.runner(), scenario);
                } catch (InvalidConfiguration e) {
                    e.problems().forEach(p -> problems.add(session.locate(p, source)));
                } catch (ScenarioRunner.StartupRefused e) {
                    problems.add(session.startupProblem(e, session.configFor(scenario, source), source));
                }
            }
            if (bench == null) {
                problems.forEach(p -> err.println("volsched: " + p));
                return Main.BAD_INPUT;
            }
            return time(scenario, bench, out, err);
        } finally {
            out.flush();
            err.flush();
        }
    }

    /** Warms up, times the decisions (for each R, alternating) and prints the figures. */
    private int time(Scenario scenario, Bench bench, PrintWriter out, PrintWriter err) {
        if (bench.failure != null) {
            err.println("volsched: the request fails (" + DecisionJson.errorType(bench.failure) + ": "
                    + bench.failure.getMessage() + "); timing the failing decision through the entrypoint flow");
        }
        int kinds = reportsPerDecision.size();
        long warmupStart = System.nanoTime();
        long warmupNanos = (long) (warmupSeconds * 1e9);
        long warmed = 0;
        while (warmed < warmup || System.nanoTime() - warmupStart < warmupNanos) {
            bench.reportsPerDecision = reportsPerDecision.get((int) (warmed / BLOCK % kinds));
            bench.decide();
            warmed++;
        }
        JitWatch jit = warmupNanos > 0 ? JitWatch.start() : null;
        while (jit != null && !jit.quiet() && System.nanoTime() - warmupStart < warmupNanos + JitWatch.MAX_EXTRA_NANOS) {
            bench.reportsPerDecision = reportsPerDecision.get((int) (warmed / BLOCK % kinds));
            bench.decide();
            warmed++;
        }
        double warmedSeconds = (System.nanoTime() - warmupStart) / 1e9;
        Histogram[] decisionNanos = new Histogram[kinds];
        Histogram[] reportNanos = new Histogram[kinds];
        long[] total = new long[kinds];
        String[] selected = new String[kinds];
        for (int k = 0; k < kinds; k++) {
            decisionNanos[k] = new Histogram(3);
            reportNanos[k] = new Histogram(3);
        }
        int block = kinds == 1 ? decisions : BLOCK;
        for (int start = 0; start < decisions; start += block) {
            int count = Math.min(block, decisions - start);
            for (int k = 0; k < kinds; k++) {
                bench.reportsPerDecision = reportsPerDecision.get(k);
                for (int i = 0; i < count; i++) {
                    long elapsed = bench.decide();
                    decisionNanos[k].recordValue(elapsed);
                    total[k] += elapsed;
                    if (bench.reportsPerDecision > 0) {
                        reportNanos[k].recordValue(bench.lastReportNanos);
                    }
                }
                selected[k] = bench.selected;
            }
        }
        Result[] results = new Result[kinds];
        for (int k = 0; k < kinds; k++) {
            results[k] = Result.of(decisionNanos[k], total[k], reportsPerDecision.get(k) > 0 ? reportNanos[k] : null,
                    selected[k]);
        }
        if (json) {
            for (int k = 0; k < kinds; k++) {
                Result r = results[k];
                ObjectNode node = DecisionJson.mapper().createObjectNode();
                node.put("median_us", r.medianMicros);
                node.put("p99_us", r.p99Micros);
                node.put("decisions_per_s", r.perSecond);
                if (r.selected == null) {
                    node.putNull("selected");
                } else {
                    node.put("selected", r.selected);
                }
                node.put("max_us", r.maxMicros);
                node.put("reports_per_decision", reportsPerDecision.get(k));
                node.put("report_median_us", r.reportMedianMicros);
                node.put("report_p99_us", r.reportP99Micros);
                out.println(node.toString());
            }
        } else {
            out.printf(Locale.ROOT, "scenario:  %s (%d candidates)%n", scenario.name(), bench.candidates);
            String how = bench.failure == null ? "driver only, capacity restored between decisions"
                    : "whole entrypoint flow (the request fails)";
            if (kinds == 1) {
                out.printf(Locale.ROOT, "decisions: %d timed after %d warm-up in %.1f s, %s%n", decisions, warmed,
                        warmedSeconds, how);
            } else {
                out.printf(Locale.ROOT, "decisions: %d timed for each R, the R values alternating in blocks of %d, "
                        + "after %d warm-up in %.1f s, %s%n", decisions, BLOCK, warmed, warmedSeconds, how);
            }
            for (int k = 0; k < kinds; k++) {
                print(out, results[k], reportsPerDecision.get(k), bench, kinds > 1);
            }
            int frozen = reportsPerDecision.indexOf(0);
            int base = frozen >= 0 ? frozen : 0;
            for (int k = 0; k < kinds && kinds > 1; k++) {
                if (k != base) {
                    out.printf(Locale.ROOT, "R = %d over R = %d: %.2fx (median), %.2fx (p99)%n", reportsPerDecision.get(k),
                            reportsPerDecision.get(base), results[k].medianMicros / results[base].medianMicros,
                            results[k].p99Micros / results[base].p99Micros);
                }
            }
        }
        out.flush();
        return selected[kinds - 1] != null ? Main.OK : Main.SCHEDULING_FAILURE;
    }

    /** One R's figures as text; {@code several}: headed by the R, as one of several. */
    private static void print(PrintWriter out, Result r, int reports, Bench bench, boolean several) {
        if (several) {
            out.printf(Locale.ROOT, "%n-- R = %d%n", reports);
        }
        if (reports > 0) {
            out.printf(Locale.ROOT, "reports:   %d before each decision, round robin over %s, timed with the "
                    + "decision%n", reports, plural(bench.reporters.size(), "backend"));
        } else {
            out.printf(Locale.ROOT, "reports:   none between decisions (a frozen fleet)%n");
        }
        out.printf(Locale.ROOT, "selected:  %s%n", r.selected == null ? "none" : r.selected);
        if (bench.distinct.size() > 1) {
            out.printf(Locale.ROOT, "           (the last decision's choice; %d different backends were chosen)%n",
                    bench.distinct.size());
        }
        out.printf(Locale.ROOT, "median:    %.2f us%n", r.medianMicros);
        out.printf(Locale.ROOT, "p99:       %.2f us%n", r.p99Micros);
        out.printf(Locale.ROOT, "max:       %.2f us%n", r.maxMicros);
        out.printf(Locale.ROOT, "rate:      %.0f decisions/s%n", r.perSecond);
        if (reports > 0) {
            out.printf(Locale.ROOT, "report median: %.2f us (%s)%n", r.reportMedianMicros,
                    reports == 1 ? "one report" : "the " + reports + " reports of one decision together");
            out.printf(Locale.ROOT, "report p99:    %.2f us%n", r.reportP99Micros);
        }
    }

    private static String plural(int n, String noun) {
        return n + " " + noun + (n == 1 ? "" : "s");
    }

    /** What is wrong with the options, one message each (each names the option, the value and what is allowed). */
    private List<String> optionProblems() {
        List<String> problems = new ArrayList<>();
        if (decisions < 1) {
            problems.add("--decisions must be at least 1 (got " + decisions + ")");
        }
        if (warmup < 0) {
            problems.add("--warmup must be at least 0 decisions (got " + warmup + ")");
        }
        if (!Double.isFinite(warmupSeconds) || warmupSeconds < 0) {
            problems.add("--warmup-seconds must be a number of seconds of at least 0, such as 3 or 0.5 (got "
                    + warmupSeconds + ")");
        }
        Set<Integer> seen = new LinkedHashSet<>();
        for (int r : reportsPerDecision) {
            if (r < 0) {
                problems.add("--reports-per-decision must be at least 0 (got " + r + "); 0 means no "
                        + "reports between decisions");
            } else if (!seen.add(r)) {
                problems.add("--reports-per-decision names " + r + " twice; give each number of reports once, "
                        + "such as 0,1,10");
            }
        }
        return problems;
    }

    /**
     * The timing figures, in microseconds rounded to the nanosecond.
     *
     * @param reportMedianMicros the median of one decision's reports together; 0 when none are sent
     */
    record Result(double medianMicros, double p99Micros, double maxMicros, double perSecond, String selected,
                  double reportMedianMicros, double reportP99Micros) {
        /**
         * @param decisions each timed decision with its reports, in nanoseconds
         * @param totalNanos the sum of those durations
         * @param reports the reports of each timed decision, in nanoseconds; {@code null} when none were sent
         */
        static Result of(Histogram decisions, long totalNanos, Histogram reports, String selected) {
            long n = decisions.getTotalCount();
            double perSecond = totalNanos == 0 ? 0 : n / (totalNanos / 1e9);
            return new Result(micros(decisions.getValueAtPercentile(50)), micros(decisions.getValueAtPercentile(99)),
                    micros(decisions.getMaxValue()), Math.round(perSecond * 10) / 10.0, selected,
                    reports == null ? 0 : micros(reports.getValueAtPercentile(50)),
                    reports == null ? 0 : micros(reports.getValueAtPercentile(99)));
        }

        private static double micros(long nanos) {
            return nanos / 1000.0;
        }
    }

    /**
     * Whether the JIT is still compiling. On a machine with few cores, the C2 compiler thread shares
     * the cores with the decisions and the hot path can run in C1's slower code for seconds after
     * the minimum warm-up (docs/benchmarks.md, "The slow start"); the warm-up then goes on until
     * the JIT has compiled nothing for {@link #QUIET_NANOS}, at most {@link #MAX_EXTRA_NANOS} more.
     */
    private static final class JitWatch {
        static final long QUIET_NANOS = 1_000_000_000L;
        static final long MAX_EXTRA_NANOS = 30_000_000_000L;
        private final CompilationMXBean bean;
        private long lastTotalMillis;
        private long lastChange;

        private JitWatch(CompilationMXBean bean) {
            this.bean = bean;
            this.lastTotalMillis = bean.getTotalCompilationTime();
            this.lastChange = System.nanoTime();
        }

        /** {@code null} when the JVM does not report its compilation time (then only the minimum applies). */
        static JitWatch start() {
            CompilationMXBean bean = ManagementFactory.getCompilationMXBean();
            return bean != null && bean.isCompilationTimeMonitoringSupported() ? new JitWatch(bean) : null;
        }

        boolean quiet() {
            long total = bean.getTotalCompilationTime();
            long now = System.nanoTime();
            if (total != lastTotalMillis) {
                lastTotalMillis = total;
                lastChange = now;
                return false;
            }
            return now - lastChange >= QUIET_NANOS;
        }
    }

    /** A prepared scenario and its request as the driver receives it. */
    private static final class Bench {
        private final Scenario scenario;
        private final ScenarioRunner.Prepared prepared;
        private final HostManager hosts;
        private final SchedulerDriver driver;
        private final InMemoryVolumeDispatcher dispatcher;
        private final int candidates;
        private final SteppingClock clock;
        private final List<Scenario.Backend> reporters;
        /** The reporting backend of each backend key (the last one, as the scenario loads them). */
        private final Map<String, Scenario.Backend> reporterByKey = new HashMap<>();
        /** Reports before each decision; the command sets it before each block of decisions. */
        int reportsPerDecision;
        private int nextReporter;
        /** How long the reports before the last decision took, in nanoseconds. */
        private long lastReportNanos;
        private RequestContext context;
        private RequestSpec requestSpec;
        private FilterProperties template;
        private RuntimeException failure;
        private String selected;
        private final Set<String> distinct = new LinkedHashSet<>();

        private Bench(ScenarioRunner runner, Scenario scenario, SteppingClock clock) {
            this.scenario = scenario;
            this.clock = clock;
            this.prepared = runner.prepare(scenario, clock);
            this.reporters = reporters(scenario);
            for (Scenario.Backend b : reporters) {
                reporterByKey.put(b.clusterName() != null && !b.clusterName().isEmpty() ? b.clusterName() : b.host(), b);
            }
            this.hosts = prepared.scheduler().hostManager();
            this.driver = prepared.scheduler().driver();
            VolumeDispatcher d = prepared.scheduler().injector().getInstance(VolumeDispatcher.class);
            this.dispatcher = d instanceof InMemoryVolumeDispatcher m ? m : null;
            this.candidates = hosts.candidates().size();
        }

        /**
         * Loads the scenario into a scheduler whose clock starts at {@link ScenarioRunner#NOW} and
         * runs the request once.
         */
        static Bench prepare(ScenarioRunner runner, Scenario scenario) {
            Bench b = new Bench(runner, scenario, new SteppingClock(ScenarioRunner.NOW));
            b.firstDecision();
            return b;
        }

        /** The backends that report before decisions: those with capabilities, in the scenario's order. */
        static List<Scenario.Backend> reporters(Scenario scenario) {
            List<Scenario.Backend> out = new ArrayList<>();
            for (Scenario.Backend b : scenario.backends()) {
                if (b.capabilities() != null) {
                    out.add(b);
                }
            }
            return out;
        }

        /**
         * The next {@code reportsPerDecision} backends of the round robin report again, each stamped
         * newer than anything before it.
         */
        private void report() {
            for (int i = 0; i < reportsPerDecision; i++) {
                Scenario.Backend b = reporters.get(nextReporter);
                nextReporter = nextReporter + 1 == reporters.size() ? 0 : nextReporter + 1;
                hosts.updateServiceCapabilities("volume", b.host(), b.clusterName(), b.capabilities(), clock.tick());
            }
        }

        /** Runs the request once through the flow and keeps what the driver received. */
        private void firstDecision() {
            DecisionTrace trace = prepared.decide(false);
            failure = trace.failure();
            record(trace.selected());
            List<InMemoryVolumeDispatcher.Dispatch> sent = dispatcher == null ? List.of() : dispatcher.dispatched();
            if (failure == null && !sent.isEmpty()) {
                InMemoryVolumeDispatcher.Dispatch first = sent.get(0);
                context = first.context();
                requestSpec = first.requestSpec();
                template = first.filterProperties();
            }
            clearDispatches();
        }

        /**
         * The reports, then one decision; returns their duration together in nanoseconds and keeps
         * the reports' own in {@link #lastReportNanos}.
         */
        long decide() {
            if (requestSpec == null) {
                long start = System.nanoTime();
                report();
                lastReportNanos = System.nanoTime() - start;
                DecisionTrace trace = prepared.decide(false);
                long elapsed = System.nanoTime() - start;
                record(trace.selected());
                clearDispatches();
                return elapsed;
            }
            FilterProperties props = freshProperties();
            DecisionTrace trace = DecisionTrace.outcomeOnly();
            long start = System.nanoTime();
            report();
            lastReportNanos = System.nanoTime() - start;
            Placement placement;
            try {
                placement = driver.scheduleCreateVolume(context, requestSpec, props, trace);
            } catch (RuntimeException e) {
                placement = null;
            }
            long elapsed = System.nanoTime() - start;
            record(placement);
            clearDispatches();
            return elapsed;
        }

        /** Keeps the decision's choice and gives back what it consumed. */
        private void record(Placement placement) {
            selected = placement == null ? null : placement.backend();
            if (placement != null) {
                distinct.add(selected);
                giveBack(placement);
            }
        }

        /** A new filter properties with what the request carried (the driver sets the rest). */
        private FilterProperties freshProperties() {
            FilterProperties p = new FilterProperties()
                    .setSchedulerHints(template.schedulerHints(), template.schedulerHintsPresent())
                    .setIgnoreHosts(template.ignoreHosts())
                    .setVolExistsOn(template.volExistsOn())
                    .setNewSize(template.newSize())
                    .setConfigOptions(template.configOptions())
                    .setRetry(originalRetry());
            p.other().putAll(template.other());
            return p;
        }

        /** The scenario's retry state as sent (the driver increments and appends to the one it gets). */
        private RetryState originalRetry() {
            Map<String, Object> raw = scenario.request().filterProperties();
            // A new one each time: the one conversion of a request's filter properties.
            return raw == null ? null : org.volsched.replay.RequestMaps.filterProperties(raw).retry();
        }

        /**
         * Restores the chosen pool: its backend reports the scenario's capabilities again, stamped
         * newer than the consumption ({@link SteppingClock#tick()}), and the snapshot is rebuilt.
         */
        private void giveBack(Placement placement) {
            PoolState pool = placement.pool();
            if (pool == null) {
                return;
            }
            // Looked up, not searched: the restore must not walk the fleet between timed decisions.
            Scenario.Backend reporter = reporterByKey.get(pool.backendKey());
            if (reporter != null) {
                hosts.updateServiceCapabilities("volume", reporter.host(), reporter.clusterName(),
                        reporter.capabilities(), clock.tick());
                hosts.snapshot();
            }
        }

        private void clearDispatches() {
            if (dispatcher != null) {
                dispatcher.clear();
            }
        }
    }
}
