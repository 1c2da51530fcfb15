package org.volsched.spi;

import java.util.List;

/**
 * The scheduler's configuration as plug-ins read it: Cinder's option names
 * ({@code capacity_weight_multiplier}, …), typed and already validated.
 */
public interface Options {
    /** The option's value, or {@code null} when it is not set and has no default. */
    Object get(String name);

    double getDouble(String name);

    int getInt(String name);

    String getString(String name);

    List<String> getList(String name);
}
