package org.volsched.spi.model;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.volsched.core.host.PoolReports;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Pool states: HM17-HM20 (attributes from a report), HM24 (protocols), HM29 (consumption), P7-P8 (names). */
class PoolStateTest {
    private static final Instant REPORTED = Instant.parse("2024-05-01T12:00:00Z");
    private static final Instant CONSUMED = Instant.parse("2024-05-01T12:00:30Z");
    private static final String GLOBAL_RATIO = "20.0";

    private static Map<String, Object> report(Object... keysAndValues) {
        Map<String, Object> report = new LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            report.put((String) keysAndValues[i], keysAndValues[i + 1]);
        }
        return report;
    }

    /** Pool {@code pool0} of the unclustered backend {@code node1@lvm}, built from {@code report}. */
    private static PoolState pool(Map<String, Object> report) {
        return PoolReports.fromReport(new PoolState.Builder()
                .backend("node1@lvm", "node1@lvm", null)
                .poolName("pool0")
                .updated(REPORTED), report, GLOBAL_RATIO)
                .build();
    }

    @Test
    void missingValuesTakeCindersPoolDefaults() {
        PoolState pool = pool(report());

        assertThat(pool.attribute("total_capacity_gb")).isEqualTo(0L);
        assertThat(pool.attribute("free_capacity_gb")).as("free defaults to 0, not None").isEqualTo(0L);
        assertThat(pool.freeCapacity().isNumber()).isTrue();
        assertThat(pool.attribute("allocated_capacity_gb")).isEqualTo(0L);
        assertThat(pool.attribute("provisioned_capacity_gb")).isEqualTo(0L);
        assertThat(pool.attribute("reserved_percentage")).isEqualTo(0L);
        assertThat(pool.attribute("QoS_support")).isEqualTo(false);
        assertThat(pool.attribute("thin_provisioning_support")).isEqualTo(false);
        assertThat(pool.attribute("thick_provisioning_support")).isEqualTo(false);
        assertThat(pool.attribute("multiattach")).isEqualTo(false);
        assertThat(pool.attribute("filter_function")).isNull();
        assertThat(pool.attribute("goodness_function")).isEqualTo(0L);
        assertThat(pool.attribute("max_over_subscription_ratio")).isEqualTo(1.0);
        // HM19: the backend-level strings are the report's, None when missing
        assertThat(pool.attribute("volume_backend_name")).isNull();
        assertThat(pool.attribute("vendor_name")).isNull();
        assertThat(pool.attribute("driver_version")).isNull();
        assertThat(pool.attribute("storage_protocol")).isNull();
    }

    @Test
    void provisionedDefaultsToTheAllocatedValue() {
        PoolState pool = pool(report("allocated_capacity_gb", 37L));
        assertThat(pool.attribute("provisioned_capacity_gb")).isEqualTo(37L);
        assertThat(pool.provisionedCapacityGb()).isEqualTo(37.0);

        PoolState reported = pool(report("allocated_capacity_gb", 37L, "provisioned_capacity_gb", 80L));
        assertThat(reported.provisionedCapacityGb()).isEqualTo(80.0);
    }

    @Test
    void anExplicitNullIsKeptNotReplacedByTheDefault() {
        PoolState pool = pool(report("free_capacity_gb", null, "provisioned_capacity_gb", null));
        assertThat(pool.attribute("free_capacity_gb")).isNull();
        assertThat(pool.freeCapacity().kind()).isEqualTo(Capacity.Kind.NONE);
        assertThat(pool.attribute("provisioned_capacity_gb")).isNull();
    }

    @Test
    void valuesAreKeptAsReported() {
        PoolState pool = pool(report("total_capacity_gb", "infinite", "free_capacity_gb", "unknown",
                "allocated_capacity_gb", "12.5", "reserved_percentage", 5.5, "QoS_support", "yes",
                "multiattach", true, "filter_function", "stats.total_capacity_gb > 1", "goodness_function", "50",
                "vendor_name", "Open Source", "driver_version", "4.1.0", "volume_backend_name", "lvm"));

        assertThat(pool.attribute("total_capacity_gb")).isEqualTo("infinite");
        assertThat(pool.totalCapacity().kind()).isEqualTo(Capacity.Kind.INFINITE);
        assertThat(pool.attribute("free_capacity_gb")).isEqualTo("unknown");
        assertThat(pool.freeCapacity().kind()).isEqualTo(Capacity.Kind.UNKNOWN);
        assertThat(pool.attribute("allocated_capacity_gb")).isEqualTo("12.5");
        assertThat(pool.allocatedCapacityGb()).isEqualTo(12.5);
        assertThat(pool.attribute("reserved_percentage")).isEqualTo(5.5);
        assertThat(pool.attribute("QoS_support")).isEqualTo("yes");
        assertThat(pool.attribute("multiattach")).isEqualTo(true);
        assertThat(pool.attribute("filter_function")).isEqualTo("stats.total_capacity_gb > 1");
        assertThat(pool.attribute("goodness_function")).isEqualTo("50");
        assertThat(pool.volumeBackendName()).isEqualTo("lvm");
        assertThat(pool.vendorName()).isEqualTo("Open Source");
        assertThat(pool.driverVersion()).isEqualTo("4.1.0");
    }

    @Test
    void theCapabilitiesMappingIsTheReportAndReadOnly() {
        Map<String, Object> report = report("total_capacity_gb", 10L, "custom", "x");
        PoolState pool = pool(report);
        assertThat(pool.capabilities()).containsExactly(Map.entry("total_capacity_gb", 10L), Map.entry("custom", "x"));
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> pool.capabilities().put("k", "v"))
                .isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void theRatioIsComputedFromThePoolReportWithTheGlobalOption() {
        PoolState thin = pool(report("thin_provisioning_support", true, "total_capacity_gb", 100L,
                "free_capacity_gb", 50L));
        assertThat(thin.maxOverSubscriptionRatio()).isEqualTo(20.0);
        assertThat(thin.thinProvisioningSupport()).isTrue();

        PoolState broken = pool(report("thin_provisioning_support", true, "max_over_subscription_ratio", "lots"));
        assertThat(broken.maxOverSubscriptionRatio()).isNaN();
        assertThat(broken.maxOverSubscriptionRatioError())
                .isEqualTo("ValueError: could not convert string to float: 'lots'");
    }

    @Test
    void protocolVariantsAreExpandedByExactCaseSensitiveMembership() {
        assertThat(PoolState.protocolVariants("iSCSI")).isEqualTo(List.of("iSCSI", "iscsi"));
        assertThat(PoolState.protocolVariants("iscsi")).isEqualTo(List.of("iSCSI", "iscsi"));
        assertThat(PoolState.protocolVariants("FC")).isEqualTo(List.of("FC", "fibre_channel", "fc"));
        assertThat(PoolState.protocolVariants("fibre_channel")).isEqualTo(List.of("FC", "fibre_channel", "fc"));
        assertThat(PoolState.protocolVariants("fc")).isEqualTo(List.of("FC", "fibre_channel", "fc"));
        assertThat(PoolState.protocolVariants("NFS")).isEqualTo(List.of("NFS", "nfs"));
        assertThat(PoolState.protocolVariants("nfs")).isEqualTo(List.of("NFS", "nfs"));
        assertThat(PoolState.protocolVariants("NVMe-oF")).isEqualTo(List.of("NVMe-oF", "NVMeOF", "nvmeof"));
        assertThat(PoolState.protocolVariants("NVMeOF")).isEqualTo(List.of("NVMe-oF", "NVMeOF", "nvmeof"));
        assertThat(PoolState.protocolVariants("nvmeof")).isEqualTo(List.of("NVMe-oF", "NVMeOF", "nvmeof"));
    }

    @ParameterizedTest(name = "{0} is kept unchanged")
    @ValueSource(strings = {"ISCSI", "Fc", "nvme-of", "ceph", "RBD", " iSCSI", ""})
    void otherProtocolsAreKeptUnchanged(String protocol) {
        assertThat(PoolState.protocolVariants(protocol)).isEqualTo(protocol);
    }

    @Test
    void nonStringProtocolsAreKeptUnchanged() {
        assertThat(PoolState.protocolVariants(null)).isNull();
        List<String> already = List.of("iSCSI", "iscsi");
        assertThat(PoolState.protocolVariants(already)).isSameAs(already);
    }

    @Test
    void consumptionGrowsAllocatedAndProvisionedAndShrinksFree() {
        PoolState pool = pool(report("total_capacity_gb", 100L, "free_capacity_gb", 60L,
                "allocated_capacity_gb", 30L, "provisioned_capacity_gb", 45L));

        PoolState consumed = PoolReports.consumed(pool, 10, CONSUMED);

        assertThat(consumed.attribute("allocated_capacity_gb")).isEqualTo(40L);
        assertThat(consumed.attribute("provisioned_capacity_gb")).isEqualTo(55L);
        assertThat(consumed.attribute("free_capacity_gb")).isEqualTo(50L);
        assertThat(consumed.attribute("total_capacity_gb")).as("total never changes").isEqualTo(100L);
        assertThat(consumed.freeCapacity().value()).isEqualTo(50.0);
        assertThat(consumed.updated()).isEqualTo(CONSUMED);
        assertThat(pool.attribute("free_capacity_gb")).as("the original state is unchanged").isEqualTo(60L);
    }

    @Test
    void integersStayIntegersAndFloatsStayFloats() {
        PoolState pool = pool(report("free_capacity_gb", 60.5, "allocated_capacity_gb", 30L));
        PoolState consumed = PoolReports.consumed(pool, 10, CONSUMED);

        assertThat(consumed.attribute("allocated_capacity_gb")).isInstanceOf(Long.class).isEqualTo(40L);
        assertThat(consumed.attribute("free_capacity_gb")).isInstanceOf(Double.class).isEqualTo(50.5);
    }

    @Test
    void infiniteOrUnknownFreeSpaceIsNotConsumed() {
        for (String unbounded : List.of("infinite", "unknown")) {
            PoolState consumed = PoolReports.consumed(pool(report("free_capacity_gb", unbounded, "allocated_capacity_gb", 1L)), 10, CONSUMED);
            assertThat(consumed.attribute("free_capacity_gb")).isEqualTo(unbounded);
            assertThat(consumed.attribute("allocated_capacity_gb")).isEqualTo(11L);
            assertThat(consumed.attribute("provisioned_capacity_gb")).isEqualTo(11L);
        }
    }

    @Test
    void aNegativeSizeWithoutATimeGivesCapacityBackAndKeepsTheTime() {
        PoolState pool = PoolReports.consumed(pool(report("free_capacity_gb", 60L, "allocated_capacity_gb", 30L)), 10, CONSUMED);

        PoolState reverted = PoolReports.consumed(pool, -10, null);

        assertThat(reverted.attribute("free_capacity_gb")).isEqualTo(60L);
        assertThat(reverted.attribute("allocated_capacity_gb")).isEqualTo(30L);
        assertThat(reverted.updated()).isEqualTo(CONSUMED);
    }

    @Test
    void capacityFactorsAreComputedFromTheReportAndAgainAfterConsumption() {
        PoolState pool = pool(report("total_capacity_gb", 100L, "free_capacity_gb", 40L,
                "allocated_capacity_gb", 10L, "reserved_percentage", 57L, "thin_provisioning_support", true,
                "max_over_subscription_ratio", 2.0));

        // (100 - 56) * 2.0 - 10 thin; min(40, 100 - 56 - 10) thick
        assertThat(pool.virtualFreeCapacity(true)).isEqualTo(78.0);
        assertThat(pool.virtualFreeCapacity(false)).isEqualTo(34.0);
        assertThat(pool.totalAvailableCapacityThin()).isEqualTo(88.0);

        PoolState consumed = PoolReports.consumed(pool, 10, CONSUMED);
        assertThat(consumed.virtualFreeCapacity(true)).isEqualTo(68.0);
        assertThat(consumed.virtualFreeCapacity(false)).isEqualTo(24.0);
        assertThat(consumed.totalAvailableCapacityThin()).isEqualTo(88.0);
    }

    @Test
    void withoutThinSupportTheThinRequestUsesTheThickFormula() {
        PoolState pool = pool(report("total_capacity_gb", 100L, "free_capacity_gb", 40L,
                "max_over_subscription_ratio", 2.0));
        assertThat(pool.virtualFreeCapacity(true)).isEqualTo(40.0);
        assertThat(pool.totalAvailableCapacityThin()).isEqualTo(100.0);
    }

    @Test
    void poolNamesFollowCindersHostStrings() {
        PoolState plain = pool(report());
        assertThat(plain.host()).isEqualTo("node1@lvm#pool0");
        assertThat(plain.poolClusterName()).isNull();
        assertThat(plain.backendId()).isEqualTo("node1@lvm#pool0");

        PoolState clustered = PoolReports.fromReport(new PoolState.Builder().backend("cluster1@lvm", "node1@lvm", "cluster1@lvm")
                .poolName("pool0"), report(), GLOBAL_RATIO).build();
        assertThat(clustered.host()).isEqualTo("node1@lvm#pool0");
        assertThat(clustered.poolClusterName()).isEqualTo("cluster1@lvm#pool0");
        assertThat(clustered.backendId()).as("P8: the cluster name when set").isEqualTo("cluster1@lvm#pool0");
    }

    @Test
    void hostStringHelpers() {
        assertThat(PoolState.appendHost("node1@lvm", "pool0")).isEqualTo("node1@lvm#pool0");
        assertThat(PoolState.appendHost("node1@lvm", "")).isEqualTo("node1@lvm");
        assertThat(PoolState.appendHost("node1@lvm", null)).isEqualTo("node1@lvm");
        assertThat(PoolState.appendHost("", "pool0")).isEqualTo("");
        assertThat(PoolState.appendHost(null, "pool0")).isNull();

        assertThat(PoolState.backendOf("node1@lvm#pool0")).isEqualTo("node1@lvm");
        assertThat(PoolState.backendOf("node1@lvm")).isEqualTo("node1@lvm");
        assertThat(PoolState.backendOf("node1@lvm#a#b")).isEqualTo("node1@lvm");
        assertThat(PoolState.hostOf("node1@lvm#pool0")).isEqualTo("node1");
        assertThat(PoolState.hostOf("node1")).isEqualTo("node1");
        assertThat(PoolState.poolOf("node1@lvm#pool0")).isEqualTo("pool0");
        assertThat(PoolState.poolOf("node1@lvm")).isNull();
        assertThat(PoolState.poolOf("node1@lvm#a#b")).as("split on # gives 3 pieces").isNull();
        assertThat(PoolState.poolOf("node1@lvm#")).isEqualTo("");
    }
}
