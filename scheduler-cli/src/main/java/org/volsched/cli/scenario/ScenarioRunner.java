package org.volsched.cli.scenario;

import com.google.inject.multibindings.OptionalBinder;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.volsched.core.bootstrap.PluginRegistry;
import org.volsched.core.bootstrap.Scheduler;
import org.volsched.core.config.SchedulerConfig;
import org.volsched.core.host.HostManager;
import org.volsched.core.memory.InMemoryInstanceLookup;
import org.volsched.core.memory.InMemoryVolumeCounter;
import org.volsched.core.memory.InMemoryVolumeLookup;
import org.volsched.spi.InstanceLookup;
import org.volsched.spi.InvalidConfiguration;
import org.volsched.spi.SchedulerException;
import org.volsched.spi.VolumeCounter;
import org.volsched.spi.VolumeLookup;
import org.volsched.spi.model.DecisionTrace;
import org.volsched.spi.model.FilterProperties;
import org.volsched.spi.model.RequestContext;
import org.volsched.spi.model.RequestSpec;
import org.volsched.spi.model.ServiceInfo;
import org.volsched.spi.model.Volume;
import org.volsched.spi.model.VolumeType;
import org.volsched.python.Py;
import org.volsched.replay.RequestMaps;

/**
 * Runs a scenario: builds a scheduler from its options (plus the caller's overrides), feeds the
 * host manager its services and capability reports, runs the create-volume entrypoint flow for its
 * request and returns the decision.
 */
public final class ScenarioRunner {
    /** The instant scenarios are run at: fixed, so that runs are repeatable. */
    public static final Instant NOW = Instant.parse("2026-01-01T00:00:00Z");

    private final Map<String, Object> overrides;
    private final ClassLoader classLoader;
    private final PluginRegistry registry;

    /**
     * @param overrides options that override every scenario's {@code config} (from {@code --config})
     * @param classLoader where each scheduler discovers its plug-ins
     */
    public ScenarioRunner(Map<String, Object> overrides, ClassLoader classLoader) {
        this.overrides = Map.copyOf(overrides);
        this.classLoader = classLoader;
        this.registry = null;
    }

    /**
     * @param overrides options that override every scenario's {@code config} (from {@code --config})
     * @param registry the plug-ins every scheduler uses, discovered once by the caller
     */
    public ScenarioRunner(Map<String, Object> overrides, PluginRegistry registry) {
        this.overrides = Map.copyOf(overrides);
        this.classLoader = null;
        this.registry = registry;
    }

    public ScenarioRunner() {
        this(Map.of(), ScenarioRunner.class.getClassLoader());
    }

    /**
     * The configuration a scenario runs with, not yet resolved against the plug-ins' declarations:
     * the scheduler does that when it starts ({@link #prepare}), reporting unknown keys then.
     */
    public SchedulerConfig configFor(Scenario scenario) {
        SchedulerConfig.Builder b = SchedulerConfig.builder();
        b.overrides(scenario.config(), scenario.name() + ": config");
        b.overrides(overrides, "--config");
        return b.build();
    }

    /** A scheduler loaded with the scenario's fleet, ready for its request; its clock is fixed at {@link #NOW}. */
    public Prepared prepare(Scenario scenario) {
        return prepare(scenario, Clock.fixed(NOW, ZoneOffset.UTC));
    }

    /**
     * As {@link #prepare(Scenario)} with the scheduler reading {@code clock} (services and reports
     * are still registered at {@link #NOW}; a clock that starts at {@code NOW} and moves forward
     * lets later reports be newer than earlier consumptions).
     *
     * @throws org.volsched.spi.InvalidConfiguration when the configuration cannot be used (an unknown driver, …)
     * @throws StartupRefused when the driver refuses the configuration as Cinder's does
     */
    public Prepared prepare(Scenario scenario, Clock clock) {
        SchedulerConfig config = configFor(scenario);
        InMemoryVolumeLookup volumes = new InMemoryVolumeLookup();
        scenario.request().volumeHosts().forEach((id, host) -> {
            String h = host == null ? null : Py.str(host);
            volumes.put(id, null, h, h);
        });
        InMemoryInstanceLookup instances = new InMemoryInstanceLookup();
        scenario.request().instanceHosts().forEach((id, host) -> instances.put(id, host == null ? null : Py.str(host)));
        InMemoryVolumeCounter counter = new InMemoryVolumeCounter();
        Scheduler.Builder builder = Scheduler.builder();
        if (registry != null) {
            builder.registry(registry);
        } else {
            builder.classLoader(classLoader);
        }
        Scheduler scheduler;
        try {
            scheduler = builder
                    .config(config)
                    .clock(clock)
                    .module(binder -> {
                        OptionalBinder.newOptionalBinder(binder, VolumeLookup.class).setBinding().toInstance(volumes);
                        OptionalBinder.newOptionalBinder(binder, InstanceLookup.class).setBinding()
                                .toInstance(instances);
                        OptionalBinder.newOptionalBinder(binder, VolumeCounter.class).setBinding().toInstance(counter);
                    })
                    .build();
        } catch (StartupRefused | InvalidConfiguration e) {
            throw e;
        } catch (SchedulerException e) {
            throw new StartupRefused(e);
        }
        load(scheduler.hostManager(), scenario, scheduler.config(), counter);
        return new Prepared(scheduler, scenario);
    }

    /** Registers the scenario's services and reports, in order. */
    static void load(HostManager hosts, Scenario scenario, SchedulerConfig config, InMemoryVolumeCounter counter) {
        String defaultZone = config.getString("storage_availability_zone");
        List<Scenario.Backend> backends = scenario.backends();
        for (Scenario.Backend b : backends) {
            String zone = b.availabilityZone() != null ? b.availabilityZone() : defaultZone;
            hosts.addServiceIfAbsent(new ServiceInfo(b.host(), b.clusterName(), zone, b.disabled(), b.frozen(),
                    b.up() ? NOW : null));
            if (b.volumeCount() instanceof Long n) {
                counter.setBackend(b.host(), n);
            } else if (b.volumeCount() instanceof Map<?, ?> perPool) {
                perPool.forEach((pool, n) -> counter.setPool(b.host() + "#" + pool, (Long) n));
            }
        }
        int i = 0;
        for (Scenario.Backend b : backends) {
            i++;
            if (b.capabilities() != null) {
                Instant ts = NOW.minusSeconds(1).plusNanos(1000L * i);
                hosts.updateServiceCapabilities("volume", b.host(), b.clusterName(), b.capabilities(), ts);
            }
        }
    }

    /** Runs a scenario's request once. */
    public DecisionTrace run(Scenario scenario, boolean explain) {
        return prepare(scenario).decide(explain);
    }

    /**
     * The scheduler refused to start with the scenario's configuration: its driver threw Cinder's
     * error when it was built ({@code InvalidParameterValue} for {@code scheduler_max_attempts} below
     * 1). The type and message are the driver's, so a decision records it as Cinder would.
     */
    public static final class StartupRefused extends SchedulerException {
        private static final long serialVersionUID = 1L;

        StartupRefused(SchedulerException cause) {
            super(cause.type(), cause.getMessage(), cause);
        }
    }

    /** A scheduler with a scenario's fleet loaded. */
    public record Prepared(Scheduler scheduler, Scenario scenario) {
        /** Runs the request through the entrypoint flow. Failures end up in the trace. */
        public DecisionTrace decide(boolean explain) {
            DecisionTrace trace = explain ? DecisionTrace.detailed() : DecisionTrace.outcomeOnly();
            try {
                Scenario.Request r = scenario.request();
                RequestSpec spec = r.requestSpec() == null ? null : requestSpec(r.requestSpec());
                FilterProperties props = r.filterProperties() == null ? null : filterProperties(r.filterProperties());
                Volume volume = volume(r, spec);
                RequestContext context = new RequestContext(volume.projectId(), volume.userId(),
                        "req-" + scenario.name(), false);
                scheduler.createVolume(context, spec, props, volume, str(r.snapshotId()), str(r.imageId()),
                        str(r.backupId()), trace);
            } catch (RuntimeException e) {
                if (trace.failure() == null) {
                    trace.setFailure(e);
                }
            }
            return trace;
        }
    }

    private static String str(Object o) {
        return RequestMaps.str(o);
    }

    /** The request spec as Cinder's RequestSpec object carries it over RPC ({@link RequestMaps#requestSpec}). */
    static RequestSpec requestSpec(Map<String, Object> raw) {
        return RequestMaps.requestSpec(raw);
    }

    static VolumeType volumeType(Map<String, Object> m) {
        return RequestMaps.volumeType(m);
    }

    static FilterProperties filterProperties(Map<String, Object> raw) {
        return RequestMaps.filterProperties(raw);
    }

    private static Volume volume(Scenario.Request r, RequestSpec spec) {
        return RequestMaps.volume(r.volume(), spec);
    }
}
