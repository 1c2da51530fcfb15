package org.volsched.benchmarks;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The benchmarks' clock: it stands still at {@link FleetScheduler#NOW} until a report is sent, and
 * {@link #tick()} moves it one nanosecond forward for each report, so that the report is strictly
 * newer than every consumption before it (consumptions are stamped with the scheduler's clock),
 * whatever way the host manager compares the two times (Cinder replaces a consumed pool with a
 * report that is not older, rule HM18). Ticks are atomic: reporting and deciding threads may share
 * it.
 *
 * <p>{@link #instant()} returns the same {@code Instant} until the next tick, so the scheduler's
 * reads of its clock on the hot path do not allocate. A million reports move the clock by one
 * millisecond: services that heartbeat at {@code NOW} stay up for the whole run.
 *
 * <p>{@code volsched bench} has its own copy ({@code org.volsched.cli.SteppingClock}): the CLI and
 * the benchmarks share no module but the scheduler's, whose main code this clock does not belong in.
 */
final class SteppingClock extends Clock {
    private final AtomicReference<Instant> now;

    SteppingClock(Instant start) {
        this.now = new AtomicReference<>(Objects.requireNonNull(start, "start"));
    }

    /** Moves the clock forward by one nanosecond and returns the new time. */
    Instant tick() {
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
