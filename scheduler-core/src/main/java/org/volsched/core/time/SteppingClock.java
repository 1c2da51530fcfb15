package org.volsched.core.time;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A clock that stands still until it is told to move: one nanosecond at a time ({@link #tick()}), or
 * to a given time ({@link #set}, a replay's simulated time, so that nothing the scheduler decides
 * depends on the wall clock). For measuring a live fleet: {@code volsched bench} and the JMH benchmarks stamp each report it sends with {@link #tick()}, so that the report is strictly newer
 * than every consumption before it (consumptions are stamped with the scheduler's clock), whatever
 * way the host manager compares the two times (Cinder replaces a consumed pool with a report that
 * is not older, rule HM18).
 *
 * <p>{@link #instant()} returns the same {@code Instant} until the next tick, so the scheduler's
 * reads of its clock on the hot path do not allocate. A million ticks move the clock by one
 * millisecond: services that heartbeat at the start stay up for the whole run.
 */
public final class SteppingClock extends Clock {
    private final AtomicReference<Instant> now;

    public SteppingClock(Instant start) {
        this.now = new AtomicReference<>(Objects.requireNonNull(start, "start"));
    }

    /** Sets the clock to {@code instant} (a replay's simulated time, which the trace moves). */
    public void set(Instant instant) {
        now.set(Objects.requireNonNull(instant, "instant"));
    }

    /** Moves the clock forward by one nanosecond and returns the new time. */
    public Instant tick() {
        return now.updateAndGet(t -> t.plusNanos(1));
    }

    @Override
    public Instant instant() {
        return now.get();
    }

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    /** A view of this clock in another zone: the same instants, moving when this one ticks. */
    @Override
    public Clock withZone(ZoneId zone) {
        Objects.requireNonNull(zone, "zone");
        if (ZoneOffset.UTC.equals(zone)) {
            return this;
        }
        SteppingClock source = this;
        return new Clock() {
            @Override
            public ZoneId getZone() {
                return zone;
            }

            @Override
            public Clock withZone(ZoneId other) {
                return source.withZone(other);
            }

            @Override
            public Instant instant() {
                return source.instant();
            }
        };
    }
}
