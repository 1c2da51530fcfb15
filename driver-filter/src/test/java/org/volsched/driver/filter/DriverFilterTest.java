package org.volsched.driver.filter;

import static org.assertj.core.api.Assertions.assertThat;
import static org.volsched.driver.filter.fixtures.Pools.list;
import static org.volsched.driver.filter.fixtures.Pools.map;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.volsched.core.host.PoolReports;
import org.volsched.testing.TestContext;
import org.volsched.driver.filter.fixtures.Pools;
import org.volsched.spi.model.FilterProperties;
import org.volsched.spi.model.PoolState;
import org.volsched.spi.model.RequestSpec;
import org.volsched.spi.model.VolumeType;

/** {@link DriverFilter}: rules DF1-DF4 (namespaces, no function, variants, truthiness). */
class DriverFilterTest {
    private static final Instant LATER = Instant.parse("2025-03-01T10:00:00Z");
    private static final VolumeType GOLD = VolumeType.of("gold", map("tier", "gold", "min_free", "50"));

    private final DriverFilter filter = new DriverFilter(new TestContext());

    /** The capabilities of pool {@code node1@lvm#pool0} with {@code filter_function} = {@code function}. */
    private static Map<String, Object> caps(Object function) {
        Map<String, Object> caps = map("volume_backend_name", "lvm", "vendor_name", "Open Source",
                "driver_version", "3.0.0", "storage_protocol", "ceph", "QoS_support", true,
                "total_capacity_gb", 1000L, "free_capacity_gb", 100L, "allocated_capacity_gb", 0L,
                "reserved_percentage", 5L, "tier", "gold");
        caps.put("filter_function", function);
        return caps;
    }

    private static PoolState poolWith(Object function) {
        return Pools.withCaps(caps(function));
    }

    /** A request for a 30 GB gold volume whose QoS specs allow 2000 IOPS. */
    private static FilterProperties goldRequest() {
        return new FilterProperties().setVolumeType(GOLD).setRequestSpec(RequestSpec.of("vol-1", 30, "nova", GOLD))
                .setQosSpecs(map("maxIOPS", 2000L));
    }

    private boolean passes(FilterProperties props, PoolState pool) {
        return filter.prepare(props).test(pool);
    }

    private boolean passes(String function) {
        return passes(goldRequest(), poolWith(function));
    }

    private String reason(FilterProperties props, PoolState pool) {
        return filter.prepare(props).reason(pool);
    }

    @Test
    void name() {
        assertThat(filter.name()).isEqualTo("DriverFilter");
    }

    // DF1: namespaces

    @Test
    void df1StatsHoldTheCandidatesAttributes() {
        assertThat(passes("stats.host == 'node1@lvm#pool0'")).isTrue();
        assertThat(passes("stats.backend_id == 'node1@lvm#pool0'")).isTrue();
        assertThat(passes("stats.volume_backend_name == 'lvm'")).isTrue();
        assertThat(passes("stats.vendor_name == 'Open Source'")).isTrue();
        assertThat(passes("stats.driver_version == '3.0.0'")).isTrue();
        assertThat(passes("stats.QoS_support == 1")).isTrue();
        assertThat(passes("stats.total_capacity_gb == 1000")).isTrue();
        assertThat(passes("stats.free_capacity_gb == 100")).isTrue();
        assertThat(passes("stats.reserved_percentage == 5")).isTrue();
        assertThat(passes("stats.total_capacity_gb == 999")).isFalse();
    }

    @Test
    void df1StatsOfAClusteredPoolNameTheCluster() {
        PoolState clustered = Pools.clusteredPool("cluster1@lvm", "node1@lvm", "pool0",
                caps("(stats.cluster_name == 'cluster1@lvm#pool0' && stats.backend_id == 'cluster1@lvm#pool0')"
                        + " && stats.host == 'node1@lvm#pool0'"));
        assertThat(passes(goldRequest(), clustered)).isTrue();
        // Unclustered: cluster_name is None, which int() refuses: TypeError, the pool fails.
        assertThat(passes("stats.cluster_name == 'x'")).isFalse();
    }

    @Test
    void df1StatsShowConsumedValuesWhileCapabilitiesShowTheReport() {
        PoolState consumed = PoolReports.consumed(poolWith("(stats.free_capacity_gb == 90 && stats.allocated_capacity_gb == 10)"
                + " && capabilities.free_capacity_gb == 100"), 10, LATER);
        assertThat(passes(goldRequest(), consumed)).isTrue();
        assertThat(passes(goldRequest(), poolWith("stats.free_capacity_gb == 90"))).isFalse();
    }

    @Test
    void df1StatsLackProvisionedCapacityAndRatio() {
        assertThat(passes("stats.provisioned_capacity_gb >= 0")).isFalse();
        assertThat(passes("stats.max_over_subscription_ratio >= 0")).isFalse();
        assertThat(passes("stats.tier == 'gold'")).isFalse();
    }

    @Test
    void df1CapabilitiesAreThePoolsReport() {
        assertThat(passes("capabilities.tier == 'gold'")).isTrue();
        assertThat(passes("capabilities.tier == 'silver'")).isFalse();
        assertThat(passes("capabilities.missing == 1")).isFalse();
    }

    @Test
    void df1ExtraAreTheVolumeTypesExtraSpecs() {
        assertThat(passes("extra.tier == capabilities.tier")).isTrue();
        assertThat(passes("stats.free_capacity_gb > extra.min_free")).as("'50' converts to 50").isTrue();
        assertThat(passes("extra.missing == 1")).isFalse();
        FilterProperties noType = goldRequest().setVolumeType(null);
        assertThat(passes(noType, poolWith("extra.tier == 'gold'"))).as("no type: extra is {}").isFalse();
        assertThat(passes(noType, poolWith("1 == 1"))).isTrue();
    }

    @Test
    void df1VolumeIsTheRequestSpecsVolumeProperties() {
        assertThat(passes("volume.size == 30")).isTrue();
        assertThat(passes("volume.availability_zone == 'nova'")).isTrue();
        assertThat(passes("stats.free_capacity_gb - volume.size >= 70")).isTrue();
        assertThat(passes("stats.free_capacity_gb - volume.size > 70")).isFalse();
        FilterProperties noSpec = goldRequest().setRequestSpec(null);
        assertThat(passes(noSpec, poolWith("volume.size == 30"))).as("no spec: volume is {}").isFalse();
    }

    @Test
    void df1QosIsTheRequestsQosSpecs() {
        assertThat(passes("qos.maxIOPS > 1000")).isTrue();
        assertThat(passes("qos.maxIOPS > 3000")).isFalse();
        assertThat(passes("qos.minIOPS > 0")).as("KeyError").isFalse();
    }

    @Test
    void df1QosNoneIsATypeErrorThatFailsThePool() {
        FilterProperties noQos = goldRequest().setQosSpecs(null);
        PoolState pool = poolWith("qos.maxIOPS > 1000");
        assertThat(passes(noQos, pool)).isFalse();
        assertThat(reason(noQos, pool))
                .isEqualTo("filter_function 'qos.maxIOPS > 1000' failed: TypeError evaluating string");
        assertThat(passes(noQos, poolWith("1 == 1"))).as("qos not read: passes").isTrue();
    }

    // DF2

    @Test
    void df2NoFunctionPasses() {
        assertThat(passes(goldRequest(), Pools.withCaps(map("tier", "gold")))).isTrue();
        assertThat(passes(goldRequest(), poolWith(null))).isTrue();
        assertThat(reason(goldRequest(), poolWith(null))).isEqualTo("passes");
    }

    @Test
    void df2TheFunctionIsTheStringFormOfTheCapability() {
        assertThat(passes(goldRequest(), poolWith(1L))).as("str(1) = '1'").isTrue();
        assertThat(passes(goldRequest(), poolWith(0L))).as("str(0) = '0'").isFalse();
        assertThat(passes(goldRequest(), poolWith(true))).as("str(True) = 'True', a bare word").isTrue();
    }

    // DF3: protocol variants

    private static PoolState iscsiPool(String function) {
        Map<String, Object> caps = caps(function);
        caps.put("storage_protocol", list("iSCSI", "iscsi"));
        return Pools.withCaps(caps);
    }

    @Test
    void df3AnyProtocolVariantPasses() {
        assertThat(passes(goldRequest(), iscsiPool("stats.storage_protocol == 'iscsi'"))).isTrue();
        assertThat(passes(goldRequest(), iscsiPool("stats.storage_protocol == 'iSCSI'"))).isTrue();
        assertThat(passes(goldRequest(), iscsiPool("capabilities.storage_protocol == 'iscsi'"))).isTrue();
        assertThat(passes(goldRequest(), iscsiPool("stats.storage_protocol == 'FC'"))).isFalse();
    }

    @Test
    void df3StatsAndCapabilitiesSeeTheSameVariant() {
        assertThat(passes(goldRequest(),
                iscsiPool("stats.storage_protocol == 'iscsi' && capabilities.storage_protocol == 'iscsi'"))).isTrue();
        assertThat(passes(goldRequest(),
                iscsiPool("stats.storage_protocol == 'iscsi' && capabilities.storage_protocol == 'iSCSI'"))).isFalse();
    }

    @Test
    void df3ReasonIsTheLastVariantsWhenNonePasses() {
        PoolState pool = iscsiPool("stats.storage_protocol == 'FC'");
        assertThat(reason(goldRequest(), pool))
                .isEqualTo("filter_function \"stats.storage_protocol == 'FC'\" evaluated to False");
    }

    @Test
    void df3WithoutAListProtocolTheFunctionRunsOnceAsReported() {
        assertThat(passes("stats.storage_protocol == 'ceph'")).isTrue();
    }

    // DF4

    @Test
    void df4EvaluationErrorsFailThePool() {
        assertThat(passes("1 / 0")).isFalse();
        assertThat(passes("stats.free_capacity_gb +")).as("parse error").isFalse();
        assertThat(passes("nosuch.key == 1")).isFalse();
        assertThat(reason(goldRequest(), poolWith("1 / 0"))).startsWith("filter_function '1 / 0' failed: ZeroDivisionError");
    }

    @Test
    void df4PythonTruthinessDecides() {
        assertThat(passes("False")).as("the bare word False is the string 'False'").isTrue();
        assertThat(passes("'0'")).as("the string '0'").isTrue();
        assertThat(passes("0")).isFalse();
        assertThat(passes("0.0")).isFalse();
        assertThat(passes("''")).as("the empty string").isFalse();
        assertThat(passes("1 > 2")).isFalse();
        assertThat(passes("7")).isTrue();
        assertThat(passes("nan")).as("NaN is truthy").isTrue();
        assertThat(passes("1, 0")).as("a non-empty list").isTrue();
    }

    @Test
    void df4ReasonShowsTheFalsyValue() {
        assertThat(reason(goldRequest(), poolWith("0"))).isEqualTo("filter_function '0' evaluated to 0");
        assertThat(reason(goldRequest(), poolWith("1 > 2"))).isEqualTo("filter_function '1 > 2' evaluated to False");
        assertThat(reason(goldRequest(), poolWith("''"))).isEqualTo("filter_function \"''\" evaluated to ''");
    }

    // docs/cinder-compatibility.md: the legacy pair-list type cannot be read

    @Test
    void legacyPairListTypeFailsPoolsWithAFunctionOnly() {
        VolumeType legacy = new VolumeType("t", "t", map("tier", "gold"), null, map("id", "t"), true);
        FilterProperties props = new FilterProperties().setVolumeType(legacy);
        assertThat(passes(props, poolWith("1 == 1"))).isFalse();
        assertThat(reason(props, poolWith("1 == 1"))).contains("AttributeError");
        assertThat(passes(props, poolWith(null))).isTrue();
    }

    @Test
    void eachPoolIsJudgedOnItsOwnFunction() {
        Map<String, Object> small = new LinkedHashMap<>(caps("stats.free_capacity_gb >= volume.size"));
        small.put("free_capacity_gb", 20L);
        List<PoolState> pools = List.of(Pools.pool("node1@lvm", "big", caps("stats.free_capacity_gb >= volume.size")),
                Pools.pool("node1@lvm", "small", small), Pools.pool("node1@lvm", "none", caps(null)));
        assertThat(Pools.survivors(filter.prepare(goldRequest()), pools))
                .containsExactly("node1@lvm#big", "node1@lvm#none");
    }
}
