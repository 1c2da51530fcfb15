package org.volsched.spi.model;

/** A candidate with its final weight (Cinder's {@code WeighedHost}, rule W6). */
public record WeighedPool(PoolState pool, double weight) {
    public String backendId() {
        return pool.backendId();
    }
}
