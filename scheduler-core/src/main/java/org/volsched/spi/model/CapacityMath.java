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

    /**
     * Python's {@code round(x, 2)}: the exact binary value rounded to 2 decimals, ties to even.
     * Takes a fast path when {@code x * 100} is clearly away from a tie, and falls back to exact
     * decimal arithmetic otherwise; both give the same double.
     */
    public static double round2(double x) {
        if (Double.isNaN(x) || Double.isInfinite(x)) {
            return x;
        }
        double y = x * 100;
        if (Math.abs(y) < 1e15) {
            double distanceFromTie = Math.abs(y - Math.floor(y) - 0.5);
            if (distanceFromTie > Math.abs(y) * 1e-14 + 1e-9) {
                return Math.rint(y) / 100;
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
}
