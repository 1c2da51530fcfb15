package org.volsched.cli.reliability;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.volsched.cli.scenario.DecisionJson;
import org.volsched.cli.scenario.Scenario;
import org.volsched.cli.scenario.ScenarioException;
import org.volsched.cli.scenario.ScenarioParser;
import org.volsched.cli.scenario.ScenarioRunner;
import org.volsched.spi.InvalidConfiguration;
import org.volsched.spi.SchedulerException;
import org.volsched.spi.model.DecisionTrace;
import org.volsched.python.PyException;

/**
 * Runs scenario text the way {@code volsched schedule} does (the parser, then
 * {@code ScheduleCommand.decide}) and checks that the answer is one of the documented ones:
 * <ul>
 *   <li>a {@link ScenarioException} whose every problem names the input and a field;</li>
 *   <li>an {@link InvalidConfiguration} naming the option (the only exception {@code decide}
 *       lets through, reported by the command as bad input);</li>
 *   <li>a decision document of the shape {@code scenario-format.md} describes, whose failure, if
 *       any, is a {@link SchedulerException} or a {@link PyException} (a Cinder or Python error
 *       type), never a Java exception that {@code decide} merely caught.</li>
 * </ul>
 * Anything else (another exception, an {@link Error}, a malformed document) fails with an
 * {@link AssertionError} that shows the input.
 */
final class CliDecisions {
    private static final Method DECIDE;
    private static final Method RESULT_JSON;
    private static final Method RESULT_TRACE;

    static {
        try {
            // ScheduleCommand is package-private in org.volsched.cli; its decide is what the command runs.
            Class<?> command = Class.forName("org.volsched.cli.ScheduleCommand");
            DECIDE = command.getDeclaredMethod("decide", ScenarioRunner.class, Scenario.class, boolean.class);
            DECIDE.setAccessible(true);
            Class<?> result = Class.forName("org.volsched.cli.ScheduleCommand$Result");
            RESULT_JSON = result.getDeclaredMethod("json");
            RESULT_JSON.setAccessible(true);
            RESULT_TRACE = result.getDeclaredMethod("trace");
            RESULT_TRACE.setAccessible(true);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private CliDecisions() {
    }

    /** What the command line made of one input. */
    sealed interface Outcome permits Refused, BadConfiguration, Decided {
    }

    /** The parser refused the input. */
    record Refused(ScenarioException exception) implements Outcome {
    }

    /** The scenario's options are invalid. */
    record BadConfiguration(InvalidConfiguration exception) implements Outcome {
    }

    /** A decision was made (possibly a failure recorded in it). */
    record Decided(Scenario scenario, ObjectNode json, DecisionTrace trace) implements Outcome {
        boolean selected() {
            return !json.get("selected").isNull();
        }

        String errorType() {
            JsonNode e = json.get("error");
            return e.isNull() ? null : e.get("type").asText();
        }
    }

    /** Parses and decides {@code text} within {@link ReliabilitySettings#CASE_LIMIT}, checking the answer. */
    static Outcome run(String text, boolean explain) {
        return Bounded.call(() -> Bounded.shorten(text), ReliabilitySettings.CASE_LIMIT,
                () -> runNow(text, explain));
    }

    /** Decides an already parsed scenario within the time limit, checking the answer. */
    static Outcome decide(Scenario scenario, boolean explain) {
        return Bounded.call(scenario::toString, ReliabilitySettings.CASE_LIMIT,
                () -> decideNow(scenario, explain));
    }

    private static Outcome runNow(String text, boolean explain) {
        String source = "fuzz.scenario.json";
        Scenario scenario;
        try {
            scenario = ScenarioParser.parse(text, source, "fuzz");
        } catch (ScenarioException e) {
            checkProblems(e, source);
            return new Refused(e);
        } catch (RuntimeException e) {
            throw new AssertionError("ScenarioParser.parse threw " + e + " for " + Bounded.shorten(text), e);
        }
        return decideNow(scenario, explain);
    }

    private static Outcome decideNow(Scenario scenario, boolean explain) {
        Object result;
        try {
            result = DECIDE.invoke(null, new ScenarioRunner(), scenario, explain);
        } catch (InvocationTargetException e) {
            Throwable cause = e.getCause();
            if (cause instanceof InvalidConfiguration invalid) {
                checkConfigurationProblem(invalid, scenario);
                return new BadConfiguration(invalid);
            }
            if (cause instanceof Error error && !(cause instanceof AssertionError)) {
                throw new AssertionError("ScheduleCommand.decide threw " + error, error);
            }
            throw new AssertionError("ScheduleCommand.decide threw " + cause + " (undocumented)", cause);
        } catch (IllegalAccessException e) {
            throw new IllegalStateException(e);
        }
        try {
            ObjectNode json = (ObjectNode) RESULT_JSON.invoke(result);
            DecisionTrace trace = (DecisionTrace) RESULT_TRACE.invoke(result);
            Decided decided = new Decided(scenario, json, trace);
            checkDecision(decided, explain);
            return decided;
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Every problem names the input, then a field path or a JSON location, then what was wrong. */
    static void checkProblems(ScenarioException e, String source) {
        if (e.problems().isEmpty()) {
            throw new AssertionError("ScenarioException without problems", e);
        }
        for (String problem : e.problems()) {
            if (!problem.startsWith(source + ":") || problem.length() <= source.length() + 3) {
                throw new AssertionError("Problem does not name the input and a field: " + problem, e);
            }
            if (problem.contains("Exception") || problem.contains("\tat ")) {
                throw new AssertionError("Problem shows a Java exception: " + problem, e);
            }
        }
    }

    private static void checkConfigurationProblem(InvalidConfiguration e, Scenario scenario) {
        if (e.problems().isEmpty()) {
            throw new AssertionError("InvalidConfiguration without problems", e);
        }
        for (String problem : e.problems()) {
            boolean namesOption = ScenarioMutator.OPTIONS.stream().anyMatch(problem::contains);
            if (!namesOption) {
                throw new AssertionError("Configuration problem names no option: " + problem, e);
            }
        }
    }

    /** The decision document's shape (scenario-format.md, "Decision") and its internal consistency. */
    static void checkDecision(Decided d, boolean explain) {
        ObjectNode json = d.json();
        String doc = Bounded.shorten(json.toString());
        Set<String> fields = new HashSet<>();
        json.fieldNames().forEachRemaining(fields::add);
        Set<String> expected = explain ? Set.of("selected", "filtered", "weighed", "error", "trace")
                : Set.of("selected", "filtered", "weighed", "error");
        check(fields.equals(expected), "fields " + fields, doc);

        RuntimeException failure = d.trace().failure();
        if (failure != null && !(failure instanceof SchedulerException) && !(failure instanceof PyException)) {
            throw new AssertionError("Undocumented failure type " + failure.getClass().getName()
                    + " (decide caught a Java exception): " + doc + "\nscenario: " + d.scenario(), failure);
        }

        JsonNode selected = json.get("selected");
        JsonNode error = json.get("error");
        check(selected.isNull() != error.isNull(), "exactly one of selected and error is set", doc);
        if (!error.isNull()) {
            check(error.isObject() && error.size() == 2, "error is {type, reason}", doc);
            check(error.get("type").isTextual() && error.get("type").asText().matches("[A-Za-z][A-Za-z0-9_.]*"),
                    "error.type is a class name", doc);
            check(error.get("reason").isTextual(), "error.reason is text", doc);
            check(error.get("type").asText().equals(DecisionJson.errorType(failure)), "error.type from the failure",
                    doc);
        }

        JsonNode filtered = json.get("filtered");
        List<String> filteredNames = new ArrayList<>();
        check(filtered.isNull() || filtered.isArray(), "filtered is null or a list", doc);
        if (filtered.isArray()) {
            for (JsonNode f : filtered) {
                check(f.isTextual() && !f.asText().isEmpty(), "filtered holds names", doc);
                filteredNames.add(f.asText());
            }
        }
        JsonNode weighed = json.get("weighed");
        check(weighed.isNull() || weighed.isArray(), "weighed is null or a list", doc);
        List<String> weighedNames = new ArrayList<>();
        if (weighed.isArray()) {
            for (JsonNode w : weighed) {
                check(w.isObject() && w.size() == 2 && w.get("backend").isTextual(), "weighed entry {backend, weight}",
                        doc);
                check(isWeight(w.get("weight")), "weighed weight is a number or Infinity/-Infinity/NaN", doc);
                weighedNames.add(w.get("backend").asText());
            }
            check(filtered.isArray(), "weighed only after filtered", doc);
            boolean sameCandidates = new HashSet<>(weighedNames).equals(new HashSet<>(filteredNames))
                    && new HashSet<>(weighedNames).size() == weighedNames.size()
                    && weighedNames.size() == filteredNames.size();
            check(sameCandidates, "weighed holds the filtered candidates, each once", doc);
        }
        if (!selected.isNull()) {
            check(selected.isObject() && selected.size() == 2 && selected.get("backend").isTextual(),
                    "selected is {backend, weight}", doc);
            JsonNode weight = selected.get("weight");
            check(weight.isNull() || isWeight(weight), "selected weight", doc);
            String backend = selected.get("backend").asText();
            check(filtered.isArray() && filteredNames.contains(backend), "selected is one of the filtered", doc);
            if (weighed.isArray()) {
                check(weighedNames.contains(backend), "selected is one of the weighed", doc);
            }
        }
        // The document must survive a round trip through text.
        try {
            JsonNode again = DecisionJson.mapper().readTree(json.toPrettyString());
            check(again.equals(json), "round trip", doc);
        } catch (java.io.IOException e) {
            throw new AssertionError("Decision is not valid JSON: " + doc, e);
        }
    }

    private static boolean isWeight(JsonNode w) {
        return w.isNumber() || (w.isTextual() && Set.of("Infinity", "-Infinity", "NaN").contains(w.asText()));
    }

    private static void check(boolean ok, String what, String doc) {
        if (!ok) {
            throw new AssertionError("Decision breaks the documented shape (" + what + "): " + doc);
        }
    }
}
