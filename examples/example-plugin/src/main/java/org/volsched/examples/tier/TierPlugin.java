package org.volsched.examples.tier;

import java.util.List;
import org.volsched.spi.FilterFactory;
import org.volsched.spi.SchedulerPlugin;

/**
 * The example plug-in's entry point, named in
 * {@code META-INF/services/org.volsched.spi.SchedulerPlugin}. It contributes one filter; every other
 * kind of extension keeps the interface's empty default.
 */
public final class TierPlugin implements SchedulerPlugin {
    /** {@link java.util.ServiceLoader} needs a public no-argument constructor. */
    public TierPlugin() {
    }

    @Override
    public String pluginName() {
        return "volsched-example-tier";
    }

    @Override
    public List<FilterFactory> filterFactories() {
        // The short name goes in scheduler_default_filters; the alias is accepted too, as Cinder's class
        // paths are for the bundled filters.
        return List.of(FilterFactory.of(TierFilter.NAME, List.of(TierFilter.class.getName()), TierFilter::new));
    }
}
