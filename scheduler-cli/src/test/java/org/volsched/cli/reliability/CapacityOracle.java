package org.volsched.cli.reliability;

import java.math.BigDecimal;
import java.math.RoundingMode;

/**
 * Rules CF3-CF13 of CapacityFilter with the capacity maths CM2, written from the semantics
 * document independently of volsched's code, for pools with numeric capacities. Exact for whole
 * numbers (every intermediate value is then representable).
 */
final class CapacityOracle {
    private CapacityOracle() {
    }

    /**
     * @param ratio the pool's over-subscription ratio as CM1 resolves it (1 for pools without thin support)
     * @param thinRequest false when the volume type asks for {@code provisioning:type = thick}
     */
    static boolean fits(double total, double free, double provisioned, double reservedPercentage,
                        boolean thinSupport, double ratio, double size, boolean thinRequest) {
        if (size == 0) {
            return true;
        }
        if (total <= 0) {
            return false;
        }
        double reservedCapacity = Math.floor(total * (reservedPercentage / 100.0));
        double totalReservedApplied = total - reservedCapacity;
        if (thinRequest && thinSupport) {
            if (ratio < 1) {
                return false;
            }
            double totalAvailable = totalReservedApplied * ratio;
            double totalAvailableRounded = round2(totalAvailable);
            if (totalAvailableRounded == 0) {
                return false; // Cinder divides by zero here; volsched rejects the pool
            }
            if ((provisioned + size) / totalAvailableRounded > ratio) {
                return false;
            }
            return round2(totalAvailable - provisioned) >= size;
        }
        double calculated = totalReservedApplied - provisioned;
        double virtualFree = free < calculated ? free : calculated;
        return round2(virtualFree) >= size;
    }

    /** Python's {@code round(x, 2)} (rule P5). */
    static double round2(double x) {
        return new BigDecimal(x).setScale(2, RoundingMode.HALF_EVEN).doubleValue();
    }
}
