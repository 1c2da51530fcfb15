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
import net.jqwik.api.Tuple;
import org.volsched.spi.model.Candidates;
import org.volsched.core.host.PoolReports;
import org.volsched.driver.filter.eval.EvaluatorException;
import org.volsched.driver.filter.eval.Expression;
import org.volsched.testing.TestContext;
import org.volsched.spi.BackendFilter;
import org.volsched.spi.model.FilterProperties;
import org.volsched.spi.model.PoolState;
import org.volsched.spi.model.RequestSpec;
import org.volsched.spi.model.VolumeType;
import org.volsched.python.Py;
import java.util.regex.Pattern;
import org.volsched.testing.LogCapture;

/**
 * DriverFilter and GoodnessWeigher, which remember results per pool state and request operands and
 * evaluate compiled expressions, against a reference that parses and interprets every function
 * afresh for every pool (rules DF1-DF4, W12-W13): over several requests in turn (so that remembered
 * results meet other requests), pools sharing slots, consumed pools (new states in the same slot),
 * protocol variants, and values of every type.
 */
class FunctionMemoPropertiesTest {
    /** The warning GoodnessWeigher logs for a pool whose rating makes Cinder fail the request. */
    static final Pattern GOODNESS_WARNING = Pattern.compile(
            "GoodnessWeigher: pool \\S+ rated 0: .+ \\(Cinder fails the request with [A-Za-z]+\\)");
    private static final List<String> FUNCTIONS = List.of(
            "volume.size <= 4096 and stats.total_capacity_gb >= 1000",
            "capabilities.total_capacity_gb > 500 and volume.size < 16384",
            "100 - stats.allocated_capacity_gb / stats.total_capacity_gb * 100",
            "capabilities.free_capacity_gb / capabilities.total_capacity_gb * 100",
            "stats.free_capacity_gb - volume.size * extra.factor",
            "qos.maxIOPS > 1000 ? 80 : 20",
            "capabilities.storage_protocol == 'iSCSI' ? 100 : 10",
            "stats.storage_protocol == 'nfs'",
            "stats.backend_id", "stats.cluster_name", "extra.tier == 'gold'", "volume.size > 10",
            "capabilities.tier", "capabilities.level + volume.size", "50", "1 / stats.reserved_percentage",
            "(1 < 2)", "True", "60, 70", "max(stats.total_capacity_gb, volume.size) > 900", "%", "volume.size <");

    @Property(tries = 400, edgeCases = EdgeCasesMode.NONE)
    void rememberedAndCompiledResultsAreTheInterpreters(@ForAll("pools") List<PoolState> pools,
                                                        @ForAll("requests") List<FilterProperties> requests) {
        try (LogCapture log = LogCapture.of(GoodnessWeigher.class, DriverFilter.class)) {
            DriverFilter filter = new DriverFilter(new TestContext());
            GoodnessWeigher weigher = new GoodnessWeigher(new TestContext());
            List<PoolState> current = new ArrayList<>(pools);
            for (int round = 0; round < 3; round++) {
                for (FilterProperties props : requests) {
                    BackendFilter.PoolPredicate predicate = filter.prepare(props);
                    for (PoolState pool : current) {
                        assertThat(predicate.test(pool)).as("DriverFilter on %s (%s) for %s", pool.backendId(),
                                pool.filterFunctionText(), props.requestSpec()).isEqualTo(referencePasses(pool, props));
                    }
                    double[] out = new double[current.size()];
                    weigher.weigh(Candidates.of(current), props, out);
                    for (int i = 0; i < current.size(); i++) {
                        PoolState pool = current.get(i);
                        assertThat(out[i]).as("GoodnessWeigher on %s (%s)", pool.backendId(),
                                pool.goodnessFunctionText()).isEqualTo(referenceRating(pool, props));
                    }
                }
                // A consumption makes a new state of the same pool (same slot, new numbers).
                current.set(round % current.size(), PoolReports.consumed(current.get(round % current.size()), round + 0.5, null));
            }
            assertThat(log.messages()).as("only GoodnessWeigher's warnings for ratings Cinder fails on")
                    .allMatch(w -> GOODNESS_WARNING.matcher(w).matches());
        }
    }

    private static boolean referencePasses(PoolState pool, FilterProperties props) {
        Object fn = pool.capabilities().get("filter_function");
        if (fn == null) {
            return true;
        }
        String text = Py.str(fn);
        Map<String, Object> extra = FunctionEvaluation.extraSpecs(props);
        if (extra == null) {
            return false;
        }
        PoolNamespaces ns = new PoolNamespaces(extra, FunctionEvaluation.volumeProperties(props), props.qosSpecs(),
                true);
        List<?> variants = text.contains("storage_protocol") && pool.storageProtocol() instanceof List<?> l ? l : null;
        if (variants == null) {
            return Py.truthy(valueOrFailure(text, ns.on(pool)));
        }
        for (Object v : variants) {
            if (Py.truthy(valueOrFailure(text, ns.on(pool).withProtocol(v)))) {
                return true;
            }
        }
        return false;
    }

    private static double referenceRating(PoolState pool, FilterProperties props) {
        Object fn = pool.capabilities().get("goodness_function");
        if (fn == null) {
            return 0;
        }
        String text = Py.str(fn);
        Map<String, Object> extra = FunctionEvaluation.extraSpecs(props);
        if (extra == null) {
            return 0;
        }
        Object qos = props.qosSpecs();
        PoolNamespaces ns = new PoolNamespaces(extra, FunctionEvaluation.volumeProperties(props),
                Py.truthy(qos) ? qos : Map.of(), false);
        List<?> variants = text.contains("storage_protocol") && pool.storageProtocol() instanceof List<?> l ? l : null;
        if (variants == null) {
            return rating(valueOrFailure(text, ns.on(pool)));
        }
        double best = Double.NEGATIVE_INFINITY;
        for (Object v : variants) {
            best = Math.max(best, rating(valueOrFailure(text, ns.on(pool).withProtocol(v))));
        }
        return best;
    }

    private static final Object FAILED = new Object();

    /** The interpreter's value, or {@link #FAILED} (which is falsy here) when it raises. */
    private static Object valueOrFailure(String text, PoolNamespaces ns) {
        try {
            return Expression.parse(text).evaluate(ns);
        } catch (EvaluatorException e) {
            return false;
        }
    }

    private static double rating(Object value) {
        if (value instanceof Boolean b) {
            return b ? 100 : 0;
        }
        if (!Py.isNumber(value)) {
            return 0;
        }
        double d = Py.asDouble(value);
        return d < 0 || d > 100 || Double.isNaN(d) ? 0 : d;
    }

    @Provide
    Arbitrary<List<PoolState>> pools() {
        Arbitrary<Object> number = Arbitraries.frequencyOf(
                Tuple.of(5, Arbitraries.longs().between(0, 5000).map(l -> (Object) l)),
                Tuple.of(2, Arbitraries.of(512.9, 0.0, 1000.0, Double.NaN)),
                Tuple.of(1, Arbitraries.of("infinite", "unknown", "750")),
                Tuple.of(1, Arbitraries.just("null").map(s -> (Object) null)));
        Arbitrary<Object> function = Arbitraries.frequencyOf(
                Tuple.of(8, Arbitraries.of(FUNCTIONS).map(s -> (Object) s)),
                Tuple.of(1, Arbitraries.just("none").map(s -> (Object) null)),
                Tuple.of(1, Arbitraries.of(7L, true).map(o -> (Object) o)));
        Arbitrary<Object> protocol = Arbitraries.of("iSCSI", "ceph", "nfs", "NFS", "5", "none")
                .map(p -> p.equals("none") ? null : (Object) p);
        Arbitrary<PoolState> pool = Combinators.combine(number.list().ofSize(4), function, function, protocol,
                        Arbitraries.integers().between(0, 3), Arbitraries.of("gold", "silver", "2"))
                .as((numbers, filterFn, goodnessFn, proto, slot, tier) -> {
                    Map<String, Object> caps = new LinkedHashMap<>();
                    caps.put("total_capacity_gb", numbers.get(0));
                    caps.put("free_capacity_gb", numbers.get(1));
                    caps.put("allocated_capacity_gb", numbers.get(2));
                    caps.put("reserved_percentage", numbers.get(3) instanceof Long l ? (Object) (l % 50) : 0L);
                    caps.put("storage_protocol", proto);
                    caps.put("tier", tier);
                    caps.put("level", numbers.get(3));
                    if (filterFn != null) {
                        caps.put("filter_function", filterFn);
                    }
                    if (goodnessFn != null) {
                        caps.put("goodness_function", goodnessFn);
                    }
                    String host = "node" + slot + "@be";
                    boolean clustered = numbers.get(2) instanceof Long l && l % 2 == 0;
                    return PoolReports.fromReport(new PoolState.Builder().backend(clustered ? "c" + slot : host, host,
                                    clustered ? "c" + slot : null)
                            .poolName("p" + slot).slot(slot), caps, "20.0").build();
                });
        return pool.list().ofMinSize(1).ofMaxSize(6);
    }

    @Provide
    Arbitrary<List<FilterProperties>> requests() {
        Arbitrary<Object> size = Arbitraries.of(1L, 10L, 20000L, 10.7, "5", "big");
        Arbitrary<Object> factor = Arbitraries.of(1L, 2.5, "x", "0");
        Arbitrary<Object> qos = Arbitraries.of("none", "low", "high", "empty").map(q -> switch (q) {
            case "low" -> (Object) Map.of("maxIOPS", 500L);
            case "high" -> (Object) Map.of("maxIOPS", "2000");
            case "empty" -> (Object) Map.of();
            default -> null;
        });
        Arbitrary<FilterProperties> request = Combinators.combine(size, factor, qos, Arbitraries.of("gold", "silver"),
                        Arbitraries.of(true, false))
                .as((s, f, q, tier, legacy) -> {
                    Map<String, Object> extra = new LinkedHashMap<>();
                    extra.put("tier", tier);
                    extra.put("factor", f);
                    VolumeType type = legacy && tier.equals("silver") ? new VolumeType("t", "t", extra, null, Map.of(), true)
                            : VolumeType.of("t", extra);
                    Map<String, Object> volume = new LinkedHashMap<>();
                    volume.put("size", s);
                    return new FilterProperties().setVolumeType(type)
                            .setRequestSpec(RequestSpec.of("vol", 1, "nova", type).withVolumeProperties(volume))
                            .setQosSpecs(q);
                });
        return request.list().ofMinSize(1).ofMaxSize(3);
    }
}
