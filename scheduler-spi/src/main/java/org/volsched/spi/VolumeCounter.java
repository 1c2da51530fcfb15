package org.volsched.spi;

import org.volsched.spi.model.PoolState;

/** Counts the non-deleted volumes placed on a pool, for {@code VolumeNumberWeigher} (rule W15). */
public interface VolumeCounter {
    long count(PoolState pool);
}
