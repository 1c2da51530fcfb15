package org.volsched.core.memory;

import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.volsched.spi.VolumeStore;

/**
 * volsched's default {@link VolumeStore}: keeps each volume's scheduling outcome in memory, for
 * the command line and for tests. Thread-safe; every update of one volume is atomic.
 *
 * <p>A volume the store has not seen is created on its first update with status
 * {@value #STATUS_CREATING} (Cinder's status of a volume waiting to be scheduled). Setting the host
 * (rule D1) leaves the status alone; {@link #markError} sets it to {@value #STATUS_ERROR} and keeps
 * the host fields.
 */
public final class InMemoryVolumeStore implements VolumeStore {
    public static final String STATUS_CREATING = "creating";
    public static final String STATUS_ERROR = "error";

    private final Clock clock;
    private final Map<String, VolumeRecord> volumes = new ConcurrentHashMap<>();

    /** A store that stamps {@code scheduled_at} from the system clock (UTC). */
    public InMemoryVolumeStore() {
        this(Clock.systemUTC());
    }

    /** A store that stamps {@code scheduled_at} from {@code clock} (the scheduler's, when injected). */
    @Inject
    public InMemoryVolumeStore(Clock clock) {
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    @Override
    public void updateHost(String volumeId, String host, String clusterName, String availabilityZone) {
        Objects.requireNonNull(volumeId, "volumeId");
        Instant now = clock.instant();
        volumes.compute(volumeId, (id, old) -> (old == null ? VolumeRecord.creating(id) : old)
                .withHost(host, clusterName, availabilityZone, now));
    }

    @Override
    public void markError(String volumeId, String reason) {
        Objects.requireNonNull(volumeId, "volumeId");
        volumes.compute(volumeId, (id, old) -> (old == null ? VolumeRecord.creating(id) : old).withError(reason));
    }

    /**
     * The record of a volume.
     *
     * @throws NoSuchElementException when the store never saw {@code volumeId}
     */
    public VolumeRecord volume(String volumeId) {
        VolumeRecord record = volumes.get(volumeId);
        if (record == null) {
            throw new NoSuchElementException("No volume '" + volumeId + "' has been updated");
        }
        return record;
    }

    /** The record of a volume, if the store saw it. */
    public Optional<VolumeRecord> find(String volumeId) {
        return Optional.ofNullable(volumes.get(volumeId));
    }

    /** Every record by volume id (a snapshot, in no particular order). */
    public Map<String, VolumeRecord> volumes() {
        return Collections.unmodifiableMap(new LinkedHashMap<>(volumes));
    }

    /** Forgets every volume. */
    public void clear() {
        volumes.clear();
    }

    @Override
    public String toString() {
        return "InMemoryVolumeStore[" + volumes.size() + " volumes]";
    }

    /**
     * What the scheduler did to one volume.
     *
     * @param host the pool-qualified host set by the driver, or {@code null}
     * @param scheduledAt when the host was set, or {@code null}
     * @param hostUpdates how many times the host was set
     * @param errorReason the reason given when the volume was marked errored, or {@code null}
     */
    public record VolumeRecord(String id, String host, String clusterName, String availabilityZone, String status,
                               Instant scheduledAt, int hostUpdates, String errorReason) {
        public VolumeRecord {
            Objects.requireNonNull(id, "id");
            Objects.requireNonNull(status, "status");
        }

        static VolumeRecord creating(String id) {
            return new VolumeRecord(id, null, null, null, STATUS_CREATING, null, 0, null);
        }

        VolumeRecord withHost(String newHost, String newCluster, String newZone, Instant at) {
            return new VolumeRecord(id, newHost, newCluster, newZone, status, at, hostUpdates + 1, errorReason);
        }

        VolumeRecord withError(String reason) {
            return new VolumeRecord(id, host, clusterName, availabilityZone, STATUS_ERROR, scheduledAt, hostUpdates,
                    reason);
        }

        /** True when the volume was marked errored. */
        public boolean errored() {
            return STATUS_ERROR.equals(status);
        }
    }
}
