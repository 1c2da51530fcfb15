package org.volsched.replay;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.google.inject.multibindings.OptionalBinder;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.volsched.core.time.SteppingClock;
import org.volsched.core.bootstrap.PluginRegistry;
import org.volsched.core.bootstrap.Scheduler;
import org.volsched.core.config.SchedulerConfig;
import org.volsched.core.host.HostManager;
import org.volsched.core.memory.InMemoryInstanceLookup;
import org.volsched.python.PyException;
import org.volsched.spi.FailureNotifier;
import org.volsched.spi.InstanceLookup;
import org.volsched.spi.SchedulerException;
import org.volsched.spi.UserMessages;
import org.volsched.spi.VolumeCounter;
import org.volsched.spi.VolumeDispatcher;
import org.volsched.spi.VolumeLookup;
import org.volsched.spi.VolumeStore;
import org.volsched.spi.model.DecisionTrace;
import org.volsched.spi.model.FilterProperties;
import org.volsched.spi.model.PoolState;
import org.volsched.spi.model.RequestContext;
import org.volsched.spi.model.RequestSpec;
import org.volsched.spi.model.ServiceInfo;
import org.volsched.spi.model.Volume;
import org.volsched.spi.model.VolumeType;

/**
 * Replays a trace over a fleet under one configuration: a real {@link Scheduler} (the configured
 * driver, filters and weighers of the registry's plug-ins), fed the fleet as {@code volsched schedule}
 * feeds a scenario, then every event of the trace in order: reports through the host manager's
 * incremental path, service changes, and create requests through the create-volume entrypoint flow.
 * The scheduler's clock is the trace's simulated time and its random source is seeded, so the same
 * inputs give the same decisions. See {@code docs/trace-format.md} for what each event does.
 */
public final class ReplayEngine {
    private static final Logger LOG = LoggerFactory.getLogger(ReplayEngine.class);
    /** The instant a trace's time 0 is: the one {@code volsched schedule} runs scenarios at. */
    public static final Instant START = Instant.parse("2026-01-01T00:00:00Z");
    private static final JsonFactory JSON = new JsonFactory();
    private static final int MAX_SAMPLES = 400;

    /** Told how far the replay got, every few thousand events. */
    @FunctionalInterface
    public interface Progress {
        void update(long charsRead, long decided);
    }

    /**
     * The configuration of one replay.
     *
     * @param name how the report names it
     * @param overrides options over the fleet's {@code config} (a {@code --config} file's)
     * @param overridesSource how messages name where the overrides come from
     * @param seed {@code random_seed} unless the fleet or the overrides set one
     * @param replicaIndex decide only the requests whose number (from 0) modulo {@code replicaCount} is this
     */
    public record Options(String name, Map<String, Object> overrides, String overridesSource, long seed,
                          int replicaIndex, int replicaCount) {
        public Options {
            Objects.requireNonNull(name, "name");
            overrides = overrides == null ? Map.of() : Map.copyOf(overrides);
            if (replicaCount < 1 || replicaIndex < 0 || replicaIndex >= replicaCount) {
                throw new IllegalArgumentException("replica " + replicaIndex + "/" + replicaCount
                        + ": expected 0 <= I < N");
            }
        }

        public static Options of(String name, Map<String, Object> overrides, String source, long seed) {
            return new Options(name, overrides, source, seed, 0, 1);
        }
    }

    private final PluginRegistry registry;

    public ReplayEngine(PluginRegistry registry) {
        this.registry = Objects.requireNonNull(registry, "registry");
    }

    /**
     * The configuration a replay runs with: the fleet's {@code config}, then the overrides, then
     * {@code random_seed} when neither sets it.
     *
     * @throws org.volsched.spi.InvalidConfiguration naming the source and the key
     */
    public SchedulerConfig configFor(Fleet fleet, Options options) {
        SchedulerConfig.Builder b = SchedulerConfig.builder().catalog(registry.options());
        b.overrides(fleet.config(), fleet.name() + ": config");
        b.overrides(options.overrides(), options.overridesSource());
        SchedulerConfig config = b.build();
        if (config.randomSeed() == null) {
            config = SchedulerConfig.builder().catalog(registry.options())
                    .overrides(fleet.config(), fleet.name() + ": config")
                    .overrides(options.overrides(), options.overridesSource())
                    .set("random_seed", options.seed(), "--seed").build();
        }
        return config;
    }

    /**
     * Replays {@code trace} and writes one line per decided request to {@code decisions}.
     *
     * @throws TraceFormatException for a line of the trace that is not a valid event (the decisions
     *     written so far are the ones before it)
     * @throws org.volsched.spi.InvalidConfiguration when the configuration cannot be used
     * @throws SchedulerException what the driver refuses when the scheduler starts (Cinder's
     *     {@code InvalidParameterValue} for {@code scheduler_max_attempts} below 1)
     */
    public ReplayResult run(TraceReader trace, Fleet fleet, Options options, Writer decisions, Progress progress) {
        long started = System.nanoTime();
        SteppingClock clock = new SteppingClock(START);
        Run run = new Run(fleet, options, clock);
        Scheduler scheduler = Scheduler.builder().registry(registry).config(configFor(fleet, options)).clock(clock)
                .module(binder -> {
                    OptionalBinder.newOptionalBinder(binder, VolumeLookup.class).setBinding().toInstance(run.volumes);
                    OptionalBinder.newOptionalBinder(binder, VolumeCounter.class).setBinding().toInstance(run.volumes);
                    OptionalBinder.newOptionalBinder(binder, InstanceLookup.class).setBinding()
                            .toInstance(run.instances);
                    OptionalBinder.newOptionalBinder(binder, VolumeStore.class).setBinding().toInstance(QUIET_STORE);
                    OptionalBinder.newOptionalBinder(binder, VolumeDispatcher.class).setBinding()
                            .toInstance((context, volumeId, host, spec, props) -> { });
                    OptionalBinder.newOptionalBinder(binder, FailureNotifier.class).setBinding()
                            .toInstance((publisher, eventType, payload) -> { });
                    OptionalBinder.newOptionalBinder(binder, UserMessages.class).setBinding().toInstance(message -> { });
                })
                .build();
        run.scheduler = scheduler;
        run.hosts = scheduler.hostManager();
        run.defaultZone = scheduler.config().getString("storage_availability_zone");
        LOG.info("Replaying {} as {}: driver {}, filters {}, weighers {}", fleet.name(), options.name(),
                scheduler.config().schedulerDriver(), scheduler.config().filters(), scheduler.config().weighers());
        try (JsonGenerator out = JSON.createGenerator(decisions)) {
            out.configure(JsonGenerator.Feature.AUTO_CLOSE_TARGET, false);
            out.setRootValueSeparator(null);
            run.out = out;
            run.decisions = decisions;
            run.load();
            run.types(trace.header());
            TraceEvent e;
            long events = 0;
            while ((e = trace.next()) != null) {
                run.apply(e, trace);
                if ((++events & 4095) == 0 && progress != null) {
                    progress.update(trace.charsRead(), run.decided);
                }
            }
            run.events = events;
            if (progress != null) {
                progress.update(trace.charsRead(), run.decided);
            }
        } catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
        return run.result((System.nanoTime() - started) / 1e9);
    }

    private static final VolumeStore QUIET_STORE = new VolumeStore() {
        @Override
        public void updateHost(String volumeId, String host, String clusterName, String availabilityZone) {
        }

        @Override
        public void markError(String volumeId, String reason) {
        }
    };

    /** Where the replay's volumes are: for hints ({@code different_host}, …) and {@code VolumeNumberWeigher}. */
    static final class Volumes implements VolumeLookup, VolumeCounter {
        private final Map<String, Location> locations = new HashMap<>();
        private final Map<String, Long> perPool = new HashMap<>();
        private final Map<String, Long> perBackend = new HashMap<>();
        /** Volumes placed by the replay, by pool ({@code host#pool}). */
        private final Map<String, long[]> placed = new HashMap<>();

        @Override
        public java.util.Optional<Location> find(String volumeId, String projectId) {
            return java.util.Optional.ofNullable(locations.get(volumeId));
        }

        @Override
        public long count(PoolState pool) {
            long[] p = placed.get(pool.host());
            long extra = p == null ? 0 : p[0];
            Long c = perPool.get(pool.host());
            return (c != null ? c : perBackend.getOrDefault(pool.serviceHost(), 0L)) + extra;
        }

        void add(String volumeId, String pool) {
            locations.put(volumeId, new Location(pool, pool));
            placed.computeIfAbsent(pool, k -> new long[1])[0]++;
        }

        void remove(String volumeId, String pool) {
            locations.remove(volumeId);
            long[] p = placed.get(pool);
            if (p != null) {
                p[0]--;
            }
        }
    }

    /** A volume the replay placed and that is not deleted yet. */
    private record Live(FleetTally.Pool pool, String poolName, long size) {
    }

    /** One replay's state. */
    private static final class Run {
        final Fleet fleet;
        final Options options;
        final SteppingClock clock;
        final Volumes volumes = new Volumes();
        final InMemoryInstanceLookup instances = new InMemoryInstanceLookup();
        final FleetTally tally = new FleetTally();
        final Map<String, ServiceInfo> services = new HashMap<>();
        final Map<String, Boolean> down = new HashMap<>();
        final Map<String, Live> live = new HashMap<>();
        final Map<String, VolumeType> types = new HashMap<>();
        final Map<String, Long> refusedByType = new TreeMap<>();
        final List<ReplayResult.Sample> samples = new ArrayList<>();
        Scheduler scheduler;
        HostManager hosts;
        String defaultZone;
        JsonGenerator out;
        Writer decisions;
        long requestNumber;
        long decided;
        long placed;
        long internalErrors;
        long events;
        ReplayResult.Refusal firstRefusal;
        long[] sizes = new long[1024];
        double lastT;
        double sampleEvery = 60;
        double nextSample = 60;
        long placedSince;
        long refusedSince;

        Run(Fleet fleet, Options options, SteppingClock clock) {
            this.fleet = fleet;
            this.options = options;
            this.clock = clock;
        }

        /** The fleet, as {@code volsched schedule} loads a scenario's backends. */
        void load() {
            Instant now = START;
            for (Fleet.Backend b : fleet.backends()) {
                String zone = b.availabilityZone() != null ? b.availabilityZone() : defaultZone;
                ServiceInfo s = new ServiceInfo(b.host(), b.clusterName(), zone, b.disabled(), b.frozen(),
                        b.up() ? now : null);
                if (hosts.addServiceIfAbsent(s)) {
                    services.put(b.host(), s);
                    if (!b.up()) {
                        down.put(b.host(), true);
                    }
                }
                if (b.volumeCount() instanceof Long n) {
                    volumes.perBackend.put(b.host(), n);
                } else if (b.volumeCount() instanceof Map<?, ?> perPool) {
                    perPool.forEach((pool, n) -> volumes.perPool.put(b.host() + "#" + pool, ((Number) n).longValue()));
                }
            }
            int i = 0;
            for (Fleet.Backend b : fleet.backends()) {
                i++;
                FleetTally.Backend track = tally.backend(b.host(), b.backendKey());
                if (b.capabilities() != null) {
                    track.rebase(b.capabilities());
                    hosts.updateServiceCapabilities("volume", b.host(), b.clusterName(), b.capabilities(),
                            now.minusSeconds(1).plusNanos(1000L * i));
                }
            }
        }

        void types(TraceHeader header) {
            header.volumeTypes().forEach((name, raw) -> types.put(name, RequestMaps.volumeType(raw)));
        }

        void apply(TraceEvent event, TraceReader trace) throws IOException {
            double t = event.t();
            while (t >= nextSample) {
                sample(nextSample);
                nextSample += sampleEvery;
            }
            lastT = t;
            Instant now = START.plusNanos(Math.round(t * 1e9));
            clock.set(now);
            if (event instanceof TraceEvent.Report r) {
                report(r, now, trace);
            } else if (event instanceof TraceEvent.Service s) {
                service(s, now);
            } else if (event instanceof TraceEvent.Create c) {
                long n = requestNumber++;
                if (n % options.replicaCount() == options.replicaIndex()) {
                    create(c, n + 1);
                }
            } else if (event instanceof TraceEvent.Delete d) {
                delete(d);
            }
        }

        private void report(TraceEvent.Report r, Instant now, TraceReader trace) {
            FleetTally.Backend track = tally.backendOfHost(r.host());
            ServiceInfo service = services.get(r.host());
            if (r.capabilities() == null && (track == null || track.base == null)) {
                throw new TraceFormatException(trace.source(), trace.line(), "host", "'" + r.host() + "' has no report "
                        + "to send again: it is not a backend of the fleet with capabilities, and no earlier "
                        + "report event gave its capabilities");
            }
            String cluster = service != null ? service.clusterName() : null;
            if (track == null) {
                track = tally.backend(r.host(), cluster != null && !cluster.isEmpty() ? cluster : r.host());
            }
            Map<String, Object> caps;
            if (r.capabilities() != null) {
                track.rebase(r.capabilities());
                caps = r.capabilities();
            } else {
                caps = track.report();
            }
            if (service != null && !down.containsKey(r.host())) {
                // A volume service that reports is alive: its report is its heartbeat.
                hosts.heartbeat(r.host(), now);
            }
            hosts.updateServiceCapabilities("volume", r.host(), cluster, caps, now);
        }

        private void service(TraceEvent.Service s, Instant now) {
            ServiceInfo old = services.get(s.host());
            boolean up = s.up() != null ? s.up() : old == null || !down.containsKey(s.host());
            String cluster = old != null ? old.clusterName() : s.clusterName();
            String zone = s.zone() != null ? s.zone() : old != null ? old.availabilityZone() : defaultZone;
            boolean disabled = s.disabled() != null ? s.disabled() : old != null && old.disabled();
            boolean frozen = s.frozen() != null ? s.frozen() : old != null && old.frozen();
            ServiceInfo updated = new ServiceInfo(s.host(), cluster, zone, disabled, frozen,
                    up ? now : old != null && s.up() == null ? old.lastHeartbeat() : null);
            if (up) {
                down.remove(s.host());
            } else {
                down.put(s.host(), true);
            }
            services.put(s.host(), updated);
            hosts.updateService(updated);
        }

        private void create(TraceEvent.Create c, long n) throws IOException {
            DecisionTrace trace = DecisionTrace.outcomeOnly();
            try {
                RequestSpec spec;
                FilterProperties props;
                Volume volume;
                if (c.isShorthand()) {
                    VolumeType type = c.volumeType() == null ? null : types.get(c.volumeType());
                    spec = RequestSpec.of(c.id(), (int) Math.min(Integer.MAX_VALUE, c.size()), c.zone(), type);
                    props = new FilterProperties();
                    volume = new Volume(c.id(), c.size(), c.zone(), type == null ? null : type.id(), type, null, null);
                } else {
                    if (c.volumeHosts() != null) {
                        c.volumeHosts().forEach((id, host) -> {
                            String h = host == null ? null : RequestMaps.str(host);
                            volumes.locations.put(id, new VolumeLookup.Location(h, h));
                        });
                    }
                    if (c.instanceHosts() != null) {
                        c.instanceHosts().forEach((id, host) -> instances.put(id, RequestMaps.str(host)));
                    }
                    // As volsched schedule does: a request that cannot be converted is its decision's error.
                    spec = c.requestSpec() == null ? null : RequestMaps.requestSpec(c.requestSpec());
                    props = c.filterProperties() == null ? null : RequestMaps.filterProperties(c.filterProperties());
                    volume = RequestMaps.volume(c.volume(), spec);
                }
                scheduler.createVolume(new RequestContext(volume.projectId(), volume.userId(), "req-" + c.id(), false),
                        spec, props, volume, null, null, null, trace);
            } catch (RuntimeException e) {
                if (trace.failure() == null) {
                    trace.setFailure(e);
                }
            }
            decided++;
            if (decided > sizes.length) {
                sizes = Arrays.copyOf(sizes, sizes.length * 2);
            }
            sizes[(int) decided - 1] = c.size();
            out.writeStartObject();
            out.writeNumberField("n", n);
            out.writeFieldName("t");
            out.writeNumber(c.t());
            out.writeStringField("id", c.id());
            out.writeNumberField("size", c.size());
            RuntimeException failure = trace.failure();
            if (failure == null && trace.selected() != null) {
                String pool = trace.selected().backend();
                out.writeStringField("pool", pool);
                placed++;
                placedSince++;
                FleetTally.Pool p = tally.placed(pool);
                if (p != null) {
                    tally.add(p, c.size(), 1);
                }
                volumes.add(c.id(), pool);
                live.put(c.id(), new Live(p, pool, c.size()));
            } else {
                String type = failure == null ? "NoValidBackend" : errorType(failure);
                out.writeStringField("error", type);
                if (failure == null || failure instanceof SchedulerException || failure instanceof PyException) {
                    refusedByType.merge(type, 1L, Long::sum);
                    refusedSince++;
                    if (firstRefusal == null) {
                        firstRefusal = new ReplayResult.Refusal(n, c.t(), c.id(), type);
                    }
                } else {
                    internalErrors++;
                    LOG.warn("Request {} ({}): a plug-in or volsched threw {}: {}", n, c.id(), failure.getClass().getName(),
                            failure.getMessage());
                    LOG.debug("The stack trace", failure);
                }
            }
            out.writeEndObject();
            out.flush();
            decisions.write('\n');
        }

        private void delete(TraceEvent.Delete d) {
            Live v = live.remove(d.id());
            if (v == null) {
                return;
            }
            if (v.pool() != null) {
                tally.add(v.pool(), -v.size(), -1);
            }
            volumes.remove(d.id(), v.poolName());
        }

        private void sample(double at) {
            List<FleetTally.Pool> pools = tally.pools();
            float[] util = new float[pools.size()];
            for (int i = 0; i < util.length; i++) {
                double total = tally.totals[i];
                util[i] = total > 0 && Double.isFinite(total) ? (float) (tally.used[i] / total) : Float.NaN;
            }
            samples.add(new ReplayResult.Sample(at, placedSince, refusedSince, util));
            placedSince = 0;
            refusedSince = 0;
            if (samples.size() > MAX_SAMPLES) {
                List<ReplayResult.Sample> merged = new ArrayList<>(samples.size() / 2 + 1);
                for (int i = 0; i + 1 < samples.size(); i += 2) {
                    ReplayResult.Sample a = samples.get(i);
                    ReplayResult.Sample b = samples.get(i + 1);
                    merged.add(new ReplayResult.Sample(b.t(), a.placed() + b.placed(), a.refused() + b.refused(),
                            b.utilisation()));
                }
                if (samples.size() % 2 == 1) {
                    merged.add(samples.get(samples.size() - 1));
                }
                samples.clear();
                samples.addAll(merged);
                sampleEvery *= 2;
                nextSample = samples.get(samples.size() - 1).t() + sampleEvery;
            }
        }

        ReplayResult result(double wallSeconds) {
            sample(lastT);
            List<ReplayResult.PoolEnd> ends = new ArrayList<>();
            for (FleetTally.Pool p : tally.pools()) {
                ends.add(new ReplayResult.PoolEnd(p.fullName(), p.backendKey(), tally.totals[p.index()],
                        tally.used[p.index()], tally.volumes[p.index()]));
            }
            double median = 0;
            if (decided > 0) {
                long[] s = Arrays.copyOf(sizes, (int) decided);
                Arrays.sort(s);
                median = s.length % 2 == 1 ? s[s.length / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2.0;
            }
            return new ReplayResult(options.name(), options.overridesSource(), decided, placed, refusedByType,
                    internalErrors, firstRefusal, median, ends, samples, events, lastT, wallSeconds);
        }
    }

    /** The Cinder class name of a failure ({@code NoValidBackend}, a Python error's type, else the Java class). */
    static String errorType(RuntimeException failure) {
        if (failure instanceof SchedulerException se) {
            return se.type();
        }
        if (failure instanceof PyException pe) {
            return pe.pythonType();
        }
        return failure.getClass().getSimpleName();
    }
}
