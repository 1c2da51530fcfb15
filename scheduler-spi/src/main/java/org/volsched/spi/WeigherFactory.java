package org.volsched.spi;

import java.util.List;
import java.util.function.Function;

/** Makes a {@link BackendWeigher} (named in {@code scheduler_default_weighers}). */
public interface WeigherFactory extends ComponentFactory<BackendWeigher> {
    /** A factory from a name, its aliases and a constructor reference; it declares no options. */
    static WeigherFactory of(String name, List<String> aliases, Function<SchedulerContext, ? extends BackendWeigher> constructor) {
        return of(name, aliases, List.of(), constructor);
    }

    /**
     * A factory from a name, its aliases, the options its component reads (see
     * {@link ComponentFactory#options()}) and a constructor reference.
     */
    static WeigherFactory of(String name, List<String> aliases, List<OptionDeclaration> options,
                         Function<SchedulerContext, ? extends BackendWeigher> constructor) {
        return new SimpleFactory.Weigher(name, aliases, options, constructor);
    }

    /**
     * This factory with {@code quirks} as its {@link #quirks()}; name, aliases, options and the
     * components it builds stay this factory's. For example
     * {@code WeigherFactory.of("MyWeigher", List.of(), MyWeigher::new).withQuirks(MyWeigher.QUIRKS)}.
     */
    default WeigherFactory withQuirks(InputQuirks quirks) {
        return new SimpleFactory.Weigher(this, quirks);
    }
}
