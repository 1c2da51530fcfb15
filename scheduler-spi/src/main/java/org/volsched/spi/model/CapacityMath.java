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
     * CM3 over a pool's parsed values, with Cinder's failures as NaN: the virtual free capacity
     * (rounded) for a thin or thick request, or NaN when Cinder would raise on these values
     * (a non-numeric or non-finite total, reserved percentage or provisioned capacity; a ratio that
     * could not be computed on the thin path; a non-numeric free capacity on the thick path).
     * Callers handle {@code infinite}/{@code unknown} capacities before asking.
     */
    public static double virtualFreeOf(Capacity total, Capacity free, double provisioned, boolean thinSupport,
                                       double ratio, double reservedPercentage, boolean thinRequest) {
        double t = total.value();
        if (!total.isNumber() || !Double.isFinite(t) || Double.isNaN(reservedPercentage) || Double.isNaN(provisioned)) {
            return Double.NaN;
        }
        double reserved = reservedCapacity(t, reservedPercentage);
        if (!Double.isFinite(reserved)) {
            return Double.NaN;
        }
        double tra = t - reserved;
        double virtualFree;
        if (thinRequest && thinSupport) {
            if (Double.isNaN(ratio)) {
                return Double.NaN;
            }
            virtualFree = tra * ratio - provisioned;
        } else {
            if (!free.isNumber() || Double.isNaN(free.value())) {
                return Double.NaN;
            }
            double calculated = tra - provisioned;
            virtualFree = free.value() < calculated ? free.value() : calculated;
        }
        if (Double.isNaN(virtualFree) || virtualFree == Double.NEGATIVE_INFINITY) {
            return Double.NaN;
        }
        return round2(virtualFree);
    }
}
