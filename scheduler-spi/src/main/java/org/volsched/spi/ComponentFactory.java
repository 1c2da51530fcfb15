package org.volsched.spi;

import java.util.List;

/**
 * What every factory has: the short name operators put in configuration (Cinder's class name)
 * and its aliases (Cinder's dotted class path).
 *
 * @param <T> what the factory makes
 */
public interface ComponentFactory<T> {
    /** The short name, for example {@code CapacityFilter}. */
    String name();

    /** Other accepted names, for example {@code cinder.scheduler.filters.capacity_filter.CapacityFilter}. */
    default List<String> aliases() {
        return List.of();
    }

    /**
     * The options the component reads through {@link SchedulerContext#options()}, beyond volsched's
     * own. Every configuration source accepts them, typed and validated; the same name declared
     * differently by two components is an error naming both.
     */
    default List<OptionDeclaration> options() {
        return List.of();
    }

    /** Builds the component for one scheduler. Called only when the configuration selects it. */
    T create(SchedulerContext context);
}
