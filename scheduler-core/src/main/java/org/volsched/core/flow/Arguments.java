package org.volsched.core.flow;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * The requirements of one task execution, by the names the task declared (rebinding already
 * applied). Values may be {@code null} (rule TF5).
 */
public final class Arguments {
    private final String taskName;
    private final Map<String, Key<?>> keys;
    private final Map<String, Object> values;

    Arguments(String taskName, Map<String, Key<?>> keys, Map<String, Object> values) {
        this.taskName = taskName;
        this.keys = Map.copyOf(keys);
        this.values = Collections.unmodifiableMap(new LinkedHashMap<>(values));
    }

    /**
     * The value of a declared requirement.
     *
     * @throws IllegalArgumentException when the task did not declare {@code key} among its requirements
     */
    public <T> T get(Key<T> key) {
        Objects.requireNonNull(key, "key");
        Key<?> declared = keys.get(key.name());
        if (declared == null || !key.type().isAssignableFrom(declared.type())) {
            throw new IllegalArgumentException("Task '" + taskName + "' did not declare the requirement " + key);
        }
        return key.cast(values.get(key.name()));
    }

    /** Every argument by requirement name, read-only; values may be {@code null}. */
    public Map<String, Object> asMap() {
        return values;
    }

    @Override
    public String toString() {
        return "Arguments" + values.keySet();
    }
}
