package org.volsched.cli.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import net.jqwik.api.constraints.Size;
import net.jqwik.api.lifecycle.AddLifecycleHook;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;
import net.jqwik.api.statistics.Statistics;
import org.volsched.cli.reliability.CliDecisions.BadConfiguration;
import org.volsched.cli.reliability.CliDecisions.Decided;
import org.volsched.cli.reliability.CliDecisions.Outcome;
import org.volsched.cli.reliability.CliDecisions.Refused;
import org.volsched.cli.reliability.ScenarioMutator.Mutation;

/**
 * Odd data never crashes volsched: every property feeds the command line's reader and
 * {@code ScheduleCommand.decide} mutated conformance scenarios and checks that each answer is a
 * decision of the documented shape or a clear error ({@link CliDecisions}), within a time limit
 * and without a stack overflow. Tries per property: {@link ReliabilitySettings#tries()}.
 */
@AddLifecycleHook(ConfiguredTries.class)
class ScenarioFuzzTest {
    @BeforeContainer
    static void captureLogs() {
        FuzzLogs.capture();
    }

    @AfterContainer
    static void checkLogs() {
        FuzzLogs.checkAndStop();
    }

    @Provide
    Arbitrary<Integer> seeds() {
        return Arbitraries.integers().between(0, Seeds.count() - 1);
    }

    @Provide
    Arbitrary<List<Mutation>> mutations() {
        return ScenarioMutator.mutations().list().ofMinSize(1).ofMaxSize(4);
    }

    /** Any mix of mutations of any seed: a decision or a clear error. */
    @Property
    void mutatedScenariosGetADecisionOrAClearError(@ForAll("seeds") int seed, @ForAll("mutations") List<Mutation> ms,
                                                   @ForAll boolean explain) {
        String text = ScenarioMutator.apply(Seeds.tree(seed), ms);
        collect(CliDecisions.run(text, explain));
    }

    /** Odd capacities in every capacity field of every pool: always a decision, never a refusal. */
    @Property
    void oddCapacitiesInEveryFieldStillDecide(@ForAll("seeds") int seed,
                                              @ForAll("capacityLists") List<JsonNode> capacities) {
        ObjectNode tree = Seeds.tree(seed);
        int i = 0;
        for (ObjectNode pool : ScenarioMutator.pools(tree)) {
            for (String field : ScenarioMutator.CAPACITY_FIELDS) {
                pool.set(field, capacities.get(i++ % capacities.size()));
            }
        }
        Outcome outcome = CliDecisions.run(text(tree), false);
        assertThat(outcome).as("capacities are the drivers' business: never refused").isInstanceOf(Decided.class);
        collect(outcome);
    }

    @Provide
    Arbitrary<List<JsonNode>> capacityLists() {
        return OddValues.capacities().list().ofMinSize(1).ofMaxSize(24);
    }

    /** Every capacity field {@code infinite} or {@code unknown} in every combination. */
    @Property
    void infiniteAndUnknownAnywhere(@ForAll("seeds") int seed, @ForAll @Size(min = 1, max = 24) List<Integer> bits) {
        ObjectNode tree = Seeds.tree(seed);
        int i = 0;
        for (ObjectNode pool : ScenarioMutator.pools(tree)) {
            for (String field : ScenarioMutator.CAPACITY_FIELDS) {
                int b = bits.get(i++ % bits.size()) & 3;
                if (b == 1) {
                    pool.put(field, "infinite");
                } else if (b == 2) {
                    pool.put(field, "unknown");
                }
            }
        }
        Outcome outcome = CliDecisions.run(text(tree), false);
        assertThat(outcome).isInstanceOf(Decided.class);
        collect(outcome);
    }

    /** Odd values for the scheduler options: a decision or an InvalidConfiguration naming the option. */
    @Property
    void oddOptionsGetADecisionOrNameTheOption(@ForAll("seeds") int seed, @ForAll("options") List<Tuple.Tuple2<Integer, JsonNode>> options) {
        ObjectNode tree = Seeds.tree(seed);
        ObjectNode config = (ObjectNode) tree.get("config");
        for (Tuple.Tuple2<Integer, JsonNode> o : options) {
            config.set(ScenarioMutator.OPTIONS.get(o.get1() % ScenarioMutator.OPTIONS.size()), o.get2());
        }
        Outcome outcome = CliDecisions.run(text(tree), false);
        if (outcome instanceof Refused r) {
            assertThat(r.exception().getMessage()).as("options are never refused, except too deep to read")
                    .contains("nesting depth");
        }
        collect(outcome);
    }

    @Provide
    Arbitrary<List<Tuple.Tuple2<Integer, JsonNode>>> options() {
        Arbitrary<JsonNode> values = Arbitraries.oneOf(OddValues.values(), Arbitraries.of("filter", "chance",
                        "CapacityFilter", "RetryFilter", "OrderedHostWeightHandler", "StochasticHostWeightHandler",
                        "cinder.scheduler.weights.capacity.CapacityWeigher", "auto", "0", "-1", "1.5", "NaN")
                .map(OddValues.F::textNode));
        return Combinators.combine(Arbitraries.integers().between(0, 1000), values).as(Tuple::of).list()
                .ofMinSize(1).ofMaxSize(5);
    }

    /** JsonFilter queries: valid, malformed, thousands of levels deep. */
    @Property
    void jsonQueriesOfAnyShapeAndDepth(@ForAll("seeds") int seed, @ForAll("queries") String query) {
        ObjectNode tree = Seeds.tree(seed);
        ScenarioMutator.apply(tree, new Mutation(ScenarioMutator.Kind.QUERY, 0, 0, null, query));
        Outcome outcome = CliDecisions.run(text(tree), false);
        assertThat(outcome).isInstanceOf(Decided.class);
        collect(outcome);
    }

    @Provide
    Arbitrary<String> queries() {
        return OddValues.jsonQueries();
    }

    /** Filter and goodness functions: valid, odd, deep, long, expensive. */
    @Property
    void filterAndGoodnessFunctionsOfAnyShape(@ForAll("seeds") int seed, @ForAll("functions") List<String> functions,
                                              @ForAll int where) {
        ObjectNode tree = Seeds.tree(seed);
        for (int i = 0; i < functions.size(); i++) {
            ScenarioMutator.apply(tree, new Mutation(ScenarioMutator.Kind.FUNCTION, where + i, i, null,
                    functions.get(i)));
        }
        Outcome outcome = CliDecisions.run(text(tree), false);
        assertThat(outcome).isInstanceOf(Decided.class);
        collect(outcome);
    }

    @Provide
    Arbitrary<List<String>> functions() {
        return OddValues.expressions().list().ofMinSize(1).ofMaxSize(4);
    }

    /** Odd extra specs on the volume type. */
    @Property
    void oddExtraSpecs(@ForAll("seeds") int seed, @ForAll("specs") JsonNode specs) {
        ObjectNode tree = Seeds.tree(seed);
        ScenarioMutator.apply(tree, new Mutation(ScenarioMutator.Kind.EXTRA_SPECS, 0, 0, specs, null));
        collect(CliDecisions.run(text(tree), false));
    }

    @Provide
    Arbitrary<JsonNode> specs() {
        return OddValues.extraSpecs();
    }

    /** Text that is not (or no longer) a scenario: cut short, or with characters spliced in. */
    @Property
    void corruptedTextIsRefusedWithALocation(@ForAll("seeds") int seed, @ForAll int cut,
                                             @ForAll("splices") String splice) {
        String text = Seeds.text(seed);
        int at = Math.floorMod(cut, text.length());
        String corrupted = splice.isEmpty() ? text.substring(0, at) : text.substring(0, at) + splice
                + text.substring(at);
        Outcome outcome = CliDecisions.run(corrupted, false);
        collect(outcome);
        if (splice.isEmpty() && at < text.strip().length() - 1) {
            assertThat(outcome).isInstanceOf(Refused.class);
            assertThat(((Refused) outcome).exception().problems()).singleElement().asString()
                    .matches("(?s)fuzz\\.scenario\\.json(:\\d+:\\d+)?: (not valid JSON|empty file).*");
        }
    }

    @Provide
    Arbitrary<String> splices() {
        return Arbitraries.oneOf(Arbitraries.just(""), Arbitraries.of("{", "}", "[", "]", ",", ":", "\"", "\\",
                "NaN", "Infinity", "-", "\u0000", "/*", "'", "\uD800", "null", "1e99999", "{\"a\":1}"),
                Arbitraries.strings().all().ofMaxLength(8), OddValues.longText());
    }

    /** What a checked field must hold. */
    enum Expected {
        STRING, BOOLEAN, OBJECT, LIST, COUNT, PRESENT
    }

    /**
     * A field the reader checks.
     *
     * @param path the path the problem must name; {@code #} stands for the backend index
     */
    record CheckedField(String path, Expected expected) {
        String pathFor(int backend) {
            return path.replace("#", Integer.toString(backend));
        }
    }

    static final List<CheckedField> CHECKED_FIELDS = List.of(
            new CheckedField("config", Expected.OBJECT),
            new CheckedField("backends", Expected.LIST),
            new CheckedField("backends[#]", Expected.OBJECT),
            new CheckedField("backends[#].host", Expected.STRING),
            new CheckedField("backends[#].cluster_name", Expected.STRING),
            new CheckedField("backends[#].availability_zone", Expected.STRING),
            new CheckedField("backends[#].up", Expected.BOOLEAN),
            new CheckedField("backends[#].disabled", Expected.BOOLEAN),
            new CheckedField("backends[#].frozen", Expected.BOOLEAN),
            new CheckedField("backends[#].volume_count", Expected.COUNT),
            new CheckedField("backends[#].capabilities", Expected.OBJECT),
            new CheckedField("request", Expected.OBJECT),
            new CheckedField("request.request_spec", Expected.OBJECT),
            new CheckedField("request.filter_properties", Expected.OBJECT),
            new CheckedField("request.volume_hosts", Expected.OBJECT),
            new CheckedField("request.instance_hosts", Expected.OBJECT),
            new CheckedField("request.request_spec.volume_properties", Expected.OBJECT),
            new CheckedField("request.request_spec.volume_properties.size", Expected.PRESENT),
            new CheckedField("request.request_spec.volume_type", Expected.OBJECT),
            new CheckedField("request.filter_properties.retry", Expected.OBJECT),
            new CheckedField("request.filter_properties.scheduler_hints", Expected.OBJECT));

    /** A value of the wrong type in a field the reader checks: refused, and the problem names that field. */
    @Property
    void aWrongTypeInACheckedFieldIsRefusedNamingItsPath(@ForAll("seeds") int seed, @ForAll("checkedFields") int field,
                                                          @ForAll int backend, @ForAll("wrongValues") List<JsonNode> values) {
        ObjectNode tree = Seeds.tree(seed);
        CheckedField f = CHECKED_FIELDS.get(field);
        int b = tree.get("backends").isEmpty() ? 0 : Math.floorMod(backend, tree.get("backends").size());
        if (f.path().contains("#") && tree.get("backends").isEmpty()) {
            tree.withArray("backends").addObject().put("host", "node@x");
        }
        JsonNode wrong = values.stream().filter(v -> isWrongFor(v, f.expected())).findFirst()
                .orElse(OddValues.F.arrayNode());
        put(tree, f.pathFor(b), f.expected() == Expected.PRESENT ? null : wrong);

        Outcome outcome = CliDecisions.run(text(tree), false);

        assertThat(outcome).as("%s = %s", f.pathFor(b), wrong).isInstanceOf(Refused.class);
        assertThat(((Refused) outcome).exception().problems()).as("%s = %s", f.pathFor(b), wrong)
                .anyMatch(problem -> problem.startsWith("fuzz.scenario.json: " + f.pathFor(b) + ":"));
        Statistics.collect(f.path());
    }

    @Provide
    Arbitrary<Integer> checkedFields() {
        return Arbitraries.integers().between(0, CHECKED_FIELDS.size() - 1);
    }

    @Provide
    Arbitrary<List<JsonNode>> wrongValues() {
        return Arbitraries.oneOf(OddValues.scalars(), OddValues.values()).list().ofMinSize(1).ofMaxSize(6)
                .map(l -> {
                    List<JsonNode> all = new java.util.ArrayList<>(l);
                    // One wrong value of each kind at the end, so that every field finds one.
                    all.add(OddValues.F.numberNode(-3));
                    all.add(OddValues.F.textNode("yes"));
                    all.add(OddValues.F.arrayNode().add(1));
                    return all;
                });
    }

    private static boolean isWrongFor(JsonNode v, Expected expected) {
        if (v.isNull() || v.isContainerNode() && depth(v) > 150) {
            return false;
        }
        return switch (expected) {
            case STRING -> !v.isTextual();
            case BOOLEAN -> !v.isBoolean();
            case OBJECT -> !v.isObject();
            case LIST -> !v.isArray();
            case COUNT -> !(v.isIntegralNumber() && v.canConvertToLong() && v.asLong() >= 0) && !v.isObject();
            case PRESENT -> true;
        };
    }

    private static int depth(JsonNode n) {
        int d = 0;
        while (n.isContainerNode() && n.size() > 0) {
            n = n.elements().next();
            d++;
        }
        return d;
    }

    /** Sets (or, for {@code null}, removes) the field at a dotted path with {@code [i]} indices, creating objects on the way. */
    private static void put(ObjectNode root, String path, JsonNode value) {
        String[] parts = path.split("\\.");
        JsonNode parent = root;
        for (int i = 0; i < parts.length; i++) {
            String part = parts[i];
            int bracket = part.indexOf('[');
            String name = bracket < 0 ? part : part.substring(0, bracket);
            boolean last = i == parts.length - 1;
            if (bracket >= 0) {
                int index = Integer.parseInt(part.substring(bracket + 1, part.length() - 1));
                ArrayNode list = ((ObjectNode) parent).withArray(name);
                if (last) {
                    list.set(index, value);
                    return;
                }
                parent = list.get(index);
            } else if (last) {
                if (value == null) {
                    ((ObjectNode) parent).remove(name);
                } else {
                    ((ObjectNode) parent).set(name, value);
                }
            } else {
                JsonNode child = parent.get(name);
                if (!(child instanceof ObjectNode)) {
                    child = ((ObjectNode) parent).putObject(name);
                }
                parent = child;
            }
        }
    }

    /** Documents nested deeper than the reader accepts, anywhere: refused with a clear message, no overflow. */
    @Property
    void deepDocumentsAreRefused(@ForAll("seeds") int seed, @ForAll int where,
                                 @ForAll("depths") int depth, @ForAll boolean lists) {
        ObjectNode tree = Seeds.tree(seed);
        String placeholder = "@@deep@@";
        ScenarioMutator.apply(tree, new Mutation(ScenarioMutator.Kind.REPLACE_ANY, where, 0,
                OddValues.F.textNode(placeholder), null));
        String deep = (lists ? "[" : "{\"k\":").repeat(depth) + "1" + (lists ? "]" : "}").repeat(depth);
        String text = text(tree).replace("\"" + placeholder + "\"", deep);
        Outcome outcome = CliDecisions.run(text, false);
        assertThat(outcome).isInstanceOf(Refused.class);
        assertThat(((Refused) outcome).exception().getMessage()).contains("not valid JSON").contains("nesting");
    }

    @Provide
    Arbitrary<Integer> depths() {
        return Arbitraries.integers().between(201, 100_000);
    }

    static String label(Outcome outcome) {
        if (outcome instanceof Decided d) {
            return d.selected() ? "selected" : "error " + d.errorType();
        }
        return outcome instanceof BadConfiguration ? "invalid configuration" : "refused";
    }

    private static String text(ObjectNode tree) {
        return ScenarioMutator.apply(tree, List.of());
    }

    private static void collect(Outcome outcome) {
        Statistics.collect(label(outcome));
    }
}
