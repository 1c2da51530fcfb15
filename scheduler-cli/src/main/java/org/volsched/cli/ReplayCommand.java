package org.volsched.cli;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.volsched.replay.DecisionDiff;
import org.volsched.replay.Fleet;
import org.volsched.replay.HtmlReport;
import org.volsched.replay.ReplayEngine;
import org.volsched.replay.ReplayResult;
import org.volsched.replay.ReplaySummary;
import org.volsched.replay.TraceFormatException;
import org.volsched.replay.TraceReader;
import org.volsched.spi.InvalidConfiguration;
import org.volsched.spi.SchedulerException;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code volsched replay}: a trace through the real scheduler under each configuration, and a report comparing them. */
@Command(name = "replay", mixinStandardHelpOptions = true,
        description = {"Replays TRACE (docs/trace-format.md) over the backends of FLEET through the create-volume "
            + "entrypoint flow, once per --config, and writes DIR/NAME/decisions.jsonl and DIR/NAME/summary.json for "
            + "each configuration (NAME: the file's name without its extension) and DIR/report.html comparing them.",
            "Options come from the fleet's config, then the --config file. The scheduler's clock is the trace's "
                + "simulated time and random_seed is --seed unless the configuration sets it: the same trace, fleet, "
                + "configuration and seed give the same decisions.jsonl, byte for byte.",
            "Refused requests are part of the result (exit code 0)."},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:every configuration was replayed and the report written",
            "2:invalid input or configuration: a trace line that is not a valid event (its line number and field "
                + "are named; nothing is left written), a fleet or configuration file that cannot be used, a wrong "
                + "option",
            "3:internal error: a plug-in or volsched threw an exception on some request (recorded in "
                + "decisions.jsonl as its class name; run with --verbose for the stack traces)"})
final class ReplayCommand implements Callable<Integer> {
    private static final Pattern REPLICA = Pattern.compile("(\\d+)/(\\d+)");

    @Parameters(index = "0", paramLabel = "TRACE", description = "The trace (JSON Lines).")
    Path trace;

    @Option(names = "--fleet", paramLabel = "FLEET", required = true,
            description = "The fleet's initial state: a scenario file (its request is not used).")
    String fleet;

    @Option(names = "--config", paramLabel = "FILE", description = "A configuration to replay under: a .properties "
            + "file or a cinder.conf. Repeatable; the first is the one the others are compared with. None: the "
            + "fleet's own config.")
    List<Path> configs = new ArrayList<>();

    @Option(names = "--out", paramLabel = "DIR", required = true, description = "Where the results go.")
    Path out;

    @Option(names = "--seed", paramLabel = "S", defaultValue = "0",
            description = "random_seed of each configuration that sets none (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--replica", paramLabel = "I/N", description = "Apply every event but decide only every N-th "
            + "request, starting at request I (from 0): one of N replicas replaying one trace.")
    String replica;

    @Option(names = {"-q", "--quiet"}, description = "No progress bar on standard error.")
    boolean quiet;

    @Mixin
    PluginPathOption plugins = new PluginPathOption();

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter stdout = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        int replicaIndex = 0;
        int replicaCount = 1;
        if (replica != null) {
            Matcher m = REPLICA.matcher(replica);
            long i = m.matches() ? Long.parseLong(m.group(1)) : -1;
            long n = m.matches() ? Long.parseLong(m.group(2)) : -1;
            if (!m.matches() || n < 1 || i >= n || n > Integer.MAX_VALUE) {
                throw new UserError("replay: --replica must be I/N with 0 <= I < N, such as 0/3 (got '" + replica + "')");
            }
            replicaIndex = (int) i;
            replicaCount = (int) n;
        }
        if (!Files.isRegularFile(trace)) {
            throw new UserError(trace + ": no such trace file");
        }
        try (Session session = Session.open(null, plugins)) {
            Fleet f = FleetFiles.read(fleet);
            ReplayEngine engine = new ReplayEngine(session.registry());
            // Every configuration is read and checked before anything is replayed.
            List<ReplayEngine.Options> runs = new ArrayList<>();
            Map<String, Integer> names = new LinkedHashMap<>();
            List<String> problems = new ArrayList<>();
            List<Path> files = configs.isEmpty() ? java.util.Collections.singletonList(null) : configs;
            for (Path c : files) {
                String base = c == null ? "fleet" : c.getFileName().toString().replaceFirst("\\.[^.]*$", "");
                int k = names.merge(base, 1, Integer::sum);
                String name = k == 1 ? base : base + "-" + k;
                try {
                    Map<String, Object> overrides = ConfigFiles.read(c, session.registry().options());
                    ReplayEngine.Options o = new ReplayEngine.Options(name, overrides,
                            c == null ? f.name() + ": config" : c.toString(), seed, replicaIndex, replicaCount);
                    // A filter or weigher nobody provides would refuse every request: reported now, with the names known.
                    problems.addAll(ComponentNames.unknown(session.registry(), engine.configFor(f, o),
                            new ComponentNames.Origins(f.name(), f.config().keySet(), c == null ? null : c.toString(),
                                    overrides.keySet())));
                    runs.add(o);
                } catch (InvalidConfiguration e) {
                    problems.addAll(e.problems());
                }
            }
            if (!problems.isEmpty()) {
                throw new UserError(problems);
            }
            createDirectory(out);
            List<ReplaySummary> summaries = new ArrayList<>();
            int code = Main.OK;
            for (ReplayEngine.Options o : runs) {
                ReplayResult r = replayOne(engine, f, o, err, summaries.isEmpty());
                ReplaySummary s = ReplaySummary.of(r);
                write(out.resolve(o.name()).resolve("summary.json"), s.toJson());
                summaries.add(s);
                stdout.println(line(r));
                stdout.flush();
                if (r.internalErrors() > 0) {
                    err.println("volsched: replay: " + o.name() + ": " + r.internalErrors() + " requests failed with an "
                            + "exception of a plug-in or volsched (see their error in " + out.resolve(o.name())
                            .resolve("decisions.jsonl") + "; run with --verbose for the stack traces)");
                    code = Main.INTERNAL_ERROR;
                }
            }
            List<DecisionDiff> diffs = new ArrayList<>();
            for (int i = 1; i < runs.size(); i++) {
                diffs.add(DecisionDiff.compare(runs.get(0).name(), out.resolve(runs.get(0).name()).resolve("decisions.jsonl"),
                        runs.get(i).name(), out.resolve(runs.get(i).name()).resolve("decisions.jsonl"), 20));
            }
            Path report = out.resolve("report.html");
            HtmlReport.write(report, "Trace " + trace + " over fleet " + f.name() + " (" + f.backends().size()
                    + " backends)" + (replicaCount > 1 ? ", replica " + replicaIndex + "/" + replicaCount : "")
                    + ", seed " + seed, summaries, diffs);
            stdout.println("wrote " + report);
            return code;
        } finally {
            stdout.flush();
            err.flush();
        }
    }

    /**
     * Replays one configuration into {@code DIR/NAME}; on bad input, deletes what it wrote and says what is left.
     *
     * @param first no configuration was replayed before: nothing else is in {@code DIR}
     */
    private ReplayResult replayOne(ReplayEngine engine, Fleet f, ReplayEngine.Options o, PrintWriter err,
                                   boolean first) {
        Path dir = out.resolve(o.name());
        createDirectory(dir);
        Path decisions = dir.resolve("decisions.jsonl");
        long size = fileSize(trace);
        Progress progress = quiet || System.console() == null ? null : new Progress(err, o.name(), size);
        try (BufferedReader in = Files.newBufferedReader(trace, StandardCharsets.UTF_8);
             Writer w = Files.newBufferedWriter(decisions, StandardCharsets.UTF_8)) {
            TraceReader reader = new TraceReader(in, trace.toString());
            ReplayResult r = engine.run(reader, f, o, w, progress == null ? null : progress::update);
            if (progress != null) {
                progress.done();
            }
            return r;
        } catch (TraceFormatException | UncheckedIOException e) {
            if (progress != null) {
                progress.done();
            }
            deleteQuietly(decisions);
            deleteQuietly(dir);
            throw new UserError(e.getMessage() + (first ? " (nothing written to " + out + ")"
                    : " (" + o.name() + "'s decisions deleted; the configurations before it are in " + out + ", without "
                    + "report.html)"), e);
        } catch (InvalidConfiguration e) {
            deleteQuietly(decisions);
            deleteQuietly(dir);
            throw new UserError(e.problems());
        } catch (SchedulerException e) {
            // The driver refused the configuration when the scheduler started (Cinder's InvalidParameterValue).
            deleteQuietly(decisions);
            deleteQuietly(dir);
            throw new UserError(o.overridesSource() + ": refused when the scheduler starts: " + e.type() + ": "
                    + e.getMessage(), e);
        } catch (IOException e) {
            throw new UserError(decisions + ": cannot write the decisions: " + e.getMessage(), e);
        }
    }

    private static String line(ReplayResult r) {
        ReplayResult.Refusal f = r.firstRefusal();
        return String.format(Locale.ROOT, "%s: %d requests, %d placed, %d refused%s, %.0f decisions/s (%.1f s)",
                r.name(), r.decided(), r.placed(), r.refused(),
                f == null ? "" : String.format(Locale.ROOT, " (first: request %d at %.0f s, %s)", f.n(), f.t(), f.type()),
                r.decisionsPerSecond(), r.wallSeconds());
    }

    private static long fileSize(Path p) {
        try {
            return Files.size(p);
        } catch (IOException e) {
            return 0;
        }
    }

    private static void createDirectory(Path dir) {
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new UserError("--out " + dir + ": cannot create the directory: " + e.getMessage(), e);
        }
    }

    private static void write(Path file, String text) {
        try {
            Files.writeString(file, text, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UserError(file + ": cannot write: " + e.getMessage(), e);
        }
    }

    private static void deleteQuietly(Path p) {
        try {
            Files.deleteIfExists(p);
        } catch (IOException e) {
            // A directory that is not empty stays: it held something before this replay.
        }
    }

    /** A progress bar on standard error, redrawn at most five times a second. */
    static final class Progress {
        private final PrintWriter err;
        private final String name;
        private final long total;
        private final long started = System.nanoTime();
        private long lastDraw;

        Progress(PrintWriter err, String name, long total) {
            this.err = err;
            this.name = name;
            this.total = total;
        }

        void update(long done, long decided) {
            long now = System.nanoTime();
            if (now - lastDraw < 200_000_000L) {
                return;
            }
            lastDraw = now;
            double fraction = total <= 0 ? 0 : Math.min(1, (double) done / total);
            int width = 30;
            int filled = (int) Math.round(fraction * width);
            double seconds = (now - started) / 1e9;
            err.print(String.format(Locale.ROOT, "\r%s [%s%s] %3.0f%% %,d decisions, %,.0f/s ", name, "#".repeat(filled),
                    ".".repeat(width - filled), 100 * fraction, decided, seconds > 0 ? decided / seconds : 0));
            err.flush();
        }

        void done() {
            err.print("\r" + " ".repeat(80) + "\r");
            err.flush();
        }
    }
}
