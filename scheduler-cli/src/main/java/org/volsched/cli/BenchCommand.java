package org.volsched.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import org.volsched.cli.scenario.DecisionJson;
import org.volsched.cli.scenario.Scenario;
import org.volsched.cli.scenario.ScenarioException;
import org.volsched.cli.scenario.ScenarioParser;
import org.volsched.cli.scenario.ScenarioRunner;
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
import org.volsched.spi.py.Py;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code volsched bench}: times many decisions of one scenario's request over its fleet, in one
 * process, and prints the median, the 99th percentile and the rate.
 *
 * <p>How: the scenario is prepared as {@code volsched schedule} prepares it, and its request runs
 * once through the entrypoint flow. That first run yields the request as the driver receives it
 * (the request spec and filter properties the flow handed on to the dispatcher). Each timed
 * decision then calls the driver directly with that request spec (immutable) and a fresh copy of
 * the filter properties (the driver mutates them: retry count and tried backends), with an
 * outcome-only trace. Between decisions, outside the timing, the chosen pool's backend reports
 * its capabilities again, which restores exactly the reported numbers (a report newer than a
 * consumption replaces it, rule HM18), and the candidate snapshot is rebuilt: every decision sees
 * the same fleet. A request that fails (no valid backend) consumes nothing; it is timed through
 * the whole entrypoint flow, since no request reached the dispatcher. The rate is the number of
 * timed decisions over their summed durations; {@code selected} is the last decision's choice.
 *
 * <p>This is a quick in-process figure; the JMH benchmarks of the {@code benchmarks} module are
 * the careful measurement.
 */
@Command(name = "bench", mixinStandardHelpOptions = true,
        description = {"Times decisions of a scenario's request over its fleet and prints the median, the 99th "
                + "percentile and decisions per second.",
            "Capacity is not consumed between decisions: each one sees the scenario's fleet as reported."},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:the request was placed",
            "1:the request is a scheduling failure (its decisions are still timed)",
            "2:the scenario could not be read or its configuration is invalid, or an option is wrong"})
final class BenchCommand implements Callable<Integer> {
    @Parameters(paramLabel = "FILE", description = "A scenario file (NAME.scenario.json).")
    Path file;

    @Option(names = "--decisions", paramLabel = "N", defaultValue = "1000",
            description = "Decisions to time (default: ${DEFAULT-VALUE}).")
    int decisions;

    @Option(names = "--warmup", paramLabel = "N", defaultValue = "200",
            description = "Decisions to run first, untimed, so that the JIT compiles the hot path (default: "
                    + "${DEFAULT-VALUE}).")
    int warmup;

    @Option(names = "--json", description = "Print one JSON line: median_us, p99_us, decisions_per_s and "
            + "selected (the last decision's backend, null when it failed).")
    boolean json;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        if (decisions < 1 || warmup < 0) {
            err.println("volsched: bench: --decisions must be at least 1 and --warmup at least 0 (got "
                    + decisions + " and " + warmup + ")");
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
        Bench bench;
        try {
            bench = Bench.prepare(scenario);
        } catch (InvalidConfiguration e) {
            err.println("volsched: " + file + ": invalid configuration: " + e.getMessage());
            return Main.BAD_INPUT;
        }
        if (bench.failure != null) {
            err.println("volsched: the request fails (" + DecisionJson.errorType(bench.failure) + ": "
                    + bench.failure.getMessage() + "); timing the failing decision through the entrypoint flow");
        }
        for (int i = 0; i < warmup; i++) {
            bench.decide();
        }
        long[] nanos = new long[decisions];
        for (int i = 0; i < decisions; i++) {
            nanos[i] = bench.decide();
        }
        Result r = Result.of(nanos, bench.selected);
        if (json) {
            ObjectNode node = DecisionJson.mapper().createObjectNode();
            node.put("median_us", r.medianMicros);
            node.put("p99_us", r.p99Micros);
            node.put("decisions_per_s", r.perSecond);
            if (r.selected == null) {
                node.putNull("selected");
            } else {
                node.put("selected", r.selected);
            }
            out.println(node.toString());
        } else {
            out.printf(Locale.ROOT, "scenario:  %s (%d candidates)%n", scenario.name(), bench.candidates);
            out.printf(Locale.ROOT, "decisions: %d timed after %d warm-up, %s%n", decisions, warmup,
                    bench.failure == null ? "driver only, capacity restored between decisions"
                            : "whole entrypoint flow (the request fails)");
            out.printf(Locale.ROOT, "selected:  %s%n", r.selected == null ? "none" : r.selected);
            if (bench.distinct.size() > 1) {
                out.printf(Locale.ROOT, "           (the last decision's choice; %d different backends were chosen)%n",
                        bench.distinct.size());
            }
            out.printf(Locale.ROOT, "median:    %.2f us%n", r.medianMicros);
            out.printf(Locale.ROOT, "p99:       %.2f us%n", r.p99Micros);
            out.printf(Locale.ROOT, "rate:      %.0f decisions/s%n", r.perSecond);
        }
        out.flush();
        return bench.selected != null ? Main.OK : Main.SCHEDULING_FAILURE;
    }

    /** The timing figures. */
    record Result(double medianMicros, double p99Micros, double perSecond, String selected) {
        static Result of(long[] nanos, String selected) {
            long[] sorted = nanos.clone();
            Arrays.sort(sorted);
            long total = 0;
            for (long n : sorted) {
                total += n;
            }
            int n = sorted.length;
            double median = n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2.0;
            long p99 = sorted[Math.max(0, (int) Math.ceil(0.99 * n) - 1)];
            double perSecond = total == 0 ? 0 : n / (total / 1e9);
            return new Result(round(median / 1e3), round(p99 / 1e3), Math.round(perSecond * 10) / 10.0, selected);
        }

        private static double round(double micros) {
            return Math.round(micros * 1000) / 1000.0;
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
        private RequestContext context;
        private RequestSpec requestSpec;
        private FilterProperties template;
        private RuntimeException failure;
        private String selected;
        private final Set<String> distinct = new LinkedHashSet<>();

        private Bench(Scenario scenario, ScenarioRunner.Prepared prepared) {
            this.scenario = scenario;
            this.prepared = prepared;
            this.hosts = prepared.scheduler().hostManager();
            this.driver = prepared.scheduler().driver();
            VolumeDispatcher d = prepared.scheduler().injector().getInstance(VolumeDispatcher.class);
            this.dispatcher = d instanceof InMemoryVolumeDispatcher m ? m : null;
            this.candidates = hosts.candidates().size();
        }

        static Bench prepare(Scenario scenario) {
            Bench b = new Bench(scenario, new ScenarioRunner(Map.of(), BenchCommand.class.getClassLoader())
                    .prepare(scenario));
            b.firstDecision();
            return b;
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

        /** One decision; returns its duration in nanoseconds. */
        long decide() {
            if (requestSpec == null) {
                long start = System.nanoTime();
                DecisionTrace trace = prepared.decide(false);
                long elapsed = System.nanoTime() - start;
                record(trace.selected());
                clearDispatches();
                return elapsed;
            }
            FilterProperties props = freshProperties();
            DecisionTrace trace = DecisionTrace.outcomeOnly();
            long start = System.nanoTime();
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
            if (raw == null || !(raw.get("retry") instanceof Map<?, ?> r) || r.isEmpty()) {
                return null;
            }
            Object n = r.get("num_attempts");
            Integer attempts = n == null ? null : ((Number) Py.toInt(n)).intValue();
            return new RetryState(attempts, strings(r.get("backends")), strings(r.get("hosts")));
        }

        private static List<String> strings(Object v) {
            if (v == null) {
                return null;
            }
            List<String> out = new ArrayList<>();
            if (v instanceof List<?> l) {
                for (Object o : l) {
                    out.add(Py.str(o));
                }
            } else {
                out.add(Py.str(v));
            }
            return out;
        }

        /**
         * Restores the chosen pool: its backend reports the scenario's capabilities again, stamped
         * {@link ScenarioRunner#NOW} (the time of the consumption), and the snapshot is rebuilt.
         */
        private void giveBack(Placement placement) {
            PoolState pool = placement.pool();
            if (pool == null) {
                return;
            }
            Scenario.Backend reporter = null;
            for (Scenario.Backend b : scenario.backends()) {
                String key = b.clusterName() != null && !b.clusterName().isEmpty() ? b.clusterName() : b.host();
                if (b.capabilities() != null && key.equals(pool.backendKey())) {
                    reporter = b;
                }
            }
            if (reporter != null) {
                hosts.updateServiceCapabilities("volume", reporter.host(), reporter.clusterName(),
                        reporter.capabilities(), ScenarioRunner.NOW);
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
