package org.volsched.driver.capacity;

import org.volsched.spi.model.Capacity;
import org.volsched.spi.model.PoolState;

/**
 * Cinder's capacity maths ({@code cinder/utils.py}, rules CM2, CM3, P5) over a pool's pre-parsed
 * numbers. Allocation-free on the common path: the virtual free capacity is returned as a
 * primitive, with NaN standing for "Cinder would have raised here"; {@link #whyNotComputable}
 * gives the reason only when someone asks. The arithmetic itself is the core's
 * {@link org.volsched.spi.model.CapacityMath}, shared with {@code CapacityFilter}.
 */
final class CapacityMath {
    private CapacityMath() {
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
        return pool.virtualFreeCapacity(thinRequest);
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
        if (!Double.isFinite(org.volsched.spi.model.CapacityMath.reservedCapacity(total.value(), pool.reservedPercentage()))) {
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
}
