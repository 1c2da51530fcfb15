package org.volsched.driver.capacity;

import java.math.BigDecimal;
import java.math.RoundingMode;
import org.volsched.spi.model.Capacity;
import org.volsched.spi.model.PoolState;

/**
 * Cinder's capacity maths ({@code cinder/utils.py}, rules CM2, CM3, P5) over a pool's pre-parsed
 * numbers. Allocation-free on the common path: the virtual free capacity is returned as a
 * primitive, with NaN standing for "Cinder would have raised here"; {@link #whyNotComputable}
 * gives the reason only when someone asks.
 */
final class CapacityMath {
    /** Below this magnitude {@code x * 100} is within 2^-13 of the exact product (see {@link #round2}). */
    private static final double FAST_ROUND_LIMIT = 0x1p40;
    /** Distance from a half-integer under which {@link #round2} asks BigDecimal. */
    private static final double TIE_MARGIN = 1e-3;

    private CapacityMath() {
    }

    /**
     * CM2: {@code floor(T * (reserved_percentage / 100))} — the fraction first, then the product,
     * then the floor, so that 57 % of 100 reserves 56.
     */
    static double reservedCapacity(double total, double reservedPercentage) {
        return Math.floor(total * (reservedPercentage / 100));
    }

    /**
     * CM3: the pool's virtual free capacity, rounded half-even to 2 decimals.
     *
     * <ul>
     *   <li>thin request on a thin-capable pool: {@code (T - reserved) * mosr - provisioned};</li>
     *   <li>otherwise: the smaller of the reported free space and {@code T - reserved - provisioned}.</li>
     * </ul>
     *
     * <p>Must only be called for pools whose total and free are not {@code infinite}/{@code unknown}
     * (rule W7 handles those first).
     *
     * @return the value, {@code +Infinity} when the arithmetic itself overflows as Python's would
     *     (for example a ratio of {@code inf}), or NaN when Cinder would have raised
     *     ({@code TypeError}/{@code ValueError}/{@code OverflowError}) on the pool's values
     */
    static double virtualFreeCapacity(PoolState pool, boolean thinRequest) {
        Capacity total = pool.totalCapacity();
        double t = total.value();
        double reservedPct = pool.reservedPercentage();
        double provisioned = pool.provisionedCapacityGb();
        if (!total.isNumber() || !Double.isFinite(t) || Double.isNaN(reservedPct) || Double.isNaN(provisioned)) {
            return Double.NaN;
        }
        double reserved = reservedCapacity(t, reservedPct);
        if (!Double.isFinite(reserved)) {
            return Double.NaN;
        }
        double totalReservedAvailable = t - reserved;
        double virtualFree;
        if (thinRequest && pool.thinProvisioningSupport()) {
            double ratio = pool.maxOverSubscriptionRatio();
            if (Double.isNaN(ratio)) {
                return Double.NaN;
            }
            virtualFree = totalReservedAvailable * ratio - provisioned;
        } else {
            Capacity free = pool.freeCapacity();
            if (!free.isNumber() || Double.isNaN(free.value())) {
                return Double.NaN;
            }
            double calculated = totalReservedAvailable - provisioned;
            virtualFree = free.value() < calculated ? free.value() : calculated;
        }
        if (Double.isNaN(virtualFree) || virtualFree == Double.NEGATIVE_INFINITY) {
            return Double.NaN;
        }
        return round2(virtualFree);
    }

    /**
     * Why {@link #virtualFreeCapacity} returned NaN for this pool, naming the Python error Cinder
     * would have raised. Only for log messages and explanations.
     */
    static String whyNotComputable(PoolState pool, boolean thinRequest) {
        Capacity total = pool.totalCapacity();
        if (!total.isNumber()) {
            return "TypeError/ValueError: total_capacity_gb " + total + " is not a number";
        }
        if (!Double.isFinite(total.value())) {
            return "ValueError/OverflowError: total_capacity_gb " + total + " is not finite";
        }
        if (Double.isNaN(pool.reservedPercentage())) {
            return "TypeError/ValueError: reserved_percentage " + pool.reservedPercentageRaw() + " is not a number";
        }
        if (Double.isNaN(pool.provisionedCapacityGb())) {
            return "TypeError: provisioned_capacity_gb " + pool.provisionedCapacityRaw() + " is not a number";
        }
        if (!Double.isFinite(reservedCapacity(total.value(), pool.reservedPercentage()))) {
            return "OverflowError: reserved capacity of " + total + " at " + pool.reservedPercentageRaw()
                    + "% is not finite";
        }
        if (thinRequest && pool.thinProvisioningSupport()) {
            if (Double.isNaN(pool.maxOverSubscriptionRatio())) {
                String error = pool.maxOverSubscriptionRatioError();
                return error != null ? error
                        : "max_over_subscription_ratio " + pool.maxOverSubscriptionRatioRaw() + " is not a number";
            }
        } else if (!pool.freeCapacity().isNumber() || Double.isNaN(pool.freeCapacity().value())) {
            return "TypeError: free_capacity_gb " + pool.freeCapacity() + " cannot be compared with a number";
        }
        return "the virtual free capacity is not a number";
    }

    /**
     * P5: Python's {@code round(x, 2)} — the exact binary value of {@code x} rounded to 2 decimals,
     * ties to even — equal to {@code new BigDecimal(x).setScale(2, HALF_EVEN).doubleValue()}.
     *
     * <p>The BigDecimal is only built when it matters: for {@code |x * 100| < 2^40} the product
     * {@code fl(x * 100)} differs from the exact product by less than 2^-13, so unless it lies within
     * {@value #TIE_MARGIN} of a half-integer both round to the same integer {@code k}; and for
     * {@code |k| < 2^52} BigDecimal's {@code doubleValue()} of {@code k/100} is the correctly rounded
     * {@code (double) k / 100}. Non-finite values are returned unchanged, as Python does.
     */
    static double round2(double x) {
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
}
