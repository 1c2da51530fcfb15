package org.volsched.driver.chance;

import java.util.List;
import java.util.Objects;
import java.util.function.Function;
import org.volsched.spi.BackendWeigher;
import org.volsched.spi.SchedulerContext;
import org.volsched.spi.WeigherFactory;

/** A weigher factory: the short name, Cinder's dotted class path as alias, and how to build the weigher. */
record NamedWeigherFactory(String name, List<String> aliases, Function<SchedulerContext, BackendWeigher> maker)
        implements WeigherFactory {
    NamedWeigherFactory {
        Objects.requireNonNull(name, "name");
        aliases = List.copyOf(aliases);
        Objects.requireNonNull(maker, "maker");
    }

    @Override
    public BackendWeigher create(SchedulerContext context) {
        return maker.apply(context);
    }
}
