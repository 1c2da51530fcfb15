package org.volsched.core.host;

import java.util.Map;
import org.volsched.python.Py;
import org.volsched.python.PyException;

/** Cinder's {@code calculate_max_over_subscription_ratio} (rule HM28, CM1). */
public final class OverSubscription {
    private OverSubscription() {
    }

    /**
     * The ratio a pool works with: 1.0 without thin support or with unbounded capacities; the
     * pool's own ratio if truthy, else {@code globalRatio}; {@code auto} derives it from the
     * provisioned and used space (integer 20 when nothing is provisioned).
     *
     * @throws PyException {@code ValueError} for a ratio that is not a number,
     *     {@code ZeroDivisionError} for {@code auto} when free exceeds total by exactly 1,
     *     {@code TypeError} for {@code auto} with a provisioned capacity and a total or free
     *     capacity that Python cannot subtract (a string)
     */
    public static Object ratio(Map<String, Object> report, String globalRatio) {
        if (!Py.truthy(report.get("thin_provisioning_support"))) {
            return 1.0;
        }
        Object total = report.getOrDefault("total_capacity_gb", 0L);
        Object free = report.getOrDefault("free_capacity_gb", 0L);
        if (isUnbounded(total) || isUnbounded(free)) {
            return 1.0;
        }
        Object r = report.get("max_over_subscription_ratio");
        if (!Py.truthy(r)) {
            r = globalRatio;
        }
        if ("auto".equals(r)) {
            Object provisioned = report.getOrDefault("provisioned_capacity_gb",
                    report.getOrDefault("allocated_capacity_gb", 0L));
            if (!Py.eq(provisioned, 0L)) {
                if (!Py.isNumber(total) || !Py.isNumber(free)) {
                    throw PyException.typeError("unsupported operand type(s) for -: '" + Py.typeName(total)
                            + "' and '" + Py.typeName(free) + "'");
                }
                double p = Py.toFloat(provisioned);
                double divisor = (Py.asDouble(total) - Py.asDouble(free)) + 1;
                if (divisor == 0) {
                    throw new PyException("ZeroDivisionError", "float division by zero");
                }
                return 1 + p / divisor;
            }
            return 20L;
        }
        return Py.toFloat(r);
    }

    private static boolean isUnbounded(Object v) {
        return "infinite".equals(v) || "unknown".equals(v);
    }
}
