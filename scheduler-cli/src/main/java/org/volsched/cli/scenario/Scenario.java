package org.volsched.cli.scenario;

import java.util.List;
import java.util.Map;

/**
 * A scenario as read from JSON (see {@code scenario-format.md}): options, backends with their last
 * capability reports, and one create-volume request. Values are Python-like (Long, Double,
 * BigInteger, String, Boolean, List, Map, null).
 *
 * @param name the file's name without {@code .scenario.json}
 * @param warnings findings that do not stop scheduling (unknown config keys, …)
 */
public record Scenario(String name, Map<String, Object> config, List<Backend> backends, Request request,
                       List<String> warnings) {
    /**
     * One volume service and its report.
     *
     * @param volumeCount the per-backend count ({@code Long}) or per-pool counts ({@code Map}), or null
     * @param capabilities the report, or {@code null} when the service has not reported yet
     */
    public record Backend(String host, String clusterName, String availabilityZone, boolean up, boolean disabled,
                          boolean frozen, Object volumeCount, Map<String, Object> capabilities) {
    }

    /**
     * The request.
     *
     * @param requestSpec the request spec, or {@code null} for the legacy path
     * @param filterProperties {@code null} when absent
     * @param volume the volume record (needed when {@code requestSpec} is null)
     */
    public record Request(Map<String, Object> requestSpec, Map<String, Object> filterProperties,
                          Map<String, Object> volume, Object snapshotId, Object imageId, Object backupId,
                          Map<String, Object> volumeHosts, Map<String, Object> instanceHosts) {
    }
}
