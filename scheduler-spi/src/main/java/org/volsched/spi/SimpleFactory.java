package org.volsched.spi;

import java.util.List;
import java.util.Objects;
import java.util.function.Function;

/**
 * What the factories' static {@code of(…)} methods and {@code withQuirks} make: a declaration
 * (name, aliases, options, quirks) and a constructor. One implementation for every kind; not API.
 *
 * @param <T> what the factory makes
 */
abstract class SimpleFactory<T> implements ComponentFactory<T> {
    private final String kind;
    private final String name;
    private final List<String> aliases;
    private final List<OptionDeclaration> options;
    private final InputQuirks quirks;
    private final Function<SchedulerContext, ? extends T> constructor;

    SimpleFactory(String kind, String name, List<String> aliases, List<OptionDeclaration> options, InputQuirks quirks,
                  Function<SchedulerContext, ? extends T> constructor) {
        this.kind = kind;
        this.name = Objects.requireNonNull(name, "name");
        this.aliases = List.copyOf(aliases);
        this.options = List.copyOf(options);
        this.quirks = Objects.requireNonNull(quirks, "quirks");
        this.constructor = Objects.requireNonNull(constructor, "constructor");
    }

    /** {@code base} with other quirks: its name, aliases and options, and the components it builds. */
    SimpleFactory(String kind, ComponentFactory<? extends T> base, InputQuirks quirks) {
        this(kind, base.name(), base.aliases(), base.options(), quirks, base::create);
    }

    @Override
    public final String name() {
        return name;
    }

    @Override
    public final List<String> aliases() {
        return aliases;
    }

    @Override
    public final List<OptionDeclaration> options() {
        return options;
    }

    @Override
    public final InputQuirks quirks() {
        return quirks;
    }

    @Override
    public final T create(SchedulerContext context) {
        return constructor.apply(context);
    }

    @Override
    public final String toString() {
        return kind + "[" + name + "]";
    }

    static final class Driver extends SimpleFactory<SchedulerDriver> implements DriverFactory {
        Driver(String name, List<String> aliases, List<OptionDeclaration> options,
               Function<SchedulerContext, ? extends SchedulerDriver> constructor) {
            super("DriverFactory", name, aliases, options, InputQuirks.NONE, constructor);
        }

        Driver(DriverFactory base, InputQuirks quirks) {
            super("DriverFactory", base, quirks);
        }
    }

    static final class Filter extends SimpleFactory<BackendFilter> implements FilterFactory {
        Filter(String name, List<String> aliases, List<OptionDeclaration> options,
               Function<SchedulerContext, ? extends BackendFilter> constructor) {
            super("FilterFactory", name, aliases, options, InputQuirks.NONE, constructor);
        }

        Filter(FilterFactory base, InputQuirks quirks) {
            super("FilterFactory", base, quirks);
        }
    }

    static final class Weigher extends SimpleFactory<BackendWeigher> implements WeigherFactory {
        Weigher(String name, List<String> aliases, List<OptionDeclaration> options,
                Function<SchedulerContext, ? extends BackendWeigher> constructor) {
            super("WeigherFactory", name, aliases, options, InputQuirks.NONE, constructor);
        }

        Weigher(WeigherFactory base, InputQuirks quirks) {
            super("WeigherFactory", base, quirks);
        }
    }
}
