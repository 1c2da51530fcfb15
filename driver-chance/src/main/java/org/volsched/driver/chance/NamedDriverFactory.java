package org.volsched.driver.chance;

import java.util.List;
import java.util.Objects;
import java.util.function.Function;
import org.volsched.spi.DriverFactory;
import org.volsched.spi.SchedulerContext;
import org.volsched.spi.SchedulerDriver;

/** A driver factory: the short name, Cinder's dotted class path as alias, and how to build the driver. */
record NamedDriverFactory(String name, List<String> aliases, Function<SchedulerContext, SchedulerDriver> maker)
        implements DriverFactory {
    NamedDriverFactory {
        Objects.requireNonNull(name, "name");
        aliases = List.copyOf(aliases);
        Objects.requireNonNull(maker, "maker");
    }

    @Override
    public SchedulerDriver create(SchedulerContext context) {
        return maker.apply(context);
    }
}
