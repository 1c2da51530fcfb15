package org.volsched.cli;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.volsched.cli.scenario.DecisionJson;
import org.volsched.cli.scenario.Scenario;
import org.volsched.spi.NoValidBackend;
import org.volsched.spi.model.DecisionTrace;
import org.volsched.python.Py;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/**
 * {@code volsched demo} (also {@code volsched} alone):
 * the bundled example scenarios over a 36-backend fleet, each decision on one line, then the full
 * explanation of the request that cannot be placed.
 */
@Command(name = "demo", mixinStandardHelpOptions = true,
        description = {"Runs the bundled example scenarios: three create-volume requests against a realistic fleet "
                + "(36 backends; iSCSI, FC, NFS, Ceph RBD and NVMe-oF; three zones; thin and thick pools). Prints "
                + "each decision on one line, then the full explanation of the first request that cannot be placed.",
            "This is also what 'volsched' does without a command."},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:the demo ran as designed: every request was decided (placed, or refused with "
                + "NoValidBackend), and the demo shows at least one of each",
            "1:a bundled request ended otherwise (another failure, or no placement or no refusal to show)",
            "2:a bundled scenario is missing or unreadable, or --plugin-path is unusable",
            Main.EXIT_INTERNAL})
final class DemoCommand implements Callable<Integer> {
    /** The bundled scenarios, in the order they run. */
    static final List<String> EXAMPLES = List.of("demo-fleet", "demo-thick", "demo-too-big");

    @Mixin
    PluginPathOption plugins = new PluginPathOption();

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        try (Session session = Session.open(null, plugins)) {
            return run(session, out, err);
        } finally {
            out.flush();
            err.flush();
        }
    }

    /** Runs the demo in {@code session}. */
    static int run(Session session, PrintWriter out, PrintWriter err) {
        List<Scenario> scenarios = EXAMPLES.stream().map(ScenarioInput::example).toList();
        out.println("volsched demo: " + scenarios.size() + " create-volume requests against the bundled fleet of "
                + scenarios.get(0).backends().size() + " backends");
        out.println();
        TextTable table = TextTable.of("SCENARIO", "REQUEST", "OUTCOME");
        List<String> surprises = new ArrayList<>();
        Session.Outcome explained = null;
        int placed = 0;
        int refused = 0;
        for (Scenario scenario : scenarios) {
            Session.Outcome outcome = session.decide(scenario, ScenarioInput.exampleLabel(scenario.name()), true,
                    err);
            if (outcome.result() == null) {
                return Main.BAD_INPUT;
            }
            DecisionTrace trace = outcome.result().trace();
            table.row(scenario.name(), compactRequest(scenario), compactOutcome(outcome));
            if (outcome.exitCode() == Main.OK) {
                placed++;
            } else if (outcome.exitCode() == Main.SCHEDULING_FAILURE && trace.failure() instanceof NoValidBackend) {
                refused++;
                if (explained == null) {
                    explained = outcome;
                }
            } else {
                surprises.add(scenario.name() + " ended with "
                        + (trace.failure() == null ? "exit code " + outcome.exitCode()
                        : DecisionJson.errorType(trace.failure()) + ": " + trace.failure().getMessage()));
            }
        }
        table.print(out, "  ");
        if (explained != null) {
            out.println();
            out.println("Why " + explained.scenario().name() + " cannot be placed (volsched explain):");
            out.println();
            ExplainCommand.print(explained, false, out);
        }
        out.println();
        if (placed == 0) {
            surprises.add("no bundled request was placed");
        }
        if (refused == 0) {
            surprises.add("every bundled request was placed; there is no refusal to explain");
        }
        if (surprises.isEmpty()) {
            out.println("The demo ran as designed: " + placed + " placed, " + refused + " refused with NoValidBackend.");
            return Main.OK;
        }
        surprises.forEach(s -> err.println("volsched: demo: " + s));
        return Main.SCHEDULING_FAILURE;
    }

    /** {@code 100 GB gold-iscsi in az-1}. */
    @SuppressWarnings("unchecked")
    static String compactRequest(Scenario scenario) {
        Map<String, Object> spec = scenario.request().requestSpec();
        Map<String, Object> props = spec != null && spec.get("volume_properties") instanceof Map<?, ?> m
                ? (Map<String, Object>) m : Map.of();
        Object type = spec == null ? null : spec.get("volume_type");
        Object typeName = type instanceof Map<?, ?> t ? t.get("name") : null;
        Object zone = props.get("availability_zone");
        return Py.str(props.get("size")) + " GB" + (typeName == null ? "" : " " + Py.str(typeName))
                + (zone == null ? "" : " in " + Py.str(zone));
    }

    /** {@code stor-07@netapp#aggr1 (weight 1; 9 of 40 passed the filters)} or the failure, briefly. */
    static String compactOutcome(Session.Outcome outcome) {
        DecisionTrace trace = outcome.result().trace();
        int candidates = trace.candidates() == null ? 0 : trace.candidates().size();
        int passed = trace.filtered() == null ? 0 : trace.filtered().size();
        if (outcome.result().exitCode() == Main.OK) {
            return "-> " + trace.selected().backend() + " (weight "
                    + (trace.selected().weight() == null ? "none" : Explanation.number(trace.selected().weight()))
                    + "; " + passed + " of " + candidates + " pools passed the filters)";
        }
        String type = trace.failure() == null ? "no selection" : DecisionJson.errorType(trace.failure());
        DecisionTrace.FilterStep emptied = null;
        for (DecisionTrace.FilterStep step : trace.filterSteps()) {
            if (step.received() > 0 && step.rejected().size() == step.received()) {
                emptied = step;
                break;
            }
        }
        return type + (emptied == null ? "" : " (" + emptied.filter() + " rejected the last " + emptied.received()
                + " of " + candidates + " pools)");
    }
}
