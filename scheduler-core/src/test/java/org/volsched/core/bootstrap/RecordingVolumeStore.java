package org.volsched.core.bootstrap;

import java.util.LinkedHashMap;
import java.util.Map;
import org.volsched.spi.VolumeStore;

/** An integrator's volume store: remembers each volume's host and each error reason. */
final class RecordingVolumeStore implements VolumeStore {
    private final Map<String, String> hosts = new LinkedHashMap<>();
    private final Map<String, String> errors = new LinkedHashMap<>();

    @Override
    public synchronized void updateHost(String volumeId, String host, String clusterName, String availabilityZone) {
        hosts.put(volumeId, host);
    }

    @Override
    public synchronized void markError(String volumeId, String reason) {
        errors.put(volumeId, reason);
    }

    synchronized Map<String, String> hosts() {
        return Map.copyOf(hosts);
    }

    synchronized Map<String, String> errors() {
        return Map.copyOf(errors);
    }
}
