package org.volsched.driver.filter;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.EdgeCasesMode;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.volsched.core.host.PoolReports;
import org.volsched.testing.TestContext;
import org.volsched.driver.filter.fixtures.Pools;
import org.volsched.spi.BackendFilter;
import org.volsched.spi.model.PoolState;
import org.volsched.python.PyException;
import org.volsched.testing.LogCapture;

/**
 * JsonFilter, which keeps compiled queries per text and verdicts per pool state, against Cinder's
 * literal evaluation of the query for every pool ({@link JsonQuery#evaluate}): over several requests
 * with different queries in turn, pools sharing slots and consumed pools.
 */
class JsonFilterMemoPropertiesTest {
    private static final List<String> QUERIES = List.of(
            "[\"and\", [\">=\", \"$free_capacity_gb\", 200], [\"<=\", \"$reserved_percentage\", 20]]",
            "[\">=\", \"$free_capacity_gb\", 100]",
            "[\"<\", \"$total_capacity_gb\", 500.5]",
            "[\"=\", \"$capabilities.tier\", \"gold\"]",
            "[\"not\", [\"=\", \"$capabilities.tier\", \"gold\"]]",
            "[\"or\", [\"in\", \"$capabilities.tier\", \"silver\", \"gold\"], [\">\", \"$allocated_capacity_gb\", 10]]",
            "[\"=\", \"$capabilities.tier.x\", 1]",
            "[\"<=\", \"$free_capacity_gb\", \"$total_capacity_gb\"]");

    @Property(tries = 300, edgeCases = EdgeCasesMode.NONE)
    void rememberedVerdictsAreCindersEvaluation(@ForAll("pools") List<PoolState> pools,
                                                @ForAll("queries") List<String> queries) {
        try (LogCapture log = LogCapture.of(JsonFilter.class)) {
            JsonFilter filter = new JsonFilter(new TestContext());
            boolean cinderFails = false;
            List<PoolState> current = new ArrayList<>(pools);
            for (int round = 0; round < 3; round++) {
                for (String query : queries) {
                    BackendFilter.PoolPredicate predicate = filter.prepare(Pools.withHints(Map.of("query", query)));
                    Object parsed = JsonQueryReader.parse(query);
                    for (PoolState pool : current) {
                        boolean expected;
                        try {
                            expected = JsonQuery.verdict(JsonQuery.evaluate(parsed, pool));
                        } catch (PyException e) {
                            expected = false;
                            cinderFails = true;
                        }
                        assertThat(predicate.test(pool)).as("%s on %s", query, pool).isEqualTo(expected);
                    }
                }
                current.set(round % current.size(), PoolReports.consumed(current.get(round % current.size()), 150, null));
            }
            assertThat(log.messages()).as("JsonFilter warns of the pools where Cinder fails, and only of them")
                    .allMatch(w -> w.matches("JsonFilter: rejected pool \\S+ where Cinder would fail the whole "
                            + "request: [A-Za-z]+Error: .+"));
            if (cinderFails) {
                assertThat(log.messages()).isNotEmpty();
            } else {
                assertThat(log.messages()).isEmpty();
            }
        }
    }

    @Provide
    Arbitrary<List<String>> queries() {
        return Arbitraries.of(QUERIES).list().ofMinSize(1).ofMaxSize(3);
    }

    @Provide
    Arbitrary<List<PoolState>> pools() {
        Arbitrary<Object> number = Arbitraries.oneOf(
                Arbitraries.longs().between(0, 1000).map(l -> (Object) l),
                Arbitraries.of(150.5, 0.0, Double.NaN, 9007199254740993.0).map(d -> (Object) d),
                Arbitraries.of("infinite", "unknown").map(s -> (Object) s));
        Arbitrary<PoolState> pool = Combinators.combine(number.list().ofSize(4), Arbitraries.integers().between(0, 3),
                        Arbitraries.of("gold", "silver", "bronze"))
                .as((numbers, slot, tier) -> {
                    Map<String, Object> caps = new LinkedHashMap<>();
                    caps.put("total_capacity_gb", numbers.get(0));
                    caps.put("free_capacity_gb", numbers.get(1));
                    caps.put("allocated_capacity_gb", numbers.get(2));
                    caps.put("reserved_percentage", numbers.get(3));
                    caps.put("tier", tier);
                    return PoolReports.fromReport(new PoolState.Builder().backend("node" + slot + "@be", "node" + slot + "@be", null)
                            .poolName("p" + slot).slot(slot), caps, "20.0").build();
                });
        return pool.list().ofMinSize(1).ofMaxSize(6);
    }
}
