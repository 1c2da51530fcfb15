package org.volsched.core.bootstrap;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.random.RandomGenerator;
import org.volsched.spi.model.Candidates;
import org.volsched.core.config.SchedulerConfig;
import org.volsched.core.host.HostManager;
import org.volsched.core.pipeline.FilterPipeline;
import org.volsched.core.pipeline.OrderedWeightHandler;
import org.volsched.core.pipeline.StochasticWeightHandler;
import org.volsched.core.pipeline.WeightHandler;
import org.volsched.spi.BackendFilter;
import org.volsched.spi.BackendStates;
import org.volsched.spi.BackendWeigher;
import org.volsched.spi.ErrorTypes;
import org.volsched.spi.FilterFactory;
import org.volsched.spi.InstanceLookup;
import org.volsched.spi.InvalidConfiguration;
import org.volsched.spi.Options;
import org.volsched.spi.SchedulerContext;
import org.volsched.spi.SchedulerException;
import org.volsched.spi.VolumeCounter;
import org.volsched.spi.VolumeDispatcher;
import org.volsched.spi.VolumeLookup;
import org.volsched.spi.VolumeStore;
import org.volsched.spi.WeigherFactory;
import org.volsched.spi.model.DecisionTrace;
import org.volsched.spi.model.FilterProperties;
import org.volsched.spi.model.PoolState;
import org.volsched.spi.model.WeighedPool;

/**
 * The {@link SchedulerContext} volsched gives its components. Filters are resolved when the
 * context is built (an unknown filter fails every request, rule HM6); weighers when a request is
 * first weighed (an unknown weigher fails only requests that reach weighing), as in Cinder.
 */
public final class DefaultSchedulerContext implements SchedulerContext {
    static final String ORDERED = "OrderedHostWeightHandler";
    static final String STOCHASTIC = "StochasticHostWeightHandler";

    private final SchedulerConfig config;
    private final Clock clock;
    private final RandomGenerator random;
    private final HostManager hostManager;
    private final VolumeStore volumeStore;
    private final VolumeDispatcher volumeDispatcher;
    private final VolumeLookup volumeLookup;
    private final InstanceLookup instanceLookup;
    private final VolumeCounter volumeCounter;
    private final PluginRegistry registry;
    private final Map<String, FilterFactory> filterFactories;
    private final Map<String, WeigherFactory> weigherFactories;
    private final WeightHandler weightHandler;
    private volatile FilterPipeline filterPipeline;
    private final Map<String, BackendWeigher> weigherInstances = new ConcurrentHashMap<>();

    @SuppressWarnings("checkstyle:ParameterNumber")
    DefaultSchedulerContext(SchedulerConfig config, Clock clock, RandomGenerator random, HostManager hostManager,
                            VolumeStore volumeStore, VolumeDispatcher volumeDispatcher, VolumeLookup volumeLookup,
                            InstanceLookup instanceLookup, VolumeCounter volumeCounter, PluginRegistry registry,
                            Map<String, FilterFactory> filterFactories, Map<String, WeigherFactory> weigherFactories) {
        this.config = config;
        this.clock = clock;
        this.random = random;
        this.hostManager = hostManager;
        this.volumeStore = volumeStore;
        this.volumeDispatcher = volumeDispatcher;
        this.volumeLookup = volumeLookup;
        this.instanceLookup = instanceLookup;
        this.volumeCounter = volumeCounter;
        this.registry = registry;
        this.filterFactories = filterFactories;
        this.weigherFactories = weigherFactories;
        // Cinder's host manager resolves the filters before the weight handler (HM6): with an unknown
        // filter the driver is not built (see SchedulerModule) and the handler is not looked at.
        this.weightHandler = filtersNotFound(registry, config.filters()) != null ? null
                : weightHandler(config.getString("scheduler_weight_handler"), random);
    }

    private static WeightHandler weightHandler(String name, RandomGenerator random) {
        String shortName = name.substring(name.lastIndexOf('.') + 1);
        boolean dotted = name.contains(".");
        if (shortName.equals(ORDERED) && (!dotted || name.equals("cinder.scheduler.weights." + ORDERED))) {
            return new OrderedWeightHandler();
        }
        if (shortName.equals(STOCHASTIC)
                && (!dotted || name.equals("cinder.scheduler.weights.stochastic." + STOCHASTIC))) {
            return new StochasticWeightHandler(random);
        }
        throw new InvalidConfiguration("scheduler_weight_handler: unknown weight handler '" + name
                + "'; available: " + ORDERED + ", " + STOCHASTIC);
    }

    /**
     * Resolves and builds the configured filters (rule HM6).
     *
     * @throws SchedulerException {@code SchedulerHostFilterNotFound} naming every unknown filter
     */
    public FilterPipeline filterPipeline() {
        FilterPipeline p = filterPipeline;
        if (p == null) {
            synchronized (this) {
                p = filterPipeline;
                if (p == null) {
                    p = new FilterPipeline(resolveFilters(config.filters()));
                    filterPipeline = p;
                }
            }
        }
        return p;
    }

    private List<BackendFilter> resolveFilters(List<String> names) {
        List<String> missing = new ArrayList<>();
        for (String name : names) {
            if (!filterFactories.containsKey(name)) {
                missing.add(name);
            }
        }
        if (!missing.isEmpty()) {
            throw filtersNotFound(registry, missing);
        }
        List<BackendFilter> out = new ArrayList<>(names.size());
        for (int i = 0; i < names.size(); i++) {
            String name = names.get(i);
            out.add(build("scheduler_default_filters[" + i + "]", "filter", name, registry.filters().get(name),
                    () -> filterFactories.get(name).create(this)));
        }
        return out;
    }

    /**
     * Rule HM6's {@code SchedulerHostFilterNotFound} for the filter names no plug-in provides
     * ({@code null} when all are known), with the names available as its cause.
     */
    static SchedulerException filtersNotFound(PluginRegistry registry, List<String> names) {
        List<String> missing = new ArrayList<>();
        for (String name : names) {
            if (!registry.filters().containsKey(name)) {
                missing.add(name);
            }
        }
        if (missing.isEmpty()) {
            return null;
        }
        return new SchedulerException(ErrorTypes.FILTER_NOT_FOUND, "Scheduler Host Filter "
                + String.join(", ", missing) + " could not be found.",
                new InvalidConfiguration(registry.unknown("scheduler_default_filters", "filter",
                        String.join(", ", missing), registry.filters())));
    }

    /**
     * The configured weighers (rule HM6: resolved when weighing).
     *
     * @throws SchedulerException {@code SchedulerHostWeigherNotFound} naming every unknown weigher
     */
    public List<BackendWeigher> weighers() {
        List<String> names = config.weighers();
        List<String> missing = new ArrayList<>();
        for (String name : names) {
            if (!weigherFactories.containsKey(name)) {
                missing.add(name);
            }
        }
        if (!missing.isEmpty()) {
            throw new SchedulerException(ErrorTypes.WEIGHER_NOT_FOUND, "Scheduler Host Weigher "
                    + String.join(", ", missing) + " could not be found.",
                    new InvalidConfiguration(registry.unknown("scheduler_default_weighers", "weigher",
                            String.join(", ", missing), registry.weighers())));
        }
        List<BackendWeigher> out = new ArrayList<>(names.size());
        for (int i = 0; i < names.size(); i++) {
            out.add(weigher(i, names.get(i)));
        }
        return out;
    }

    private BackendWeigher weigher(int index, String name) {
        return weigherInstances.computeIfAbsent(name, n -> build("scheduler_default_weighers[" + index + "]",
                "weigher", n, registry.weighers().get(n), () -> weigherFactories.get(n).create(this)));
    }

    /**
     * Builds, at start-up, the filters and weighers the configuration names, so that a component
     * that cannot be built (a plug-in's constructor that throws, a value it refuses) fails start-up
     * rather than every request. Names no plug-in provides are left to the request, which fails
     * with Cinder's {@code SchedulerHostFilterNotFound} / {@code SchedulerHostWeigherNotFound}
     * (rule HM6); {@code volsched validate} reports them beforehand.
     *
     * @throws InvalidConfiguration naming the option, the component, its plug-in and the cause
     */
    void buildConfiguredComponents() {
        if (filterFactories.keySet().containsAll(config.filters())) {
            filterPipeline();
        }
        List<String> names = config.weighers();
        for (int i = 0; i < names.size(); i++) {
            if (weigherFactories.containsKey(names.get(i))) {
                weigher(i, names.get(i));
            }
        }
    }

    /**
     * One message per configured filter or weigher name no plug-in provides, naming the field
     * ({@code scheduler_default_weighers[1]}), the names available and a "did you mean"; empty
     * when every name is known.
     */
    public List<String> unknownComponents() {
        List<String> problems = new ArrayList<>();
        List<String> filters = config.filters();
        for (int i = 0; i < filters.size(); i++) {
            if (!filterFactories.containsKey(filters.get(i))) {
                problems.add(registry.unknown("scheduler_default_filters[" + i + "]", "filter", filters.get(i),
                        registry.filters()));
            }
        }
        List<String> weighers = config.weighers();
        for (int i = 0; i < weighers.size(); i++) {
            if (!weigherFactories.containsKey(weighers.get(i))) {
                problems.add(registry.unknown("scheduler_default_weighers[" + i + "]", "weigher", weighers.get(i),
                        registry.weighers()));
            }
        }
        return problems;
    }

    /**
     * Runs a factory; a failure other than a {@link SchedulerException} (which already says what is
     * wrong) becomes an {@link InvalidConfiguration} naming where the component is configured.
     */
    static <T> T build(String where, String kind, String name, PluginRegistry.Entry<?> entry,
                       java.util.function.Supplier<T> factory) {
        try {
            return factory.get();
        } catch (SchedulerException e) {
            throw e;
        } catch (RuntimeException | LinkageError e) {
            throw new InvalidConfiguration(where + ": the " + kind + " '" + name + "'"
                    + (entry == null ? "" : " of plug-in " + entry.pluginName() + " (" + entry.source() + ")")
                    + " could not be built: " + e
                    + "; fix the plug-in or its options, or remove it from the configuration");
        }
    }

    @Override
    public Candidates filter(Candidates candidates, FilterProperties properties, DecisionTrace trace) {
        return filterPipeline().run(candidates, properties, trace);
    }

    @Override
    public List<WeighedPool> weigh(Candidates candidates, FilterProperties properties, DecisionTrace trace) {
        if (weightHandler == null) {
            throw filtersNotFound(registry, config.filters());
        }
        return weightHandler.weigh(candidates, weighers(), properties, trace);
    }

    @Override
    public Options options() {
        return config;
    }

    public SchedulerConfig config() {
        return config;
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
        return hostManager;
    }

    public HostManager hostManager() {
        return hostManager;
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
    public VolumeLookup volumeLookup() {
        return volumeLookup;
    }

    @Override
    public InstanceLookup instanceLookup() {
        return instanceLookup;
    }

    @Override
    public VolumeCounter volumeCounter() {
        return volumeCounter;
    }
}
