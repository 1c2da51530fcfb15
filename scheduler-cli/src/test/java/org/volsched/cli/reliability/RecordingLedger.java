package org.volsched.cli.reliability;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.volsched.spi.CapacityLedger;
import org.volsched.core.host.InMemoryCapacityLedger;

/**
 * The in-memory ledger, with every call recorded in the order the host manager made it (it calls
 * the ledger under its lock, so the record is the order in which claims, reports and removals
 * took effect).
 */
final class RecordingLedger implements CapacityLedger {
    /** One call. */
    sealed interface Event permits Claimed, Reported, Forgot {
        String pool();
    }

    /** {@code gb} claimed (negative: given back) at {@code at} ({@code null} for a give-back). */
    record Claimed(String pool, double gb, Instant at) implements Event {
    }

    /** A report of {@code reportTime} was applied: the claims it covers are dropped. */
    record Reported(String pool, Instant reportTime) implements Event {
    }

    /** The pool disappeared (its backend went down, was disabled, or stopped reporting it). */
    record Forgot(String pool) implements Event {
    }

    private final InMemoryCapacityLedger delegate = new InMemoryCapacityLedger();
    private final List<Event> events = new ArrayList<>();

    @Override
    public synchronized Claims claim(String poolKey, long expectedVersion, double gb, Instant at) {
        Claims claims = delegate.claim(poolKey, expectedVersion, gb, at);
        if (claims != null) {
            events.add(new Claimed(poolKey, gb, at));
        }
        return claims;
    }

    @Override
    public synchronized Claims claims(String poolKey) {
        return delegate.claims(poolKey);
    }

    @Override
    public synchronized Claims reportArrived(String poolKey, Instant reportTime) {
        events.add(new Reported(poolKey, reportTime));
        return delegate.reportArrived(poolKey, reportTime);
    }

    @Override
    public synchronized void forget(String poolKey) {
        events.add(new Forgot(poolKey));
        delegate.forget(poolKey);
    }

    synchronized List<Event> events() {
        return List.copyOf(events);
    }
}
