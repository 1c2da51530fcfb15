package org.volsched.core.bootstrap;

import com.google.inject.AbstractModule;
import com.google.inject.Provides;
import com.google.inject.Singleton;
import com.google.inject.multibindings.MapBinder;
import com.google.inject.multibindings.OptionalBinder;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.random.RandomGenerator;
import org.volsched.core.config.SchedulerConfig;
import org.volsched.spi.CapacityLedger;
import org.volsched.core.host.HostManager;
import org.volsched.core.memory.InMemoryFailureNotifier;
import org.volsched.core.memory.InMemoryUserMessages;
import org.volsched.core.memory.InMemoryVolumeCounter;
import org.volsched.core.memory.InMemoryVolumeDispatcher;
import org.volsched.core.memory.InMemoryVolumeLookup;
import org.volsched.core.memory.InMemoryVolumeStore;
import org.volsched.spi.DriverFactory;
import org.volsched.spi.FailureNotifier;
import org.volsched.spi.FilterFactory;
import org.volsched.spi.InstanceLookup;
import org.volsched.spi.Options;
import org.volsched.spi.SchedulerContext;
import org.volsched.spi.SchedulerDriver;
import org.volsched.spi.SchedulerException;
import org.volsched.spi.UserMessages;
import org.volsched.spi.VolumeCounter;
import org.volsched.spi.VolumeDispatcher;
import org.volsched.spi.VolumeLookup;
import org.volsched.spi.VolumeStore;
import org.volsched.spi.WeigherFactory;

/**
 * The core bindings: configuration, the plug-ins' factories by name in {@link MapBinder}s, the
 * host manager, and in-memory defaults for every integration point, each replaceable through
 * {@link OptionalBinder#setBinding()} in a plug-in's or the integrator's module. Does no work
 * itself: only the selected driver, and the components it asks for, are ever built.
 */
final class SchedulerModule extends AbstractModule {
    private final SchedulerConfig config;
    private final PluginRegistry registry;

    SchedulerModule(SchedulerConfig config, PluginRegistry registry) {
        this.config = config;
        this.registry = registry;
    }

    @Override
    protected void configure() {
        bind(SchedulerConfig.class).toInstance(config);
        bind(Options.class).toInstance(config);
        bind(PluginRegistry.class).toInstance(registry);

        OptionalBinder.newOptionalBinder(binder(), Clock.class).setDefault().toInstance(Clock.systemUTC());
        // The ledger capacity_ledger names (volsched's "memory" unless a plug-in's); a module may still bind one.
        OptionalBinder.newOptionalBinder(binder(), CapacityLedger.class).setDefault()
                .toProvider(() -> registry.ledger(config.getString("capacity_ledger")).factory().create(config))
                .in(Singleton.class);
        OptionalBinder.newOptionalBinder(binder(), VolumeStore.class).setDefault()
                .to(InMemoryVolumeStore.class).in(Singleton.class);
        OptionalBinder.newOptionalBinder(binder(), VolumeDispatcher.class).setDefault()
                .to(InMemoryVolumeDispatcher.class).in(Singleton.class);
        OptionalBinder.newOptionalBinder(binder(), FailureNotifier.class).setDefault()
                .to(InMemoryFailureNotifier.class).in(Singleton.class);
        OptionalBinder.newOptionalBinder(binder(), UserMessages.class).setDefault()
                .to(InMemoryUserMessages.class).in(Singleton.class);
        OptionalBinder.newOptionalBinder(binder(), VolumeLookup.class).setDefault()
                .to(InMemoryVolumeLookup.class).in(Singleton.class);
        OptionalBinder.newOptionalBinder(binder(), VolumeCounter.class).setDefault()
                .to(InMemoryVolumeCounter.class).in(Singleton.class);
        OptionalBinder.newOptionalBinder(binder(), InstanceLookup.class);

        MapBinder<String, DriverFactory> drivers = MapBinder.newMapBinder(binder(), String.class, DriverFactory.class);
        registry.drivers().forEach((name, entry) -> drivers.addBinding(name).toInstance(entry.factory()));
        MapBinder<String, FilterFactory> filters = MapBinder.newMapBinder(binder(), String.class, FilterFactory.class);
        registry.filters().forEach((name, entry) -> filters.addBinding(name).toInstance(entry.factory()));
        MapBinder<String, WeigherFactory> weighers =
                MapBinder.newMapBinder(binder(), String.class, WeigherFactory.class);
        registry.weighers().forEach((name, entry) -> weighers.addBinding(name).toInstance(entry.factory()));
    }

    @Provides
    @Singleton
    RandomGenerator random(SchedulerConfig config) {
        Long seed = config.randomSeed();
        return seed == null ? new Random() : new Random(seed);
    }

    @Provides
    @Singleton
    HostManager hostManager(Clock clock, SchedulerConfig config, CapacityLedger ledger) {
        return new HostManager(clock, Duration.ofSeconds(config.getInt("service_down_time")),
                config.getString("max_over_subscription_ratio"), ledger);
    }

    @Provides
    @Singleton
    @SuppressWarnings("checkstyle:ParameterNumber")
    DefaultSchedulerContext context(SchedulerConfig config, Clock clock, RandomGenerator random,
                                    HostManager hostManager, VolumeStore volumeStore,
                                    VolumeDispatcher volumeDispatcher, VolumeLookup volumeLookup,
                                    Optional<InstanceLookup> instanceLookup, VolumeCounter volumeCounter,
                                    Map<String, FilterFactory> filters, Map<String, WeigherFactory> weighers) {
        return new DefaultSchedulerContext(config, clock, random, hostManager, volumeStore, volumeDispatcher,
                volumeLookup, instanceLookup.orElse(null), volumeCounter, registry, filters, weighers);
    }

    @Provides
    @Singleton
    SchedulerContext schedulerContext(DefaultSchedulerContext context) {
        return context;
    }

    @Provides
    @Singleton
    SchedulerDriver driver(SchedulerConfig config, DefaultSchedulerContext context) {
        PluginRegistry.Entry<DriverFactory> entry = registry.driver(config.schedulerDriver());
        SchedulerException unknownFilters = DefaultSchedulerContext.filtersNotFound(registry, config.filters());
        if (unknownFilters != null) {
            // Cinder's driver builds its host manager, which resolves the filters (HM6), before it
            // checks its own options (FS1): the driver is not built, every request gets this error.
            return new UnavailableDriver(entry.name(), unknownFilters, context.backendStates());
        }
        return DefaultSchedulerContext.build("scheduler_driver", "driver", entry.name(), entry,
                () -> entry.factory().create(context));
    }
}
