package org.volsched.core.bootstrap;

import com.google.inject.CreationException;
import com.google.inject.Guice;
import com.google.inject.Injector;
import com.google.inject.Module;
import com.google.inject.ProvisionException;
import com.google.inject.spi.Message;
import com.google.inject.util.Modules;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.volsched.core.config.SchedulerConfig;
import org.volsched.core.flow.CreateVolumeFlow;
import org.volsched.core.flow.FlowEngine;
import org.volsched.core.host.HostManager;
import org.volsched.spi.ErrorTypes;
import org.volsched.spi.FailureNotifier;
import org.volsched.spi.NoValidBackend;
import org.volsched.spi.SchedulerDriver;
import org.volsched.spi.SchedulerException;
import org.volsched.spi.SchedulerPlugin;
import org.volsched.spi.UserMessages;
import org.volsched.spi.VolumeStore;
import org.volsched.spi.model.DecisionTrace;
import org.volsched.spi.model.FilterProperties;
import org.volsched.spi.model.Placement;
import org.volsched.spi.model.PoolState;
import org.volsched.spi.model.RequestContext;
import org.volsched.spi.model.RequestSpec;
import org.volsched.spi.model.Volume;

/**
 * An embedded volsched scheduler: the configured driver over a host manager, and the
 * create-volume entrypoint flow. Build one with {@link #builder()}; feed it services and capability
 * reports through {@link #hostManager()}; schedule with {@link #createVolume}.
 *
 * <p>Start-up finds every {@link SchedulerPlugin} with {@link java.util.ServiceLoader}, registers
 * their factories by name in Guice map bindings, installs their modules and the integrator's, and
 * builds the one driver the configuration names.
 */
public final class Scheduler implements AutoCloseable {
    private final Injector injector;
    private final SchedulerConfig config;
    private final DefaultSchedulerContext context;
    private final SchedulerDriver driver;
    private final CreateVolumeFlow flow;
    private final SchedulerObserver observer;

    private Scheduler(Injector injector, boolean requireKnownComponents, SchedulerObserver observer) {
        this.injector = injector;
        this.config = injector.getInstance(SchedulerConfig.class);
        this.context = injector.getInstance(DefaultSchedulerContext.class);
        this.driver = injector.getInstance(SchedulerDriver.class);
        if (requireKnownComponents) {
            List<String> unknown = context.unknownComponents();
            if (!unknown.isEmpty()) {
                throw new org.volsched.spi.InvalidConfiguration(unknown);
            }
        }
        context.buildConfiguredComponents();
        List<String> drivers = config.getList("notification_driver");
        boolean notifications = !drivers.isEmpty() && !drivers.stream().allMatch("noop"::equals);
        this.flow = CreateVolumeFlow.create(new RecordingDriver(driver), injector.getInstance(UserMessages.class),
                injector.getInstance(FailureNotifier.class), injector.getInstance(VolumeStore.class),
                context.clock(), Duration.ofSeconds(config.getInt("message_ttl")), config.getString("host"),
                notifications);
        this.observer = observer;
        if (observer != null) {
            context.hostManager().observe(observer);
        }
    }

    public static Builder builder() {
        return new Builder();
    }

    public SchedulerConfig config() {
        return config;
    }

    public SchedulerDriver driver() {
        return driver;
    }

    public HostManager hostManager() {
        return context.hostManager();
    }

    /**
     * Releases what the scheduler holds outside the process: the capacity ledger's connection (a
     * shared ledger's session; the in-memory one holds nothing). Decisions after it fail.
     */
    @Override
    public void close() {
        injector.getInstance(org.volsched.spi.CapacityLedger.class).close();
    }

    public DefaultSchedulerContext context() {
        return context;
    }

    public PluginRegistry registry() {
        return injector.getInstance(PluginRegistry.class);
    }

    /** The injector, for integrators who need one of their own bindings back. */
    public Injector injector() {
        return injector;
    }

    /** The entrypoint flow, for callers that want to load and run it themselves. */
    public CreateVolumeFlow createVolumeFlow() {
        return flow;
    }

    /**
     * Runs the create-volume entrypoint flow for one request (Cinder's scheduler manager
     * {@code create_volume}): the decision, the volume update and the dispatch, or the failure
     * handling of rule F8. A {@link NoValidBackend} is recorded (user message, notification,
     * volume errored) and not thrown, as in Cinder; it is in {@link DecisionTrace#failure()}.
     *
     * @param requestSpec the spec, or {@code null} to build the legacy one from {@code volume}
     * @throws SchedulerException any other failure, after the volume was marked errored
     */
    public DecisionTrace createVolume(RequestContext requestContext, RequestSpec requestSpec,
                                      FilterProperties filterProperties, Volume volume, String snapshotId,
                                      String imageId, String backupId, DecisionTrace trace) {
        DecisionTrace t = trace == null ? DecisionTrace.outcomeOnly() : trace;
        if (observer != null) {
            observer.createVolumeRequested(context.clock().instant(), requestSpec, filterProperties, volume);
        }
        FlowEngine engine;
        try {
            engine = flow.load(requestContext, requestSpec, filterProperties, volume, snapshotId, imageId, backupId, t);
        } catch (RuntimeException e) {
            // Rule M3: whatever breaks while building the flow is reported as this one failure.
            throw new SchedulerException(ErrorTypes.CINDER_EXCEPTION, "Failed to create scheduler manager volume flow", e);
        }
        engine.run();
        return t;
    }

    /**
     * Rule M2: waits until every up and enabled backend has reported its capabilities, polling once
     * a second for at most {@code scheduler_driver_init_wait_time} seconds (or {@code maxWait} if
     * shorter). Returns whether the scheduler is ready; scheduling before that works, on the
     * backends that did report.
     */
    public boolean awaitCapabilities(Duration maxWait) throws InterruptedException {
        long limit = Math.min(maxWait.toMillis(), config.getInt("scheduler_driver_init_wait_time") * 1000L);
        long deadline = System.nanoTime() + limit * 1_000_000L;
        while (!hostManager().firstReceiveCapabilities()) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                return false;
            }
            Thread.sleep(Math.min(1000L, Math.max(1L, left / 1_000_000L)));
        }
        return true;
    }

    /** Records a driver's failure in the trace before the flow handles it. */
    private static final class RecordingDriver implements SchedulerDriver {
        private final SchedulerDriver delegate;

        RecordingDriver(SchedulerDriver delegate) {
            this.delegate = delegate;
        }

        @Override
        public String name() {
            return delegate.name();
        }

        @Override
        public Placement scheduleCreateVolume(RequestContext requestContext, RequestSpec requestSpec,
                                              FilterProperties filterProperties, DecisionTrace trace) {
            try {
                return delegate.scheduleCreateVolume(requestContext, requestSpec, filterProperties, trace);
            } catch (RuntimeException e) {
                trace.setFailure(e);
                throw e;
            }
        }

        @Override
        public PoolState backendPassesFilters(RequestContext requestContext, String backend, RequestSpec requestSpec,
                                              FilterProperties filterProperties) {
            return delegate.backendPassesFilters(requestContext, backend, requestSpec, filterProperties);
        }

        @Override
        public PoolState findRetypeBackend(RequestContext requestContext, RequestSpec requestSpec,
                                           FilterProperties filterProperties, String migrationPolicy) {
            return delegate.findRetypeBackend(requestContext, requestSpec, filterProperties, migrationPolicy);
        }

        @Override
        public List<Map<String, Object>> getPools(RequestContext requestContext, Map<String, Object> filters) {
            return delegate.getPools(requestContext, filters);
        }

        @Override
        public void updateServiceCapabilities(String serviceName, String host, String clusterName,
                                              Map<String, Object> capabilities, Instant timestamp) {
            delegate.updateServiceCapabilities(serviceName, host, clusterName, capabilities, timestamp);
        }

        @Override
        public boolean isReady() {
            return delegate.isReady();
        }
    }

    /** Assembles a scheduler. */
    public static final class Builder {
        private SchedulerConfig config = SchedulerConfig.defaults();
        private ClassLoader classLoader = Thread.currentThread().getContextClassLoader();
        private List<SchedulerPlugin> plugins;
        private PluginRegistry registry;
        private final List<Module> modules = new ArrayList<>();
        private Clock clock;
        private boolean requireKnownComponents;
        private SchedulerObserver observer;

        private Builder() {
        }

        /**
         * Shows {@code observer} the scheduler's input: services, capability reports and create-volume
         * requests (to record them as a trace with {@code org.volsched.replay.TraceRecorder}). Off by default.
         */
        public Builder observer(SchedulerObserver observer) {
            this.observer = Objects.requireNonNull(observer, "observer");
            return this;
        }

        /**
         * Fails {@link #build()} with an {@link org.volsched.spi.InvalidConfiguration} listing every
         * configured filter or weigher name no plug-in provides. Without it, Cinder's behaviour
         * (rule HM6), which scenarios reproduce: an unknown filter fails every request with
         * {@code SchedulerHostFilterNotFound}, whatever else is wrong (the driver is not even built,
         * as Cinder's scheduler resolves its filters before anything else), and an unknown weigher
         * fails each request with {@code SchedulerHostWeigherNotFound} when it weighs. An unknown
         * driver always fails start-up.
         */
        public Builder requireKnownComponents() {
            this.requireKnownComponents = true;
            return this;
        }

        public Builder config(SchedulerConfig config) {
            this.config = Objects.requireNonNull(config, "config");
            return this;
        }

        /** Where {@link java.util.ServiceLoader} looks for plug-ins (default: the context class loader). */
        public Builder classLoader(ClassLoader classLoader) {
            this.classLoader = Objects.requireNonNull(classLoader, "classLoader");
            return this;
        }

        /** Uses exactly these plug-ins instead of discovering them. */
        public Builder plugins(List<SchedulerPlugin> plugins) {
            this.plugins = List.copyOf(plugins);
            return this;
        }

        /**
         * Uses a registry already discovered (for example by a command that also lists it), so that
         * broken plug-ins are found, and logged, once.
         */
        public Builder registry(PluginRegistry registry) {
            this.registry = Objects.requireNonNull(registry, "registry");
            return this;
        }

        /** Bindings of the integrator (a {@code VolumeDispatcher}, a {@code VolumeStore}, …); they win. */
        public Builder module(Module module) {
            modules.add(Objects.requireNonNull(module, "module"));
            return this;
        }

        /** The clock of the host manager and the flow (default: the system clock). */
        public Builder clock(Clock clock) {
            this.clock = Objects.requireNonNull(clock, "clock");
            return this;
        }

        /**
         * Discovers plug-ins, wires everything and builds the configured driver.
         *
         * @throws org.volsched.spi.InvalidConfiguration for an unknown driver, a name the configuration
         *     selects that two plug-ins provide, an option no plug-in declares, a bad option value, a
         *     configured component that cannot be built, …
         * @throws SchedulerException what the driver refuses (for example {@code InvalidParameterValue});
         *     not when a configured filter is unknown, which every request reports instead
         */
        public Scheduler build() {
            PluginRegistry registry = this.registry != null ? this.registry
                    : plugins != null ? PluginRegistry.of(plugins, List.of())
                    : PluginRegistry.load(classLoader);
            List<String> clashes = new ArrayList<>();
            clashes.addAll(registry.conflictsIn("scheduler_driver", "driver", List.of(config.schedulerDriver())));
            clashes.addAll(registry.conflictsIn("scheduler_default_filters", "filter", config.filters()));
            clashes.addAll(registry.conflictsIn("scheduler_default_weighers", "weigher", config.weighers()));
            clashes.addAll(registry.optionConflictsFor(config.schedulerDriver(), config.filters(), config.weighers(),
                    config.getString("capacity_ledger")));
            if (!clashes.isEmpty()) {
                throw new org.volsched.spi.InvalidConfiguration(clashes);
            }
            // The configuration may have been built before the plug-ins were known: their options are
            // typed now, and a key that neither volsched nor a plug-in declares is reported.
            SchedulerConfig resolved = config.resolve(registry.options());
            List<Module> base = new ArrayList<>();
            base.add(new SchedulerModule(resolved, registry));
            for (SchedulerPlugin plugin : registry.plugins()) {
                plugin.guiceModule().ifPresent(base::add);
            }
            List<Module> overrides = new ArrayList<>(modules);
            if (clock != null) {
                Clock c = clock;
                overrides.add(binder -> com.google.inject.multibindings.OptionalBinder
                        .newOptionalBinder(binder, Clock.class).setBinding().toInstance(c));
            }
            try {
                Injector injector = Guice.createInjector(Modules.override(base).with(overrides));
                try {
                    return new Scheduler(injector, requireKnownComponents, observer);
                } catch (RuntimeException e) {
                    closeLedger(injector, e);
                    throw e;
                }
            } catch (ProvisionException e) {
                throw unwrap(e.getErrorMessages(), e);
            } catch (CreationException e) {
                throw unwrap(e.getErrorMessages(), e);
            }
        }

        /** Start-up failed after the ledger may have been made: release its connection (a shared ledger's session). */
        private static void closeLedger(Injector injector, RuntimeException failure) {
            try {
                injector.getInstance(org.volsched.spi.CapacityLedger.class).close();
            } catch (RuntimeException e) {
                failure.addSuppressed(e);
            }
        }

        private static RuntimeException unwrap(Iterable<Message> messages, RuntimeException e) {
            for (Message m : messages) {
                Throwable cause = m.getCause();
                while (cause != null) {
                    if (cause instanceof SchedulerException se) {
                        return se;
                    }
                    cause = cause.getCause();
                }
            }
            return e;
        }
    }
}
