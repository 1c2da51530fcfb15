package org.volsched.core.host;

import java.time.Instant;
import java.util.Collections;
import java.util.Map;
import org.volsched.python.PyException;
import org.volsched.spi.model.Capacity;
import org.volsched.spi.model.PoolState;

/**
 * How the host manager turns what a backend reports into pool states, and how it changes them:
 * reading a pool report with Cinder's defaults (rules HM19, HM20, HM28), consuming capacity (HM29,
 * HM30) and keeping a pool's numbers under a newer mapping (HM18). The model ({@link PoolState})
 * only holds the result; these rules are the scheduler's.
 */
public final class PoolReports {
    private PoolReports() {
    }

    /**
     * Fills every attribute of {@code builder} from a pool report (rules HM19, HM20, HM28):
     * missing values take Cinder's defaults; the over-subscription ratio is computed with the
     * global option {@code globalRatio}. The report becomes the pool's capabilities mapping
     * (unmodifiable; not copied).
     */
    public static PoolState.Builder fromReport(PoolState.Builder builder, Map<String, Object> report,
                                               String globalRatio) {
        Object allocated = report.getOrDefault("allocated_capacity_gb", 0L);
        builder.capabilities(Collections.unmodifiableMap(report))
                .volumeBackendName(report.get("volume_backend_name"))
                .vendorName(report.get("vendor_name"))
                .driverVersion(report.get("driver_version"))
                .storageProtocol(report.get("storage_protocol"))
                .totalCapacity(report.getOrDefault("total_capacity_gb", 0L))
                .freeCapacity(report.getOrDefault("free_capacity_gb", 0L))
                .allocatedCapacity(allocated)
                .qosSupport(report.getOrDefault("QoS_support", false))
                .reservedPercentage(report.getOrDefault("reserved_percentage", 0L))
                .provisionedCapacity(report.getOrDefault("provisioned_capacity_gb", allocated))
                .thinProvisioningSupport(report.getOrDefault("thin_provisioning_support", false))
                .thickProvisioningSupport(report.getOrDefault("thick_provisioning_support", false))
                .multiattach(report.getOrDefault("multiattach", false))
                .filterFunction(report.get("filter_function"))
                .goodnessFunction(report.getOrDefault("goodness_function", 0L));
        try {
            builder.maxOverSubscriptionRatio(OverSubscription.ratio(report, globalRatio), null);
        } catch (PyException e) {
            builder.maxOverSubscriptionRatio(null, e.toString());
        }
        return builder;
    }

    /**
     * Rule HM29: the pool with {@code size} GB consumed ({@code allocated} and {@code provisioned}
     * grow, {@code free} shrinks unless infinite or unknown). A negative size gives capacity back
     * (HM30). {@code at} is the new {@code updated} time, or {@code null} to keep it.
     */
    public static PoolState consumed(PoolState pool, double size, Instant at) {
        PoolState.Builder b = pool.toBuilder()
                .allocatedCapacity(add(pool.allocatedCapacityRaw(), size))
                .provisionedCapacity(add(pool.provisionedCapacityRaw(), size));
        if (!pool.freeCapacity().isUnbounded()) {
            b.freeCapacity(add(pool.freeCapacity().raw(), -size));
        }
        if (at != null) {
            b.updated(at);
        }
        return b.build();
    }

    /** The same pool with a newer capabilities mapping and service, numbers unchanged (HM18's skipped update). */
    public static PoolState withCapabilities(PoolState pool, Map<String, Object> capabilities,
                                             Map<String, Object> service, String availabilityZone) {
        return pool.toBuilder().capabilities(capabilities).service(service).availabilityZone(availabilityZone)
                .build();
    }

    /** A reported number plus {@code delta}, keeping Python's int where both are whole. */
    private static Object add(Object raw, double delta) {
        if ((raw instanceof Long || raw instanceof Integer) && delta == Math.rint(delta) && Math.abs(delta) < 1e15) {
            return ((Number) raw).longValue() + (long) delta;
        }
        double base = Capacity.of(raw).value();
        return Double.isNaN(base) ? raw : (Object) (base + delta);
    }
}
