package org.volsched.core.memory;

import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.volsched.spi.VolumeLookup;

/** Volume locations kept in memory: volume id → project and location. Thread-safe. */
public final class InMemoryVolumeLookup implements VolumeLookup {
    private record Stored(String projectId, Location location) {
    }

    private final Map<String, Stored> volumes = new ConcurrentHashMap<>();

    /** Records a volume; {@code projectId} null makes it visible to every project. */
    public InMemoryVolumeLookup put(String volumeId, String projectId, String host, String clusterName) {
        volumes.put(volumeId, new Stored(projectId, new Location(host, clusterName)));
        return this;
    }

    @Override
    public Optional<Location> find(String volumeId, String projectId) {
        Stored s = volumes.get(volumeId);
        if (s == null || (s.projectId() != null && !Objects.equals(s.projectId(), projectId))) {
            return Optional.empty();
        }
        return Optional.of(s.location());
    }
}
