package org.volsched.core.flow;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * What a task publishes: a value, possibly {@code null}, for each symbol it provides (rule TF4).
 * Immutable; {@link #and} returns a new instance.
 */
public final class Results {
    private static final Results NONE = new Results(Map.of(), Map.of());

    private final Map<String, Key<?>> keys;
    private final Map<String, Object> values;

    private Results(Map<String, Key<?>> keys, Map<String, Object> values) {
        this.keys = keys;
        this.values = values;
    }

    /** The result of a task that provides nothing (Cinder's {@code return None}, rule TF7). */
    public static Results none() {
        return NONE;
    }

    /** A single published value. */
    public static <T> Results of(Key<T> key, T value) {
        return NONE.and(key, value);
    }

    /** These results plus {@code key = value}; a key already present is replaced. */
    public <T> Results and(Key<T> key, T value) {
        Objects.requireNonNull(key, "key");
        key.cast(value);
        Map<String, Key<?>> k = new LinkedHashMap<>(keys);
        Map<String, Object> v = new LinkedHashMap<>(values);
        k.put(key.name(), key);
        v.put(key.name(), value);
        return new Results(Collections.unmodifiableMap(k), Collections.unmodifiableMap(v));
    }

    /** True when a value (possibly {@code null}) is published under {@code name}. */
    public boolean contains(String name) {
        return values.containsKey(name);
    }

    /**
     * A published value.
     *
     * @throws IllegalArgumentException when nothing is published under the key's name
     */
    public <T> T get(Key<T> key) {
        if (!values.containsKey(key.name())) {
            throw new IllegalArgumentException("No result named '" + key.name() + "'");
        }
        return key.cast(values.get(key.name()));
    }

    /** The published values by name, read-only; values may be {@code null}. */
    public Map<String, Object> asMap() {
        return values;
    }

    Key<?> keyOf(String name) {
        return keys.get(name);
    }

    @Override
    public String toString() {
        return "Results" + values.keySet();
    }
}
