package org.volsched.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.volsched.cli.scenario.DecisionJson;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code volsched explain}: one decision, and why. */
@Command(name = "explain", mixinStandardHelpOptions = true,
        description = {"Schedules one scenario's request and explains the decision: for each filter, the "
                + "candidates it received and rejected and why (observed and required values); for each weigher, "
                + "every candidate's raw, normalised and multiplied weight; the final ranking.",
            "When nothing can be placed, says which filter emptied the list and the most common rejection reasons.",
            "'-' reads the scenario from standard input."},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:a backend was selected",
            "1:the decision is a scheduling failure: NoValidBackend or another Cinder error (it is still "
                + "explained)",
            Main.EXIT_INVALID, Main.EXIT_INTERNAL})
final class ExplainCommand implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "FILE", description = "A scenario file (NAME.scenario.json), or '-'.")
    String file;

    @Option(names = "--json", description = "Print the decision JSON with its 'trace' object instead of tables.")
    boolean json;

    @Option(names = "--config", paramLabel = "FILE",
            description = "A .properties file or a cinder.conf whose options override the scenario's config.")
    Path config;

    @Mixin
    PluginPathOption plugins = new PluginPathOption();

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        try (Session session = Session.open(config, plugins)) {
            Session.Outcome outcome = session.decide(file, true, err);
            if (outcome.result() == null) {
                return outcome.exitCode();
            }
            print(outcome, json, out);
            return outcome.exitCode();
        } finally {
            out.flush();
            err.flush();
        }
    }

    /** Prints an explained outcome as tables or as the decision JSON with its trace. */
    static void print(Session.Outcome outcome, boolean asJson, PrintWriter out) {
        ScheduleCommand.Result result = outcome.result();
        if (asJson) {
            out.println(DecisionJson.decision(result.trace(), result.hostDriver(), true).toPrettyString());
        } else {
            new Explanation(outcome.scenario(), outcome.source(), outcome.config(), result.trace(),
                    result.hostDriver()).print(out);
        }
    }
}
