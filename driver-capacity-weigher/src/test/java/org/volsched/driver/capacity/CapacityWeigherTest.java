package org.volsched.driver.capacity;

import org.volsched.spi.model.Candidates;
import org.volsched.core.host.PoolReports;
import org.volsched.testing.LogCapture;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.volsched.driver.capacity.TestingPools.infinitePool;
import static org.volsched.driver.capacity.TestingPools.pool;
import static org.volsched.driver.capacity.TestingPools.thickPool;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.volsched.spi.model.FilterProperties;
import org.volsched.spi.model.PoolState;
import org.volsched.spi.model.VolumeType;
import org.volsched.testing.TestContext;

/** Rules W7-W9, with volsched's handling of the cases where Cinder crashes. */
class CapacityWeigherTest {
    private static final FilterProperties NO_TYPE = new FilterProperties();

    @Test
    void rawWeightIsTheVirtualFreeCapacity() {
        PoolState thin = pool("h@b#thin", "total_capacity_gb", 100L, "free_capacity_gb", 5L,
                "provisioned_capacity_gb", 50L, "reserved_percentage", 10L,
                "thin_provisioning_support", true, "max_over_subscription_ratio", 2.0);
        PoolState thick = pool("h@b#thick", "total_capacity_gb", 100L, "free_capacity_gb", 60L,
                "provisioned_capacity_gb", 50L, "reserved_percentage", 10L);

        assertThat(weigh(1.0, NO_TYPE, thin, thick)).containsExactly(130.0, 40.0);
    }

    @Test
    void provisioningTypeThickWeighsThinPoolsByTheirFreeSpace() {
        PoolState thin = pool("h@b#thin", "total_capacity_gb", 100L, "free_capacity_gb", 5L,
                "provisioned_capacity_gb", 50L, "reserved_percentage", 10L,
                "thin_provisioning_support", true, "max_over_subscription_ratio", 2.0);

        assertThat(weigh(1.0, withType(Map.of("provisioning:type", "thick")), thin)).containsExactly(5.0);
        assertThat(weigh(1.0, withType(Map.of("provisioning:type", "thin")), thin)).containsExactly(130.0);
        assertThat(weigh(1.0, withType(Map.of("provisioning:type", "THICK")), thin)).containsExactly(130.0);
        assertThat(weigh(1.0, withType(Map.of()), thin)).containsExactly(130.0);
    }

    @Test
    void reserved57PercentFloorsTo56() {
        PoolState p = pool("h@b#p", "total_capacity_gb", 100L, "free_capacity_gb", 100L,
                "provisioned_capacity_gb", 0L, "reserved_percentage", 57L);

        assertThat(weigh(1.0, NO_TYPE, p)).containsExactly(44.0);
    }

    @Test
    void rawWeightIsRoundedHalfEven() {
        PoolState tie = pool("h@b#p", "total_capacity_gb", 10L, "free_capacity_gb", 10L,
                "provisioned_capacity_gb", 9.875, "thin_provisioning_support", true,
                "max_over_subscription_ratio", 1.0);

        assertThat(weigh(1.0, NO_TYPE, tie)).containsExactly(0.12);
    }

    @Test
    void infiniteOrUnknownWeighsMinusOneUnderAPositiveMultiplier() {
        PoolState infiniteFree = infinitePool("h@b#inf");
        PoolState unknownTotal = pool("h@b#unk", "total_capacity_gb", "unknown", "free_capacity_gb", 10L);
        PoolState unknownFree = pool("h@b#unk2", "total_capacity_gb", 10L, "free_capacity_gb", "unknown");

        assertThat(weigh(2.5, NO_TYPE, infiniteFree, unknownTotal, unknownFree, thickPool("h@b#fin", 30)))
                .containsExactly(-1.0, -1.0, -1.0, 30.0);
    }

    @Test
    void infiniteUnderANegativeMultiplierIsReplacedPerW8() {
        // raw [100, 40, +inf]: M = 100, offset = (100 - 40) * 100 = 6000, so +inf becomes 6100
        assertThat(weigh(-1.0, NO_TYPE, thickPool("h@b#a", 100), thickPool("h@b#b", 40), infinitePool("h@b#c")))
                .containsExactly(100.0, 40.0, 6100.0);
    }

    @Test
    void infiniteUnderAZeroMultiplierIsReplacedToo() {
        // raw [+inf, -50.5, 20]: M = 20, offset = (20 - -50.5) * 100 = 7050, so +inf becomes 7070
        PoolState negative = pool("h@b#neg", "total_capacity_gb", 100L, "free_capacity_gb", 100L,
                "provisioned_capacity_gb", 150.5, "thin_provisioning_support", true,
                "max_over_subscription_ratio", 1.0);

        assertThat(weigh(0.0, NO_TYPE, infinitePool("h@b#inf"), negative, thickPool("h@b#c", 20)))
                .containsExactly(7070.0, -50.5, 20.0);
    }

    @Test
    void w8AddsTenThousandWhenTheFiniteWeightsAreEqual() {
        assertThat(weigh(-1.0, NO_TYPE, infinitePool("h@b#a"), thickPool("h@b#b", 100)))
                .containsExactly(10100.0, 100.0);
        assertThat(weigh(-1.0, NO_TYPE, thickPool("h@b#a", 7.5), infinitePool("h@b#b"), thickPool("h@b#c", 7.5),
                infinitePool("h@b#d")))
                .containsExactly(7.5, 10007.5, 7.5, 10007.5);
    }

    @Test
    void infinitePoolRanksLastUnderANegativeMultiplier() {
        List<PoolState> pools = List.of(thickPool("h@b#a", 100), thickPool("h@b#b", 40), infinitePool("h@b#c"));

        assertThat(TestContext.ranking(pools, NO_TYPE, new CapacityWeigher(-1.0)))
                .containsExactly("h@b#b", "h@b#a", "h@b#c");
    }

    @Test
    void allInfiniteUnderANonPositiveMultiplierDoesNotCrash() {
        for (double multiplier : new double[] {0.0, -1.0}) {
            try (LogCapture log = LogCapture.of(CapacityWeigher.class)) {
                double[] out = weigh(multiplier, NO_TYPE, infinitePool("h@b#a"),
                        pool("h@b#b", "total_capacity_gb", "unknown", "free_capacity_gb", "unknown"));

                assertThat(out).containsExactly(0.0, 0.0);
                assertThat(log.warnings()).singleElement().asString().contains("ValueError");
            }
        }
    }

    @Test
    void allInfiniteRankInInputOrder() {
        List<PoolState> pools = List.of(infinitePool("h@b#a"), infinitePool("h@b#b"), infinitePool("h@b#c"));

        try (LogCapture log = LogCapture.of(CapacityWeigher.class)) {
            assertThat(TestContext.ranking(pools, NO_TYPE, new CapacityWeigher(-1.0)))
                    .containsExactly("h@b#a", "h@b#b", "h@b#c");
            assertThat(log.warnings()).isNotEmpty();
        }
    }

    @Test
    void negativeVirtualFreeRanksBelowAnInfinitePoolUnderAPositiveMultiplier() {
        // [quirk] W7: thin pool over-provisioned by 50 GB weighs -50, the infinite pool -1
        PoolState overProvisioned = pool("h@b#over", "total_capacity_gb", 100L, "free_capacity_gb", 0L,
                "provisioned_capacity_gb", 150L, "thin_provisioning_support", true,
                "max_over_subscription_ratio", 1.0);
        List<PoolState> pools = List.of(overProvisioned, infinitePool("h@b#inf"), thickPool("h@b#small", 10));

        assertThat(weigh(1.0, NO_TYPE, pools.toArray(PoolState[]::new))).containsExactly(-50.0, -1.0, 10.0);
        var weighed = TestContext.weigh(pools, NO_TYPE, List.of(new CapacityWeigher(1.0)));
        assertThat(weighed).extracting(w -> w.backendId()).containsExactly("h@b#small", "h@b#inf", "h@b#over");
        // normalised: (-1 + 50) / (10 + 50) = 49 / 60
        assertThat(weighed.get(1).weight()).isCloseTo(49.0 / 60.0, org.assertj.core.data.Offset.offset(1e-12));
    }

    @Test
    void tiesKeepInputOrder() {
        List<PoolState> pools = List.of(thickPool("h@b#a", 10), thickPool("h@b#b", 50), thickPool("h@b#c", 50),
                thickPool("h@b#d", 10));

        assertThat(TestContext.ranking(pools, NO_TYPE, new CapacityWeigher(1.0)))
                .containsExactly("h@b#b", "h@b#c", "h@b#a", "h@b#d");
        assertThat(TestContext.ranking(pools, NO_TYPE, new CapacityWeigher(-1.0)))
                .containsExactly("h@b#a", "h@b#d", "h@b#b", "h@b#c");
    }

    @Test
    void poolWithInvalidNumbersGetsTheLowestWeightUnderAPositiveMultiplier() {
        PoolState invalid = pool("h@b#bad", "total_capacity_gb", "lots", "free_capacity_gb", 10L);
        List<PoolState> pools = List.of(invalid, thickPool("h@b#a", 10), thickPool("h@b#b", 30));

        try (LogCapture log = LogCapture.of(CapacityWeigher.class)) {
            // below the smallest valid weight by the valid range: 10 - (30 - 10)
            assertThat(weigh(1.0, NO_TYPE, pools.toArray(PoolState[]::new))).containsExactly(-10.0, 10.0, 30.0);
            assertThat(log.warnings()).singleElement().asString()
                    .contains("h@b#bad").contains("total_capacity_gb").contains("lowest weight");
        }
        try (LogCapture log = LogCapture.of(CapacityWeigher.class)) {
            assertThat(TestContext.ranking(pools, NO_TYPE, new CapacityWeigher(1.0)))
                    .containsExactly("h@b#b", "h@b#a", "h@b#bad");
            assertThat(log.warnings()).isNotEmpty();
        }
    }

    @Test
    void poolWithInvalidNumbersGetsTheLowestWeightUnderANegativeMultiplier() {
        PoolState invalid = pool("h@b#bad", "total_capacity_gb", 100L, "free_capacity_gb", 10L,
                "reserved_percentage", "five");
        List<PoolState> pools = List.of(invalid, thickPool("h@b#a", 10), thickPool("h@b#b", 30));

        try (LogCapture log = LogCapture.of(CapacityWeigher.class)) {
            assertThat(weigh(-1.0, NO_TYPE, pools.toArray(PoolState[]::new))).containsExactly(50.0, 10.0, 30.0);
            assertThat(TestContext.ranking(pools, NO_TYPE, new CapacityWeigher(-1.0)))
                    .containsExactly("h@b#a", "h@b#b", "h@b#bad");
            assertThat(log.warnings()).isNotEmpty();
        }
    }

    @Test
    void invalidPoolBelowASingleValidPoolRanksLast() {
        PoolState invalid = pool("h@b#bad", "total_capacity_gb", 10L, "free_capacity_gb", null);

        try (LogCapture log = LogCapture.of(CapacityWeigher.class)) {
            assertThat(weigh(1.0, NO_TYPE, invalid, thickPool("h@b#a", 10))).containsExactly(9.0, 10.0);
            assertThat(weigh(-1.0, NO_TYPE, invalid, thickPool("h@b#a", 10))).containsExactly(11.0, 10.0);
            assertThat(TestContext.ranking(List.of(invalid, thickPool("h@b#a", 10)), NO_TYPE,
                    new CapacityWeigher(-1.0))).containsExactly("h@b#a", "h@b#bad");
            assertThat(log.warnings()).isNotEmpty();
        }
    }

    @Test
    void invalidPoolRanksBelowAnInfinitePoolReplacedPerW8() {
        PoolState invalid = pool("h@b#bad", "total_capacity_gb", null, "free_capacity_gb", 10L);

        try (LogCapture log = LogCapture.of(CapacityWeigher.class)) {
            // W8 first: M = 40 + 10000 = 10040; then the invalid pool goes one range beyond it: 10040 + 10000
            assertThat(weigh(-1.0, NO_TYPE, invalid, infinitePool("h@b#inf"), thickPool("h@b#a", 40)))
                    .containsExactly(20040.0, 10040.0, 40.0);
            assertThat(log.warnings()).isNotEmpty();
        }
    }

    @Test
    void everyPoolInvalidGivesEqualWeights() {
        try (LogCapture log = LogCapture.of(CapacityWeigher.class)) {
            assertThat(weigh(1.0, NO_TYPE, pool("h@b#a", "total_capacity_gb", "x"),
                    pool("h@b#b", "total_capacity_gb", "y"))).containsExactly(0.0, 0.0);
            assertThat(log.warnings()).isNotEmpty();
        }
    }

    @Test
    void unreadableVolumeTypeGivesFinitePoolsTheLowestWeight() {
        VolumeType pairs = new VolumeType("t1", "gold", Map.of("provisioning:type", "thick"), null,
                Map.of("id", "t1", "name", "gold"), true);
        FilterProperties properties = new FilterProperties().setVolumeType(pairs);

        try (LogCapture log = LogCapture.of(CapacityWeigher.class)) {
            // the infinite pool keeps -1 (Cinder does not read the type for it); both finite pools go below it
            assertThat(weigh(1.0, properties, thickPool("h@b#a", 10), infinitePool("h@b#inf"), thickPool("h@b#b", 30)))
                    .containsExactly(-2.0, -1.0, -2.0);
            assertThat(log.warnings()).singleElement().asString().contains("AttributeError").contains("2 pool");
        }
    }

    @Test
    void explicitNullExtraSpecsIsUnreadableToo() {
        VolumeType nullSpecs = new VolumeType("t1", "gold", null, null, Map.of("id", "t1"), false);

        assertThat(CapacityWeigher.unreadableTypeError(nullSpecs)).contains("NoneType");
        try (LogCapture log = LogCapture.of(CapacityWeigher.class)) {
            assertThat(weigh(-1.0, new FilterProperties().setVolumeType(nullSpecs), thickPool("h@b#a", 10)))
                    .containsExactly(0.0);
            assertThat(log.warnings()).isNotEmpty();
        }
    }

    @Test
    void emptyTypesAreReadAsNoType() {
        VolumeType emptyPairs = new VolumeType(null, null, Map.of(), null, Map.of(), true);

        assertThat(CapacityWeigher.unreadableTypeError(null)).isNull();
        assertThat(CapacityWeigher.unreadableTypeError(emptyPairs)).isNull();
        assertThat(CapacityWeigher.unreadableTypeError(VolumeType.of("gold", Map.of()))).isNull();
        assertThat(CapacityWeigher.isThinRequest(null)).isTrue();
    }

    @Test
    void nullPropertiesAndEmptyCandidatesAreAccepted() {
        CapacityWeigher weigher = new CapacityWeigher(1.0);
        double[] out = new double[1];

        assertThatCode(() -> weigher.weigh(Candidates.of(List.of()), NO_TYPE, new double[0])).doesNotThrowAnyException();
        weigher.weigh(Candidates.of(List.of(thickPool("h@b#a", 3))), null, out);
        assertThat(out).containsExactly(3.0);
    }

    @Test
    void weighsAConsumedPool() {
        PoolState p = PoolReports.consumed(thickPool("h@b#a", 100), 10, null);

        assertThat(weigh(1.0, NO_TYPE, p)).containsExactly(90.0);
    }

    @Test
    void factoryReadsTheMultiplierOption() {
        var context = new TestContext().declaring(new CapacityWeigherPlugin()).withOption("capacity_weight_multiplier", -2.5);
        var factory = new CapacityWeigherPlugin().weigherFactories().get(0);

        var weigher = factory.create(context);
        assertThat(weigher.name()).isEqualTo("CapacityWeigher");
        assertThat(weigher.multiplier()).isEqualTo(-2.5);
        assertThat(factory.create(new TestContext().declaring(new CapacityWeigherPlugin())).multiplier()).isEqualTo(1.0);
    }

    private static FilterProperties withType(Map<String, Object> extraSpecs) {
        return new FilterProperties().setVolumeType(VolumeType.of("t", extraSpecs));
    }

    private static double[] weigh(double multiplier, FilterProperties properties, PoolState... pools) {
        double[] out = new double[pools.length];
        new CapacityWeigher(multiplier).weigh(Candidates.of(List.of(pools)), properties, out);
        return out;
    }
}
