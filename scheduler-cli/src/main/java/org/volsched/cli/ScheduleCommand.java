package org.volsched.cli;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.volsched.cli.scenario.DecisionJson;
import org.volsched.cli.scenario.Scenario;
import org.volsched.cli.scenario.ScenarioRunner;
import org.volsched.python.PyException;
import org.volsched.spi.InvalidConfiguration;
import org.volsched.spi.SchedulerException;
import org.volsched.spi.model.DecisionTrace;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code volsched schedule}: scenario files in, decision JSON out. */
@Command(name = "schedule", mixinStandardHelpOptions = true,
        description = {"Schedules each scenario's create-volume request and writes the decision JSON.",
            "Without --out the decisions go to standard output: one scenario's as an indented JSON document, "
                + "several as JSON Lines (one object per line, its \"scenario\" field naming the FILE). With --out "
                + "DIR each NAME.scenario.json gives DIR/NAME.decision.json. '-' reads a scenario from standard "
                + "input.",
            "The bundled example fleet is 'volsched demo'."},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:a backend was selected for every scenario",
            "1:at least one decision is a scheduling failure: NoValidBackend or another Cinder error (the "
                + "decision is still written)",
            Main.EXIT_INVALID, Main.EXIT_INTERNAL})
final class ScheduleCommand implements Callable<Integer> {
    @Option(names = "--config", paramLabel = "FILE",
            description = "A .properties file or a cinder.conf whose options override each scenario's config.")
    Path config;

    @Option(names = "--out", paramLabel = "DIR", description = "Write DIR/NAME.decision.json for each scenario, then "
            + "one line to standard output: 'wrote N decisions to DIR: P placed, R refused, E errors'.")
    Path out;

    @Mixin
    PluginPathOption plugins = new PluginPathOption();

    @Parameters(paramLabel = "FILE", arity = "1..*", description = "Scenario files (NAME.scenario.json), or '-'.")
    List<String> files = new ArrayList<>();

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    /** More than one decision goes to standard output: one compact JSON object per line, naming its scenario. */
    private boolean jsonLines;

    @Override
    public Integer call() {
        PrintWriter err = spec.commandLine().getErr();
        PrintWriter stdout = spec.commandLine().getOut();
        try (Session session = Session.open(config, plugins)) {
            if (out != null) {
                try {
                    Files.createDirectories(out);
                } catch (IOException e) {
                    throw new UserError("--out " + out + ": cannot create the output directory: " + e.getMessage(), e);
                }
            }
            int worst = Main.OK;
            Tally tally = new Tally();
            long toStdout = out == null ? files.size() : files.stream().filter(ScenarioInput.STDIN::equals).count();
            jsonLines = toStdout > 1;
            for (String file : files) {
                worst = Math.max(worst, scheduleOne(session, file, stdout, err, tally));
            }
            if (out != null) {
                stdout.println(tally.summary(out));
            }
            return worst;
        } finally {
            stdout.flush();
            err.flush();
        }
    }

    /** What {@code --out} reports when it is done. */
    static final class Tally {
        int written;
        int placed;
        int refused;
        int errors;

        void count(int exitCode) {
            switch (exitCode) {
                case Main.OK -> placed++;
                case Main.SCHEDULING_FAILURE -> refused++;
                default -> errors++;
            }
        }

        /** {@code wrote 3 decisions to decisions: 2 placed, 1 refused, 0 errors}. */
        String summary(Path dir) {
            return "wrote " + written + (written == 1 ? " decision" : " decisions") + " to " + dir + ": " + placed
                    + " placed, " + refused + " refused, " + errors + (errors == 1 ? " error" : " errors");
        }
    }

    private int scheduleOne(Session session, String file, PrintWriter stdout, PrintWriter err, Tally tally) {
        int code = writeOne(session, file, stdout, err, tally);
        tally.count(code);
        return code;
    }

    private int writeOne(Session session, String file, PrintWriter stdout, PrintWriter err, Tally tally) {
        Session.Outcome outcome = session.decide(file, false, err);
        if (outcome.result() == null) {
            return outcome.exitCode();
        }
        String json = outcome.result().json().toPrettyString();
        if (out == null || ScenarioInput.STDIN.equals(file)) {
            if (jsonLines) {
                ObjectNode line = JsonNodeFactory.instance.objectNode();
                line.put("scenario", outcome.source());
                line.setAll(outcome.result().json());
                stdout.println(line.toString());
            } else {
                stdout.println(json);
            }
        } else {
            Path target = out.resolve(outcome.scenario().name() + ".decision.json");
            try {
                Files.writeString(target, json + "\n", StandardCharsets.UTF_8);
            } catch (IOException e) {
                err.println("volsched: " + target + ": cannot write the decision: " + e.getMessage());
                return Main.BAD_INPUT;
            }
            tally.written++;
        }
        return outcome.exitCode();
    }

    /**
     * A decision and the exit code it implies.
     *
     * @param hostDriver true when the driver chose a host, not a pool (the chance driver)
     * @param startupRefusal what the scheduler threw when it was built with the scenario's
     *     configuration (Cinder's {@code FilterScheduler} refuses {@code scheduler_max_attempts} below 1
     *     with {@code InvalidParameterValue}), {@code null} when it started: the decision records
     *     Cinder's error, and the commands report it as invalid configuration
     */
    record Result(ObjectNode json, DecisionTrace trace, int exitCode, boolean hostDriver,
                  ScenarioRunner.StartupRefused startupRefusal) {
    }

    /**
     * Decides one scenario. A scheduling failure is part of the result; only a configuration that
     * cannot be used is thrown.
     *
     * @param explain record every filter's rejections and every weigher's weights, and add the trace
     *     to the JSON
     * @throws InvalidConfiguration when the scheduler cannot be built (an unknown driver, …)
     */
    static Result decide(ScenarioRunner runner, Scenario scenario, boolean explain) {
        ScenarioRunner.Prepared prepared;
        DecisionTrace trace;
        boolean hostDriver = false;
        ScenarioRunner.StartupRefused startupRefusal = null;
        try {
            prepared = runner.prepare(scenario);
            try {
                hostDriver = !prepared.scheduler().driver().choosesPools();
                trace = prepared.decide(explain);
            } finally {
                // A shared capacity ledger holds a connection.
                prepared.scheduler().close();
            }
        } catch (InvalidConfiguration e) {
            throw e;
        } catch (RuntimeException e) {
            if (e instanceof ScenarioRunner.StartupRefused refused) {
                startupRefusal = refused;
            }
            trace = explain ? DecisionTrace.detailed() : DecisionTrace.outcomeOnly();
            trace.setFailure(e);
        }
        ObjectNode json = DecisionJson.decision(trace, hostDriver, explain);
        int code = startupRefusal != null ? Main.BAD_INPUT
                : trace.failure() != null && !isSchedulingFailure(trace.failure()) ? Main.INTERNAL_ERROR
                : trace.selected() != null && trace.failure() == null ? Main.OK : Main.SCHEDULING_FAILURE;
        return new Result(json, trace, code, hostDriver, startupRefusal);
    }

    /**
     * Whether {@code failure} is a decision Cinder makes: one of its exceptions ({@code NoValidBackend},
     * …) or a Python error Cinder itself lets escape ({@code TypeError}, …). Anything else is a Java
     * exception thrown by a plug-in or by volsched: exit code {@link Main#INTERNAL_ERROR}.
     */
    static boolean isSchedulingFailure(RuntimeException failure) {
        return failure instanceof SchedulerException || failure instanceof PyException;
    }
}
