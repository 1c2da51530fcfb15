package org.volsched.spi;

import java.util.List;
import java.util.function.Function;

/** Makes a {@link BackendFilter} (named in {@code scheduler_default_filters}). */
public interface FilterFactory extends ComponentFactory<BackendFilter> {
    /** A factory from a name, its aliases and a constructor reference; it declares no options. */
    static FilterFactory of(String name, List<String> aliases, Function<SchedulerContext, ? extends BackendFilter> constructor) {
        return of(name, aliases, List.of(), constructor);
    }

    /**
     * A factory from a name, its aliases, the options its component reads (see
     * {@link ComponentFactory#options()}) and a constructor reference.
     */
    static FilterFactory of(String name, List<String> aliases, List<OptionDeclaration> options,
                         Function<SchedulerContext, ? extends BackendFilter> constructor) {
        return new SimpleFactory.Filter(name, aliases, options, constructor);
    }

    /**
     * This factory with {@code quirks} as its {@link #quirks()}; name, aliases, options and the
     * components it builds stay this factory's. For example
     * {@code FilterFactory.of("MyFilter", List.of(), MyFilter::new).withQuirks(MyFilter.QUIRKS)}.
     */
    default FilterFactory withQuirks(InputQuirks quirks) {
        return new SimpleFactory.Filter(this, quirks);
    }
}
