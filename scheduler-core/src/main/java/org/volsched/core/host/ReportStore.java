package org.volsched.core.host;

import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Stored capability reports (rules HM7-HM8): the newest report of each key ({@code cluster_name
 * or host}), volume and backup reports apart. Not thread-safe: the host manager calls it under its
 * lock.
 */
final class ReportStore {
    /** A report as stored: a copy of the capabilities and its timestamp. */
    record StoredReport(Map<String, Object> capabilities, Instant timestamp) {
    }

    private final Map<String, StoredReport> volume = new HashMap<>();
    private final Map<String, StoredReport> backup = new HashMap<>();
    private boolean anyVolumeReport;

    /**
     * Stores a report unless a newer one is stored for the key (equal timestamps replace: HM8);
     * returns whether it was stored.
     */
    boolean store(boolean isVolume, String key, Map<String, Object> capabilities, Instant timestamp) {
        Map<String, StoredReport> store = isVolume ? volume : backup;
        Map<String, Object> copy = capabilities == null ? new LinkedHashMap<>() : new LinkedHashMap<>(capabilities);
        // One probe of the map in the usual case (a newer report); an older one is put back.
        StoredReport existing = store.put(key, new StoredReport(copy, timestamp));
        if (existing != null && existing.timestamp().isAfter(timestamp)) {
            store.put(key, existing);
            return false;
        }
        anyVolumeReport |= isVolume;
        return true;
    }

    StoredReport stored(boolean isVolume, String key) {
        return (isVolume ? volume : backup).get(key);
    }

    /** The volume report a key's backend uses through one of its services: the cluster's, else the host's (HM13). */
    StoredReport forService(String clusterName, String host) {
        StoredReport report = null;
        if (clusterName != null && !clusterName.isEmpty()) {
            report = volume.get(clusterName);
        }
        return report != null ? report : volume.get(host);
    }

    boolean anyVolumeReport() {
        return anyVolumeReport;
    }
}
