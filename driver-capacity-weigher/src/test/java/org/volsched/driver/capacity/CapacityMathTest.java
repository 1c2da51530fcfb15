package org.volsched.driver.capacity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.volsched.driver.capacity.TestingPools.pool;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.volsched.spi.model.CapacityMath;
import org.volsched.spi.model.PoolState;

/** Rules CM2, CM3 and P5. */
class CapacityMathTest {
    /** CM3 as the pool computes it once per report. */
    private static double virtualFree(PoolState pool, boolean thinRequest) {
        return pool.virtualFreeCapacity(thinRequest);
    }

    @Test
    void reservedSpaceIsTheFloorOfTotalTimesTheFraction() {
        // 100 * (57 / 100) is 56.99999999999999 in binary floating point.
        assertThat(CapacityMath.reservedCapacity(100, 57)).isEqualTo(56.0);
        assertThat(CapacityMath.reservedCapacity(100, 5)).isEqualTo(5.0);
        assertThat(CapacityMath.reservedCapacity(1024, 5)).isEqualTo(51.0);
        assertThat(CapacityMath.reservedCapacity(99.9, 0)).isEqualTo(0.0);
    }

    @Test
    void reserved57PercentOf100LeavesFortyFourOnAThickPool() {
        PoolState p = pool("h@b#p", "total_capacity_gb", 100L, "free_capacity_gb", 100L,
                "provisioned_capacity_gb", 0L, "reserved_percentage", 57L);

        // min(free 100, 100 - 56 - 0) = 44, not 43.
        assertThat(virtualFree(p, true)).isEqualTo(44.0);
    }

    @Test
    void thinRequestOnThinPoolUsesTheRatioAndIgnoresReportedFree() {
        PoolState p = pool("h@b#p", "total_capacity_gb", 100L, "free_capacity_gb", 5L,
                "provisioned_capacity_gb", 50L, "reserved_percentage", 10L,
                "thin_provisioning_support", true, "max_over_subscription_ratio", 2.0);

        // (100 - floor(100 * 0.1)) * 2.0 - 50 = 130
        assertThat(virtualFree(p, true)).isEqualTo(130.0);
    }

    @Test
    void thinPoolWithoutOwnRatioUsesTheGlobalOne() {
        PoolState p = pool("h@b#p", "total_capacity_gb", 10L, "free_capacity_gb", 10L,
                "provisioned_capacity_gb", 0L, "thin_provisioning_support", true);

        // global max_over_subscription_ratio "20.0": 10 * 20 - 0
        assertThat(virtualFree(p, true)).isEqualTo(200.0);
    }

    @Test
    void thickRequestTakesTheSmallerOfFreeAndUnprovisionedSpace() {
        PoolState smallFree = pool("h@b#p", "total_capacity_gb", 100L, "free_capacity_gb", 5L,
                "provisioned_capacity_gb", 50L, "reserved_percentage", 10L,
                "thin_provisioning_support", true, "max_over_subscription_ratio", 2.0);
        PoolState largeFree = pool("h@b#q", "total_capacity_gb", 100L, "free_capacity_gb", 60L,
                "provisioned_capacity_gb", 50L, "reserved_percentage", 10L,
                "thin_provisioning_support", true, "max_over_subscription_ratio", 2.0);

        assertThat(virtualFree(smallFree, false)).isEqualTo(5.0);
        // 100 - 10 - 50 = 40 < 60
        assertThat(virtualFree(largeFree, false)).isEqualTo(40.0);
    }

    @Test
    void poolWithoutThinSupportIsWeighedThickEvenForAThinRequest() {
        PoolState p = pool("h@b#p", "total_capacity_gb", 100L, "free_capacity_gb", 60L,
                "provisioned_capacity_gb", 50L, "reserved_percentage", 10L,
                "thin_provisioning_support", false, "max_over_subscription_ratio", 2.0);

        assertThat(virtualFree(p, true)).isEqualTo(40.0);
    }

    @Test
    void virtualFreeIsRoundedHalfEvenToTwoDecimals() {
        // 10 * 1.0 - 9.875 = 0.125 exactly: a tie, rounded to the even 0.12
        assertThat(virtualFree(thinPool(10, 9.875), true)).isEqualTo(0.12);
        // 0.375 exactly: rounded to the even 0.38
        assertThat(virtualFree(thinPool(10, 9.625), true)).isEqualTo(0.38);
        // 10 - 7.3333 is not exactly 2.6667 in binary; either way it rounds to 2.67
        assertThat(virtualFree(thinPool(10, 7.3333), true)).isEqualTo(2.67);
    }

    @Test
    void round2FollowsPythonOnBinaryTies() {
        assertThat(CapacityMath.round2(0.125)).isEqualTo(0.12);
        assertThat(CapacityMath.round2(0.375)).isEqualTo(0.38);
        assertThat(CapacityMath.round2(-0.125)).isEqualTo(-0.12);
        // the binary value of 2.675 is below the tie, as is 1.005's; 0.285's too
        assertThat(CapacityMath.round2(2.675)).isEqualTo(2.67);
        assertThat(CapacityMath.round2(1.005)).isEqualTo(1.0);
        assertThat(CapacityMath.round2(0.285)).isEqualTo(0.28);
        assertThat(CapacityMath.round2(1.115)).isEqualTo(1.11);
        assertThat(CapacityMath.round2(130.0)).isEqualTo(130.0);
        assertThat(CapacityMath.round2(-50.004)).isEqualTo(-50.0);
        assertThat(CapacityMath.round2(Double.POSITIVE_INFINITY)).isEqualTo(Double.POSITIVE_INFINITY);
        assertThat(CapacityMath.round2(Double.NaN)).isNaN();
    }

    @Test
    void round2AgreesWithBigDecimalHalfEvenEverywhere() {
        SplittableRandom random = new SplittableRandom(20260101L);
        for (int i = 0; i < 300_000; i++) {
            double x = switch (i % 4) {
                case 0 -> random.nextDouble(-1e6, 1e6);
                case 1 -> random.nextInt(-10_000_000, 10_000_000) / 1000.0;       // three decimals, often near ties
                case 2 -> random.nextInt(-1_000_000, 1_000_000) / 1000.0 + 0.005;  // ties in decimal
                default -> Math.scalb(random.nextDouble(), random.nextInt(-20, 60)); // wide range of magnitudes
            };
            double expected = new BigDecimal(x).setScale(2, RoundingMode.HALF_EVEN).doubleValue();
            assertThat(CapacityMath.round2(x)).as("round2(%s)", x).isEqualTo(expected);
        }
    }

    @Test
    void valuesCinderCannotComputeWithGiveNaN() {
        assertThat(virtualFree(
                pool("h@b#p", "total_capacity_gb", "lots", "free_capacity_gb", 1L), true)).isNaN();
        assertThat(virtualFree(
                pool("h@b#p", "total_capacity_gb", null, "free_capacity_gb", 1L), true)).isNaN();
        assertThat(virtualFree(
                pool("h@b#p", "total_capacity_gb", "nan", "free_capacity_gb", 1L), true)).isNaN();
        assertThat(virtualFree(
                pool("h@b#p", "total_capacity_gb", 10L, "free_capacity_gb", 1L, "reserved_percentage", "x"), true))
                .isNaN();
        assertThat(virtualFree(
                pool("h@b#p", "total_capacity_gb", 10L, "free_capacity_gb", 1L, "provisioned_capacity_gb", null),
                true)).isNaN();
        // thick path compares the reported free space
        assertThat(virtualFree(
                pool("h@b#p", "total_capacity_gb", 10L, "free_capacity_gb", null), true)).isNaN();
        // a thin ratio that CM1 could not compute
        assertThat(virtualFree(
                pool("h@b#p", "total_capacity_gb", 10L, "free_capacity_gb", 1L, "thin_provisioning_support", true,
                        "max_over_subscription_ratio", "lots"), true)).isNaN();
    }

    @Test
    void thinPathDoesNotReadTheReportedFreeSpace() {
        PoolState p = pool("h@b#p", "total_capacity_gb", 10L, "free_capacity_gb", null,
                "provisioned_capacity_gb", 4L, "thin_provisioning_support", true,
                "max_over_subscription_ratio", 1.5);

        // 10 * 1.5 - 4 = 11
        assertThat(virtualFree(p, true)).isEqualTo(11.0);
        assertThat(virtualFree(p, false)).isNaN();
    }

    @Test
    void numericStringsAreParsedOnce() {
        PoolState p = pool("h@b#p", "total_capacity_gb", "100", "free_capacity_gb", "100",
                "provisioned_capacity_gb", 0L, "reserved_percentage", "57");

        assertThat(virtualFree(p, false)).isEqualTo(44.0);
    }

    private static PoolState thinPool(double total, double provisioned) {
        return pool("h@b#p", "total_capacity_gb", total, "free_capacity_gb", total,
                "provisioned_capacity_gb", provisioned, "thin_provisioning_support", true,
                "max_over_subscription_ratio", 1.0);
    }
}
