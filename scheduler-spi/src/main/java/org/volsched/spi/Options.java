package org.volsched.spi;

import java.util.List;

/**
 * The scheduler's configuration as plug-ins read it: Cinder's option names
 * ({@code scheduler_max_attempts}, …) and the options the discovered plug-ins declare
 * ({@link ComponentFactory#options()}), typed and already validated. Reading an option nobody
 * declared throws {@link IllegalArgumentException}.
 */
public interface Options {
    /** The option's value, or {@code null} when it is not set and has no default. */
    Object get(String name);

    double getDouble(String name);

    int getInt(String name);

    String getString(String name);

    List<String> getList(String name);

    /** A {@link OptionDeclaration.Type#LONG} option ({@code null} when unset). */
    default Long getLong(String name) {
        Object v = get(name);
        return v == null ? null : ((Number) v).longValue();
    }

    /** A {@link OptionDeclaration.Type#BOOL} option. */
    default boolean getBoolean(String name) {
        return Boolean.TRUE.equals(get(name));
    }
}
