package org.volsched.driver.filter;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.volsched.driver.filter.fixtures.Pools.map;

import com.google.inject.multibindings.OptionalBinder;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.volsched.spi.model.Candidates;
import org.volsched.core.bootstrap.Scheduler;
import org.volsched.core.config.SchedulerConfig;
import org.volsched.core.memory.InMemoryVolumeDispatcher;
import org.volsched.core.memory.InMemoryVolumeStore;
import org.volsched.core.memory.InMemoryVolumeStore.VolumeRecord;
import org.volsched.spi.BackendWeigher;
import org.volsched.spi.NoValidBackend;
import org.volsched.spi.SchedulerException;
import org.volsched.spi.SchedulerPlugin;
import org.volsched.spi.VolumeDispatcher;
import org.volsched.spi.VolumeStore;
import org.volsched.spi.WeigherFactory;
import org.volsched.spi.model.DecisionTrace;
import org.volsched.spi.model.FilterProperties;
import org.volsched.spi.model.Placement;
import org.volsched.spi.model.PoolState;
import org.volsched.spi.model.RequestContext;
import org.volsched.spi.model.RequestSpec;
import org.volsched.spi.model.RetryState;
import org.volsched.spi.model.ServiceInfo;
import org.volsched.spi.model.Volume;
import org.volsched.spi.model.VolumeType;
import org.volsched.spi.model.WeighedPool;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.volsched.core.flow.ScheduleCreateVolumeTask;
import org.volsched.testing.CapturedLogs;

/**
 * {@link FilterScheduler} (section 5 of the semantics document) through {@link Scheduler#createVolume}
 * and through the driver itself, over a fleet of four pools:
 *
 * <pre>
 *   candidate            service     zone  free/total  tier    weight (free space, normalised)
 *   node1@lvm#fast       node1@lvm   az1   100/100     gold    1
 *   node2@lvm#p0         node2@lvm   az2    80/100     silver  2/3
 *   node2@lvm#p1         node2@lvm   az2    60/100     silver  1/3
 *   cluster1@ceph#rbd    node3@ceph  az1    40/100     gold    0
 * </pre>
 *
 * Filters: IgnoreAttemptedHostsFilter, AvailabilityZoneFilter, CapacityFilter, CapabilitiesFilter;
 * weigher: a test weigher whose raw weight is the pool's free space.
 */
class FilterSchedulerTest {
    @RegisterExtension
    final CapturedLogs logs = CapturedLogs.named(ScheduleCreateVolumeTask.class.getName(),
            FilterScheduler.class.getName(), CapacityFilter.class.getName()).expecting(
            "Failed to run task cinder\\.scheduler\\.flows\\.create_volume\\.ScheduleCreateVolumeTask;volume:create: "
                    + "No valid backend was found\\. .+",
            "Request for volume \\S+ has a retry state without num_attempts \\(Cinder fails it with KeyError\\); "
                    + "counting it as a first attempt",
            "CapacityFilter: pool \\S+ rejected where Cinder would fail the request: TypeError: the request has no size");
    private static final Instant NOW = Instant.parse("2025-03-01T10:00:00Z");
    private static final Instant REPORTED = NOW.minusSeconds(5);
    private static final RequestContext CONTEXT = RequestContext.of("p1", "u1");
    private static final String FAST = "node1@lvm#fast";
    private static final String P0 = "node2@lvm#p0";
    private static final String P1 = "node2@lvm#p1";
    private static final String RBD = "cluster1@ceph#rbd";
    private static final VolumeType GOLD = VolumeType.of("gold", map("tier", "gold"));
    private static final VolumeType SILVER = VolumeType.of("silver", map("tier", "silver"));
    private static final VolumeType PLATINUM = VolumeType.of("platinum", map("tier", "platinum"));
    private static final VolumeType ANY = VolumeType.of("any", map());
    private static final String NO_WEIGHED = "No valid backend was found. No weighed backends available";

    private final InMemoryVolumeStore volumes = new InMemoryVolumeStore(Clock.fixed(NOW, ZoneOffset.UTC));
    private final InMemoryVolumeDispatcher dispatcher = new InMemoryVolumeDispatcher();
    private final TestWeighers testWeighers = new TestWeighers();

    // --- fixtures ---------------------------------------------------------------------------

    /** Ranks pools by free space (a number; anything else counts 0) and counts its calls. */
    static final class FreeSpaceWeigher implements BackendWeigher {
        private final AtomicInteger calls;

        FreeSpaceWeigher(AtomicInteger calls) {
            this.calls = calls;
        }

        @Override
        public String name() {
            return "FreeSpaceWeigher";
        }

        @Override
        public double multiplier() {
            return 1.0;
        }

        @Override
        public void weigh(Candidates candidates, FilterProperties properties, double[] out) {
            calls.incrementAndGet();
            for (int i = 0; i < candidates.size(); i++) {
                PoolState p = candidates.get(i);
                out[i] = p.freeCapacity().isNumber() ? p.freeCapacity().value() : 0;
            }
        }
    }

    /** A plug-in contributing {@link FreeSpaceWeigher}. */
    static final class TestWeighers implements SchedulerPlugin {
        final AtomicInteger calls = new AtomicInteger();

        @Override
        public String pluginName() {
            return "filter-scheduler-test-weighers";
        }

        @Override
        public List<WeigherFactory> weigherFactories() {
            return List.of(WeigherFactory.of("FreeSpaceWeigher", List.of(), context -> new FreeSpaceWeigher(calls)));
        }
    }

    private Scheduler scheduler(Map<String, ?> overrides) {
        Map<String, Object> config = new LinkedHashMap<>();
        config.put("scheduler_default_filters",
                "IgnoreAttemptedHostsFilter,AvailabilityZoneFilter,CapacityFilter,CapabilitiesFilter");
        config.put("scheduler_default_weighers", "FreeSpaceWeigher");
        config.putAll(overrides);
        return Scheduler.builder()
                .plugins(List.of(new FilterSchedulerPlugin(), testWeighers))
                .config(SchedulerConfig.builder().overrides(config, "test").build())
                .clock(Clock.fixed(NOW, ZoneOffset.UTC))
                .module(binder -> {
                    OptionalBinder.newOptionalBinder(binder, VolumeStore.class).setBinding().toInstance(volumes);
                    OptionalBinder.newOptionalBinder(binder, VolumeDispatcher.class).setBinding().toInstance(dispatcher);
                })
                .build();
    }

    /** A scheduler over the fleet of the class comment. */
    private Scheduler fleet(Map<String, ?> overrides) {
        Scheduler s = scheduler(overrides);
        backend(s, "node1@lvm", null, "az1", List.of(pool("fast", 100L, "gold")));
        backend(s, "node2@lvm", null, "az2", List.of(pool("p0", 80L, "silver"), pool("p1", 60L, "silver")));
        backend(s, "node3@ceph", "cluster1@ceph", "az1", List.of(pool("rbd", 40L, "gold")));
        return s;
    }

    private Scheduler fleet() {
        return fleet(Map.of());
    }

    private static void backend(Scheduler s, String host, String cluster, String zone,
                                List<Map<String, Object>> pools) {
        s.hostManager().updateService(new ServiceInfo(host, cluster, zone, false, false, NOW));
        s.hostManager().updateServiceCapabilities("volume", host, cluster, map("volume_backend_name",
                host.substring(host.indexOf('@') + 1), "storage_protocol", "iSCSI", "pools", pools), REPORTED);
    }

    private static Map<String, Object> pool(String name, Object free, String tier) {
        return map("pool_name", name, "total_capacity_gb", 100L, "free_capacity_gb", free, "tier", tier);
    }

    private static RequestSpec spec(String volumeId, int size) {
        return RequestSpec.of(volumeId, size, null, ANY);
    }

    private static RequestSpec spec(String volumeId, int size, List<String> zones, Object zone, String resourceBackend) {
        Map<String, Object> props = new LinkedHashMap<>();
        props.put("size", (long) size);
        props.put("availability_zone", zone);
        return new RequestSpec(volumeId, null, null, null, null, props, ANY, zones, resourceBackend, "create_volume",
                false, Map.of());
    }

    /** Runs the create-volume flow; a NoValidBackend ends up in the trace, not thrown. */
    private static DecisionTrace create(Scheduler s, RequestSpec spec, FilterProperties props) {
        DecisionTrace trace = DecisionTrace.outcomeOnly();
        Volume volume = new Volume(spec.volumeId(), spec.size(), (String) spec.volumeProperties().get("availability_zone"),
                "any", ANY, "p1", "u1");
        return s.createVolume(CONTEXT, spec, props, volume, null, null, null, trace);
    }

    private static DecisionTrace create(Scheduler s, RequestSpec spec) {
        return create(s, spec, new FilterProperties());
    }

    /** The driver itself: throws NoValidBackend. */
    private static Placement decide(Scheduler s, RequestSpec spec, FilterProperties props) {
        return s.driver().scheduleCreateVolume(CONTEXT, spec, props, DecisionTrace.outcomeOnly());
    }

    private static PoolState current(Scheduler s, String backendId) {
        return s.hostManager().candidates().stream().filter(p -> p.backendId().equals(backendId)).findFirst()
                .orElseThrow();
    }

    private static double free(Scheduler s, String backendId) {
        return current(s, backendId).freeCapacity().value();
    }

    private static List<String> names(List<PoolState> pools) {
        return pools.stream().map(PoolState::backendId).toList();
    }

    // --- FS1 --------------------------------------------------------------------------------

    @Test
    void fs1MaxAttemptsBelowOneFailsAtBuild() {
        for (int attempts : new int[] {0, -1}) {
            assertThatThrownBy(() -> scheduler(Map.of("scheduler_max_attempts", attempts)))
                    .isInstanceOfSatisfying(SchedulerException.class,
                            e -> assertThat(e.type()).isEqualTo("InvalidParameterValue"))
                    .hasMessage("Invalid value for 'scheduler_max_attempts', must be >=1");
        }
        assertThat(scheduler(Map.of("scheduler_max_attempts", 1)).driver().name()).isEqualTo("filter");
    }

    // --- FS3-FS5, D4: the create path --------------------------------------------------------

    @Test
    void fs4TheBestPoolIsChosenRecordedAndDispatched() {
        Scheduler s = fleet();
        FilterProperties props = new FilterProperties();

        DecisionTrace trace = create(s, spec("vol-1", 10), props);

        assertThat(trace.failure()).isNull();
        assertThat(names(trace.filtered())).containsExactly(FAST, P0, P1, RBD);
        assertThat(trace.weighed()).extracting(WeighedPool::backendId).containsExactly(FAST, P0, P1, RBD);
        assertThat(trace.weighed()).extracting(WeighedPool::weight).containsExactly(1.0, 40.0 / 60, 20.0 / 60, 0.0);
        assertThat(trace.selected().backend()).isEqualTo(FAST);
        assertThat(trace.selected().weight()).isEqualTo(1.0);
        assertThat(trace.selected().pool().freeCapacity().value()).as("the chosen pool, consumed").isEqualTo(90.0);

        VolumeRecord record = volumes.volume("vol-1");
        assertThat(record.host()).isEqualTo("node1@lvm#fast");
        assertThat(record.clusterName()).isNull();
        assertThat(record.availabilityZone()).isEqualTo("az1");
        assertThat(record.scheduledAt()).isEqualTo(NOW);
        assertThat(record.errored()).isFalse();

        assertThat(dispatcher.dispatched()).singleElement().satisfies(d -> {
            assertThat(d.volumeId()).isEqualTo("vol-1");
            assertThat(d.host()).isEqualTo("node1@lvm#fast");
            assertThat(d.requestSpec().volumeId()).isEqualTo("vol-1");
            assertThat(d.context()).isEqualTo(CONTEXT);
        });
    }

    @Test
    void fs4TheVolumeTakesTheChosenServicesZoneNotTheRequestedOne() {
        Scheduler s = fleet();

        // The API computed the zone list [az2]; the volume's own properties say nova.
        create(s, spec("vol-1", 10, List.of("az2"), "nova", null));

        assertThat(volumes.volume("vol-1").host()).isEqualTo(P0);
        assertThat(volumes.volume("vol-1").availabilityZone()).isEqualTo("az2");
    }

    @Test
    void fs4AClusteredPoolRecordsTheServiceHostAndThePoolClusterName() {
        Scheduler s = fleet();

        DecisionTrace trace = create(s, spec("vol-1", 10, List.of(), null, "cluster1@ceph"));

        assertThat(trace.selected().backend()).isEqualTo(RBD);
        VolumeRecord record = volumes.volume("vol-1");
        assertThat(record.host()).isEqualTo("node3@ceph#rbd");
        assertThat(record.clusterName()).isEqualTo("cluster1@ceph#rbd");
        assertThat(record.availabilityZone()).isEqualTo("az1");
        assertThat(dispatcher.dispatchedFor("vol-1")).extracting(InMemoryVolumeDispatcher.Dispatch::host)
                .containsExactly("node3@ceph#rbd");
    }

    @Test
    void fs3NothingFitsIsNoValidBackendRecordedOnTheVolume() {
        Scheduler s = fleet();
        int callsBefore = testWeighers.calls.get();

        DecisionTrace trace = create(s, spec("vol-1", 500));

        assertThat(trace.failure()).isInstanceOf(NoValidBackend.class).hasMessage(NO_WEIGHED);
        assertThat(trace.filtered()).isEmpty();
        assertThat(trace.weighed()).isEmpty();
        assertThat(trace.selected()).isNull();
        assertThat(testWeighers.calls.get()).as("weighers do not run on nothing").isEqualTo(callsBefore);
        assertThat(volumes.volume("vol-1").errored()).isTrue();
        assertThat(volumes.volume("vol-1").errorReason()).isEqualTo(NO_WEIGHED);
        assertThat(volumes.volume("vol-1").host()).isNull();
        assertThat(dispatcher.dispatched()).isEmpty();
        assertThat(free(s, FAST)).as("nothing consumed").isEqualTo(100.0);
    }

    @Test
    void fs3TheDriverThrowsTheExactMessage() {
        assertThatThrownBy(() -> decide(fleet(), spec("vol-1", 500), new FilterProperties()))
                .isInstanceOf(NoValidBackend.class).hasMessage(NO_WEIGHED);
        assertThatThrownBy(() -> decide(scheduler(Map.of()), spec("vol-1", 1), new FilterProperties()))
                .as("no backends at all").isInstanceOf(NoValidBackend.class).hasMessage(NO_WEIGHED);
    }

    @Test
    void fs7NullFilterPropertiesAreTreatedAsEmpty() {
        assertThat(decide(fleet(), spec("vol-1", 10), null).backend()).isEqualTo(FAST);
    }

    @Test
    void fs5TheChosenBackendIsAppendedToEachRetryListThatExists() {
        Scheduler s = fleet();
        FilterProperties both = new FilterProperties()
                .setRetry(new RetryState(1, List.of("node9@lvm#x"), List.of("node9@lvm#x")));
        FilterProperties backendsOnly = new FilterProperties().setRetry(new RetryState(1, List.of(), null));

        decide(s, spec("vol-1", 10), both);
        decide(s, spec("vol-2", 10), backendsOnly);

        assertThat(both.retry().numAttempts()).isEqualTo(2);
        assertThat(both.retry().backends()).containsExactly("node9@lvm#x", FAST);
        assertThat(both.retry().hosts()).containsExactly("node9@lvm#x", FAST);
        // vol-1 took 10 GB from fast: 90 vs p0's 80, fast again.
        assertThat(backendsOnly.retry().backends()).containsExactly(FAST);
        assertThat(backendsOnly.retry().hosts()).isNull();
    }

    @Test
    void fs22AFirstAttemptStartsBothListsWithTheChosenBackend() {
        FilterProperties props = new FilterProperties();

        decide(fleet(), spec("vol-1", 10), props);

        assertThat(props.retry().numAttempts()).isEqualTo(1);
        assertThat(props.retry().backends()).containsExactly(FAST);
        assertThat(props.retry().hosts()).containsExactly(FAST);
    }

    // --- FS9: resource_backend ---------------------------------------------------------------

    @Test
    void fs9ResourceBackendWithoutPoolKeepsThatBackendsPoolsAfterWeighing() {
        Scheduler s = fleet();

        DecisionTrace trace = create(s, spec("vol-1", 10, List.of(), null, "node2@lvm"));

        assertThat(trace.selected().backend()).isEqualTo(P0);
        assertThat(trace.selected().weight()).as("normalised among all four, not the two kept")
                .isEqualTo(40.0 / 60);
        assertThat(trace.weighed()).extracting(WeighedPool::backendId).containsExactly(FAST, P0, P1, RBD);
        assertThat(volumes.volume("vol-1").host()).isEqualTo(P0);
    }

    @Test
    void fs9ResourceBackendWithPoolKeepsExactlyThatPool() {
        Scheduler s = fleet();

        DecisionTrace trace = create(s, spec("vol-1", 10, List.of(), null, P1));

        assertThat(trace.selected().backend()).isEqualTo(P1);
        assertThat(trace.selected().weight()).isEqualTo(20.0 / 60);
    }

    @Test
    void fs9ResourceBackendIsComparedWithTheBackendIdWhichIsTheClusterName() {
        Scheduler s = fleet();

        assertThat(decide(s, spec("vol-1", 10, List.of(), null, "cluster1@ceph"), new FilterProperties()).backend())
                .isEqualTo(RBD);
        assertThatThrownBy(() -> decide(s, spec("vol-2", 10, List.of(), null, "node3@ceph"), new FilterProperties()))
                .isInstanceOf(NoValidBackend.class).hasMessage(NO_WEIGHED);
    }

    @Test
    void fs9NoMatchingResourceBackendIsNoValidBackend() {
        Scheduler s = fleet();

        DecisionTrace trace = create(s, spec("vol-1", 10, List.of(), null, "node9@lvm"));

        assertThat(trace.failure()).isInstanceOf(NoValidBackend.class).hasMessage(NO_WEIGHED);
        assertThat(trace.weighed()).as("weighed before pruning").hasSize(4);
        assertThat(free(s, FAST)).isEqualTo(100.0);
    }

    // --- FS11 / HM29: consumption --------------------------------------------------------------

    @Test
    void fs11ConsumptionIsVisibleToTheNextDecision() {
        Scheduler s = fleet();

        DecisionTrace first = create(s, spec("vol-1", 30));

        assertThat(first.selected().backend()).isEqualTo(FAST);
        PoolState fast = current(s, FAST);
        assertThat(fast.freeCapacity().value()).isEqualTo(70.0);
        assertThat(fast.allocatedCapacityGb()).isEqualTo(30.0);
        assertThat(fast.provisionedCapacityGb()).isEqualTo(30.0);
        assertThat(fast.totalCapacity().value()).isEqualTo(100.0);
        assertThat(fast.updated()).isEqualTo(NOW);

        DecisionTrace second = create(s, spec("vol-2", 10));

        assertThat(second.selected().backend()).as("fast has 70 GB now, p0 80").isEqualTo(P0);
        assertThat(free(s, P0)).isEqualTo(70.0);
        assertThat(volumes.volume("vol-2").host()).isEqualTo(P0);
    }

    // --- FS18: reschedule revert --------------------------------------------------------------

    @Test
    void fs18AReschedulePutsBackTheLastAttemptsCapacityAndSkipsIt() {
        Scheduler s = fleet();
        FilterProperties props = new FilterProperties();
        decide(s, spec("vol-1", 30), props);
        assertThat(free(s, FAST)).isEqualTo(70.0);

        // The volume service failed and sent the request back with the same retry state.
        Placement again = decide(s, spec("vol-1", 30), props);

        assertThat(again.backend()).isEqualTo(P0);
        assertThat(free(s, FAST)).as("reverted").isEqualTo(100.0);
        assertThat(current(s, FAST).allocatedCapacityGb()).isEqualTo(0.0);
        assertThat(free(s, P0)).isEqualTo(50.0);
        assertThat(props.retry().numAttempts()).isEqualTo(2);
        assertThat(props.retry().backends()).containsExactly(FAST, P0);
    }

    // --- FS20-FS23: retry ------------------------------------------------------------------------

    @Test
    void fs21MaxAttemptsOneDiscardsIncomingRetry() {
        Scheduler s = fleet(Map.of("scheduler_max_attempts", 1));
        decide(s, spec("vol-0", 10), new FilterProperties());
        assertThat(free(s, FAST)).isEqualTo(90.0);
        FilterProperties props = new FilterProperties().setRetry(new RetryState(5, List.of(FAST), List.of(FAST)));
        DecisionTrace trace = DecisionTrace.outcomeOnly();

        Placement placement = s.driver().scheduleCreateVolume(CONTEXT, spec("vol-1", 10), props, trace);

        assertThat(placement.backend()).as("not excluded, not over the limit").isEqualTo(FAST);
        assertThat(props.retry()).isNull();
        assertThat(trace.retry()).isNull();
        assertThat(free(s, FAST)).as("no revert of vol-0's 10 GB, 10 more consumed").isEqualTo(80.0);
    }

    @Test
    void fs22IncomingAttemptsAreCounted() {
        Scheduler s = fleet();
        FilterProperties props = new FilterProperties().setRetry(new RetryState(2, List.of(FAST), List.of(FAST)));
        DecisionTrace trace = DecisionTrace.outcomeOnly();

        Placement placement = s.driver().scheduleCreateVolume(CONTEXT, spec("vol-1", 10), props, trace);

        assertThat(placement.backend()).as("fast was attempted").isEqualTo(P0);
        assertThat(props.retry().numAttempts()).isEqualTo(3);
        assertThat(trace.retry()).isEqualTo("{num_attempts=3, backends=[node1@lvm#fast], hosts=[node1@lvm#fast]}");
        assertThat(trace.retryState().numAttempts()).isEqualTo(3);
        assertThat(trace.retryState().backends()).as("as the filters saw it, before this attempt was recorded")
                .containsExactly(FAST);
    }

    @Test
    void fs22ARetryWithoutAttemptCountIsAFirstAttempt() {
        FilterProperties props = new FilterProperties().setRetry(new RetryState(null, List.of(), List.of()));

        decide(fleet(), spec("vol-1", 10), props);

        assertThat(props.retry().numAttempts()).isEqualTo(1);
    }

    @Test
    void fs23ExceedingMaxAttemptsIsNoValidBackend() {
        Scheduler s = fleet();
        FilterProperties props = new FilterProperties().setRetry(new RetryState(3, List.of(FAST, P0),
                List.of(FAST, P0)));

        DecisionTrace trace = create(s, spec("vol-1", 10), props);

        String message = "No valid backend was found. Exceeded max scheduling attempts 3 for resource vol-1";
        assertThat(trace.failure()).isInstanceOf(NoValidBackend.class).hasMessage(message);
        assertThat(volumes.volume("vol-1").errorReason()).isEqualTo(message);
        assertThat(dispatcher.dispatched()).isEmpty();
    }

    @Test
    void fs23AMissingVolumeIdIsRenderedNone() {
        RequestSpec noId = spec(null, 10);
        FilterProperties props = new FilterProperties().setRetry(new RetryState(5, List.of(), List.of()));

        assertThatThrownBy(() -> decide(fleet(Map.of("scheduler_max_attempts", 4)), noId, props))
                .isInstanceOf(NoValidBackend.class)
                .hasMessage("No valid backend was found. Exceeded max scheduling attempts 4 for resource None");
    }

    // --- FS24, FS25: backend_passes_filters ---------------------------------------------------

    @Test
    void fs24BackendWithoutPoolReturnsItsFirstPoolInWeighedOrderWithoutConsuming() {
        Scheduler s = fleet();
        decide(s, spec("vol-0", 30), new FilterProperties().setRetry(new RetryState(1, List.of(FAST), null)));
        assertThat(free(s, P0)).as("p0 now has less room than p1").isEqualTo(50.0);

        PoolState pool = s.driver().backendPassesFilters(CONTEXT, "node2@lvm", spec("vol-1", 10),
                new FilterProperties());

        assertThat(pool.backendId()).isEqualTo(P1);
        assertThat(free(s, P1)).isEqualTo(60.0);
        assertThat(free(s, P0)).isEqualTo(50.0);
    }

    @Test
    void fs24BackendWithPoolMatchesTheFullBackendId() {
        Scheduler s = fleet();

        assertThat(s.driver().backendPassesFilters(CONTEXT, P1, spec("vol-1", 10), null).backendId())
                .isEqualTo(P1);
        assertThat(s.driver().backendPassesFilters(CONTEXT, RBD, spec("vol-1", 10), null).backendId())
                .isEqualTo(RBD);
        assertThat(s.driver().backendPassesFilters(CONTEXT, "cluster1@ceph", spec("vol-1", 10), null).backendId())
                .isEqualTo(RBD);
    }

    @Test
    void fs25NoMatchNamesTheResourceWithoutPrefix() {
        Scheduler s = fleet();

        assertThatThrownBy(() -> s.driver().backendPassesFilters(CONTEXT, "node2@lvm", spec("vol-1", 90), null))
                .as("node2's pools have 80 and 60 GB").isInstanceOf(NoValidBackend.class)
                .hasMessage("Cannot place volume vol-1 on node2@lvm.");
        assertThatThrownBy(() -> s.driver().backendPassesFilters(CONTEXT, "node1@lvm#slow", spec("vol-1", 10), null))
                .isInstanceOf(NoValidBackend.class).hasMessage("Cannot place volume vol-1 on node1@lvm#slow.");
    }

    @Test
    void fs25TheResourceIsTheFirstOfVolumeGroupSnapshot() {
        Scheduler s = fleet();
        Map<String, Object> props = map("size", 10L);
        RequestSpec group = new RequestSpec(null, "snap-1", null, null, "grp-1", props, ANY, List.of(), null,
                "create_group", false, Map.of());
        RequestSpec snapshot = new RequestSpec(null, "snap-1", null, null, null, props, ANY, List.of(), null,
                "create_snapshot", false, Map.of());
        RequestSpec none = new RequestSpec(null, null, null, null, null, props, ANY, List.of(), null, null, false,
                Map.of());

        assertThatThrownBy(() -> s.driver().backendPassesFilters(CONTEXT, "node9@lvm", group, null))
                .hasMessage("Cannot place group grp-1 on node9@lvm.");
        assertThatThrownBy(() -> s.driver().backendPassesFilters(CONTEXT, "node9@lvm", snapshot, null))
                .hasMessage("Cannot place snapshot snap-1 on node9@lvm.");
        assertThatThrownBy(() -> s.driver().backendPassesFilters(CONTEXT, "node9@lvm", none, null))
                .hasMessage("Cannot place volume ??id missing?? on node9@lvm.");
    }

    // --- FS26-FS29: find_retype_backend -------------------------------------------------------

    /** A retype of volume {@code vol-1} of {@code size} GB, now on {@code host} / {@code cluster}, to {@code type}. */
    private static RequestSpec retype(String host, String cluster, int size, VolumeType type) {
        Map<String, Object> props = new LinkedHashMap<>();
        props.put("size", (long) size);
        props.put("host", host);
        props.put("cluster_name", cluster);
        return new RequestSpec("vol-1", null, null, null, null, props, type, List.of(), null, "retype", false,
                Map.of());
    }

    @Test
    void fs26TheCurrentBackendIsKeptAndPassesCapacityUnconditionally() {
        Scheduler s = fleet();
        FilterProperties props = new FilterProperties();

        // 70 GB does not fit p1's 60 GB, but the volume is already there; p0 would weigh more.
        PoolState pool = s.driver().findRetypeBackend(CONTEXT, retype(P1, null, 70, SILVER), props, "never");

        assertThat(pool.backendId()).isEqualTo(P1);
        assertThat(props.volExistsOn()).isEqualTo(P1);
        assertThat(free(s, P1)).as("nothing consumed").isEqualTo(60.0);
    }

    @Test
    void fs26TheClusterNameWinsOverTheHost() {
        Scheduler s = fleet();

        PoolState pool = s.driver().findRetypeBackend(CONTEXT, retype("node3@ceph#rbd", RBD, 10, GOLD), null, "never");

        assertThat(pool.backendId()).isEqualTo(RBD);
    }

    @Test
    void fs28ALegacyHostWithoutPoolTakesItsFirstPoolEvenWithPolicyNever() {
        Scheduler s = fleet();

        PoolState pool = s.driver().findRetypeBackend(CONTEXT, retype("node2@lvm", null, 10, ANY), null, "never");

        assertThat(pool.backendId()).isEqualTo(P0);
        assertThat(free(s, P0)).isEqualTo(80.0);
    }

    @Test
    void fs29PolicyNeverRefusesToMigrate() {
        Scheduler s = fleet();

        assertThatThrownBy(() -> s.driver().findRetypeBackend(CONTEXT, retype(P1, null, 10, GOLD), null, "never"))
                .isInstanceOf(NoValidBackend.class)
                .hasMessage("No valid backend was found. Current backend not valid for volume vol-1 with type gold, "
                        + "migration not allowed");
    }

    @Test
    void fs29OnDemandMigratesToTheTopAndConsumes() {
        Scheduler s = fleet();

        PoolState pool = s.driver().findRetypeBackend(CONTEXT, retype(P1, null, 10, GOLD), null, "on-demand");

        assertThat(pool.backendId()).isEqualTo(FAST);
        assertThat(pool.freeCapacity().value()).isEqualTo(90.0);
        assertThat(free(s, FAST)).isEqualTo(90.0);
    }

    @Test
    void fs27NoCandidatesAtAll() {
        Scheduler s = fleet();

        assertThatThrownBy(() -> s.driver().findRetypeBackend(CONTEXT, retype(P1, null, 10, PLATINUM), null,
                "on-demand"))
                .isInstanceOf(NoValidBackend.class)
                .hasMessage("No valid backend was found. No valid backends for volume vol-1 with type platinum");
    }

    // --- FS30: get_pools ------------------------------------------------------------------------

    private static List<Object> poolNames(List<Map<String, Object>> pools) {
        return pools.stream().map(p -> p.get("name")).toList();
    }

    @Test
    void fs30WithoutVolumeTypeEveryPoolWithItsCapabilities() {
        Scheduler s = fleet();

        List<Map<String, Object>> pools = s.driver().getPools(CONTEXT, null);

        assertThat(poolNames(pools)).containsExactly(FAST, P0, P1, RBD);
        assertThat(pools.get(0)).containsOnlyKeys("name", "capabilities");
        @SuppressWarnings("unchecked")
        Map<String, Object> capabilities = (Map<String, Object>) pools.get(0).get("capabilities");
        assertThat(capabilities).containsEntry("tier", "gold").containsEntry("free_capacity_gb", 100L);
        assertThat(poolNames(s.driver().getPools(CONTEXT, map("name", P1)))).containsExactly(P1);
        assertThat(poolNames(s.driver().getPools(CONTEXT, map("tier", "gold")))).containsExactly(FAST, RBD);
    }

    @Test
    void fs30WithVolumeTypeOnlyPoolsPassingTheFilters() {
        Scheduler s = fleet(Map.of("scheduler_default_filters", "AvailabilityZoneFilter,CapabilitiesFilter"));

        assertThat(poolNames(s.driver().getPools(CONTEXT, map("volume_type", GOLD)))).containsExactly(FAST, RBD);
        assertThat(poolNames(s.driver().getPools(CONTEXT, map("volume_type", SILVER)))).containsExactly(P0, P1);
        assertThat(poolNames(s.driver().getPools(CONTEXT, map("volume_type", GOLD, "name", RBD))))
                .containsExactly(RBD);
    }

    @Test
    void fs30WithVolumeTypeAndCapacityFilterOnlyUnboundedPoolsRemain() {
        // The properties carry no size: Cinder crashes on finite pools, volsched rejects them.
        Scheduler s = fleet();
        backend(s, "node4@nfs", null, "az1", List.of(pool("share", "infinite", "gold")));

        assertThat(poolNames(s.driver().getPools(CONTEXT, map("volume_type", GOLD))))
                .containsExactly("node4@nfs#share");
    }
}
