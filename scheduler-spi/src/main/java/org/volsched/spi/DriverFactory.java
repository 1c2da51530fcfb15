package org.volsched.spi;

import java.util.List;
import java.util.Objects;
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
        Objects.requireNonNull(name, "name");
        List<String> aliasList = List.copyOf(aliases);
        List<OptionDeclaration> optionList = List.copyOf(options);
        Objects.requireNonNull(constructor, "constructor");
        return new DriverFactory() {
            @Override
            public String name() {
                return name;
            }

            @Override
            public List<String> aliases() {
                return aliasList;
            }

            @Override
            public List<OptionDeclaration> options() {
                return optionList;
            }

            @Override
            public SchedulerDriver create(SchedulerContext context) {
                return constructor.apply(context);
            }

            @Override
            public String toString() {
                return "DriverFactory[" + name + "]";
            }
        };
    }

    /**
     * This factory with {@code quirks} as its {@link #quirks()}; name, aliases, options and the
     * components it builds stay this factory's. For example
     * {@code DriverFactory.of("MyDriver", List.of(), MyDriver::new).withQuirks(MyDriver.QUIRKS)}.
     */
    default DriverFactory withQuirks(InputQuirks quirks) {
        Objects.requireNonNull(quirks, "quirks");
        DriverFactory base = this;
        return new DriverFactory() {
            @Override
            public String name() {
                return base.name();
            }

            @Override
            public List<String> aliases() {
                return base.aliases();
            }

            @Override
            public List<OptionDeclaration> options() {
                return base.options();
            }

            @Override
            public InputQuirks quirks() {
                return quirks;
            }

            @Override
            public SchedulerDriver create(SchedulerContext context) {
                return base.create(context);
            }

            @Override
            public String toString() {
                return base.toString();
            }
        };
    }
}
