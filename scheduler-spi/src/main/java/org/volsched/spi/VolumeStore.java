package org.volsched.spi;

/** The volume records: the scheduler sets a volume's host, or marks it errored. */
public interface VolumeStore {
    /** Rule D1: set {@code host}, {@code cluster_name}, {@code availability_zone} and {@code scheduled_at}. */
    void updateHost(String volumeId, String host, String clusterName, String availabilityZone);

    /** Rule F8 step 3: set the volume's status to {@code error}; {@code reason} is for the record. */
    void markError(String volumeId, String reason);
}
