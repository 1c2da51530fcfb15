package org.volsched.core.memory;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.volsched.spi.VolumeCounter;
import org.volsched.spi.model.PoolState;

/**
 * Volume counts kept in memory, per pool ({@code host@backend#pool}) or per backend
 * ({@code host@backend}, applying to each of its pools). Thread-safe.
 */
public final class InMemoryVolumeCounter implements VolumeCounter {
    private final Map<String, Long> perPool = new ConcurrentHashMap<>();
    private final Map<String, Long> perBackend = new ConcurrentHashMap<>();

    public InMemoryVolumeCounter setPool(String poolHost, long count) {
        perPool.put(poolHost, count);
        return this;
    }

    public InMemoryVolumeCounter setBackend(String backendHost, long count) {
        perBackend.put(backendHost, count);
        return this;
    }

    /** One more volume placed on the pool. */
    public void increment(String poolHost) {
        perPool.merge(poolHost, 1L, Long::sum);
    }

    @Override
    public long count(PoolState pool) {
        Long c = perPool.get(pool.host());
        if (c != null) {
            return c;
        }
        return perBackend.getOrDefault(pool.serviceHost(), 0L);
    }
}
