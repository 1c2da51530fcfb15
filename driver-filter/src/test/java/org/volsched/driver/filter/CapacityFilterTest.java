package org.volsched.driver.filter;

import static org.assertj.core.api.Assertions.assertThat;
import static org.volsched.driver.filter.fixtures.Pools.map;
import static org.volsched.driver.filter.fixtures.Pools.withCaps;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.volsched.core.host.HostManager;
import org.volsched.core.host.InMemoryCapacityLedger;
import org.volsched.testing.TestContext;
import org.volsched.driver.filter.fixtures.Pools;
import org.volsched.spi.BackendFilter.PoolPredicate;
import org.volsched.spi.model.FilterProperties;
import org.volsched.spi.model.PoolState;
import org.volsched.spi.model.PoolTable;
import org.volsched.spi.model.ServiceInfo;
import org.volsched.spi.model.VolumeType;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.volsched.testing.CapturedLogs;

/**
 * {@link CapacityFilter}: rules CF1-CF14 and CM2 with numbers worked out by hand, the crash cases
 * of docs/cinder-compatibility.md, the reasons, and the batch form over a snapshot.
 *
 * <p>Pools are {@code node1@lvm#pool0} built from a report with the global ratio {@code 20.0}.
 */
class CapacityFilterTest {
    private static final VolumeType THICK = VolumeType.of("thick", map("provisioning:type", "thick"));
    private static final VolumeType THIN = VolumeType.of("thin", map("provisioning:type", "thin"));

    private final CapacityFilter filter = new CapacityFilter(new TestContext());

    @RegisterExtension
    final CapturedLogs logs = CapturedLogs.named(CapacityFilter.class.getName(), "org.volsched.core.host.BackendState")
            .expecting("CapacityFilter: pool \\S+ rejected where Cinder would fail the request: .+",
                    // the random fleet's odd reports
                    "Backend \\S+: capabilities\\.pools\\[\\d+\\]\\.[a-z_]+: .+",
                    "Pool \\S+: max_over_subscription_ratio cannot be computed \\(.+\\); CapacityFilter will reject it");

    /** CapacityFilter warned that Cinder fails on {@code pool}, naming it and {@code problem}, and nothing else. */
    private void assertWarned(PoolState pool, String problem) {
        assertThat(logs.messages()).isNotEmpty().allSatisfy(w -> assertThat(w)
                .startsWith("CapacityFilter: pool " + pool.backendId() + " rejected where Cinder would fail the request: ")
                .contains(problem));
    }

    /** A thin request (no volume type) of {@code size}. */
    private static FilterProperties request(Object size) {
        return new FilterProperties().setSize(size);
    }

    private static FilterProperties thick(Object size) {
        return request(size).setVolumeType(THICK);
    }

    private static PoolState pool(Object... capabilities) {
        return withCaps(map(capabilities));
    }

    private boolean passes(FilterProperties props, PoolState pool) {
        return filter.prepare(props).test(pool);
    }

    private String reason(FilterProperties props, PoolState pool) {
        return filter.prepare(props).reason(pool);
    }

    @Test
    void name() {
        assertThat(filter.name()).isEqualTo("CapacityFilter");
    }

    // CF11-CF13 with a ratio of 'nan' (Python's float() accepts it; every comparison with it is false)

    @Test
    void aNanRatioTakesCf13WhereAThinRequestsNanVirtualFreeSpacePasses() {
        PoolState nanRatio = pool("total_capacity_gb", 100L, "free_capacity_gb", 10L, "provisioned_capacity_gb", 90L,
                "thin_provisioning_support", true, "max_over_subscription_ratio", "nan");

        assertThat(passes(request(500L), nanRatio)).as("thin: NaN >= 1 and NaN < 1 are false; NaN < 500 is false")
                .isTrue();
        assertThat(passes(thick(50L), nanRatio)).as("thick: the reported free space decides").isFalse();
        assertThat(passes(thick(5L), nanRatio)).isTrue();
        assertThat(logs.messages()).as("no crash is reported: Cinder raises nothing").isEmpty();
    }

    // CF1

    @Test
    void cf1TheBackendTheVolumeIsOnPassesWhateverItsRoom() {
        PoolState full = pool("total_capacity_gb", 100L, "free_capacity_gb", 0L);
        PoolState otherPool = Pools.pool("node1@lvm", "pool1", map("total_capacity_gb", 100L, "free_capacity_gb", 0L));
        FilterProperties retype = request(50L).setVolExistsOn("node1@lvm#pool0");

        assertThat(passes(retype, full)).isTrue();
        assertThat(passes(retype, otherPool)).isFalse();
        assertThat(reason(retype, otherPool)).isEqualTo("has 0.0 GB free after 0% reserved, 50.0 GB requested");
    }

    @Test
    void cf1ComparesThePoolQualifiedBackendIdExactly() {
        PoolState full = pool("total_capacity_gb", 100L, "free_capacity_gb", 0L);
        PoolState clustered = Pools.clusteredPool("cluster1@lvm", "node1@lvm", "pool0",
                map("total_capacity_gb", 100L, "free_capacity_gb", 0L));

        assertThat(passes(request(50L).setVolExistsOn("node1@lvm"), full)).isFalse();
        assertThat(passes(request(50L).setVolExistsOn("node1@lvm#pool0"), clustered)).isFalse();
        assertThat(passes(request(50L).setVolExistsOn("cluster1@lvm#pool0"), clustered)).isTrue();
    }

    @Test
    void cf1DecidesBeforeAnyCapacityIsRead() {
        PoolState broken = pool("total_capacity_gb", "lots", "free_capacity_gb", null);
        assertThat(passes(request(50L).setVolExistsOn("node1@lvm#pool0"), broken)).isTrue();
    }

    // CF2 (extend) and CF14 (negative sizes)

    @Test
    void cf2ExtendAsksForTheDifference() {
        // 15 - 10 = 5 GB more.
        FilterProperties extend = request(10L).setNewSize(15L);
        assertThat(passes(extend, pool("total_capacity_gb", 100L, "free_capacity_gb", 5L))).isTrue();
        assertThat(passes(extend, pool("total_capacity_gb", 100L, "free_capacity_gb", 4L))).isFalse();
        assertThat(reason(extend, pool("total_capacity_gb", 100L, "free_capacity_gb", 4L)))
                .isEqualTo("has 4.0 GB free after 0% reserved, 5.0 GB requested");
    }

    @Test
    void cf2SizesAreConvertedWithInt() {
        FilterProperties extend = request("10").setNewSize("15");
        assertThat(passes(extend, pool("total_capacity_gb", 100L, "free_capacity_gb", 5L))).isTrue();
        assertThat(passes(extend, pool("total_capacity_gb", 100L, "free_capacity_gb", 4L))).isFalse();
    }

    @Test
    void cf2ANewSizeOfZeroIsNoExtend() {
        FilterProperties notExtend = request(10L).setNewSize(0L);
        assertThat(passes(notExtend, pool("total_capacity_gb", 100L, "free_capacity_gb", 9L))).isFalse();
        assertThat(passes(notExtend, pool("total_capacity_gb", 100L, "free_capacity_gb", 10L))).isTrue();
    }

    @Test
    void cf14ANegativeRequestPassesTheComparisons() {
        // Shrinking 10 -> 5 asks for -5 GB: 0 GB free is not less than -5.
        FilterProperties shrink = request(10L).setNewSize(5L);
        assertThat(passes(shrink, pool("total_capacity_gb", 100L, "free_capacity_gb", 0L))).isTrue();
    }

    // CF3

    @Test
    void cf3SizeZeroPassesEvenWithoutCapacity() {
        assertThat(passes(request(0L), pool("total_capacity_gb", 0L, "free_capacity_gb", null))).isTrue();
        assertThat(passes(request(0L), pool("total_capacity_gb", "lots", "free_capacity_gb", 0L))).isTrue();
        assertThat(passes(request(0.0), pool("total_capacity_gb", 10L, "free_capacity_gb", 0L))).isTrue();
    }

    // CF4

    @Test
    void cf4FreeCapacityNoneFails() {
        PoolState none = pool("total_capacity_gb", 100L, "free_capacity_gb", null);
        assertThat(passes(request(1L), none)).isFalse();
        assertThat(reason(request(1L), none)).isEqualTo("free_capacity_gb is None");
    }

    // CF5, CF6

    @Test
    void cf6InfiniteOrUnknownFreePassesAnySizeWhateverIsReserved() {
        PoolState infinite = pool("total_capacity_gb", 100L, "free_capacity_gb", "infinite", "reserved_percentage", 50L);
        PoolState unknown = pool("total_capacity_gb", "unknown", "free_capacity_gb", "unknown",
                "reserved_percentage", 90L);
        assertThat(passes(request(1_000_000L), infinite)).isTrue();
        assertThat(passes(thick(1_000_000L), infinite)).isTrue();
        assertThat(passes(request(1_000_000L), unknown)).isTrue();
    }

    // CF7

    @Test
    void cf7UnboundedTotalPassesOnlyWithNothingReservedEvenIfFreeIsSmaller() {
        PoolState infiniteTotal = pool("total_capacity_gb", "infinite", "free_capacity_gb", 1L);
        PoolState unknownTotalReserved = pool("total_capacity_gb", "unknown", "free_capacity_gb", 1000L,
                "reserved_percentage", 10L);

        assertThat(passes(request(500L), infiniteTotal)).as("1 GB free, 500 GB asked, 0% reserved").isTrue();
        assertThat(passes(request(1L), unknownTotalReserved)).isFalse();
        assertThat(reason(request(1L), unknownTotalReserved)).isEqualTo("total_capacity_gb is unknown and 10% is reserved");
    }

    // CF8

    @Test
    void cf8TotalOfZeroOrLessFails() {
        PoolState zero = pool("total_capacity_gb", 0L, "free_capacity_gb", 100L);
        PoolState negative = pool("total_capacity_gb", -1L, "free_capacity_gb", 100L);
        assertThat(passes(request(1L), zero)).isFalse();
        assertThat(passes(request(1L), negative)).isFalse();
        assertThat(reason(request(1L), zero)).isEqualTo("total_capacity_gb is 0 (no usable capacity)");
        assertThat(reason(request(1L), negative)).isEqualTo("total_capacity_gb is -1 (no usable capacity)");
    }

    // CF9: a thick request on a thin pool takes the thick path

    @Test
    void cf9ThickRequestOnAThinPoolIsMeasuredAgainstRealFreeSpace() {
        // Thin: (100 - 0) * 20 - 60 = 1940 GB virtual free. Thick: min(10 free, 100 - 60 = 40) = 10 GB.
        PoolState thinPool = pool("total_capacity_gb", 100L, "free_capacity_gb", 10L, "provisioned_capacity_gb", 60L,
                "thin_provisioning_support", true);

        assertThat(passes(request(11L), thinPool)).isTrue();
        assertThat(passes(request(1940L), thinPool)).isTrue();
        assertThat(passes(thick(10L), thinPool)).isTrue();
        assertThat(passes(thick(11L), thinPool)).isFalse();
        assertThat(reason(thick(11L), thinPool)).isEqualTo("has 10.0 GB free after 0% reserved, 11.0 GB requested");
    }

    @Test
    void cf9ThickPathTakesTheUnprovisionedSpaceWhenItIsSmaller() {
        // min(10 free, 100 - 500 = -400) = -400 GB.
        PoolState overProvisioned = pool("total_capacity_gb", 100L, "free_capacity_gb", 10L,
                "provisioned_capacity_gb", 500L, "thin_provisioning_support", true);
        assertThat(passes(thick(1L), overProvisioned)).isFalse();
        assertThat(reason(thick(1L), overProvisioned)).isEqualTo("has -400.0 GB free after 0% reserved, 1.0 GB requested");
        assertThat(passes(request(1L), overProvisioned)).as("thin: 2000 - 500 = 1500 GB").isTrue();
    }

    @Test
    void cf9OnlyTheExactWordThickMakesARequestThick() {
        PoolState thinPool = pool("total_capacity_gb", 100L, "free_capacity_gb", 10L, "thin_provisioning_support", true);
        VolumeType upper = VolumeType.of("upper", map("provisioning:type", "THICK"));

        assertThat(passes(request(50L).setVolumeType(THIN), thinPool)).isTrue();
        assertThat(passes(request(50L).setVolumeType(upper), thinPool)).isTrue();
        assertThat(passes(request(50L).setVolumeType(VolumeType.of("plain", map())), thinPool)).isTrue();
        assertThat(passes(thick(50L), thinPool)).isFalse();
    }

    @Test
    void cf9ThickProvisioningSupportIsNeverConsulted() {
        PoolState noThick = pool("total_capacity_gb", 100L, "free_capacity_gb", 50L,
                "thick_provisioning_support", false);
        assertThat(passes(thick(50L), noThick)).isTrue();
    }

    // CF10, CF13: no thin support

    @Test
    void cf13WithoutThinSupportTheRatioIsOneAndTheSmallerSpaceCounts() {
        // Ratio 20 reported but unused: min(30 free, 100 - 60 = 40) = 30 GB.
        PoolState thickPool = pool("total_capacity_gb", 100L, "free_capacity_gb", 30L, "provisioned_capacity_gb", 60L,
                "max_over_subscription_ratio", 20.0);
        assertThat(passes(request(30L), thickPool)).as("exactly the free space").isTrue();
        assertThat(passes(request(31L), thickPool)).isFalse();
        assertThat(reason(request(31L), thickPool)).isEqualTo("has 30.0 GB free after 0% reserved, 31.0 GB requested");
    }

    // CF11: thin path

    @Test
    void cf11ThinPathUsesTheRatioAndIgnoresReportedFree() {
        // reserved floor(100 * 0.10) = 10; (100 - 10) * 2.0 = 180 GB; 180 - 150 provisioned = 30 GB virtual free.
        PoolState thinPool = pool("total_capacity_gb", 100L, "free_capacity_gb", 5L, "provisioned_capacity_gb", 150L,
                "reserved_percentage", 10L, "thin_provisioning_support", true, "max_over_subscription_ratio", 2.0);

        assertThat(passes(request(30L), thinPool)).as("virtual free exactly equal to the request").isTrue();
        assertThat(passes(request(31L), thinPool)).isFalse();
        assertThat(reason(request(31L), thinPool))
                .isEqualTo("has 30.0 GB virtual free (thin, ratio 2.0, 10% reserved), 31.0 GB requested");
    }

    @Test
    void cf11RatioExceededIsReportedFirst() {
        // (150 + 300) / 180 = 2.5 > 2.0.
        PoolState thinPool = pool("total_capacity_gb", 100L, "free_capacity_gb", 5L, "provisioned_capacity_gb", 150L,
                "reserved_percentage", 10L, "thin_provisioning_support", true, "max_over_subscription_ratio", 2.0);
        assertThat(passes(request(300L), thinPool)).isFalse();
        assertThat(reason(request(300L), thinPool)).isEqualTo("provisioned ratio would be 2.5 (150.0 GB provisioned "
                + "+ 300.0 GB requested over 180.0 GB), above max_over_subscription_ratio 2.0");
    }

    @Test
    void cf11GlobalRatioAppliesWhenThePoolReportsNone() {
        // (100 - 0) * 20.0 - 0 = 2000 GB.
        PoolState thinPool = pool("total_capacity_gb", 100L, "free_capacity_gb", 1L, "thin_provisioning_support", true);
        assertThat(passes(request(2000L), thinPool)).isTrue();
        assertThat(passes(request(2001L), thinPool)).isFalse();
        assertThat(reason(request(2001L), thinPool))
                .isEqualTo("has 2000.0 GB virtual free (thin, ratio 20.0, 0% reserved), 2001.0 GB requested");
    }

    @Test
    void cf11AutoRatioFromProvisionedAndUsedSpace() {
        // auto: 1 + 80 / ((100 - 60) + 1) = 2.951219512195122; 100 * ratio = 295.12 (rounded);
        // virtual free round2(295.1219512195122 - 80) = 215.12 GB.
        PoolState auto = pool("total_capacity_gb", 100L, "free_capacity_gb", 60L, "provisioned_capacity_gb", 80L,
                "thin_provisioning_support", true, "max_over_subscription_ratio", "auto");

        assertThat(passes(request(215L), auto)).isTrue();
        assertThat(passes(request(216L), auto)).isFalse();
        assertThat(reason(request(216L), auto))
                .isEqualTo("has 215.12 GB virtual free (thin, ratio 2.951219512195122, 0% reserved), 216.0 GB requested");
    }

    @Test
    void cf11AutoRatioWithNothingProvisionedIsTwenty() {
        PoolState auto = pool("total_capacity_gb", 100L, "free_capacity_gb", 100L, "allocated_capacity_gb", 0L,
                "thin_provisioning_support", true, "max_over_subscription_ratio", "auto");
        assertThat(passes(request(2000L), auto)).isTrue();
        assertThat(passes(request(2001L), auto)).isFalse();
    }

    // CF12

    @Test
    void cf12RatioBelowOneFailsThinRequestsOnly() {
        PoolState under = pool("total_capacity_gb", 100L, "free_capacity_gb", 100L, "thin_provisioning_support", true,
                "max_over_subscription_ratio", 0.5);
        assertThat(passes(request(1L), under)).isFalse();
        assertThat(reason(request(1L), under)).isEqualTo("thin pool with max_over_subscription_ratio 0.5 below 1");
        assertThat(passes(thick(100L), under)).as("thick: min(100, 100 - 0) = 100 GB").isTrue();
    }

    // CM2: reserved space is floor(total * (pct / 100))

    @Test
    void cm2FiftySevenPercentOfOneHundredReservesFiftySix() {
        // 100 * 0.57 = 56.99999999999999 -> 56 reserved, 44 usable.
        PoolState thickPool = pool("total_capacity_gb", 100L, "free_capacity_gb", 100L, "reserved_percentage", 57L);
        assertThat(passes(request(44L), thickPool)).isTrue();
        assertThat(passes(request(45L), thickPool)).isFalse();
        assertThat(reason(request(45L), thickPool)).isEqualTo("has 44.0 GB free after 57% reserved, 45.0 GB requested");

        // Thin: 44 * 20 = 880 GB.
        PoolState thinPool = pool("total_capacity_gb", 100L, "free_capacity_gb", 100L, "reserved_percentage", 57L,
                "thin_provisioning_support", true);
        assertThat(passes(request(880L), thinPool)).isTrue();
        assertThat(passes(request(881L), thinPool)).isFalse();
    }

    @Test
    void cm2VirtualFreeIsRoundedToTwoDecimals() {
        // min(10.005 free, 100 - 0) = 10.005, round2 -> 10.01 (10.005 is 10.0050000000000007815970093361102044582366943359375)
        PoolState pool = pool("total_capacity_gb", 100L, "free_capacity_gb", 10.005);
        assertThat(passes(request(10.01), pool)).isTrue();
        assertThat(passes(request(10.011), pool)).isFalse();
    }

    // Where Cinder crashes, volsched rejects the pool with the reason (docs/cinder-compatibility.md)

    @Test
    void thinPoolWithEverythingReservedIsRejectedWithZeroDivisionError() {
        PoolState allReserved = pool("total_capacity_gb", 100L, "free_capacity_gb", 100L, "reserved_percentage", 100L,
                "thin_provisioning_support", true);
        assertThat(passes(request(1L), allReserved)).isFalse();
        assertThat(reason(request(1L), allReserved)).isEqualTo("rejected where Cinder would crash: ZeroDivisionError: "
                + "float division by zero (usable capacity is 0 with 100% reserved)");
        // A thick request does not divide: min(100, 0) = 0 GB, an ordinary refusal.
        assertThat(reason(thick(1L), allReserved)).isEqualTo("has 0.0 GB free after 100% reserved, 1.0 GB requested");
        assertWarned(allReserved, "ZeroDivisionError: float division by zero");
    }

    @Test
    void nonNumericTotalIsRejected() {
        PoolState lots = pool("total_capacity_gb", "lots", "free_capacity_gb", 100L);
        assertThat(passes(request(1L), lots)).isFalse();
        assertThat(reason(request(1L), lots))
                .isEqualTo("rejected where Cinder would crash: ValueError: total_capacity_gb 'lots' is not a number");
        assertWarned(lots, "ValueError: total_capacity_gb 'lots' is not a number");
    }

    @Test
    void nonNumericReservedPercentageIsRejectedEvenOnAnInfinitePool() {
        PoolState infinite = pool("total_capacity_gb", "infinite", "free_capacity_gb", "infinite",
                "reserved_percentage", "ten");
        assertThat(passes(request(1L), infinite)).isFalse();
        assertThat(reason(request(1L), infinite))
                .isEqualTo("rejected where Cinder would crash: ValueError: reserved_percentage 'ten' is not a number");
        assertWarned(infinite, "ValueError: reserved_percentage 'ten' is not a number");
    }

    @Test
    void nonNumericProvisionedCapacityIsRejected() {
        PoolState many = pool("total_capacity_gb", 100L, "free_capacity_gb", 100L, "provisioned_capacity_gb", "many");
        assertThat(passes(request(1L), many)).isFalse();
        assertThat(reason(request(1L), many)).isEqualTo(
                "rejected where Cinder would crash: TypeError: provisioned_capacity_gb 'many' is not a number");
        assertWarned(many, "TypeError: provisioned_capacity_gb 'many' is not a number");
    }

    @Test
    void nonNumericRatioOfAThinPoolIsRejected() {
        PoolState bogus = pool("total_capacity_gb", 100L, "free_capacity_gb", 100L, "thin_provisioning_support", true,
                "max_over_subscription_ratio", "bogus");
        assertThat(passes(request(1L), bogus)).isFalse();
        assertThat(reason(request(1L), bogus)).startsWith("rejected where Cinder would crash: ValueError")
                .contains("'bogus'");
        assertWarned(bogus, "'bogus'");
    }

    @Test
    void nonNumericFreeCapacityIsRejectedForAThickRequest() {
        // CM2's thick path compares the reported free space with a number: TypeError in Cinder.
        PoolState lots = pool("total_capacity_gb", 100L, "free_capacity_gb", "lots", "thin_provisioning_support", true);
        assertThat(passes(thick(10L), lots)).isFalse();
        assertThat(reason(thick(10L), lots))
                .isEqualTo("rejected where Cinder would crash: TypeError: free_capacity_gb 'lots' is not a number");
        assertWarned(lots, "TypeError: free_capacity_gb 'lots' is not a number");
    }

    @Test
    void nonNumericFreeCapacityDoesNotMatterForAThinRequestOnAThinPool() {
        // CM2's thin path never reads the reported free space: (100 - 0) * 20 - 0 = 2000 GB virtual free.
        PoolState lots = pool("total_capacity_gb", 100L, "free_capacity_gb", "lots", "thin_provisioning_support", true);
        assertThat(passes(request(10L), lots)).isTrue();
        assertThat(passes(request(2001L), lots)).isFalse();
        assertThat(logs.messages()).isEmpty();
    }

    @Test
    void numericStringCapacitiesCountAsNumbers() {
        PoolState strings = pool("total_capacity_gb", "100", "free_capacity_gb", "50");
        assertThat(passes(request(50L), strings)).isTrue();
        assertThat(passes(request(51L), strings)).isFalse();
        assertThat(logs.messages()).isEmpty();
    }

    @Test
    void aSizeThatIsNotANumberIsRejected() {
        PoolState roomy = pool("total_capacity_gb", 100L, "free_capacity_gb", 100L);
        assertThat(passes(request("ten"), roomy)).isFalse();
        assertThat(reason(request("ten"), roomy)).startsWith("rejected where Cinder would crash: TypeError")
                .contains("'ten'");
        assertWarned(roomy, "'ten'");
    }

    @Test
    void cf14AMissingSizeIsDecidedByTheEarlierRulesElseRejected() {
        PoolState infiniteFree = pool("total_capacity_gb", 100L, "free_capacity_gb", "infinite");
        PoolState infiniteTotal = pool("total_capacity_gb", "infinite", "free_capacity_gb", 5L);
        PoolState finite = pool("total_capacity_gb", 100L, "free_capacity_gb", 100L);

        assertThat(passes(request(null), infiniteFree)).isTrue();
        assertThat(passes(request(null), infiniteTotal)).isTrue();
        assertThat(passes(request(null), finite)).isFalse();
        assertThat(reason(request(null), finite))
                .isEqualTo("rejected where Cinder would crash: TypeError: the request has no size");
        assertWarned(finite, "TypeError: the request has no size");
    }

    @Test
    void aTypeWithExplicitNullExtraSpecsIsRejected() {
        VolumeType nullSpecs = new VolumeType("t", "t", null, null, map("id", "t"), false);
        PoolState roomy = pool("total_capacity_gb", 100L, "free_capacity_gb", 100L);
        assertThat(passes(request(1L).setVolumeType(nullSpecs), roomy)).isFalse();
        assertThat(reason(request(1L).setVolumeType(nullSpecs), roomy))
                .isEqualTo("rejected where Cinder would crash: AttributeError: volume type extra_specs is None");
        assertWarned(roomy, "AttributeError: volume type extra_specs is None");
    }

    @Test
    void legacyPairListTypeIsRejected() {
        VolumeType legacy = new VolumeType("t", "t", map("provisioning:type", "thick"), null, map("id", "t"), true);
        PoolState roomy = pool("total_capacity_gb", 100L, "free_capacity_gb", 100L);
        assertThat(passes(request(1L).setVolumeType(legacy), roomy)).isFalse();
        assertThat(reason(request(1L).setVolumeType(legacy), roomy)).contains("AttributeError");
        assertWarned(roomy, "AttributeError");
    }

    @Test
    void aPassingPoolsReasonSaysSo() {
        assertThat(reason(request(1L), pool("total_capacity_gb", 100L, "free_capacity_gb", 100L))).isEqualTo("passes");
    }

    // testRows over a snapshot agrees with test on every pool

    private static final Instant NOW = Instant.parse("2025-03-01T10:00:00Z");
    private static final Object[] CAPACITIES = {0L, 1L, 10L, 57L, 100L, 1000L, 250.25, -10L, "infinite", "unknown",
        "100", "lots", null};
    private static final Object[] RATIOS = {"auto", "20.0", 1.0, 0.5, 2.0, 0L, "1.5", null, "bogus"};
    private static final Object[] RESERVED = {0L, 10L, 57L, 100L, "5", "ten"};
    private static final Object[] SIZES = {0L, 1L, 10L, 44L, 100L, 1000L, 5000L, null, "ten", 2.5};

    @ParameterizedTest(name = "seed {0}")
    @ValueSource(longs = {1, 2, 3, 4, 5, 6, 7, 8})
    void snapshotRowsAgreeWithPoolsOnARandomFleet(long seed) {
        Random random = new Random(seed);
        HostManager hosts = new HostManager(Clock.fixed(NOW, ZoneOffset.UTC), Duration.ofSeconds(60), "20.0",
                new InMemoryCapacityLedger());
        int backends = 3 + random.nextInt(10);
        for (int b = 0; b < backends; b++) {
            String host = "node" + b + "@be";
            hosts.updateService(new ServiceInfo(host, b % 3 == 0 ? "cluster" + b + "@be" : null, "nova", false, false,
                    NOW));
            hosts.updateServiceCapabilities("volume", host, b % 3 == 0 ? "cluster" + b + "@be" : null,
                    report(random), NOW.minusSeconds(1));
        }
        List<String> ids = hosts.candidates().stream().map(PoolState::backendId).toList();

        for (int r = 0; r < 40; r++) {
            FilterProperties props = randomRequest(random, ids);
            assertRowsAgree(hosts.snapshot(), props, false);
            assertRowsAgree(hosts.snapshot(), props, true);
            if (r % 10 == 9) {
                PoolState some = hosts.candidates().get(random.nextInt(ids.size()));
                hosts.consume(some, 1 + random.nextInt(200));
            }
        }
    }

    private void assertRowsAgree(PoolTable table, FilterProperties props, boolean everyOtherRow) {
        PoolPredicate predicate = filter.prepare(props);
        int[] rows = new int[table.rows()];
        int n = 0;
        for (int row = 0; row < table.rows(); row++) {
            if (!everyOtherRow || row % 2 == 1) {
                rows[n++] = row;
            }
        }
        List<String> byTest = new ArrayList<>();
        for (int j = 0; j < n; j++) {
            if (predicate.test(table.pool(rows[j]))) {
                byTest.add(table.pool(rows[j]).backendId());
            }
        }
        int[] out = new int[n];
        int k = predicate.testRows(table, rows, n, out);
        List<String> byRows = new ArrayList<>();
        for (int j = 0; j < k; j++) {
            byRows.add(table.pool(out[j]).backendId());
        }
        assertThat(byRows).as("size %s, new size %s, type %s, on %s", props.size(), props.newSize(),
                props.volumeType(), props.volExistsOn()).isEqualTo(byTest);
    }

    private static FilterProperties randomRequest(Random random, List<String> ids) {
        FilterProperties props = request(SIZES[random.nextInt(SIZES.length)]);
        switch (random.nextInt(4)) {
            case 0 -> props.setVolumeType(THICK);
            case 1 -> props.setVolumeType(THIN);
            case 2 -> props.setVolumeType(VolumeType.of("plain", map()));
            default -> { }
        }
        if (random.nextInt(5) == 0) {
            props.setNewSize(20L + random.nextInt(100));
        }
        if (random.nextInt(5) == 0 && !ids.isEmpty()) {
            props.setVolExistsOn(ids.get(random.nextInt(ids.size())));
        }
        return props;
    }

    private static Map<String, Object> report(Random random) {
        Map<String, Object> report = new LinkedHashMap<>();
        report.put("volume_backend_name", "be");
        List<Object> pools = new ArrayList<>();
        int count = 1 + random.nextInt(4);
        for (int p = 0; p < count; p++) {
            Map<String, Object> pool = new LinkedHashMap<>();
            pool.put("pool_name", "pool" + p);
            putMaybe(random, pool, "total_capacity_gb", pick(random, CAPACITIES));
            putMaybe(random, pool, "free_capacity_gb", pick(random, CAPACITIES));
            putMaybe(random, pool, "allocated_capacity_gb", pick(random, CAPACITIES));
            putMaybe(random, pool, "provisioned_capacity_gb", pick(random, CAPACITIES));
            putMaybe(random, pool, "reserved_percentage", pick(random, RESERVED));
            putMaybe(random, pool, "thin_provisioning_support", random.nextBoolean());
            putMaybe(random, pool, "max_over_subscription_ratio", pick(random, RATIOS));
            pools.add(pool);
        }
        report.put("pools", pools);
        return report;
    }

    private static Object pick(Random random, Object[] values) {
        return values[random.nextInt(values.length)];
    }

    private static void putMaybe(Random random, Map<String, Object> map, String key, Object value) {
        if (random.nextInt(6) != 0) {
            map.put(key, value);
        }
    }
}
