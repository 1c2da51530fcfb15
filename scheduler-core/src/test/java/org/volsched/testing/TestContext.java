package org.volsched.testing;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Random;
import java.util.random.RandomGenerator;
import org.volsched.core.bootstrap.PluginRegistry;
import org.volsched.core.config.SchedulerConfig;
import org.volsched.core.memory.InMemoryVolumeCounter;
import org.volsched.core.memory.InMemoryVolumeDispatcher;
import org.volsched.core.memory.InMemoryVolumeStore;
import org.volsched.core.pipeline.FilterPipeline;
import org.volsched.core.pipeline.OrderedWeightHandler;
import org.volsched.spi.BackendFilter;
import org.volsched.spi.BackendStates;
import org.volsched.spi.BackendWeigher;
import org.volsched.spi.InstanceLookup;
import org.volsched.spi.Options;
import org.volsched.spi.SchedulerContext;
import org.volsched.spi.SchedulerException;
import org.volsched.spi.SchedulerPlugin;
import org.volsched.spi.VolumeCounter;
import org.volsched.spi.VolumeDispatcher;
import org.volsched.spi.VolumeLookup;
import org.volsched.spi.VolumeStore;
import org.volsched.spi.model.Candidates;
import org.volsched.spi.model.DecisionTrace;
import org.volsched.spi.model.FilterProperties;
import org.volsched.spi.model.PoolState;
import org.volsched.spi.model.WeighedPool;

/**
 * The one {@link SchedulerContext} for component tests. Filtering runs the filters given with
 * {@link #withFilter} through the real {@link FilterPipeline}; weighing runs the weighers given with
 * {@link #withWeigher} through the real {@link OrderedWeightHandler} (Cinder's default), so tests
 * see the rankings the scheduler produces.
 *
 * <p>Defaults: volsched's options (plus those of the plug-ins given to {@link #declaring}), a fixed
 * clock, a {@code Random(42)}, in-memory volume store, dispatcher and volume counter, volume and
 * instance look-ups that know what {@link #volume}/{@link #instance} recorded and count their calls,
 * and no backend states (set them with {@link #backendStates}).
 */
public final class TestContext implements SchedulerContext {
    public static final Instant NOW = Instant.parse("2026-01-01T00:00:00Z");

    private final List<SchedulerPlugin> plugins = new ArrayList<>();
    private final Map<String, Object> overrides = new LinkedHashMap<>();
    private SchedulerConfig options;
    private Clock clock = Clock.fixed(NOW, ZoneOffset.UTC);
    private RandomGenerator random = new Random(42);
    private BackendStates backendStates;
    private VolumeStore volumeStore = new InMemoryVolumeStore();
    private VolumeDispatcher volumeDispatcher = new InMemoryVolumeDispatcher();
    private VolumeCounter volumeCounter = new InMemoryVolumeCounter();
    private final List<BackendFilter> filters = new ArrayList<>();
    private final List<BackendWeigher> weighers = new ArrayList<>();
    private final OrderedWeightHandler weightHandler = new OrderedWeightHandler();

    private final Map<String, Map<String, VolumeLookup.Location>> volumesByProject = new HashMap<>();
    private final Map<String, String> instanceHosts = new HashMap<>();
    private final List<String> volumeQueries = new ArrayList<>();
    private final List<String> instanceQueries = new ArrayList<>();
    private boolean volumeLookupConfigured = true;
    private boolean instanceLookupConfigured = true;

    /** Makes the options the plug-ins' components declare known, with their defaults. */
    public TestContext declaring(SchedulerPlugin... declaringPlugins) {
        plugins.addAll(List.of(declaringPlugins));
        options = null;
        return this;
    }

    /** Sets an option as the configuration would; validated when {@link #options()} is read. */
    public TestContext withOption(String name, Object value) {
        overrides.put(name, value);
        options = null;
        return this;
    }

    public TestContext withClock(Clock value) {
        clock = Objects.requireNonNull(value);
        return this;
    }

    public TestContext withRandom(RandomGenerator value) {
        random = Objects.requireNonNull(value);
        return this;
    }

    public TestContext withBackendStates(BackendStates value) {
        backendStates = value;
        return this;
    }

    public TestContext withVolumeStore(VolumeStore value) {
        volumeStore = value;
        return this;
    }

    public TestContext withVolumeDispatcher(VolumeDispatcher value) {
        volumeDispatcher = value;
        return this;
    }

    public TestContext withVolumeCounter(VolumeCounter value) {
        volumeCounter = value;
        return this;
    }

    /** Volume counts per pool, keyed by the pool's {@code host} ({@code host@backend#pool}). */
    public TestContext withVolumeCount(String poolHost, long count) {
        if (!(volumeCounter instanceof InMemoryVolumeCounter counter)) {
            throw new IllegalStateException("withVolumeCount needs the default volume counter");
        }
        counter.setPool(poolHost, count);
        return this;
    }

    /** Adds a filter to the pipeline {@link #filter} runs; without any, every candidate passes. */
    public TestContext withFilter(BackendFilter filter) {
        filters.add(filter);
        return this;
    }

    /** Adds a weigher to those {@link #weigh} combines; without any, every weight is 0. */
    public TestContext withWeigher(BackendWeigher weigher) {
        weighers.add(weigher);
        return this;
    }

    /** Records volume {@code id} of {@code project} on {@code host} (cluster {@code cluster}, may be null). */
    public TestContext volume(String project, String id, String host, String cluster) {
        volumesByProject.computeIfAbsent(project, p -> new HashMap<>()).put(id, new VolumeLookup.Location(host, cluster));
        return this;
    }

    /**
     * Records instance {@code uuid} on hypervisor {@code host}; a null host is "attribute not
     * exposed". An instance not recorded is Nova's {@code ServerNotFound}.
     */
    public TestContext instance(String uuid, String host) {
        instanceHosts.put(uuid, host);
        return this;
    }

    /** No volume look-up configured ({@link #volumeLookup()} is null). */
    public TestContext withoutVolumeLookup() {
        volumeLookupConfigured = false;
        return this;
    }

    /** No instance look-up configured ({@link #instanceLookup()} is null). */
    public TestContext withoutInstanceLookup() {
        instanceLookupConfigured = false;
        return this;
    }

    /** Every {@code id@project} the volume look-up was asked for, in order. */
    public List<String> volumeQueries() {
        return volumeQueries;
    }

    /** Every instance the instance look-up was asked for, in order. */
    public List<String> instanceQueries() {
        return instanceQueries;
    }

    /** The ranking's backend ids, best first, of {@code candidates} under the real weight handler. */
    public static List<String> ranking(List<PoolState> candidates, FilterProperties properties,
                                       BackendWeigher... weighers) {
        return weigh(candidates, properties, List.of(weighers)).stream().map(WeighedPool::backendId).toList();
    }

    /** {@code candidates} weighed by {@code weighers} under the real weight handler, best first. */
    public static List<WeighedPool> weigh(List<PoolState> candidates, FilterProperties properties,
                                          List<BackendWeigher> weighers) {
        return List.copyOf(new OrderedWeightHandler().weigh(Candidates.of(candidates), weighers, properties, null));
    }

    @Override
    public synchronized Options options() {
        if (options == null) {
            SchedulerConfig.Builder builder = SchedulerConfig.builder();
            if (!plugins.isEmpty()) {
                builder.catalog(PluginRegistry.of(plugins, List.of()).options());
            }
            options = builder.overrides(overrides, "test").build();
        }
        return options;
    }

    @Override
    public Clock clock() {
        return clock;
    }

    @Override
    public RandomGenerator random() {
        return random;
    }

    @Override
    public BackendStates backendStates() {
        if (backendStates == null) {
            throw new UnsupportedOperationException("no backend states given (withBackendStates)");
        }
        return backendStates;
    }

    @Override
    public VolumeStore volumeStore() {
        return volumeStore;
    }

    @Override
    public VolumeDispatcher volumeDispatcher() {
        return volumeDispatcher;
    }

    @Override
    public VolumeCounter volumeCounter() {
        return volumeCounter;
    }

    @Override
    public VolumeLookup volumeLookup() {
        if (!volumeLookupConfigured) {
            return null;
        }
        return (id, project) -> {
            synchronized (volumeQueries) {
                volumeQueries.add(id + "@" + project);
            }
            return Optional.ofNullable(volumesByProject.getOrDefault(project, Map.of()).get(id));
        };
    }

    @Override
    public InstanceLookup instanceLookup() {
        if (!instanceLookupConfigured) {
            return null;
        }
        return uuid -> {
            synchronized (instanceQueries) {
                instanceQueries.add(uuid);
            }
            if (!instanceHosts.containsKey(uuid)) {
                throw new SchedulerException("ServerNotFound", "Instance " + uuid + " could not be found.");
            }
            return Optional.ofNullable(instanceHosts.get(uuid));
        };
    }

    @Override
    public Candidates filter(Candidates candidates, FilterProperties properties, DecisionTrace trace) {
        return new FilterPipeline(List.copyOf(filters)).run(candidates, properties, trace);
    }

    @Override
    public List<WeighedPool> weigh(Candidates candidates, FilterProperties properties, DecisionTrace trace) {
        return weightHandler.weigh(candidates, List.copyOf(weighers), properties, trace);
    }
}
