package org.volsched.core.host;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;

/** A pool entry's image tells a repeat of the entry exactly, and nothing else. */
class ReportImageTest {

    private static Map<String, Object> entry(Object... keysAndValues) {
        Map<String, Object> m = new LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            m.put((String) keysAndValues[i], keysAndValues[i + 1]);
        }
        return m;
    }

    @Test
    void aRepeatedEntryMatchesEvenWhenEveryValueIsANewObject() {
        Map<String, Object> first = entry("pool_name", "p0", "total_capacity_gb", 2000L,
                "free_capacity_gb", 1143.65, "thin_provisioning_support", true, "max_over_subscription_ratio", "20.0",
                "reserved_percentage", 0, "tags", List.of("a", "b"), "location_info", null);
        ReportImage image = ReportImage.of(first);
        Map<String, Object> again = entry("pool_name", new String("p0"), "total_capacity_gb", Long.valueOf(2000L),
                "free_capacity_gb", Double.valueOf("1143.65"), "thin_provisioning_support", Boolean.valueOf("true"),
                "max_over_subscription_ratio", new String("20.0"), "reserved_percentage", Integer.valueOf(0),
                "tags", new ArrayList<>(List.of("a", "b")), "location_info", null);

        assertThat(image.matches(again)).isTrue();
    }

    @Test
    void aChangedValueDoesNotMatch() {
        ReportImage image = ReportImage.of(entry("pool_name", "p0", "free_capacity_gb", 1143.65));

        assertThat(image.matches(entry("pool_name", "p0", "free_capacity_gb", 1143.64))).isFalse();
        assertThat(image.matches(entry("pool_name", "p1", "free_capacity_gb", 1143.65))).isFalse();
        assertThat(image.matches(entry("pool_name", "p0", "free_capacity_gb", null))).isFalse();
    }

    @Test
    void numbersOfDifferentTypesStayApartAsMapEqualityKeepsThem() {
        // Cinder's report says 1, 1.0 or True: each builds its own state (Java's Map.equals tells them apart).
        List<Object> ones = Arrays.asList(1, 1L, 1.0, true, "1", null);
        for (Object a : ones) {
            for (Object b : ones) {
                boolean same = a == null ? b == null : a.equals(b);
                assertThat(ReportImage.of(entry("v", a)).matches(entry("v", b)))
                        .as("%s (%s) against %s (%s)", a, a == null ? "null" : a.getClass().getSimpleName(), b,
                                b == null ? "null" : b.getClass().getSimpleName())
                        .isEqualTo(same);
            }
        }
    }

    @Test
    void notANumberRepeatsAsDoubleEqualsSaysAndSignedZeroesDiffer() {
        assertThat(ReportImage.of(entry("v", Double.NaN)).matches(entry("v", 0.0 / 0.0))).isTrue();
        assertThat(ReportImage.of(entry("v", 0.0)).matches(entry("v", -0.0))).isFalse();
    }

    @Test
    void keysAddedRemovedOrRenamedDoNotMatch() {
        ReportImage image = ReportImage.of(entry("a", 1L, "b", 2L));

        assertThat(image.matches(entry("a", 1L))).isFalse();
        assertThat(image.matches(entry("a", 1L, "b", 2L, "c", 3L))).isFalse();
        assertThat(image.matches(entry("a", 1L, "c", 2L))).isFalse();
        assertThat(image.matches(entry())).isFalse();
        assertThat(ReportImage.of(entry()).matches(entry())).isTrue();
    }

    @Test
    void theSameContentsInAnotherOrderCountAsAChange() {
        // Conservative: the pool's state is then built again, which is always correct.
        assertThat(ReportImage.of(entry("a", 1L, "b", 2L)).matches(entry("b", 2L, "a", 1L))).isFalse();
    }

    @Test
    void anImageDoesNotChangeWhenTheEntryItWasTakenFromDoes() {
        Map<String, Object> m = entry("free_capacity_gb", 10L);
        ReportImage image = ReportImage.of(m);
        m.put("free_capacity_gb", 11L);

        assertThat(image.matches(m)).isFalse();
        assertThat(image.matches(entry("free_capacity_gb", 10L))).isTrue();
    }

    /** The image agrees with the map equality it replaces whenever the keys come in the same order. */
    @Property(tries = 2000)
    void agreesWithMapEquality(@ForAll("entries") Map<String, Object> a, @ForAll("entries") Map<String, Object> b) {
        boolean sameOrder = new ArrayList<>(a.keySet()).equals(new ArrayList<>(b.keySet()));
        boolean matches = ReportImage.of(a).matches(b);
        if (matches) {
            assertThat(a).isEqualTo(b);
        }
        if (sameOrder) {
            assertThat(matches).isEqualTo(a.equals(b));
        }
        // A copy always matches; a copy in a hash map's order matches whenever that order is the same.
        assertThat(ReportImage.of(a).matches(new LinkedHashMap<>(a))).isTrue();
        Map<String, Object> hashed = new HashMap<>(a);
        assertThat(ReportImage.of(a).matches(hashed))
                .isEqualTo(new ArrayList<>(a.keySet()).equals(new ArrayList<>(hashed.keySet())));
    }

    @Provide
    Arbitrary<Map<String, Object>> entries() {
        Arbitrary<Object> values = Arbitraries.oneOf(
                Arbitraries.integers().between(-2, 2).map(i -> (Object) i),
                Arbitraries.longs().between(-2, 2).map(l -> (Object) l),
                Arbitraries.of(0.0, -0.0, 1.0, 2.5, Double.NaN, Double.POSITIVE_INFINITY).map(d -> (Object) d),
                Arbitraries.of(true, false).map(x -> (Object) x),
                Arbitraries.of("1", "20.0", "gold", "").map(s -> (Object) new String(s)),
                Arbitraries.just(null),
                Arbitraries.of(List.of(), List.of("x"), List.of(1L)).map(l -> (Object) new ArrayList<>(l)));
        return Arbitraries.maps(Arbitraries.of("pool_name", "total_capacity_gb", "free_capacity_gb", "tier", "x"),
                values).ofMaxSize(5).map(LinkedHashMap::new);
    }
}
