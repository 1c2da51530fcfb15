package org.volsched.driver.filter;

import static org.assertj.core.api.Assertions.assertThat;
import static org.volsched.driver.filter.fixtures.Pools.map;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.volsched.core.host.PoolReports;
import org.volsched.core.bootstrap.Scheduler;
import org.volsched.core.config.SchedulerConfig;
import org.volsched.testing.TestContext;
import org.volsched.driver.filter.fixtures.Pools;
import org.volsched.spi.BackendFilter.PoolPredicate;
import org.volsched.spi.model.DecisionTrace;
import org.volsched.spi.model.FilterProperties;
import org.volsched.spi.model.Candidates;
import org.volsched.spi.model.PoolState;
import org.volsched.spi.model.RequestSpec;
import org.volsched.spi.model.RetryState;
import org.volsched.spi.model.ServiceInfo;

/** {@link AvailabilityZoneFilter}: rules AZ1-AZ3, per pool and over a host manager's snapshot. */
class AvailabilityZoneFilterTest {
    private static final Instant NOW = Instant.parse("2025-03-01T10:00:00Z");

    private static final PoolState AZ1_A = poolIn("az1", "node1@lvm", "a");
    private static final PoolState AZ2_A = poolIn("az2", "node2@lvm", "a");
    private static final PoolState UPPER_AZ1_A = poolIn("AZ1", "node3@lvm", "a");
    private static final PoolState NOVA_A = poolIn("nova", "node4@lvm", "a");
    private static final List<PoolState> FLEET = List.of(AZ1_A, AZ2_A, UPPER_AZ1_A, NOVA_A);

    private final AvailabilityZoneFilter filter = new AvailabilityZoneFilter(new TestContext());

    /** A pool {@code host#pool} whose service is in {@code zone}. */
    private static PoolState poolIn(String zone, String host, String pool) {
        return PoolReports.fromReport(new PoolState.Builder().backend(host, host, null).poolName(pool).availabilityZone(zone), new LinkedHashMap<>(map("total_capacity_gb", 100L, "free_capacity_gb", 100L)), "20.0")
                .build();
    }

    /** A create request whose volume properties name {@code zone} and whose API computed {@code zones}. */
    private static RequestSpec spec(Object zone, List<String> zones, boolean legacy) {
        Map<String, Object> volume = new LinkedHashMap<>();
        volume.put("size", 1L);
        volume.put("availability_zone", zone);
        return new RequestSpec("vol-1", null, null, null, null, volume, null, zones, null,
                legacy ? null : "create_volume", legacy, Map.of());
    }

    private static FilterProperties props(RequestSpec spec) {
        return new FilterProperties().setRequestSpec(spec);
    }

    private List<String> survivors(RequestSpec spec) {
        return Pools.survivors(filter.prepare(props(spec)), FLEET);
    }

    @Test
    void nameAndOncePerRequest() {
        assertThat(filter.name()).isEqualTo("AvailabilityZoneFilter");
        assertThat(filter.runFilterOncePerRequest()).isTrue();
    }

    // AZ1

    @Test
    void az1ZoneListKeepsPoolsInAnyListedZone() {
        assertThat(survivors(spec(null, List.of("az1", "az2"), false)))
                .containsExactly("node1@lvm#a", "node2@lvm#a");
    }

    @Test
    void az1ZoneListWinsOverTheResourceZone() {
        assertThat(survivors(spec("az2", List.of("az1"), false))).containsExactly("node1@lvm#a");
    }

    @Test
    void az1ZoneListOfUnknownZonesKeepsNothing() {
        assertThat(survivors(spec(null, List.of("az9"), false))).isEmpty();
    }

    @Test
    void az1ReasonNamesThePoolsZoneAndTheRequestedZones() {
        PoolPredicate p = filter.prepare(props(spec(null, List.of("az1", "az2"), false)));
        assertThat(p.reason(NOVA_A)).isEqualTo("zone 'nova' is not one of the requested zones [az1, az2]");
    }

    // AZ2

    @Test
    void az2ResourceZoneMatchesExactly() {
        assertThat(survivors(spec("az1", List.of(), false))).containsExactly("node1@lvm#a");
        assertThat(survivors(spec("nova", List.of(), false))).containsExactly("node4@lvm#a");
    }

    @Test
    void az2MatchIsCaseSensitiveAndWhitespaceSensitive() {
        assertThat(survivors(spec("AZ1", List.of(), false))).containsExactly("node3@lvm#a");
        assertThat(survivors(spec("Az1", List.of(), false))).isEmpty();
        assertThat(survivors(spec("az1 ", List.of(), false))).isEmpty();
    }

    @Test
    void az2RequestedZoneBuiltAtRuntimeStillMatches() {
        String built = new StringBuilder("a").append("z1").toString();
        assertThat(survivors(spec(built, List.of(), false))).containsExactly("node1@lvm#a");
        assertThat(survivors(spec(null, List.of(new StringBuilder("az").append('2').toString()), false)))
                .containsExactly("node2@lvm#a");
    }

    @Test
    void az2ReasonNamesBothZones() {
        PoolPredicate p = filter.prepare(props(spec("az1", List.of(), false)));
        assertThat(p.reason(AZ2_A)).isEqualTo("zone 'az2', requested 'az1'");
    }

    @Test
    void az2ANonStringZoneMatchesNoPool() {
        PoolPredicate p = filter.prepare(props(spec(7L, List.of(), false)));
        assertThat(Pools.survivors(p, FLEET)).isEmpty();
        assertThat(p.reason(AZ1_A)).contains("7");
    }

    // AZ3

    @Test
    void az3NoZoneAnywherePassesEverything() {
        assertThat(survivors(spec(null, List.of(), false))).hasSize(4);
        assertThat(survivors(spec("", List.of(), false))).hasSize(4);
    }

    @Test
    void az3NoRequestSpecPassesEverything() {
        assertThat(Pools.survivors(filter.prepare(new FilterProperties()), FLEET)).hasSize(4);
    }

    @Test
    void az3LegacySpecIsNotFilteredByItsVolumeZone() {
        assertThat(survivors(spec("az1", List.of(), true))).hasSize(4);
    }

    @Test
    void az3FilterPropertiesZoneIsNotConsulted() {
        FilterProperties props = props(spec(null, List.of(), false)).setAvailabilityZone("az1");
        assertThat(Pools.survivors(filter.prepare(props), FLEET)).hasSize(4);
    }

    // The same rules over a host manager's snapshot (testRows), compared with a plain list (test)

    /** A scheduler running {@code filters} over four backends of two pools each, in zones az1, az2, AZ1, nova. */
    private static Scheduler scheduler(String filters) {
        Scheduler scheduler = Scheduler.builder()
                .config(SchedulerConfig.builder().overrides(Map.of("scheduler_default_filters", filters,
                        "scheduler_default_weighers", "GoodnessWeigher"), "test").build())
                .clock(Clock.fixed(NOW, ZoneOffset.UTC))
                .build();
        String[][] services = {{"node1@lvm", "az1"}, {"node2@lvm", "az2"}, {"node3@lvm", "AZ1"}, {"node4@lvm", "nova"}};
        for (String[] s : services) {
            scheduler.hostManager().updateService(new ServiceInfo(s[0], null, s[1], false, false, NOW));
            scheduler.hostManager().updateServiceCapabilities("volume", s[0], null, map("volume_backend_name", "lvm",
                    "pools", List.of(map("pool_name", "a", "total_capacity_gb", 100L, "free_capacity_gb", 100L),
                            map("pool_name", "b", "total_capacity_gb", 100L, "free_capacity_gb", 100L))),
                    NOW.minusSeconds(1));
        }
        return scheduler;
    }

    /** The survivors by snapshot rows, after checking that a plain list of the same pools gives the same. */
    private static List<String> bothWays(Scheduler scheduler, FilterProperties props) {
        List<PoolState> candidates = scheduler.hostManager().candidates();
        assertThat(candidates).isInstanceOf(Candidates.class).hasSize(8);
        List<String> byRows = names(scheduler.context().filter(Candidates.of(candidates), props, DecisionTrace.outcomeOnly()));
        List<String> byPools = names(scheduler.context().filter(Candidates.of(new ArrayList<PoolState>(candidates)), props,
                DecisionTrace.outcomeOnly()));
        assertThat(byRows).as("testRows over the snapshot agrees with test over the pools").isEqualTo(byPools);
        return byRows;
    }

    private static List<String> names(List<PoolState> pools) {
        return pools.stream().map(PoolState::backendId).toList();
    }

    @Test
    void snapshotRowsAgreeWithPoolsForEveryRule() {
        Scheduler scheduler = scheduler("AvailabilityZoneFilter");

        assertThat(bothWays(scheduler, props(spec(null, List.of("az1", "nova"), false))))
                .containsExactly("node1@lvm#a", "node1@lvm#b", "node4@lvm#a", "node4@lvm#b");
        assertThat(bothWays(scheduler, props(spec("az2", List.of("AZ1"), false))))
                .containsExactly("node3@lvm#a", "node3@lvm#b");
        assertThat(bothWays(scheduler, props(spec("az1", List.of(), false))))
                .containsExactly("node1@lvm#a", "node1@lvm#b");
        assertThat(bothWays(scheduler, props(spec(new StringBuilder("AZ").append('1').toString(), List.of(), false))))
                .containsExactly("node3@lvm#a", "node3@lvm#b");
        assertThat(bothWays(scheduler, props(spec("az3", List.of(), false)))).isEmpty();
        assertThat(bothWays(scheduler, props(spec("az1", List.of(), true)))).hasSize(8);
        assertThat(bothWays(scheduler, props(spec(null, List.of(), false)))).hasSize(8);
    }

    @Test
    void snapshotRowsAgreeWithPoolsOnASubsetOfRows() {
        // IgnoreAttemptedHostsFilter runs first, so the zone filter receives only some of the rows.
        Scheduler scheduler = scheduler("IgnoreAttemptedHostsFilter,AvailabilityZoneFilter");
        FilterProperties resourceZone = props(spec("az1", List.of(), false))
                .setRetry(new RetryState(1, List.of("node1@lvm#a", "node2@lvm#b"), null));
        FilterProperties zoneList = props(spec(null, List.of("az2", "az1"), false))
                .setRetry(new RetryState(1, List.of("node1@lvm#b", "node2@lvm#a"), null));

        assertThat(bothWays(scheduler, resourceZone)).containsExactly("node1@lvm#b");
        assertThat(bothWays(scheduler, zoneList)).containsExactly("node1@lvm#a", "node2@lvm#b");
    }

    @Test
    void snapshotZonesComeFromTheServiceRecords() {
        Scheduler scheduler = scheduler("AvailabilityZoneFilter");
        scheduler.hostManager().updateService(new ServiceInfo("node4@lvm", null, "az1", false, false, NOW));

        assertThat(bothWays(scheduler, props(spec("az1", List.of(), false))))
                .containsExactly("node1@lvm#a", "node1@lvm#b", "node4@lvm#a", "node4@lvm#b");
    }
}
