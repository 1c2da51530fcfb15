package org.volsched.driver.capacity;

import java.util.HashMap;
import java.util.Map;
import org.volsched.spi.VolumeCounter;
import org.volsched.spi.model.PoolState;

/** Volume counts per pool, keyed by the pool's {@code host} ({@code host@backend#pool}). */
final class TestingVolumeCounter implements VolumeCounter {
    private final Map<String, Long> counts = new HashMap<>();

    TestingVolumeCounter with(String poolHost, long count) {
        counts.put(poolHost, count);
        return this;
    }

    @Override
    public long count(PoolState pool) {
        return counts.getOrDefault(pool.host(), 0L);
    }
}
