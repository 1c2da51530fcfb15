package org.volsched.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.volsched.replay.Fleet;
import org.volsched.replay.TraceGenerator;
import org.volsched.replay.TraceWriter;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code volsched trace}: traces for {@code volsched replay}. */
@Command(name = "trace", mixinStandardHelpOptions = true,
        description = {"Traces for 'volsched replay' (format: docs/trace-format.md).",
            "  generate  a synthetic trace over a fleet"},
        subcommands = {TraceCommand.Generate.class},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:the trace was written", Main.EXIT_INVALID, Main.EXIT_INTERNAL})
final class TraceCommand implements Callable<Integer> {
    @Override
    public Integer call() {
        throw new UserError("trace: which one? 'volsched trace generate FLEET.scenario.json --requests N --seed S "
                + "--out trace.jsonl' (see 'volsched trace --help')");
    }

    /** {@code volsched trace generate}. */
    @Command(name = "generate", mixinStandardHelpOptions = true,
            description = {"Writes a synthetic trace over the backends of FLEET (a scenario file; its request is not "
                + "used): Poisson arrivals, Pareto (heavy-tailed) sizes, volume types the fleet can serve, deletes "
                + "after an exponential lifetime, and every backend re-reporting at the report interval. The same "
                + "arguments give the same trace.", "Then: volsched replay TRACE --fleet FLEET --config A.properties "
                + "--out DIR"},
            exitCodeListHeading = "%nExit codes:%n",
            exitCodeList = {"0:the trace was written", Main.EXIT_INVALID, Main.EXIT_INTERNAL})
    static final class Generate implements Callable<Integer> {
        @Parameters(index = "0", paramLabel = "FLEET", description = "The fleet: a scenario file (NAME.scenario.json).")
        String fleet;

        @Option(names = "--requests", paramLabel = "N", required = true, description = "Create requests, at least 1.")
        long requests;

        @Option(names = "--seed", paramLabel = "S", defaultValue = "0",
                description = "Seed of every draw (default: ${DEFAULT-VALUE}).")
        long seed;

        @Option(names = "--out", paramLabel = "FILE", required = true, description = "Where the trace goes ('-': "
                + "standard output).")
        String out;

        @Option(names = "--rate", paramLabel = "R", defaultValue = "1",
                description = "Requests per simulated second, a Poisson process (default: ${DEFAULT-VALUE}).")
        double rate;

        @Option(names = "--report-interval", paramLabel = "SECONDS", defaultValue = "60",
                description = "Seconds between two reports of each backend; 0: no reports (default: ${DEFAULT-VALUE}).")
        double reportInterval;

        @Option(names = "--mean-lifetime", paramLabel = "SECONDS", defaultValue = "86400",
                description = "Mean lifetime of a volume (exponential), seconds; 0: never deleted (default: "
                        + "${DEFAULT-VALUE}).")
        double meanLifetime;

        @Option(names = "--size-min", paramLabel = "GB", defaultValue = "10",
                description = "Smallest size, the Pareto scale (default: ${DEFAULT-VALUE}).")
        double sizeMin;

        @Option(names = "--size-alpha", paramLabel = "A", defaultValue = "1.2",
                description = "Pareto shape: smaller is a heavier tail (default: ${DEFAULT-VALUE}).")
        double sizeAlpha;

        @Option(names = "--size-max", paramLabel = "GB", defaultValue = "16384",
                description = "Largest size (default: ${DEFAULT-VALUE}).")
        long sizeMax;

        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        @Override
        public Integer call() {
            PrintWriter stdout = spec.commandLine().getOut();
            List<String> problems = new ArrayList<>();
            require(problems, requests >= 1, "trace generate: --requests must be at least 1 (got " + requests + ")");
            require(problems, rate > 0 && Double.isFinite(rate), "trace generate: --rate must be a positive "
                    + "number of requests per second, such as 1 or 0.5 (got " + rate + ")");
            require(problems, reportInterval >= 0 && Double.isFinite(reportInterval), "trace generate: "
                    + "--report-interval must be a number of seconds of at least 0 (got " + reportInterval + ")");
            require(problems, meanLifetime >= 0 && Double.isFinite(meanLifetime), "trace generate: "
                    + "--mean-lifetime must be a number of seconds of at least 0 (got " + meanLifetime + ")");
            require(problems, sizeMin >= 1 && Double.isFinite(sizeMin), "trace generate: --size-min must be "
                    + "at least 1 GB (got " + sizeMin + ")");
            require(problems, sizeAlpha > 0 && Double.isFinite(sizeAlpha), "trace generate: --size-alpha "
                    + "must be above 0, such as 1.2 (got " + sizeAlpha + ")");
            require(problems, sizeMax >= sizeMin, "trace generate: --size-max must be at least --size-min "
                    + "(got " + sizeMax + " and " + sizeMin + ")");
            if (!problems.isEmpty()) {
                throw new UserError(problems);
            }
            Fleet f = FleetFiles.read(fleet);
            TraceGenerator.Options options = new TraceGenerator.Options(requests, seed, rate, reportInterval,
                    meanLifetime, sizeMin, sizeAlpha, sizeMax);
            boolean toStdout = "-".equals(out);
            TraceGenerator.Written w;
            if (toStdout) {
                TraceWriter writer = new TraceWriter(stdout);
                w = TraceGenerator.generate(f, options, writer);
                writer.flush();
            } else {
                try (TraceWriter writer = new TraceWriter(Files.newBufferedWriter(Path.of(out), StandardCharsets.UTF_8))) {
                    w = TraceGenerator.generate(f, options, writer);
                } catch (IOException e) {
                    throw new UserError("--out " + out + ": cannot write the trace: " + e.getMessage(), e);
                }
            }
            if (!toStdout) {
                stdout.println(String.format(Locale.ROOT, "wrote %d requests, %d deletes and %d reports over %.1f "
                        + "simulated hours to %s (volume types: %s)", w.creates(), w.deletes(), w.reports(),
                        w.seconds() / 3600, out, String.join(", ", w.volumeTypes().keySet().stream().sorted().toList())));
                stdout.flush();
            }
            return Main.OK;
        }
    }

    /** Adds {@code problem} unless {@code ok}. */
    static void require(List<String> problems, boolean ok, String problem) {
        if (!ok) {
            problems.add(problem);
        }
    }
}
