package org.volsched.spi;

/**
 * Makes a driver, filter or weigher: a {@link ComponentDeclaration} (name, aliases, options) and
 * how to build the component for one scheduler.
 *
 * @param <T> what the factory makes
 */
public interface ComponentFactory<T> extends ComponentDeclaration {
    /**
     * What the component reads differently from how it looks in extra specs and capability reports,
     * as Cinder does ({@link InputQuirks}); {@code volsched validate} reports it as warnings. Asked
     * without building the component, so it does not depend on configuration. Defaults to
     * {@link InputQuirks#NONE}; the factories' {@code withQuirks(…)} sets it.
     */
    default InputQuirks quirks() {
        return InputQuirks.NONE;
    }

    /** Builds the component for one scheduler. Called only when the configuration selects it. */
    T create(SchedulerContext context);
}
