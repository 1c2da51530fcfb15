package org.volsched.driver.chance;

import java.util.List;
import org.volsched.spi.DriverFactory;
import org.volsched.spi.SchedulerPlugin;
import org.volsched.spi.WeigherFactory;

/**
 * The chance plug-in: the {@code chance} scheduler driver (Cinder's retired
 * {@code cinder.scheduler.chance.ChanceScheduler}) and the {@code ChanceWeigher}
 * ({@code cinder.scheduler.weights.chance.ChanceWeigher}). Both draw from the scheduler's random
 * source, which {@code random_seed} makes repeatable.
 */
public final class ChancePlugin implements SchedulerPlugin {
    static final String DRIVER_ALIAS = "cinder.scheduler.chance.ChanceScheduler";
    static final String WEIGHER_ALIAS = "cinder.scheduler.weights.chance.ChanceWeigher";

    private static final List<DriverFactory> DRIVERS = List.of(
            DriverFactory.of(ChanceScheduler.NAME, List.of(DRIVER_ALIAS),
                    context -> new ChanceScheduler(context.backendStates(), context.volumeStore(),
                            context.volumeDispatcher(), context.random())));

    private static final List<WeigherFactory> WEIGHERS = List.of(
            WeigherFactory.of(ChanceWeigher.NAME, List.of(WEIGHER_ALIAS),
                    context -> new ChanceWeigher(context.random())));

    /** For {@link java.util.ServiceLoader}. */
    public ChancePlugin() {
    }

    /** The artifact's name, as every bundled plug-in is listed by {@code volsched drivers}. */
    @Override
    public String pluginName() {
        return "volsched-driver-chance";
    }

    @Override
    public List<DriverFactory> driverFactories() {
        return DRIVERS;
    }

    @Override
    public List<WeigherFactory> weigherFactories() {
        return WEIGHERS;
    }
}
