package org.volsched.examples.replicas;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;

/**
 * The example's tight fleet and request stream, the same in every process: four backends, each
 * with a 1,000 GB thick pool and a 1,000 GB thin pool at {@code max_over_subscription_ratio} 1.5
 * (10,000 GB for thin requests in all), and requests of 10 to 100 GB drawn from a seed.
 */
final class Fleet {
    /** The time of every backend's report; claims come after it. */
    static final Instant REPORTED = Instant.parse("2026-12-01T00:00:00Z");
    static final int BACKENDS = 4;
    static final long TOTAL_GB = 1000;
    static final double RATIO = 1.5;

    private Fleet() {
    }

    static String host(int i) {
        return "node" + i + "@be" + i;
    }

    /** Backend {@code i}'s capability report. */
    static Map<String, Object> report(int i) {
        Map<String, Object> thick = new LinkedHashMap<>();
        thick.put("pool_name", "thick");
        thick.put("total_capacity_gb", TOTAL_GB);
        thick.put("free_capacity_gb", TOTAL_GB);
        thick.put("provisioned_capacity_gb", 0L);
        thick.put("reserved_percentage", 0L);
        thick.put("thin_provisioning_support", false);
        Map<String, Object> thin = new LinkedHashMap<>();
        thin.put("pool_name", "thin");
        thin.put("total_capacity_gb", TOTAL_GB);
        thin.put("free_capacity_gb", TOTAL_GB);
        thin.put("provisioned_capacity_gb", 0L);
        thin.put("reserved_percentage", 0L);
        thin.put("thin_provisioning_support", true);
        thin.put("max_over_subscription_ratio", String.valueOf(RATIO));
        return Map.of("volume_backend_name", "be" + i, "storage_protocol", "iSCSI", "pools", List.of(thick, thin));
    }

    /** The size of request {@code r}: 10 to 100 GB. */
    static long size(long seed, int r) {
        return new SplittableRandom(seed * 1_000_003L + r).nextLong(10, 101);
    }

    /**
     * What Cinder's capacity rules let each pool hold of thin requests (no volume type), with
     * nothing reserved or provisioned before: a thick pool its free space, a thin pool its total
     * times the over-subscription ratio.
     */
    static Map<String, Long> capacity() {
        Map<String, Long> c = new TreeMap<>();
        for (int i = 0; i < BACKENDS; i++) {
            c.put(host(i) + "#thick", TOTAL_GB);
            c.put(host(i) + "#thin", (long) (TOTAL_GB * RATIO));
        }
        return c;
    }
}
