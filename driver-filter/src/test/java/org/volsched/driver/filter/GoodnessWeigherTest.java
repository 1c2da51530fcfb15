package org.volsched.driver.filter;

import static org.assertj.core.api.Assertions.assertThat;
import static org.volsched.driver.filter.fixtures.Pools.list;
import static org.volsched.driver.filter.fixtures.Pools.map;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.volsched.spi.model.Candidates;
import org.volsched.core.host.PoolReports;
import org.volsched.core.bootstrap.Scheduler;
import org.volsched.core.config.SchedulerConfig;
import org.volsched.testing.TestContext;
import org.volsched.driver.filter.fixtures.Pools;
import org.volsched.spi.model.DecisionTrace;
import org.volsched.spi.model.FilterProperties;
import org.volsched.spi.model.PoolState;
import org.volsched.spi.model.RequestSpec;
import org.volsched.spi.model.VolumeType;
import org.volsched.spi.model.WeighedPool;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.volsched.testing.CapturedLogs;

/** {@link GoodnessWeigher}: rules W12-W14 (namespaces, ratings, variants, normalisation). */
class GoodnessWeigherTest {
    private static final Instant LATER = Instant.parse("2025-03-01T10:00:00Z");
    private static final VolumeType GOLD = VolumeType.of("gold", map("weight", "70"));

    private final GoodnessWeigher weigher = new GoodnessWeigher(new TestContext());

    @RegisterExtension
    final CapturedLogs logs = CapturedLogs.of(GoodnessWeigher.class)
            .expecting(FunctionMemoPropertiesTest.GOODNESS_WARNING.pattern());

    /** The capabilities of a pool whose {@code goodness_function} is {@code function}. */
    private static Map<String, Object> caps(Object function) {
        Map<String, Object> caps = map("volume_backend_name", "lvm", "storage_protocol", "ceph",
                "total_capacity_gb", 1000L, "free_capacity_gb", 100L, "allocated_capacity_gb", 0L);
        caps.put("goodness_function", function);
        return caps;
    }

    private static PoolState poolWith(Object function) {
        return Pools.withCaps(caps(function));
    }

    /** A 30 GB gold volume with QoS specs allowing 2000 IOPS. */
    private static FilterProperties goldRequest() {
        return new FilterProperties().setVolumeType(GOLD).setRequestSpec(RequestSpec.of("vol-1", 30, "nova", GOLD))
                .setQosSpecs(map("maxIOPS", 2000L));
    }

    private double[] ratings(FilterProperties props, PoolState... pools) {
        double[] out = new double[pools.length];
        weigher.weigh(Candidates.of(List.of(pools)), props, out);
        return out;
    }

    private double rating(FilterProperties props, PoolState pool) {
        return ratings(props, pool)[0];
    }

    private double rating(Object function) {
        return rating(goldRequest(), poolWith(function));
    }

    @Test
    void w14NameAndMultiplierOne() {
        assertThat(weigher.name()).isEqualTo("GoodnessWeigher");
        assertThat(weigher.multiplier()).isEqualTo(1.0);
    }

    // W12: function and namespaces

    @Test
    void w12NoFunctionRatesZero() {
        assertThat(rating(goldRequest(), Pools.withCaps(map("free_capacity_gb", 100L)))).isEqualTo(0.0);
        assertThat(rating((Object) null)).isEqualTo(0.0);
    }

    @Test
    void w12StatsWithoutClusterNameAndBackendId() {
        assertThat(rating("stats.host == 'node1@lvm#pool0' ? 80 : 20")).isEqualTo(80.0);
        assertThat(rating("stats.volume_backend_name == 'lvm' ? 75 : 25")).isEqualTo(75.0);
        assertThat(rating("stats.backend_id == 'node1@lvm#pool0' ? 80 : 20")).as("KeyError").isEqualTo(0.0);
        assertThat(rating("stats.cluster_name == 'x' ? 80 : 20")).as("KeyError").isEqualTo(0.0);
    }

    @Test
    void w12StatsShowConsumedValuesWhileCapabilitiesShowTheReport() {
        PoolState consumed = PoolReports.consumed(poolWith("stats.free_capacity_gb"), 10, LATER);
        assertThat(rating(goldRequest(), consumed)).isEqualTo(90.0);
        assertThat(rating(goldRequest(), PoolReports.consumed(poolWith("capabilities.free_capacity_gb"), 10, LATER)))
                .isEqualTo(100.0);
    }

    @Test
    void w12ExtraVolumeAndQos() {
        assertThat(rating("extra.weight")).as("'70' converts to 70").isEqualTo(70.0);
        assertThat(rating("volume.size * 2")).isEqualTo(60.0);
        assertThat(rating("qos.maxIOPS / 100")).isEqualTo(20.0);
    }

    @Test
    void w12MissingTypeSpecOrQosAreEmptyMappings() {
        assertThat(rating(goldRequest().setVolumeType(null), poolWith("extra.weight"))).isEqualTo(0.0);
        assertThat(rating(goldRequest().setVolumeType(null), poolWith("40"))).isEqualTo(40.0);
        assertThat(rating(goldRequest().setRequestSpec(null), poolWith("volume.size"))).isEqualTo(0.0);
        assertThat(rating(goldRequest().setQosSpecs(null), poolWith("qos.maxIOPS / 100"))).isEqualTo(0.0);
        assertThat(rating(goldRequest().setQosSpecs(null), poolWith("40"))).as("qos None is {} here").isEqualTo(40.0);
    }

    // W12: protocol variants, the best one counts

    private static PoolState iscsiPool(String function) {
        Map<String, Object> caps = caps(function);
        caps.put("storage_protocol", list("iSCSI", "iscsi"));
        return Pools.withCaps(caps);
    }

    @Test
    void w12BestRatingOverProtocolVariants() {
        assertThat(rating(goldRequest(), iscsiPool("stats.storage_protocol == 'iscsi' ? 80 : 20"))).isEqualTo(80.0);
        assertThat(rating(goldRequest(), iscsiPool("stats.storage_protocol == 'iSCSI' ? 30 : 60"))).isEqualTo(60.0);
        assertThat(rating(goldRequest(), iscsiPool("capabilities.storage_protocol == 'FC' ? 90 : 10")))
                .isEqualTo(10.0);
    }

    // W13: ratings

    @Test
    void w13EvaluationErrorRatesZero() {
        assertThat(rating("1 / 0")).isEqualTo(0.0);
        assertThat(rating("nosuch.key")).isEqualTo(0.0);
        assertThat(rating("50 +")).isEqualTo(0.0);
    }

    @Test
    void w13BooleansRateHundredOrZero() {
        assertThat(rating("1 < 2")).isEqualTo(100.0);
        assertThat(rating("1 > 2")).isEqualTo(0.0);
    }

    @Test
    void w13NumbersInRangeAreTheRating() {
        assertThat(rating("0")).isEqualTo(0.0);
        assertThat(rating("50.5")).isEqualTo(50.5);
        assertThat(rating("100")).isEqualTo(100.0);
        assertThat(rating(42L)).as("str(42)").isEqualTo(42.0);
    }

    @Test
    void w13OutOfRangeRatesZeroNotTheBound() {
        assertThat(rating("150")).isEqualTo(0.0);
        assertThat(rating("100.5")).isEqualTo(0.0);
        assertThat(rating("-5")).isEqualTo(0.0);
    }

    @Test
    void w13StringOrListResultRatesZeroWhereCinderCrashes() {
        assertThat(rating("'high'")).isEqualTo(0.0);
        assertThat(rating("True")).as("a bare word is a string").isEqualTo(0.0);
        assertThat(rating(true)).as("str(True)").isEqualTo(0.0);
        assertThat(rating("60, 70")).isEqualTo(0.0);
        assertThat(logs.warnings()).hasSize(4);
        assertThat(String.join("\n", logs.warnings())).contains("returned 'high' (Cinder fails the request with TypeError)",
                "goodness_function 'True' returned 'True'", "returned [60, 70]");
    }

    @Test
    void legacyPairListTypeRatesZero() {
        VolumeType legacy = new VolumeType("t", "t", map("weight", "70"), null, map("id", "t"), true);
        assertThat(rating(new FilterProperties().setVolumeType(legacy), poolWith("60"))).isEqualTo(0.0);
        assertThat(logs.warnings()).singleElement().asString()
                .contains("the legacy request spec's volume type cannot be read", "AttributeError");
    }

    @Test
    void eachPoolIsRatedOnItsOwnFunction() {
        PoolState fifty = Pools.pool("node1@lvm", "a", caps("50"));
        PoolState none = Pools.pool("node1@lvm", "b", caps(null));
        PoolState hundred = Pools.pool("node1@lvm", "c", caps("1 == 1"));
        assertThat(ratings(goldRequest(), fifty, none, hundred)).containsExactly(50.0, 0.0, 100.0);
    }

    // W14: normalised by the ordered handler

    private static Scheduler scheduler() {
        return Scheduler.builder().config(SchedulerConfig.builder().overrides(Map.of(
                "scheduler_default_weighers", "GoodnessWeigher"), "test").build()).build();
    }

    @Test
    void w14FiftyAndHundredNormaliseToZeroAndOne() {
        PoolState fifty = Pools.pool("node1@lvm", "fifty", caps("50"));
        PoolState hundred = Pools.pool("node2@lvm", "hundred", caps("100"));
        DecisionTrace trace = DecisionTrace.detailed();

        List<WeighedPool> weighed = scheduler().context().weigh(Candidates.of(List.of(fifty, hundred)),
                goldRequest(), trace);

        assertThat(weighed).extracting(WeighedPool::backendId).containsExactly("node2@lvm#hundred", "node1@lvm#fifty");
        assertThat(weighed).extracting(WeighedPool::weight).containsExactly(1.0, 0.0);
        assertThat(trace.weigherSteps()).singleElement().satisfies(step -> {
            assertThat(step.weigher()).isEqualTo("GoodnessWeigher");
            assertThat(step.multiplier()).isEqualTo(1.0);
            assertThat(step.weights()).extracting(DecisionTrace.Weight::raw).containsExactly(50.0, 100.0);
            assertThat(step.weights()).extracting(DecisionTrace.Weight::normalised).containsExactly(0.0, 1.0);
        });
    }

    @Test
    void w14EqualRatingsContributeNothing() {
        PoolState a = Pools.pool("node1@lvm", "a", caps("70"));
        PoolState b = Pools.pool("node2@lvm", "b", caps("70"));

        List<WeighedPool> weighed = scheduler().context().weigh(Candidates.of(List.of(a, b)), goldRequest(),
                DecisionTrace.outcomeOnly());

        assertThat(weighed).extracting(WeighedPool::backendId).containsExactly("node1@lvm#a", "node2@lvm#b");
        assertThat(weighed).extracting(WeighedPool::weight).containsExactly(0.0, 0.0);
    }
}
