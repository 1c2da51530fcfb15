package org.volsched.core.host;

import java.time.Instant;

/**
 * The one seam through which capacity is claimed and given back. The in-memory ledger serves one
 * scheduler process; a ledger backed by a coordination service lets several scheduler replicas
 * share claims.
 *
 * <p>A claim lives until a capability report for the pool arrives whose timestamp is not older than
 * the claim (rule HM18): from then on the report already counts the volume.
 */
public interface CapacityLedger {
    /** What has been claimed on a pool since its last report. */
    record Claims(double gb, Instant lastClaim) {
        public static final Claims NONE = new Claims(0, null);
    }

    /** Records {@code gb} (negative to give back) claimed on {@code poolKey} at {@code at}; returns the new total. */
    Claims claim(String poolKey, double gb, Instant at);

    /** Claims on a pool, {@link Claims#NONE} when none. */
    Claims claims(String poolKey);

    /** A report with {@code reportTime} arrived for the pool: claims it covers are dropped. */
    void reportArrived(String poolKey, Instant reportTime);

    /** The pool is gone. */
    void forget(String poolKey);
}
