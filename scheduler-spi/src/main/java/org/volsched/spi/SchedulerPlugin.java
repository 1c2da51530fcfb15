package org.volsched.spi;

import com.google.inject.Module;
import java.util.List;
import java.util.Optional;

/**
 * The entry point of a plug-in jar, found with {@link java.util.ServiceLoader}: name the
 * implementing class in {@code META-INF/services/org.volsched.spi.SchedulerPlugin}.
 *
 * <p>Every method has a default returning nothing, so a jar that contributes only a filter
 * implements only {@link #filterFactories()}, and new kinds of extension never break old jars.
 */
public interface SchedulerPlugin {
    /** A name for messages ("the jar of plug-in X"); defaults to the class name. */
    default String pluginName() {
        return getClass().getName();
    }

    default List<DriverFactory> driverFactories() {
        return List.of();
    }

    default List<FilterFactory> filterFactories() {
        return List.of();
    }

    default List<WeigherFactory> weigherFactories() {
        return List.of();
    }

    /** Capacity ledgers, selected by the {@code capacity_ledger} option (see {@link CapacityLedger}). */
    default List<CapacityLedgerFactory> capacityLedgerFactories() {
        return List.of();
    }

    /**
     * Bindings this plug-in needs (its own services, or replacements of volsched's defaults such as
     * {@link VolumeDispatcher}); installed beside the core module. The only place Guice appears in
     * the SPI.
     */
    default Optional<Module> guiceModule() {
        return Optional.empty();
    }
}
