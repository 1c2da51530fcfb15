package org.volsched.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.volsched.cli.scenario.DecisionJson;
import org.volsched.cli.scenario.Scenario;
import org.volsched.cli.scenario.ScenarioException;
import org.volsched.cli.scenario.ScenarioParser;
import org.volsched.cli.scenario.ScenarioRunner;
import org.volsched.spi.InvalidConfiguration;
import org.volsched.spi.model.DecisionTrace;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code volsched schedule}: scenario files in, decision JSON out. */
@Command(name = "schedule", mixinStandardHelpOptions = true,
        description = {"Schedules each scenario's create-volume request and writes the decision JSON.",
            "Without --out the decision goes to standard output; with --out DIR each NAME.scenario.json "
                + "gives DIR/NAME.decision.json. '-' reads a scenario from standard input.",
            "Without FILE, runs the bundled example fleet."},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:a backend was selected for every scenario",
            "1:at least one decision is a scheduling failure (the decision is still written)",
            "2:an input could not be read or the configuration is invalid (other files are still processed)"})
final class ScheduleCommand implements Callable<Integer> {
    static final String DEMO_RESOURCE = "/examples/demo-fleet.scenario.json";

    @Option(names = "--config", paramLabel = "FILE",
            description = "A .properties file or a cinder.conf whose options override each scenario's config.")
    Path config;

    @Option(names = "--out", paramLabel = "DIR", description = "Write DIR/NAME.decision.json for each scenario.")
    Path out;

    @Parameters(paramLabel = "FILE", arity = "0..*", description = "Scenario files (NAME.scenario.json), or '-'.")
    List<String> files = new ArrayList<>();

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter err = spec.commandLine().getErr();
        PrintWriter stdout = spec.commandLine().getOut();
        Map<String, Object> overrides;
        try {
            overrides = ConfigFiles.read(config);
        } catch (InvalidConfiguration e) {
            err.println("volsched: invalid configuration: " + e.getMessage());
            return Main.BAD_INPUT;
        }
        if (files.isEmpty()) {
            return runDemo(spec.commandLine());
        }
        if (out != null) {
            try {
                Files.createDirectories(out);
            } catch (IOException e) {
                err.println("volsched: cannot create output directory " + out + ": " + e.getMessage());
                return Main.BAD_INPUT;
            }
        }
        ScenarioRunner runner = new ScenarioRunner(overrides, ScheduleCommand.class.getClassLoader());
        int worst = Main.OK;
        for (String file : files) {
            int code = scheduleOne(runner, file, stdout, err);
            worst = Math.max(worst, code);
        }
        stdout.flush();
        return worst;
    }

    private int scheduleOne(ScenarioRunner runner, String file, PrintWriter stdout, PrintWriter err) {
        Scenario scenario;
        try {
            scenario = "-".equals(file) ? readStdin() : ScenarioParser.read(Path.of(file));
        } catch (ScenarioException e) {
            e.problems().forEach(p -> err.println("volsched: " + p));
            return Main.BAD_INPUT;
        }
        scenario.warnings().forEach(w -> err.println("volsched: warning: " + w));
        Result result;
        try {
            result = decide(runner, scenario, false);
        } catch (InvalidConfiguration e) {
            err.println("volsched: " + file + ": invalid configuration: " + e.getMessage());
            return Main.BAD_INPUT;
        }
        String json = result.json().toPrettyString();
        if (out != null && !"-".equals(file)) {
            Path target = out.resolve(scenario.name() + ".decision.json");
            try {
                Files.writeString(target, json + "\n", StandardCharsets.UTF_8);
            } catch (IOException e) {
                err.println("volsched: cannot write " + target + ": " + e.getMessage());
                return Main.BAD_INPUT;
            }
        } else {
            stdout.println(json);
        }
        return result.exitCode();
    }

    /** A decision and the exit code it implies. */
    record Result(ObjectNode json, DecisionTrace trace, int exitCode) {
    }

    static Result decide(ScenarioRunner runner, Scenario scenario, boolean explain) {
        ScenarioRunner.Prepared prepared;
        DecisionTrace trace;
        boolean hostDriver = false;
        try {
            prepared = runner.prepare(scenario);
            hostDriver = !prepared.scheduler().driver().choosesPools();
            trace = prepared.decide(explain);
        } catch (InvalidConfiguration e) {
            throw e;
        } catch (RuntimeException e) {
            trace = explain ? DecisionTrace.detailed() : DecisionTrace.outcomeOnly();
            trace.setFailure(e);
        }
        ObjectNode json = DecisionJson.decision(trace, hostDriver, explain);
        int code = trace.selected() != null && trace.failure() == null ? Main.OK : Main.SCHEDULING_FAILURE;
        return new Result(json, trace, code);
    }

    private static Scenario readStdin() throws ScenarioException {
        try {
            String text = new String(System.in.readAllBytes(), StandardCharsets.UTF_8);
            return ScenarioParser.parse(text, "<stdin>", "stdin");
        } catch (IOException e) {
            throw new ScenarioException("<stdin>: cannot read: " + e.getMessage());
        }
    }

    /** Runs the bundled example fleet. */
    int runDemo(CommandLine commandLine) {
        PrintWriter err = commandLine.getErr();
        try (InputStream in = ScheduleCommand.class.getResourceAsStream(DEMO_RESOURCE)) {
            if (in == null) {
                err.println("volsched: the bundled example " + DEMO_RESOURCE + " is missing from this build");
                return Main.BAD_INPUT;
            }
            Scenario scenario = ScenarioParser.parse(new String(in.readAllBytes(), StandardCharsets.UTF_8),
                    DEMO_RESOURCE, "demo-fleet");
            Result r = decide(new ScenarioRunner(), scenario, false);
            commandLine.getOut().println(r.json().toPrettyString());
            commandLine.getOut().flush();
            return r.exitCode();
        } catch (IOException | ScenarioException e) {
            err.println("volsched: cannot read the bundled example: " + e.getMessage());
            return Main.BAD_INPUT;
        }
    }
}
