package org.volsched.spi;

import java.time.Instant;

/**
 * The one seam through which capacity is claimed and given back. The in-memory ledger serves one
 * scheduler process; a ledger backed by a coordination service lets several scheduler replicas
 * share claims.
 *
 * <p>Claims are optimistic: each pool has a version that moves with every change of its claims: a
 * claim, a give-back, and a report that supersedes claims (a report on a pool with nothing claimed
 * changes no claim and leaves the version; the pool's new state is the host manager's to guard). A
 * decision claims room on the pool at the version it checked the pool
 * against ({@link #claim} with that version); when the version moved meanwhile (another decision
 * claimed, or a report arrived) the claim is refused, and the decision re-checks the pool's new
 * state and claims again, or decides again. This is Placement's generation check.
 *
 * <p>A claim lives until a capability report for the pool arrives whose timestamp is not older than
 * the claim (rule HM18): from then on the report already counts the volume.
 *
 * <p>A plug-in provides a ledger through a {@link CapacityLedgerFactory}; the {@code capacity_ledger}
 * option selects it.
 *
 * <p>Threads and locks: {@link #claim} may take time (a ledger shared through a coordination
 * service writes to it) and the host manager calls it outside any lock of its own; it must be
 * thread-safe. {@link #claims}, {@link #reportArrived} and {@link #forget} are called while the host
 * manager holds its lock, so they answer from the ledger's local view, quickly, and never wait on the
 * network. A shared ledger tells the host manager about other schedulers' claims through the
 * {@link Listener} it is given ({@link #listen}); it must not hold a lock of its own that the
 * methods above need while it calls the listener (the listener takes the host manager's lock).
 */
public interface CapacityLedger {
    /** {@link #claim}'s expected version meaning "whatever it is" (a give-back, rule HM30). */
    long ANY_VERSION = -1;

    /** What has been claimed on a pool since its last report, and the pool's version. */
    record Claims(long version, double gb, Instant lastClaim) {
        public static final Claims NONE = new Claims(0, 0, null);
    }

    /**
     * Records {@code gb} (negative to give back) claimed on {@code poolKey} at {@code at}, if the
     * pool's version is still {@code expectedVersion} (or it is {@link #ANY_VERSION}); returns the
     * pool's claims after it, or {@code null} when the version had moved and nothing was recorded.
     * A shared ledger that refuses a claim has brought its local view up to date first (and told
     * the listener what it learnt), so that the caller's next look at the pool sees why.
     *
     * @throws LedgerUnavailable when the claim could not be recorded (the coordination service cannot
     *     be reached within the ledger's time-out): the caller must not place the volume
     */
    Claims claim(String poolKey, long expectedVersion, double gb, Instant at);

    /** Claims on a pool, {@link Claims#NONE} when none were ever made or reported. */
    Claims claims(String poolKey);

    /**
     * A report with {@code reportTime} arrived for the pool: claims it covers are dropped and, when
     * there were claims, the version moves; returns the pool's claims after it.
     */
    Claims reportArrived(String poolKey, Instant reportTime);

    /** The pool is gone. */
    void forget(String poolKey);

    /**
     * Asks the ledger to tell {@code listener} about claims other schedulers make from now on. A
     * ledger of one process has none and ignores it.
     */
    default void listen(Listener listener) {
    }

    /** Releases what the ledger holds (a connection); the scheduler calls it when it is closed. */
    default void close() {
    }

    /** Hears other schedulers' claims (see {@link #listen}). */
    interface Listener {
        /**
         * Another scheduler claimed {@code gb} (negative: gave back) on the pool at {@code at}; the
         * pool's claims are now {@code after}. A claim at or before the pool's last report is
         * superseded by it (rule HM18) and changes nothing.
         */
        void claimedElsewhere(String poolKey, double gb, Instant at, Claims after);
    }
}
