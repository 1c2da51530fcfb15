package org.volsched.spi;

/**
 * Makes a driver, filter or weigher: a {@link ComponentDeclaration} (name, aliases, options) and
 * how to build the component for one scheduler.
 *
 * @param <T> what the factory makes
 */
public interface ComponentFactory<T> extends ComponentDeclaration {
    /** Builds the component for one scheduler. Called only when the configuration selects it. */
    T create(SchedulerContext context);
}
