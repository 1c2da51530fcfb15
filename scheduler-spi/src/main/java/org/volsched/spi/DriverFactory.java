package org.volsched.spi;

import java.util.List;
import java.util.function.Function;

/** Makes a {@link SchedulerDriver} ({@code scheduler_driver}). */
public interface DriverFactory extends ComponentFactory<SchedulerDriver> {
    /** A factory from a name, its aliases and a constructor reference; it declares no options. */
    static DriverFactory of(String name, List<String> aliases, Function<SchedulerContext, ? extends SchedulerDriver> constructor) {
        return of(name, aliases, List.of(), constructor);
    }

    /**
     * A factory from a name, its aliases, the options its component reads (see
     * {@link ComponentFactory#options()}) and a constructor reference.
     */
    static DriverFactory of(String name, List<String> aliases, List<OptionDeclaration> options,
                         Function<SchedulerContext, ? extends SchedulerDriver> constructor) {
        return new SimpleFactory.Driver(name, aliases, options, constructor);
    }

    /**
     * This factory with {@code quirks} as its {@link #quirks()}; name, aliases, options and the
     * components it builds stay this factory's. For example
     * {@code DriverFactory.of("MyDriver", List.of(), MyDriver::new).withQuirks(MyDriver.QUIRKS)}.
     */
    default DriverFactory withQuirks(InputQuirks quirks) {
        return new SimpleFactory.Driver(this, quirks);
    }
}
