package org.volsched.core.host;

import java.time.Instant;
import org.volsched.spi.model.PoolState;

/**
 * One pool of an active backend, everything the host manager keeps of it in one place: its
 * current state (what claims check against), its claims' bookkeeping, its row, and what its last
 * report said. A report of the backend reaches the pool's cell through the backend's pool map, and
 * a claim through the host manager's map of keys: neither looks the pool up anywhere else, which
 * on a large fleet, where the pool was last touched a minute ago, is what a report costs.
 *
 * <p>Who writes what: the host manager writes {@link #state}, the claim fields and {@link #row}
 * under its lock ({@link HostManager}'s {@code setState} keeps the order claims rely on); the
 * backend writes the report memo ({@link #image}, {@link #reportedState}), also under that lock.
 * Claims read {@link #state}, {@link #changedAt} and {@link #ledgerVersion} without the lock.
 */
final class PoolCell {
    /** {@code <backend key>#<pool name>}: the key of the ledger and of claims. */
    final String key;
    final String name;
    final BackendState backend;
    /** The pool's current state, claims included; {@code null} until the pool joins the candidates. */
    volatile PoolState state;
    volatile long ledgerVersion;
    /** {@link HostManager#version()} when the state last changed. */
    volatile long changedAt;
    /** -1 while it has none (a duplicate dotted key hides it, or compaction is due). */
    int row = -1;
    /** The time of the last report applied to the pool: claims at or before it are superseded (HM18). */
    Instant reportedAt;
    /** What the pool's last applied report said, to tell a repeat of it; {@code null} when none is kept. */
    ReportImage image;
    /** The state built from that report, before claims (a repeat re-stamps it). */
    PoolState reportedState;
    /** The serial of the backend's last report that named the pool (pools it no longer names leave). */
    long namedIn;

    PoolCell(String key, String name, BackendState backend) {
        this.key = key;
        this.name = name;
        this.backend = backend;
    }

    /** Forgets the last report, so that the next one builds the pool's state anew. */
    void forgetReport() {
        image = null;
        reportedState = null;
    }
}
