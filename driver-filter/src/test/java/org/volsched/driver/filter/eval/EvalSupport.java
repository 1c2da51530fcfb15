package org.volsched.driver.filter.eval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Namespaces like the ones DriverFilter builds (DF1), and short-hands for the evaluator tests. */
final class EvalSupport {
    private EvalSupport() {
    }

    /** stats / capabilities / extra / volume / qos of one candidate pool, as in rule DF1. */
    static Map<String, Object> namespaces() {
        Map<String, Object> stats = new LinkedHashMap<>();
        stats.put("host", "host1@lvm#pool1");
        stats.put("cluster_name", null);
        stats.put("backend_id", "host1@lvm#pool1");
        stats.put("volume_backend_name", "lvm");
        stats.put("vendor_name", "Open Source");
        stats.put("driver_version", "3.0.0");
        stats.put("storage_protocol", "iSCSI");
        stats.put("QoS_support", false);
        stats.put("total_capacity_gb", 1000.0);
        stats.put("allocated_capacity_gb", 200L);
        stats.put("free_capacity_gb", 512.9);
        stats.put("reserved_percentage", 5L);
        stats.put("updated", OffsetDateTime.of(2024, 1, 2, 3, 4, 5, 0, ZoneOffset.UTC));

        Map<String, Object> capabilities = new LinkedHashMap<>();
        capabilities.put("free_capacity_gb", 512.9);
        capabilities.put("total_capacity_gb", 1000L);
        capabilities.put("thin_provisioning_support", true);
        capabilities.put("thick_provisioning_support", false);
        capabilities.put("max_over_subscription_ratio", "20.0");
        capabilities.put("pool_name", "pool1");
        capabilities.put("storage_protocol", "iSCSI");
        capabilities.put("count_str", " 7 ");
        capabilities.put("quoted", "'7'");
        capabilities.put("word", "it's \"quoted\"");
        capabilities.put("protocols", new ArrayList<>(List.of("iSCSI", "FC")));
        capabilities.put("nothing", null);
        capabilities.put("infinite_float", Double.POSITIVE_INFINITY);
        capabilities.put("nan_float", Double.NaN);
        capabilities.put("infinite", "infinite");
        capabilities.put("underscored", "1_000");
        capabilities.put("mapping", Map.of("a", 1L));

        Map<String, Object> extra = new LinkedHashMap<>();
        extra.put("volume_backend_name", "lvm");
        extra.put("tier", "gold");
        extra.put("replication_enabled", "<is> True");
        extra.put("min_iops", "100");

        Map<String, Object> volume = new LinkedHashMap<>();
        volume.put("size", 10L);
        volume.put("availability_zone", "nova");
        volume.put("multiattach", false);
        volume.put("user_id", "u1");

        Map<String, Object> ns = new HashMap<>();
        ns.put("stats", stats);
        ns.put("capabilities", capabilities);
        ns.put("extra", extra);
        ns.put("volume", volume);
        ns.put("qos", new HashMap<>(Map.of("maxIOPS", "5000")));
        return ns;
    }

    /** Parses and evaluates {@code text} against {@link #namespaces()}. */
    static Object eval(String text) {
        return eval(text, namespaces());
    }

    static Object eval(String text, Map<String, ?> namespaces) {
        try {
            return Expression.parse(text).evaluate(Namespaces.of(namespaces));
        } catch (EvaluatorException e) {
            throw new AssertionError("evaluating " + text + " failed: " + e.getMessage(), e);
        }
    }

    /** The exception parsing or evaluating {@code text} against {@link #namespaces()} raises. */
    static EvaluatorException failure(String text) {
        return failure(text, namespaces());
    }

    static EvaluatorException failure(String text, Map<String, ?> namespaces) {
        EvaluatorException e = catchThrowableOfType(EvaluatorException.class,
                () -> Expression.parse(text).evaluate(Namespaces.of(namespaces)));
        assertThat(e).as("failure of %s", text).isNotNull();
        return e;
    }

    /** Asserts that {@code text} does not parse (rule EV5) and returns the exception. */
    static EvaluatorException parseFailure(String text) {
        EvaluatorException e = catchThrowableOfType(EvaluatorException.class, () -> Expression.parse(text));
        assertThat(e).as("parse failure of %s", text).isNotNull();
        assertThat(e.kind()).isEqualTo(EvaluatorException.Kind.PARSE);
        assertThat(e.pythonType()).isEqualTo("EvaluatorParseException");
        assertThat(e.getMessage()).startsWith("ParseException: ");
        return e;
    }

    /** Asserts an unwrapped Python error of {@code type} with Python's {@code message}. */
    static void assertPythonError(String text, String type, String message) {
        EvaluatorException e = failure(text);
        assertThat(e.kind()).as(text).isEqualTo(EvaluatorException.Kind.EVALUATION);
        assertThat(e.pythonType()).as(text).isEqualTo(type);
        assertThat(e.getMessage()).as(text).isEqualTo(type + ": " + message);
    }

    /** Asserts Cinder's wrapped EvaluatorParseException with {@code reason}. */
    static void assertWrapped(String text, String reason) {
        assertWrapped(text, namespaces(), reason);
    }

    static void assertWrapped(String text, Map<String, ?> namespaces, String reason) {
        EvaluatorException e = failure(text, namespaces);
        assertThat(e.kind()).as(text).isEqualTo(EvaluatorException.Kind.EVALUATION);
        assertThat(e.pythonType()).as(text).isEqualTo("EvaluatorParseException");
        assertThat(e.getMessage()).as(text).isEqualTo(reason);
    }
}
