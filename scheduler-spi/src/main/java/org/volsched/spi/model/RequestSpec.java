package org.volsched.spi.model;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Cinder's request spec for a create-volume request.
 *
 * @param volumeProperties the volume's properties ({@code size}, {@code availability_zone},
 *     {@code volume_type_id}, {@code user_id}, {@code project_id}, {@code metadata},
 *     {@code qos_specs}, …) as Python-like values
 * @param volumeType the type, or {@code null}
 * @param availabilityZones zones computed by the API; empty when none
 * @param resourceBackend the backend the API requires (snapshot or source volume), or {@code null}
 * @param operation {@code create_volume} on the create path
 * @param legacy true for the plain dict {@code ExtractSchedulerSpecTask} builds when no spec was
 *     sent (rule F4): it has no {@code resource_properties} and a pair-list volume type
 * @param other any further keys, kept for filters that read them
 */
public record RequestSpec(String volumeId, String snapshotId, String imageId, String backupId, String groupId,
                          Map<String, Object> volumeProperties, VolumeType volumeType,
                          List<String> availabilityZones, String resourceBackend, String operation,
                          boolean legacy, Map<String, Object> other) {
    public RequestSpec {
        volumeProperties = volumeProperties == null ? Map.of()
                : Collections.unmodifiableMap(new LinkedHashMap<>(volumeProperties));
        availabilityZones = availabilityZones == null ? List.of() : List.copyOf(availabilityZones);
        other = other == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(other));
    }

    /** A spec for a volume of {@code size} GB with the given type and zone. */
    public static RequestSpec of(String volumeId, int size, String availabilityZone, VolumeType type) {
        Map<String, Object> props = new LinkedHashMap<>();
        props.put("size", (long) size);
        props.put("availability_zone", availabilityZone);
        props.put("volume_type_id", type == null ? null : type.id());
        return new RequestSpec(volumeId, null, null, null, null, props, type, List.of(), null,
                "create_volume", false, Map.of());
    }

    /** The requested size as sent (usually a whole number of GB). */
    public Object size() {
        return volumeProperties.get("size");
    }

    /** {@code resource_properties.availability_zone}; {@code null} on the legacy path (rule AZ2, F5). */
    public Object resourceAvailabilityZone() {
        return legacy ? null : volumeProperties.get("availability_zone");
    }

    public RequestSpec withVolumeProperties(Map<String, Object> properties) {
        return new RequestSpec(volumeId, snapshotId, imageId, backupId, groupId, properties, volumeType,
                availabilityZones, resourceBackend, operation, legacy, other);
    }
}
