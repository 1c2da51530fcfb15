package org.volsched.spi;

import java.util.List;
import java.util.Objects;
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
        Objects.requireNonNull(name, "name");
        List<String> aliasList = List.copyOf(aliases);
        List<OptionDeclaration> optionList = List.copyOf(options);
        Objects.requireNonNull(constructor, "constructor");
        return new FilterFactory() {
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
            public BackendFilter create(SchedulerContext context) {
                return constructor.apply(context);
            }

            @Override
            public String toString() {
                return "FilterFactory[" + name + "]";
            }
        };
    }

    /**
     * This factory with {@code quirks} as its {@link #quirks()}; name, aliases, options and the
     * components it builds stay this factory's. For example
     * {@code FilterFactory.of("MyFilter", List.of(), MyFilter::new).withQuirks(MyFilter.QUIRKS)}.
     */
    default FilterFactory withQuirks(InputQuirks quirks) {
        Objects.requireNonNull(quirks, "quirks");
        FilterFactory base = this;
        return new FilterFactory() {
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
            public BackendFilter create(SchedulerContext context) {
                return base.create(context);
            }

            @Override
            public String toString() {
                return base.toString();
            }
        };
    }
}
