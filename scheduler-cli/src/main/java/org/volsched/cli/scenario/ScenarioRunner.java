package org.volsched.cli.scenario;

import com.google.inject.multibindings.OptionalBinder;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.volsched.core.bootstrap.PluginRegistry;
import org.volsched.core.bootstrap.Scheduler;
import org.volsched.core.config.SchedulerConfig;
import org.volsched.core.host.HostManager;
import org.volsched.core.memory.InMemoryInstanceLookup;
import org.volsched.core.memory.InMemoryVolumeCounter;
import org.volsched.core.memory.InMemoryVolumeLookup;
import org.volsched.spi.ErrorTypes;
import org.volsched.spi.InstanceLookup;
import org.volsched.spi.InvalidConfiguration;
import org.volsched.spi.SchedulerException;
import org.volsched.spi.VolumeCounter;
import org.volsched.spi.VolumeLookup;
import org.volsched.spi.model.DecisionTrace;
import org.volsched.spi.model.FilterProperties;
import org.volsched.spi.model.RequestContext;
import org.volsched.spi.model.RequestSpec;
import org.volsched.spi.model.RetryState;
import org.volsched.spi.model.ServiceInfo;
import org.volsched.spi.model.Volume;
import org.volsched.spi.model.VolumeType;
import org.volsched.python.Py;
import org.volsched.python.PyException;

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
        return o == null ? null : Py.str(o);
    }

    /** The request spec as Cinder's RequestSpec object carries it over RPC. */
    @SuppressWarnings("unchecked")
    static RequestSpec requestSpec(Map<String, Object> raw) {
        Map<String, Object> vp = new LinkedHashMap<>((Map<String, Object>) raw.get("volume_properties"));
        Object size = vp.get("size");
        if (size != null) {
            try {
                vp.put("size", Py.toInt(size));
            } catch (PyException e) {
                throw new SchedulerException(ErrorTypes.INVALID_SCENARIO, "request_spec.volume_properties.size: "
                        + Py.repr(size) + " is not an integer");
            }
        }
        vp.computeIfPresent("metadata", (k, v) -> stringValues(v));
        vp.computeIfPresent("qos_specs", (k, v) -> stringValues(v));
        VolumeType type = null;
        Object vt = raw.get("volume_type");
        if (vt instanceof Map<?, ?> m) {
            type = volumeType((Map<String, Object>) m);
        }
        List<String> zones = new ArrayList<>();
        if (raw.get("availability_zones") instanceof List<?> l) {
            for (Object z : l) {
                zones.add(Py.str(z));
            }
        }
        Map<String, Object> other = new LinkedHashMap<>(raw);
        for (String k : List.of("volume_id", "snapshot_id", "image_id", "backup_id", "group_id", "volume_properties",
                "volume_type", "availability_zones", "resource_backend", "operation")) {
            other.remove(k);
        }
        return new RequestSpec(str(raw.get("volume_id")), str(raw.get("snapshot_id")), str(raw.get("image_id")),
                str(raw.get("backup_id")), str(raw.get("group_id")), vp, type, zones,
                str(raw.get("resource_backend")), "create_volume", false, other);
    }

    @SuppressWarnings("unchecked")
    private static Object stringValues(Object v) {
        if (!(v instanceof Map<?, ?> m)) {
            return v;
        }
        Map<String, Object> out = new LinkedHashMap<>();
        ((Map<String, Object>) m).forEach((k, val) -> out.put(k, val == null ? null : Py.str(val)));
        return out;
    }

    @SuppressWarnings("unchecked")
    static VolumeType volumeType(Map<String, Object> m) {
        Map<String, Object> specs;
        if (!m.containsKey("extra_specs")) {
            specs = Map.of();
        } else if (m.get("extra_specs") instanceof Map<?, ?> es) {
            specs = (Map<String, Object>) stringValues(es);
        } else {
            specs = null;
        }
        return new VolumeType(str(m.get("id")), str(m.get("name")), specs, str(m.get("qos_specs_id")), m, false);
    }

    @SuppressWarnings("unchecked")
    static FilterProperties filterProperties(Map<String, Object> raw) {
        FilterProperties p = new FilterProperties();
        Object retry = raw.get("retry");
        if (retry instanceof Map<?, ?> r && !r.isEmpty()) {
            Object n = r.get("num_attempts");
            Integer attempts = n == null ? null : attemptCount(Py.toInt(n));
            p.setRetry(new RetryState(attempts, strings(r.get("backends")), strings(r.get("hosts"))));
        }
        if (raw.containsKey("scheduler_hints")) {
            p.setSchedulerHints((Map<String, Object>) raw.get("scheduler_hints"), true);
        }
        if (raw.get("ignore_hosts") != null) {
            p.setIgnoreHosts(strings(raw.get("ignore_hosts")));
        }
        if (raw.get("vol_exists_on") != null) {
            p.setVolExistsOn(Py.str(raw.get("vol_exists_on")));
        }
        p.setNewSize(raw.get("new_size"));
        raw.forEach((k, v) -> {
            if (!List.of("retry", "scheduler_hints", "ignore_hosts", "vol_exists_on", "new_size").contains(k)) {
                p.other().put(k, v);
            }
        });
        return p;
    }

    /** An attempt count as an int; counts beyond the range saturate (they exceed any maximum anyway). */
    private static Integer attemptCount(Number n) {
        if (n instanceof Long l && l <= Integer.MAX_VALUE && l >= Integer.MIN_VALUE) {
            return l.intValue();
        }
        return n.doubleValue() > 0 ? Integer.MAX_VALUE : Integer.MIN_VALUE;
    }

    private static List<String> strings(Object v) {
        if (v == null) {
            return null;
        }
        List<String> out = new ArrayList<>();
        if (v instanceof List<?> l) {
            for (Object o : l) {
                out.add(Py.str(o));
            }
        } else {
            out.add(Py.str(v));
        }
        return out;
    }

    @SuppressWarnings("unchecked")
    private static Volume volume(Scenario.Request r, RequestSpec spec) {
        Map<String, Object> v = r.volume();
        if (v == null) {
            Map<String, Object> vp = spec.volumeProperties();
            return new Volume(spec.volumeId(), vp.get("size"), str(vp.get("availability_zone")),
                    str(vp.get("volume_type_id")), spec.volumeType(), str(vp.get("project_id")),
                    str(vp.get("user_id")));
        }
        VolumeType type = v.get("volume_type") instanceof Map<?, ?> m ? volumeType((Map<String, Object>) m) : null;
        return new Volume(str(v.get("id")), v.get("size"), str(v.get("availability_zone")),
                str(v.get("volume_type_id")), type, str(v.get("project_id")), str(v.get("user_id")));
    }
}
