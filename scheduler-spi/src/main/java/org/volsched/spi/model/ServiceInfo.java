package org.volsched.spi.model;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * A {@code cinder-volume} service as the services table knows it: where it runs, its cluster and
 * zone, whether an operator disabled or froze it, and when it last reported in.
 *
 * @param availabilityZone the zone, interned (zone filters compare zones by reference)
 * @param lastHeartbeat the service's {@code updated_at}; {@code null} when it never reported
 */
public record ServiceInfo(String host, String clusterName, String availabilityZone, boolean disabled,
                          boolean frozen, Instant lastHeartbeat) {
    public ServiceInfo {
        Objects.requireNonNull(host, "host");
        Objects.requireNonNull(availabilityZone, "availabilityZone");
        availabilityZone = availabilityZone.intern();
    }

    /** Backend key: the cluster name when set, else the host (rule HM12). */
    public String backendKey() {
        return clusterName != null && !clusterName.isEmpty() ? clusterName : host;
    }

    /** Rule HM11: up when it reported within {@code serviceDownTime} of {@code now}. */
    public boolean isUp(Instant now, Duration serviceDownTime) {
        return lastHeartbeat != null && !lastHeartbeat.isBefore(now.minus(serviceDownTime));
    }

    public ServiceInfo withHeartbeat(Instant heartbeat) {
        return new ServiceInfo(host, clusterName, availabilityZone, disabled, frozen, heartbeat);
    }
}
