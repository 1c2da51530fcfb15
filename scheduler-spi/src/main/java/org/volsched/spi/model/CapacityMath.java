package org.volsched.spi.model;

import java.math.BigDecimal;
import java.math.RoundingMode;

/**
 * Cinder's capacity maths ({@code cinder/utils.py}, rules CM2, CM3, P5), shared by the capacity
 * filter and the capacity weigher so that both compute exactly the same numbers.
 */
public final class CapacityMath {
    private CapacityMath() {
    }

    /** Below this magnitude {@code x * 100} is within 2^-13 of the exact product (see {@link #round2}). */
    private static final double FAST_ROUND_LIMIT = 0x1p40;
    /** Distance from a half-integer under which {@link #round2} uses exact decimal arithmetic. */
    private static final double TIE_MARGIN = 1e-3;

    /**
     * P5: Python's {@code round(x, 2)}: the exact binary value of {@code x} rounded to 2 decimals,
     * ties to even, equal to {@code new BigDecimal(x).setScale(2, HALF_EVEN).doubleValue()}.
     *
     * <p>The BigDecimal is only built when it matters: for {@code |x * 100| < 2^40} the product
     * {@code fl(x * 100)} differs from the exact product by less than 2^-13, so unless it lies within
     * {@value #TIE_MARGIN} of a half-integer both round to the same integer {@code k}; and for
     * {@code |k| < 2^52} the correctly rounded {@code (double) k / 100} is BigDecimal's
     * {@code doubleValue()} of {@code k/100}. Non-finite values are returned unchanged, as Python does.
     */
    public static double round2(double x) {
        if (!Double.isFinite(x)) {
            return x;
        }
        double scaled = x * 100;
        if (Math.abs(scaled) < FAST_ROUND_LIMIT) {
            double fraction = scaled - Math.floor(scaled);
            if (Math.abs(fraction - 0.5) > TIE_MARGIN) {
                return Math.rint(scaled) / 100 + 0.0;
            }
        }
        return new BigDecimal(x).setScale(2, RoundingMode.HALF_EVEN).doubleValue();
    }

    /** {@code floor(total * (reserved_percentage / 100))}: the fraction first, then the product, then floor. */
    public static double reservedCapacity(double total, double reservedPercentage) {
        return Math.floor(total * (reservedPercentage / 100));
    }

    /** CM2's {@code total_available_capacity}, rounded. */
    public static double totalAvailable(double total, double reservedPercentage, boolean thinSupport,
                                        double ratio, boolean thin) {
        double tra = total - reservedCapacity(total, reservedPercentage);
        return round2(thin && thinSupport ? tra * ratio : tra);
    }

    /**
     * CM2/CM3's {@code virtual_free_capacity}, rounded: thin requests on thin pools get
     * {@code (total - reserved) * ratio - provisioned}; otherwise the smaller of the reported free
     * space and {@code total - reserved - provisioned}.
     */
    public static double virtualFree(double total, double free, double provisioned, boolean thinSupport,
                                     double ratio, double reservedPercentage, boolean thin) {
        double tra = total - reservedCapacity(total, reservedPercentage);
        double virtualFree;
        if (thin && thinSupport) {
            virtualFree = tra * ratio - provisioned;
        } else {
            double calculated = tra - provisioned;
            virtualFree = free < calculated ? free : calculated;
        }
        return round2(virtualFree);
    }

    /**
     * Why CM3's arithmetic cannot run on a pool's values: the Python error Cinder would raise. The
     * checks are {@link #problemOf}'s; the messages name the offending value with the pool's raw
     * report value.
     */
    public enum Problem {
        TOTAL_NOT_NUMBER, TOTAL_NOT_FINITE, RESERVED_NOT_NUMBER, PROVISIONED_NOT_NUMBER, RESERVED_NOT_FINITE,
        RATIO_NOT_NUMBER, FREE_NOT_NUMBER, RESULT_NOT_NUMBER;

        /** The Python error and the value that causes it, as reported by {@code pool}. */
        public String describe(PoolState pool) {
            Capacity total = pool.totalCapacity();
            return switch (this) {
                case TOTAL_NOT_NUMBER -> "TypeError/ValueError: total_capacity_gb " + total + " is not a number";
                case TOTAL_NOT_FINITE -> "ValueError/OverflowError: total_capacity_gb " + total + " is not finite";
                case RESERVED_NOT_NUMBER -> "TypeError/ValueError: reserved_percentage " + pool.reservedPercentageRaw()
                        + " is not a number";
                case PROVISIONED_NOT_NUMBER -> "TypeError: provisioned_capacity_gb " + pool.provisionedCapacityRaw()
                        + " is not a number";
                case RESERVED_NOT_FINITE -> "OverflowError: reserved capacity of " + total + " at "
                        + pool.reservedPercentageRaw() + "% is not finite";
                case RATIO_NOT_NUMBER -> pool.maxOverSubscriptionRatioError() != null
                        ? pool.maxOverSubscriptionRatioError()
                        : "max_over_subscription_ratio " + pool.maxOverSubscriptionRatioRaw() + " is not a number";
                case FREE_NOT_NUMBER -> "TypeError: free_capacity_gb " + pool.freeCapacity()
                        + " cannot be compared with a number";
                case RESULT_NOT_NUMBER -> "the virtual free capacity is not a number";
            };
        }
    }

    /**
     * CM3's failures, in the order Cinder meets them: null when {@link #virtualFreeOf} computes a
     * number on these values, else the first problem. Callers handle {@code infinite}/{@code unknown}
     * capacities before asking.
     */
    public static Problem problemOf(Capacity total, Capacity free, double provisioned, boolean thinSupport,
                                    double ratio, double reservedPercentage, boolean thinRequest) {
        if (!total.isNumber()) {
            return Problem.TOTAL_NOT_NUMBER;
        }
        if (!Double.isFinite(total.value())) {
            return Problem.TOTAL_NOT_FINITE;
        }
        if (Double.isNaN(reservedPercentage)) {
            return Problem.RESERVED_NOT_NUMBER;
        }
        if (Double.isNaN(provisioned)) {
            return Problem.PROVISIONED_NOT_NUMBER;
        }
        if (!Double.isFinite(reservedCapacity(total.value(), reservedPercentage))) {
            return Problem.RESERVED_NOT_FINITE;
        }
        if (thinRequest && thinSupport) {
            if (Double.isNaN(ratio)) {
                return Problem.RATIO_NOT_NUMBER;
            }
        } else if (!free.isNumber() || Double.isNaN(free.value())) {
            return Problem.FREE_NOT_NUMBER;
        }
        double v = virtualFree(total.value(), free.isNumber() ? free.value() : 0, provisioned, thinSupport, ratio,
                reservedPercentage, thinRequest);
        return Double.isNaN(v) || v == Double.NEGATIVE_INFINITY ? Problem.RESULT_NOT_NUMBER : null;
    }

    /**
     * CM3 over a pool's parsed values, with Cinder's failures as NaN: the virtual free capacity
     * (rounded) for a thin or thick request, or NaN when {@link #problemOf} finds a problem.
     */
    public static double virtualFreeOf(Capacity total, Capacity free, double provisioned, boolean thinSupport,
                                       double ratio, double reservedPercentage, boolean thinRequest) {
        if (problemOf(total, free, provisioned, thinSupport, ratio, reservedPercentage, thinRequest) != null) {
            return Double.NaN;
        }
        return virtualFree(total.value(), free.isNumber() ? free.value() : 0, provisioned, thinSupport, ratio,
                reservedPercentage, thinRequest);
    }
}
