package org.volsched.spi.model;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Rules CM2, CM3 and P5 (Cinder's {@code calculate_capacity_factors} and {@code round(x, 2)}). */
class CapacityMathTest {
    private static final boolean THIN_SUPPORT = true;
    private static final boolean NO_THIN_SUPPORT = false;
    private static final boolean THIN_REQUEST = true;
    private static final boolean THICK_REQUEST = false;

    /** The Java form of Python's {@code round(x, 2)} that rule P5 gives. */
    private static double pythonRound2(double x) {
        return new BigDecimal(x).setScale(2, RoundingMode.HALF_EVEN).doubleValue();
    }

    private static void assertSameDouble(double actual, double expected, String description) {
        assertThat(Double.doubleToLongBits(actual)).as("%s: %s, expected %s", description, actual, expected)
                .isEqualTo(Double.doubleToLongBits(expected));
    }

    @Test
    void reservedSpaceIsTheFlooredProductOfTotalAndTheFraction() {
        // 100 * (57 / 100) is 56.99999999999999 in binary floating point: 57 % of 100 GB reserves 56.
        assertThat(CapacityMath.reservedCapacity(100, 57)).isEqualTo(56.0);
        assertThat(CapacityMath.reservedCapacity(100, 5)).isEqualTo(5.0);
        assertThat(CapacityMath.reservedCapacity(1024, 5)).isEqualTo(51.0);
        assertThat(CapacityMath.reservedCapacity(99.9, 0)).isEqualTo(0.0);
        assertThat(CapacityMath.reservedCapacity(10, 15)).isEqualTo(1.0);
        assertThat(CapacityMath.reservedCapacity(100, 100)).isEqualTo(100.0);
    }

    @Test
    void thickFreeSpaceIsTheSmallerOfReportedFreeAndTotalLessReservedLessProvisioned() {
        // total 100, 57% reserved (56) -> 44 available; 10 provisioned -> 34, below the reported 40
        assertThat(CapacityMath.virtualFree(100, 40, 10, NO_THIN_SUPPORT, 1.0, 57, THIN_REQUEST)).isEqualTo(34.0);
        // reported free is the smaller
        assertThat(CapacityMath.virtualFree(100, 20, 10, NO_THIN_SUPPORT, 1.0, 57, THIN_REQUEST)).isEqualTo(20.0);
        // a thick request on a thin pool takes the same path
        assertThat(CapacityMath.virtualFree(100, 40, 10, THIN_SUPPORT, 20.0, 57, THICK_REQUEST)).isEqualTo(34.0);
        // negative results are not clamped
        assertThat(CapacityMath.virtualFree(100, 40, 150, NO_THIN_SUPPORT, 1.0, 0, THICK_REQUEST)).isEqualTo(-50.0);
    }

    @Test
    void thinFreeSpaceIgnoresTheReportedFreeSpace() {
        // (100 - 56) * 2.0 - 10 = 78, whatever the pool says is free
        assertThat(CapacityMath.virtualFree(100, 1, 10, THIN_SUPPORT, 2.0, 57, THIN_REQUEST)).isEqualTo(78.0);
        assertThat(CapacityMath.virtualFree(100, 1000, 10, THIN_SUPPORT, 2.0, 57, THIN_REQUEST)).isEqualTo(78.0);
    }

    @Test
    void totalAvailableIsMultipliedByTheRatioOnlyForThinRequestsOnThinPools() {
        assertThat(CapacityMath.totalAvailable(100, 57, THIN_SUPPORT, 2.5, THIN_REQUEST)).isEqualTo(110.0);
        assertThat(CapacityMath.totalAvailable(100, 57, THIN_SUPPORT, 2.5, THICK_REQUEST)).isEqualTo(44.0);
        assertThat(CapacityMath.totalAvailable(100, 57, NO_THIN_SUPPORT, 2.5, THIN_REQUEST)).isEqualTo(44.0);
        assertThat(CapacityMath.totalAvailable(100, 100, THIN_SUPPORT, 20.0, THIN_REQUEST)).isEqualTo(0.0);
    }

    @Test
    void resultsAreRoundedHalfEvenToTwoDecimals() {
        // (10.5 - 0) * 1.1 - 0 = 11.55000000000000071 -> 11.55; 1/3 of a GB -> 0.33
        assertThat(CapacityMath.virtualFree(10.5, 0, 0, THIN_SUPPORT, 1.1, 0, THIN_REQUEST)).isEqualTo(11.55);
        assertThat(CapacityMath.virtualFree(1, 1.0 / 3, 0, NO_THIN_SUPPORT, 1.0, 0, THIN_REQUEST)).isEqualTo(0.33);
        assertThat(CapacityMath.totalAvailable(2.675, 0, NO_THIN_SUPPORT, 1.0, THIN_REQUEST)).isEqualTo(2.67);
    }

    @Test
    void virtualFreeOfParsedCapacitiesFollowsCm3() {
        Capacity total = Capacity.of(100L);
        Capacity free = Capacity.of(40L);
        assertThat(CapacityMath.virtualFreeOf(total, free, 10, NO_THIN_SUPPORT, 1.0, 57, THIN_REQUEST))
                .isEqualTo(34.0);
        assertThat(CapacityMath.virtualFreeOf(total, free, 10, THIN_SUPPORT, 2.0, 57, THIN_REQUEST)).isEqualTo(78.0);
        assertThat(CapacityMath.virtualFreeOf(total, free, 10, THIN_SUPPORT, 2.0, 57, THICK_REQUEST))
                .isEqualTo(34.0);
        assertThat(CapacityMath.virtualFreeOf(Capacity.of("100"), Capacity.of("40.5"), 0, NO_THIN_SUPPORT, 1.0, 0,
                THICK_REQUEST)).as("numeric strings are numbers").isEqualTo(40.5);
    }

    @Test
    void virtualFreeOfIsNanWhereCinderWouldRaise() {
        Capacity total = Capacity.of(100L);
        Capacity free = Capacity.of(40L);
        assertThat(CapacityMath.virtualFreeOf(Capacity.of("lots"), free, 0, NO_THIN_SUPPORT, 1.0, 0, THICK_REQUEST))
                .as("float('lots')").isNaN();
        assertThat(CapacityMath.virtualFreeOf(Capacity.NONE, free, 0, NO_THIN_SUPPORT, 1.0, 0, THICK_REQUEST))
                .as("float(None)").isNaN();
        assertThat(CapacityMath.virtualFreeOf(Capacity.of("inf"), free, 0, NO_THIN_SUPPORT, 1.0, 0, THICK_REQUEST))
                .as("floor(inf * 0.0) is floor(nan)").isNaN();
        assertThat(CapacityMath.virtualFreeOf(total, free, 0, NO_THIN_SUPPORT, 1.0, Double.NaN, THICK_REQUEST))
                .as("a reserved percentage that is not a number").isNaN();
        assertThat(CapacityMath.virtualFreeOf(total, free, Double.NaN, NO_THIN_SUPPORT, 1.0, 0, THICK_REQUEST))
                .as("a provisioned capacity that is not a number").isNaN();
        assertThat(CapacityMath.virtualFreeOf(total, free, 0, THIN_SUPPORT, Double.NaN, 0, THIN_REQUEST))
                .as("no ratio on the thin path").isNaN();
        assertThat(CapacityMath.virtualFreeOf(total, Capacity.of("lots"), 0, NO_THIN_SUPPORT, 1.0, 0, THICK_REQUEST))
                .as("a free capacity that cannot be compared on the thick path").isNaN();
    }

    @Test
    void virtualFreeOfIgnoresWhatItsPathDoesNotRead() {
        Capacity total = Capacity.of(100L);
        assertThat(CapacityMath.virtualFreeOf(total, Capacity.of("lots"), 0, THIN_SUPPORT, 2.0, 0, THIN_REQUEST))
                .as("the thin path ignores free").isEqualTo(200.0);
        assertThat(CapacityMath.virtualFreeOf(total, Capacity.of(40L), 0, THIN_SUPPORT, Double.NaN, 0,
                THICK_REQUEST)).as("the thick path ignores the ratio").isEqualTo(40.0);
    }

    @ParameterizedTest(name = "round({0}, 2) == {1}")
    @CsvSource({
        // exact binary ties go to the even neighbour
        "0.125, 0.12", "0.375, 0.38", "-0.125, -0.12", "0.625, 0.62", "-0.375, -0.38",
        // decimal-looking ties whose binary value lies below (or above) the tie
        "2.675, 2.67", "1.005, 1.0", "0.285, 0.28", "1.115, 1.11", "2.665, 2.67", "0.145, 0.14",
        // plain cases
        "130.0, 130.0", "-50.004, -50.0", "99.995, 100.0", "1e-9, 0.0", "12345678.125, 12345678.12",
        "123456789012.345, 123456789012.35",
    })
    void round2FollowsPythonOnTheExactBinaryValue(double x, double python) {
        assertThat(CapacityMath.round2(x)).isEqualTo(python);
        assertThat(pythonRound2(x)).as("the test's own expectation").isEqualTo(python);
    }

    @Test
    void round2LeavesNonFiniteValuesAlone() {
        assertThat(CapacityMath.round2(Double.POSITIVE_INFINITY)).isEqualTo(Double.POSITIVE_INFINITY);
        assertThat(CapacityMath.round2(Double.NEGATIVE_INFINITY)).isEqualTo(Double.NEGATIVE_INFINITY);
        assertThat(CapacityMath.round2(Double.NaN)).isNaN();
    }

    @Test
    void round2NeverReturnsNegativeZero() {
        assertSameDouble(CapacityMath.round2(-0.001), 0.0, "round2(-0.001)");
        assertSameDouble(CapacityMath.round2(-0.005), pythonRound2(-0.005), "round2(-0.005)");
    }

    /**
     * round2 against the BigDecimal form over values that sit on, next to, or near a tie
     * ({@code k/100 + 0.005} and its neighbouring doubles) at many magnitudes, and over values of
     * random magnitude; bit-for-bit.
     */
    @Test
    void round2MatchesTheExactDecimalRoundingNearTies() {
        SplittableRandom random = new SplittableRandom(57L);
        for (int i = 0; i < 200_000; i++) {
            double x;
            switch (i % 5) {
                case 0 -> {
                    long cents = random.nextLong(-10_000_000_000L, 10_000_000_000L);
                    x = cents / 100.0 + 0.005; // the nearest double to a decimal tie
                }
                case 1 -> {
                    double tie = random.nextLong(-1_000_000L, 1_000_000L) / 100.0 + 0.005;
                    x = random.nextBoolean() ? Math.nextUp(tie) : Math.nextDown(tie);
                }
                case 2 -> x = random.nextLong(-(1L << 20), 1L << 20) / 8.0; // exact binary eighths, many ties
                case 3 -> {
                    double tie = (random.nextLong(-(1L << 40), 1L << 40) * 2 + 1) / 8.0; // an exact binary tie
                    x = tie + random.nextInt(-3, 4) * Math.ulp(tie);
                }
                default -> x = Math.scalb(random.nextDouble() - 0.5, random.nextInt(-30, 60));
            }
            assertSameDouble(CapacityMath.round2(x), pythonRound2(x), "round2(" + x + ")");
        }
    }
}
