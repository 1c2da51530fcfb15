package org.volsched.spi;

import java.util.Optional;

/**
 * Finds existing volumes for the affinity filters ({@code same_host}, {@code different_host}).
 * Stands in for Cinder's database look-up, which only sees the requesting project's volumes.
 */
public interface VolumeLookup {
    /** Where a volume lives: its {@code host} and {@code cluster_name} (either may be null). */
    record Location(String host, String clusterName) {
    }

    /** The location of a non-deleted volume of {@code projectId}, or empty. */
    Optional<Location> find(String volumeId, String projectId);
}
