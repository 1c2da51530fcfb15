package org.volsched.driver.capacity;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.random.RandomGenerator;
import org.volsched.spi.model.Candidates;
import org.volsched.core.config.SchedulerConfig;
import org.volsched.spi.BackendStates;
import org.volsched.spi.BackendWeigher;
import org.volsched.spi.InstanceLookup;
import org.volsched.spi.Options;
import org.volsched.spi.SchedulerContext;
import org.volsched.spi.VolumeCounter;
import org.volsched.spi.VolumeDispatcher;
import org.volsched.spi.VolumeLookup;
import org.volsched.spi.VolumeStore;
import org.volsched.spi.model.DecisionTrace;
import org.volsched.spi.model.FilterProperties;
import org.volsched.spi.model.PoolState;
import org.volsched.spi.model.WeighedPool;

/**
 * A scheduler context for tests: given options, pools, volume counts and a seeded random source;
 * no filters; weighing with the weighers added through {@link #withWeigher}.
 */
final class TestingSchedulerContext implements SchedulerContext {
    /** volsched's options and the ones this module's weighers declare, as the scheduler resolves them. */
    private SchedulerConfig options = SchedulerConfig.builder().catalog(org.volsched.core.config.OptionCatalog.core()
            .with("capacity weighers", new CapacityWeigherPlugin().weigherFactories().stream()
                    .flatMap(f -> f.options().stream()).toList())).build();
    private final TestingBackendStates backendStates = new TestingBackendStates();
    private final TestingVolumeStore volumeStore = new TestingVolumeStore();
    private final TestingVolumeDispatcher volumeDispatcher = new TestingVolumeDispatcher();
    private final TestingVolumeCounter volumeCounter = new TestingVolumeCounter();
    private final List<BackendWeigher> weighers = new ArrayList<>();
    private final Clock clock = Clock.fixed(Instant.parse("2026-01-01T00:00:00Z"), ZoneOffset.UTC);
    private final RandomGenerator random = new Random(42);

    TestingSchedulerContext withOption(String name, Object value) {
        options = options.with(java.util.Map.of(name, value));
        return this;
    }

    TestingSchedulerContext withPool(PoolState pool) {
        backendStates.add(pool);
        return this;
    }

    TestingSchedulerContext withVolumeCount(String poolHost, long count) {
        volumeCounter.with(poolHost, count);
        return this;
    }

    TestingSchedulerContext withWeigher(BackendWeigher weigher) {
        weighers.add(weigher);
        return this;
    }

    @Override
    public Options options() {
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
    public VolumeLookup volumeLookup() {
        return (volumeId, projectId) -> Optional.empty();
    }

    @Override
    public InstanceLookup instanceLookup() {
        return instanceUuid -> Optional.empty();
    }

    @Override
    public VolumeCounter volumeCounter() {
        return volumeCounter;
    }

    @Override
    public Candidates filter(Candidates candidates, FilterProperties properties, DecisionTrace trace) {
        trace.setFiltered(List.copyOf(candidates));
        return candidates;
    }

    @Override
    public List<WeighedPool> weigh(Candidates candidates, FilterProperties properties, DecisionTrace trace) {
        List<WeighedPool> weighed = TestingWeightHandler.weigh(candidates, properties, weighers);
        trace.setWeighed(weighed);
        return weighed;
    }
}
