package org.volsched.driver.chance;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.random.RandomGenerator;
import org.volsched.spi.model.Candidates;
import org.volsched.core.config.SchedulerConfig;
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
 * A scheduler context for tests: the given services and random source, recording stores, no
 * filters, and no weighing (the chance driver uses neither).
 */
final class TestingSchedulerContext implements SchedulerContext {
    private final SchedulerConfig options = SchedulerConfig.builder()
            .overrides(java.util.Map.of("scheduler_driver", "chance"), "test").build();
    private final TestingBackendStates backendStates;
    private final TestingVolumeStore volumeStore = new TestingVolumeStore();
    private final TestingVolumeDispatcher volumeDispatcher = new TestingVolumeDispatcher();
    private final RandomGenerator random;
    private final Clock clock = Clock.fixed(Instant.parse("2026-01-01T00:00:00Z"), ZoneOffset.UTC);

    TestingSchedulerContext(TestingBackendStates backendStates, RandomGenerator random) {
        this.backendStates = backendStates;
        this.random = random;
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
    public TestingBackendStates backendStates() {
        return backendStates;
    }

    @Override
    public TestingVolumeStore volumeStore() {
        return volumeStore;
    }

    @Override
    public TestingVolumeDispatcher volumeDispatcher() {
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
        return pool -> 0L;
    }

    @Override
    public Candidates filter(Candidates candidates, FilterProperties properties, DecisionTrace trace) {
        trace.setFiltered(List.copyOf(candidates));
        return candidates;
    }

    @Override
    public List<WeighedPool> weigh(Candidates candidates, FilterProperties properties, DecisionTrace trace) {
        List<WeighedPool> weighed = candidates.stream().map(p -> new WeighedPool(p, 0.0)).toList();
        trace.setWeighed(weighed);
        return weighed;
    }
}
