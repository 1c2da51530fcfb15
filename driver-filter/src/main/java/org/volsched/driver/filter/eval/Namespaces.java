package org.volsched.driver.filter.eval;

import java.util.Map;
import java.util.Objects;

/**
 * The variables an expression can read: {@code namespace.key} operands (rule EV6), for example
 * {@code capabilities.free_capacity_gb} or {@code volume.size}. The namespaces Cinder exposes
 * (rule EV14) are {@code stats}, {@code capabilities}, {@code extra}, {@code volume} and
 * {@code qos}; building them is the caller's business (rules DF1 and W12).
 *
 * <p>Contract of {@link #lookup}: return the value (which may be {@code null}, Python's
 * {@code None}) or one of the {@link Failure} markers. Markers instead of exceptions keep the
 * per-candidate evaluation cheap. The evaluator turns
 * <ul>
 *   <li>{@link Failure#NO_SUCH_KEY} (unknown namespace, or a key the mapping does not hold)
 *       into {@code EvaluatorParseException("KeyError evaluating string")};</li>
 *   <li>{@link Failure#NOT_A_MAPPING} (the namespace exists but is not a mapping, for example
 *       {@code qos} when the request's {@code qos_specs} is {@code None}) into
 *       {@code EvaluatorParseException("TypeError evaluating string")}.</li>
 * </ul>
 * A {@code null} value is a real value: converting it to a number then raises
 * {@code TypeError: int() argument must be … not 'NoneType'} as in Cinder.
 *
 * <p>Implementations must be safe to call from the evaluating thread; they are not retained by
 * the evaluator.
 */
@FunctionalInterface
public interface Namespaces {

    /** Markers {@link #lookup} returns instead of a value. */
    enum Failure {
        /** The namespace does not exist, or its mapping has no such key (Python {@code KeyError}). */
        NO_SUCH_KEY,
        /** The namespace exists but its value is not a mapping (Python {@code TypeError}). */
        NOT_A_MAPPING
    }

    /**
     * The value of {@code namespace.key}, or a {@link Failure} marker.
     *
     * @param namespace the part before the dot (letters and {@code _} only)
     * @param key the part after the dot (letters and {@code _} only)
     */
    Object lookup(String namespace, String key);

    /**
     * Namespaces backed by a map from namespace name to namespace object, exactly like the keyword
     * arguments of Cinder's {@code evaluate()}: a namespace object that is a {@link Map} is looked
     * up by key, anything else (including {@code null}) is not a mapping. The map is read at each
     * lookup, not copied.
     */
    static Namespaces of(Map<String, ?> namespaces) {
        Objects.requireNonNull(namespaces, "namespaces");
        return (namespace, key) -> {
            Object mapping = namespaces.get(namespace);
            if (mapping instanceof Map<?, ?> map) {
                Object value = map.get(key);
                if (value == null && !map.containsKey(key)) {
                    return Failure.NO_SUCH_KEY;
                }
                return value;
            }
            if (mapping == null && !namespaces.containsKey(namespace)) {
                return Failure.NO_SUCH_KEY;
            }
            return Failure.NOT_A_MAPPING;
        };
    }

    /** No namespaces at all: every variable raises {@code KeyError evaluating string}. */
    static Namespaces empty() {
        return (namespace, key) -> Failure.NO_SUCH_KEY;
    }
}
