package org.volsched.driver.filter;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.volsched.driver.filter.fixtures.Pools.list;
import static org.volsched.driver.filter.fixtures.Pools.map;
import static org.volsched.driver.filter.fixtures.Pools.withCaps;
import static org.volsched.driver.filter.fixtures.Pools.withHints;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.volsched.testing.TestContext;
import org.volsched.driver.filter.fixtures.Pools;
import org.volsched.spi.BackendFilter.PoolPredicate;
import org.volsched.spi.model.FilterProperties;
import org.volsched.spi.model.PoolState;
import org.volsched.python.PyException;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.volsched.testing.CapturedLogs;

/** {@link JsonFilter}, {@link JsonQuery} and {@link JsonQueryReader}: rules JF1-JF6 and pitfall 14. */
class JsonFilterTest {
    private final JsonFilter filter = new JsonFilter(new TestContext());

    @RegisterExtension
    final CapturedLogs logs = CapturedLogs.of(JsonFilter.class).expecting(
            "JsonFilter: rejecting every pool where Cinder would fail the whole request: [A-Za-z]+Error: .+",
            "JsonFilter: rejected pool \\S+ where Cinder would fail the whole request: [A-Za-z]+Error: .+");

    private static final PoolState SMALL = withCaps(map("total_capacity_gb", 100L, "free_capacity_gb", 40L,
            "reserved_percentage", 5L, "tier", "gold", "nested", map("x", 5L, "y", "a"), "flags", list("a", "b")));
    private static final PoolState INFINITE = Pools.pool("node2@ceph", "rbd", map("total_capacity_gb", "infinite",
            "free_capacity_gb", "infinite", "tier", "bronze"));

    private PoolPredicate prepare(String query) {
        return filter.prepare(withHints(map("query", query)));
    }

    private boolean passes(String query, PoolState pool) {
        return prepare(query).test(pool);
    }

    @Test
    void nameAndAlias() {
        assertThat(filter.name()).isEqualTo("JsonFilter");
        assertThat(JsonFilter.ALIAS).isEqualTo("cinder.scheduler.filters.json_filter.JsonFilter");
    }

    // JF1

    @Test
    void missingHintsOrQueryPass() {
        assertThat(filter.prepare(new FilterProperties()).test(SMALL)).isTrue();
        assertThat(filter.prepare(withHints(map("same_host", list()))).test(SMALL)).isTrue();
    }

    @Test
    void falsyQueryPasses() {
        assertThat(filter.prepare(withHints(map("query", ""))).test(SMALL)).isTrue();
        assertThat(filter.prepare(withHints(map("query", null))).test(SMALL)).isTrue();
        assertThat(filter.prepare(withHints(map("query", 0L))).test(SMALL)).isTrue();
    }

    @Test
    void nullSchedulerHintsRejectsWithReasonInsteadOfTypeError() {
        PoolPredicate p = filter.prepare(new FilterProperties().setSchedulerHints(null, true));
        assertThat(p.test(SMALL)).isFalse();
        assertThat(p.reason(SMALL)).startsWith("JsonFilter: TypeError");
        assertThat(logs.warnings()).containsExactly("JsonFilter: rejecting every pool where Cinder would fail the "
                + "whole request: TypeError: 'NoneType' object is not subscriptable (scheduler_hints is null)");
    }

    @Test
    void malformedJsonOrNonStringQueryRejectsWithReason() {
        PoolPredicate bad = prepare("[\">=\", \"$free_capacity_gb\"");
        assertThat(bad.test(SMALL)).isFalse();
        assertThat(bad.reason(SMALL)).contains("JSONDecodeError");
        PoolPredicate list = filter.prepare(withHints(map("query", list(">=", "$free_capacity_gb", 1L))));
        assertThat(list.test(SMALL)).isFalse();
        assertThat(list.reason(SMALL)).contains("TypeError").contains("not list");
        assertThat(logs.warnings()).hasSize(2).allSatisfy(w -> assertThat(w).startsWith("JsonFilter: rejecting every pool"));
        assertThat(logs.warnings().get(0)).contains("JSONDecodeError", "'[\">=\", \"$free_capacity_gb\"'");
        assertThat(logs.warnings().get(1)).contains("TypeError", "not list", "['>=', '$free_capacity_gb', 1]");
    }

    // JF2

    @Test
    void emptyQueriesAreTrue() {
        assertThat(passes("[]", SMALL)).isTrue();
        assertThat(passes("{}", SMALL)).isTrue();
        assertThat(passes("null", SMALL)).isTrue();
        assertThat(passes("[\"and\", [], [\"=\", 1, 1]]", SMALL)).as("a nested [] is True").isTrue();
    }

    @Test
    void unknownCommandOrNonListQueryRejects() {
        assertThat(passes("[\"foo\", 1, 1]", SMALL)).isFalse();
        assertThat(prepare("[\"foo\", 1, 1]").reason(SMALL)).contains("KeyError: 'foo'");
        assertThat(passes("[\"and\", [\"=\", 1, 1], [\"bar\"]]", SMALL)).as("nested too").isFalse();
        assertThat(passes("5", SMALL)).isFalse();
        assertThat(prepare("5").reason(SMALL)).contains("'int' object is not subscriptable");
        assertThat(passes("{\"a\": 1}", SMALL)).isFalse();
        assertThat(passes("[[\"=\"], 1]", SMALL)).isFalse();
        assertThat(prepare("[[\"=\"], 1]").reason(SMALL)).contains("unhashable type: 'list'");
        assertThat(logs.warnings()).isNotEmpty().allSatisfy(w -> assertThat(w)
                .startsWith("JsonFilter: rejected pool " + SMALL.backendId() + " where Cinder would fail the whole request"));
        assertThat(String.join("\n", logs.warnings())).contains("KeyError", "unhashable type: 'list'");
    }

    @Test
    void aTopLevelStringIsIndexedByCharacter() {
        assertThat(passes("\"<ab\"", SMALL)).as("['<', 'a', 'b']").isTrue();
        assertThat(passes("\"=ab\"", SMALL)).isFalse();
        assertThat(passes("\"x\"", SMALL)).as("KeyError: 'x'").isFalse();
    }

    @Test
    void nullArgumentsAreDropped() {
        assertThat(passes("[\"=\", 1, null, 1]", SMALL)).isTrue();
        assertThat(passes("[\"=\", null, 1]", SMALL)).as("fewer than two arguments remain").isFalse();
        assertThat(passes("[\"=\", \"$no_such_attribute\", 1, 1]", SMALL)).as("pitfall 14").isTrue();
        assertThat(passes("[\"=\", \"\", 1, 1]", SMALL)).as("'' resolves to None").isTrue();
    }

    // JF3

    @Test
    void variablesResolveStateAttributesAndNestedKeys() {
        assertThat(passes("[\">=\", \"$free_capacity_gb\", 40]", SMALL)).isTrue();
        assertThat(passes("[\"=\", \"$capabilities.tier\", \"gold\"]", SMALL)).isTrue();
        assertThat(passes("[\"=\", \"$capabilities.nested.x\", 5]", SMALL)).isTrue();
        assertThat(passes("[\"=\", \"$host\", \"node1@lvm#pool0\"]", SMALL)).isTrue();
        assertThat(passes("[\"=\", \"$backend_id\", \"node1@lvm#pool0\"]", SMALL)).isTrue();
        assertThat(passes("[\"=\", \"$capabilities.missing\", \"$capabilities.missing\", 1]", SMALL))
                .as("missing keys are None and dropped").isFalse();
    }

    @Test
    void stringsWithoutDollarAreLiterals() {
        assertThat(passes("[\"=\", \"gold\", \"gold\"]", SMALL)).isTrue();
        assertThat(passes("[\"=\", \"free_capacity_gb\", 40]", SMALL)).isFalse();
    }

    @Test
    void lookingIntoANonMappingRejectsWithAttributeError() {
        assertThat(passes("[\"=\", \"$capabilities.tier.x\", 1]", SMALL)).isFalse();
        assertThat(prepare("[\"=\", \"$capabilities.tier.x\", 1]").reason(SMALL))
                .contains("AttributeError: 'str' object has no attribute 'get'");
    }

    // JF4

    @Test
    void comparisonsHoldAgainstEveryLaterArgument() {
        assertThat(passes("[\">\", \"$free_capacity_gb\", 10, 20, 30]", SMALL)).isTrue();
        assertThat(passes("[\">\", \"$free_capacity_gb\", 10, 50]", SMALL)).isFalse();
        assertThat(passes("[\"<\", \"$free_capacity_gb\", 41]", SMALL)).isTrue();
        assertThat(passes("[\"<=\", \"$free_capacity_gb\", 40, 40.0]", SMALL)).isTrue();
        assertThat(passes("[\">=\", \"$free_capacity_gb\", 41]", SMALL)).isFalse();
        assertThat(passes("[\"=\", 1, 1.0]", SMALL)).isTrue();
        assertThat(passes("[\"<\", \"B\", \"a\"]", SMALL)).as("code point order").isTrue();
        assertThat(passes("[\"<\", [\"=\", 1, 1], 2]", SMALL)).as("True < 2").isTrue();
    }

    @Test
    void comparisonWithFewerThanTwoArgumentsIsFalse() {
        for (String op : List.of("=", "<", ">", "<=", ">=", "in")) {
            assertThat(passes("[\"" + op + "\", 1]", SMALL)).as(op).isFalse();
            assertThat(passes("[\"" + op + "\"]", SMALL)).as(op).isFalse();
        }
    }

    @Test
    void inTestsEqualityWithAnyLaterArgument() {
        assertThat(passes("[\"in\", \"$capabilities.tier\", \"silver\", \"gold\"]", SMALL)).isTrue();
        assertThat(passes("[\"in\", \"$capabilities.tier\", \"silver\", \"bronze\"]", SMALL)).isFalse();
        assertThat(passes("[\"in\", \"a\", \"$capabilities.flags\"]", SMALL)).as("not membership of a list")
                .isFalse();
        assertThat(passes("[\"in\", 1, true]", SMALL)).isTrue();
    }

    @Test
    void orAndAreAnyAndAll() {
        assertThat(passes("[\"or\", [\"=\", 1, 2], [\"=\", 1, 1]]", SMALL)).isTrue();
        assertThat(passes("[\"or\", [\"=\", 1, 2], 0]", SMALL)).isFalse();
        assertThat(passes("[\"or\"]", SMALL)).isFalse();
        assertThat(passes("[\"and\", [\"=\", 1, 1], \"x\", 3]", SMALL)).isTrue();
        assertThat(passes("[\"and\", [\"=\", 1, 1], 0]", SMALL)).isFalse();
        assertThat(passes("[\"and\"]", SMALL)).as("all([]) is True").isTrue();
    }

    @Test
    void stringAgainstNumberOrderingRejectsWithReason() {
        PoolPredicate p = prepare("[\">=\", \"$free_capacity_gb\", 100]");
        assertThat(p.test(INFINITE)).as("pitfall 14").isFalse();
        assertThat(p.reason(INFINITE)).isEqualTo("JsonFilter: TypeError: '>=' not supported between instances of "
                + "'str' and 'int' ($free_capacity_gb = 'infinite')");
        assertThat(p.test(withCaps(map("free_capacity_gb", 500L)))).as("other pools unaffected").isTrue();
        assertThat(logs.warnings()).singleElement().asString().startsWith("JsonFilter: rejected pool "
                + INFINITE.backendId() + " where Cinder would fail the whole request: TypeError: '>=' not supported")
                .contains("$free_capacity_gb");
    }

    @Test
    void everyComparisonIsEvaluatedSoALaterTypeErrorStillRejects() {
        assertThat(passes("[\"not\", [\"<\", 5, 1, \"x\"]]", SMALL)).isFalse();
        assertThat(passes("[\"or\", true, [\"<\", 5, \"x\"]]", SMALL)).as("no short-circuit").isFalse();
    }

    // JF5

    @Test
    void notReturnsAListReducedWithAnyAtTheTop() {
        assertThat(passes("[\"not\", [\"=\", 1, 2]]", SMALL)).isTrue();
        assertThat(passes("[\"not\", [\"=\", 1, 1]]", SMALL)).isFalse();
        assertThat(passes("[\"not\", true, false]", SMALL)).as("any([False, True])").isTrue();
        assertThat(passes("[\"not\"]", SMALL)).as("any([])").isFalse();
        assertThat(passes("[\"not\", null]", SMALL)).isFalse();
    }

    @Test
    void nestedNotIsATruthyList() {
        assertThat(passes("[\"and\", [\"not\", true]]", SMALL)).as("[False] is truthy").isTrue();
        assertThat(passes("[\"not\", [\"not\", true]]", SMALL)).as("not [False] is False").isFalse();
        assertThat(passes("[\"or\", [\"not\"]]", SMALL)).as("[] is falsy").isFalse();
        assertThat(passes("[\"=\", [\"not\", true], [\"not\", true]]", SMALL)).as("[False] == [False]").isTrue();
        assertThat(prepare("[\"and\", [\"not\", true], 0]").reason(SMALL)).contains("is False");
    }

    // JF6

    @Test
    void jsonBooleansAreNumbers() {
        assertThat(passes("[\"=\", true, 1]", SMALL)).isTrue();
        assertThat(passes("[\"<\", false, 0.5]", SMALL)).isTrue();
        assertThat(passes("[\"=\", false, 0, 0.0]", SMALL)).isTrue();
    }

    @Test
    void resultTruthinessDecides() {
        assertThat(passes("[\"and\", \"False\"]", SMALL)).as("the string 'False' is truthy").isTrue();
    }

    @Test
    void filtersPoolsInOrder() {
        List<PoolState> pools = List.of(SMALL, withCaps(map("free_capacity_gb", 500L)), INFINITE);
        assertThat(Pools.survivors(prepare("[\"<\", \"$free_capacity_gb\", 100]"), pools)).containsExactly(
                "node1@lvm#pool0");
        assertThat(Pools.survivors(prepare("[\"=\", \"$capabilities.tier\", \"bronze\"]"), pools)).containsExactly(
                "node2@ceph#rbd");
    }

    @Test
    void reasonShowsTheResultAndTheVariables() {
        assertThat(prepare("[\">=\", \"$free_capacity_gb\", 100]").reason(SMALL)).isEqualTo(
                "JsonFilter: query [\">=\", \"$free_capacity_gb\", 100] is False ($free_capacity_gb = 40)");
    }

    // Compilation agrees with the literal evaluation

    @Test
    void compiledQueryAgreesWithLiteralEvaluation() {
        Random random = new Random(20240611);
        List<PoolState> pools = List.of(SMALL, INFINITE, withCaps(map("free_capacity_gb", 0L, "tier", "",
                "nested", 3L, "flags", list())), withCaps(map("free_capacity_gb", 55.5, "tier", null)));
        for (int i = 0; i < 3000; i++) {
            Object query = randomQuery(random, 0);
            JsonQuery compiled = JsonQuery.compile(query);
            for (PoolState pool : pools) {
                Boolean expected;
                try {
                    expected = JsonQuery.verdict(JsonQuery.evaluate(query, pool));
                } catch (PyException e) {
                    expected = null;
                }
                Boolean actual;
                try {
                    actual = compiled.passes(pool);
                } catch (PyException e) {
                    actual = null;
                }
                assertThat(actual).as("%s on %s", query, pool.capabilities()).isEqualTo(expected);
            }
        }
    }

    private static final List<Object> COMMANDS = List.of("=", "<", ">", "<=", ">=", "in", "not", "or", "and");
    private static final List<Object> ATOMS = new ArrayList<>(List.of("$free_capacity_gb", "$capabilities.tier",
            "$capabilities.nested.x", "$capabilities.tier.x", "$capabilities.flags", "$nope", "$", "", "gold",
            "infinite", 0L, 1L, 40L, 55.5, true, false, Map.of("k", 1L)));

    static {
        ATOMS.add(null);
    }

    private static Object randomQuery(Random random, int depth) {
        if (random.nextInt(25) == 0) {
            return list();
        }
        List<Object> q = list(random.nextInt(15) == 0 ? "bogus" : COMMANDS.get(random.nextInt(COMMANDS.size())));
        int n = random.nextInt(5);
        for (int i = 0; i < n; i++) {
            if (depth < 3 && random.nextInt(3) == 0) {
                q.add(randomQuery(random, depth + 1));
            } else {
                q.add(ATOMS.get(random.nextInt(ATOMS.size())));
            }
        }
        return q;
    }

    // The reader

    @Test
    void readerParsesJsonValuesAsPythonDoes() {
        Object v = JsonQueryReader.parse(" [1, -0, 2.5, 1e2, 1E400, true, false, null, \"a\\u00e9\\n\", {\"k\": [], "
                + "\"k\": {}}, NaN, Infinity, -Infinity, 123456789012345678901234567890] ");
        List<?> l = (List<?>) v;
        assertThat(l.get(0)).isEqualTo(1L);
        assertThat(l.get(1)).isEqualTo(0L);
        assertThat(l.get(2)).isEqualTo(2.5);
        assertThat(l.get(3)).isEqualTo(100.0);
        assertThat(l.get(4)).isEqualTo(Double.POSITIVE_INFINITY);
        assertThat(l.get(5)).isEqualTo(true);
        assertThat(l.get(7)).isNull();
        assertThat(l.get(8)).isEqualTo("a\u00e9\n");
        assertThat(l.get(9)).isEqualTo(map("k", map()));
        assertThat((Double) l.get(10)).isNaN();
        assertThat(l.get(12)).isEqualTo(Double.NEGATIVE_INFINITY);
        assertThat(l.get(13)).isEqualTo(new BigInteger("123456789012345678901234567890"));
    }

    @Test
    void readerRejectsWhatPythonRejects() {
        for (String bad : List.of("", "[1,]", "[1", "01", "1.", "+1", "[1] x", "{'a': 1}", "{\"a\" 1}", "\"a\tb\"",
                "\"\\x\"", "tru", "[.5]", "{1: 2}", "\"abc")) {
            assertThatThrownBy(() -> JsonQueryReader.parse(bad)).as(bad).isInstanceOf(PyException.class)
                    .satisfies(e -> assertThat(((PyException) e).pythonType()).isEqualTo("JSONDecodeError"));
        }
        assertThatThrownBy(() -> JsonQueryReader.parse("[".repeat(600) + "]".repeat(600)))
                .isInstanceOf(PyException.class);
    }
}
