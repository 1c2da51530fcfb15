package org.volsched.spi;

import java.util.List;
import java.util.Objects;
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
        Objects.requireNonNull(name, "name");
        List<String> aliasList = List.copyOf(aliases);
        List<OptionDeclaration> optionList = List.copyOf(options);
        Objects.requireNonNull(constructor, "constructor");
        return new WeigherFactory() {
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
            public BackendWeigher create(SchedulerContext context) {
                return constructor.apply(context);
            }

            @Override
            public String toString() {
                return "WeigherFactory[" + name + "]";
            }
        };
    }

    /**
     * This factory with {@code quirks} as its {@link #quirks()}; name, aliases, options and the
     * components it builds stay this factory's. For example
     * {@code WeigherFactory.of("MyWeigher", List.of(), MyWeigher::new).withQuirks(MyWeigher.QUIRKS)}.
     */
    default WeigherFactory withQuirks(InputQuirks quirks) {
        Objects.requireNonNull(quirks, "quirks");
        WeigherFactory base = this;
        return new WeigherFactory() {
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
            public BackendWeigher create(SchedulerContext context) {
                return base.create(context);
            }

            @Override
            public String toString() {
                return base.toString();
            }
        };
    }
}
