package org.volsched.core.flow;

import java.util.Objects;

/**
 * A named, typed symbol of a flow's storage: what a {@link Task} requires or provides, and what
 * the store given to {@link FlowEngine#load} holds (TaskFlow's symbol names, rule TF3/TF4).
 *
 * <p>Two keys with the same name denote the same stored value; the engine checks at load time
 * that their types agree. A stored value may always be {@code null} (rule TF5).
 *
 * @param name the symbol's name, for example {@code raw_request_spec}
 * @param type the value's type; a wrapper or reference type, never a primitive
 * @param <T> the value's type
 */
public record Key<T>(String name, Class<T> type) {
    public Key {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(type, "type");
        if (name.isBlank()) {
            throw new IllegalArgumentException("A key's name must not be blank");
        }
        if (type.isPrimitive()) {
            throw new IllegalArgumentException("Key '" + name + "' has the primitive type " + type
                    + "; use its wrapper type, since stored values may be null");
        }
    }

    /** A key named {@code name} holding values of {@code type}. */
    public static <T> Key<T> of(String name, Class<T> type) {
        return new Key<>(name, type);
    }

    /** True when {@code value} may be stored under this key: {@code null} or an instance of the type. */
    public boolean accepts(Object value) {
        return value == null || type.isInstance(value);
    }

    /** {@code value} as this key's type; {@code null} stays {@code null}. */
    public T cast(Object value) {
        if (!accepts(value)) {
            throw new ClassCastException("'" + name + "' holds a " + value.getClass().getName()
                    + ", not a " + type.getName());
        }
        return type.cast(value);
    }

    @Override
    public String toString() {
        return name + ":" + type.getSimpleName();
    }
}
