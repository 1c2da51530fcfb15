package org.volsched.driver.capacity;

import java.util.LinkedHashMap;
import java.util.Map;
import org.volsched.core.host.PoolReports;
import org.volsched.spi.model.PoolState;

/** Builds pool states from capability reports, as the host manager does. */
final class TestingPools {
    static final String GLOBAL_RATIO = "20.0";

    private TestingPools() {
    }

    /**
     * A pool named {@code host@backend#pool} with the given report keys and values (pairs; a value
     * may be {@code null} for a key reported as None).
     */
    static PoolState pool(String name, Object... keyValues) {
        if (keyValues.length % 2 != 0) {
            throw new IllegalArgumentException("keys and values come in pairs");
        }
        Map<String, Object> report = new LinkedHashMap<>();
        for (int i = 0; i < keyValues.length; i += 2) {
            report.put((String) keyValues[i], keyValues[i + 1]);
        }
        String host = PoolState.backendOf(name);
        String poolName = PoolState.poolOf(name);
        return PoolReports.fromReport(new PoolState.Builder()
                .backend(host, host, null)
                .poolName(poolName), report, GLOBAL_RATIO)
                .build();
    }

    /** A thick pool (no thin support) whose virtual free space is {@code free} GB. */
    static PoolState thickPool(String name, double free) {
        return pool(name, "total_capacity_gb", 100_000L, "free_capacity_gb", free,
                "provisioned_capacity_gb", 0L);
    }

    /** A pool reporting {@code "infinite"} free space. */
    static PoolState infinitePool(String name) {
        return pool(name, "total_capacity_gb", "infinite", "free_capacity_gb", "infinite");
    }
}
