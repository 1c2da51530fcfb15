package org.volsched.driver.chance;

import java.util.ArrayList;
import java.util.List;
import org.volsched.spi.VolumeStore;

/** Records every host update and every volume marked errored, in order. */
final class TestingVolumeStore implements VolumeStore {
    record Update(String volumeId, String host, String clusterName, String availabilityZone) {
    }

    private final List<Update> updates = new ArrayList<>();
    private final List<String> errors = new ArrayList<>();

    @Override
    public synchronized void updateHost(String volumeId, String host, String clusterName, String availabilityZone) {
        updates.add(new Update(volumeId, host, clusterName, availabilityZone));
    }

    @Override
    public synchronized void markError(String volumeId, String reason) {
        errors.add(volumeId + ": " + reason);
    }

    synchronized List<Update> updates() {
        return List.copyOf(updates);
    }

    synchronized List<String> errors() {
        return List.copyOf(errors);
    }
}
