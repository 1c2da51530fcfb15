package org.volsched.spi.model;

/**
 * The volume being created, as the volume record holds it when the request reaches the scheduler.
 *
 * @param size as sent (normally a whole number of GB)
 * @param volumeType the type object, or {@code null} for a volume without type
 */
public record Volume(String id, Object size, String availabilityZone, String volumeTypeId, VolumeType volumeType,
                     String projectId, String userId) {
}
