package org.volsched.driver.filter;

import java.util.Map;
import java.util.Set;
import org.volsched.driver.filter.eval.Namespaces;
import org.volsched.spi.model.PoolState;

/**
 * The evaluator's namespaces for one pool (rules DF1, W12, EV14), read straight from the pool
 * state and the request without building maps per pool: {@code stats}, {@code capabilities},
 * {@code extra}, {@code volume}, {@code qos}. A protocol variant, when set, replaces
 * {@code stats.storage_protocol} and {@code capabilities.storage_protocol} (rule DF3).
 */
final class PoolNamespaces implements Namespaces {
    private static final Set<String> STATS = Set.of("host", "cluster_name", "backend_id", "volume_backend_name",
            "vendor_name", "driver_version", "storage_protocol", "QoS_support", "total_capacity_gb",
            "allocated_capacity_gb", "free_capacity_gb", "reserved_percentage", "updated");
    private static final Set<String> STATS_WITHOUT_IDS = Set.of("host", "volume_backend_name", "vendor_name",
            "driver_version", "storage_protocol", "QoS_support", "total_capacity_gb", "allocated_capacity_gb",
            "free_capacity_gb", "reserved_percentage", "updated");
    private static final Object NOT_A_MAPPING = new Object();

    private final Map<String, Object> extra;
    private final Map<String, Object> volume;
    private final Object qos;
    private final Set<String> statsKeys;
    private PoolState pool;
    private Object protocolVariant;
    private boolean variantSet;

    /**
     * @param qos the QoS specs: a mapping, or anything else (null included) that is not one
     * @param statsIds whether {@code stats} has {@code cluster_name} and {@code backend_id} (DriverFilter)
     */
    PoolNamespaces(Map<String, Object> extra, Map<String, Object> volume, Object qos, boolean statsIds) {
        this.extra = extra;
        this.volume = volume;
        this.qos = qos instanceof Map ? qos : NOT_A_MAPPING;
        this.statsKeys = statsIds ? STATS : STATS_WITHOUT_IDS;
    }

    PoolNamespaces on(PoolState pool) {
        this.pool = pool;
        this.variantSet = false;
        return this;
    }

    PoolNamespaces withProtocol(Object variant) {
        this.protocolVariant = variant;
        this.variantSet = true;
        return this;
    }

    @Override
    public Object lookup(String namespace, String key) {
        switch (namespace) {
            case "stats":
                if (!statsKeys.contains(key)) {
                    return Failure.NO_SUCH_KEY;
                }
                if (variantSet && key.equals("storage_protocol")) {
                    return protocolVariant;
                }
                return pool.attribute(key);
            case "capabilities":
                if (variantSet && key.equals("storage_protocol")) {
                    return protocolVariant;
                }
                return get(pool.capabilities(), key);
            case "extra":
                return get(extra, key);
            case "volume":
                return get(volume, key);
            case "qos":
                if (qos == NOT_A_MAPPING) {
                    return Failure.NOT_A_MAPPING;
                }
                @SuppressWarnings("unchecked")
                Map<String, Object> q = (Map<String, Object>) qos;
                return get(q, key);
            default:
                return Failure.NO_SUCH_KEY;
        }
    }

    private static Object get(Map<String, Object> map, String key) {
        Object v = map.get(key);
        if (v == null && !map.containsKey(key)) {
            return Failure.NO_SUCH_KEY;
        }
        return v;
    }
}
