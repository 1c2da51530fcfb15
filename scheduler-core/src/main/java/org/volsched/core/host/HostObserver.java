package org.volsched.core.host;

import java.time.Instant;
import java.util.Map;
import org.volsched.spi.model.ServiceInfo;

/**
 * Sees what the host manager receives (opt-in, {@link HostManager#observe}): service registrations and
 * capability reports, each as it arrives (a report or an update before it is applied, a registration
 * by {@link HostManager#addServiceIfAbsent} once it is), on the caller's thread and outside the host
 * manager's lock. For recording a scheduler's input (volsched's trace recorder); an observer
 * must be quick and must not throw.
 */
public interface HostObserver {
    /** Observes nothing. */
    HostObserver NONE = new HostObserver() {
    };

    /** A service registered or updated ({@link HostManager#updateService}, {@link HostManager#addServiceIfAbsent}). */
    default void serviceUpdated(ServiceInfo service) {
    }

    /** A capability report of a volume service ({@link HostManager#updateServiceCapabilities}). */
    default void capabilitiesReported(String host, String clusterName, Map<String, Object> capabilities,
                                      Instant timestamp) {
    }
}
