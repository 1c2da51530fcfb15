package org.volsched.spi;

import java.util.Optional;

/**
 * Finds the hypervisor host of a Nova instance, for {@code InstanceLocalityFilter}. Stands in for
 * Cinder's call to Nova.
 */
public interface InstanceLookup {
    /**
     * The instance's {@code OS-EXT-SRV-ATTR:host}; empty when Nova does not expose it.
     *
     * @throws SchedulerException {@code ServerNotFound} for an unknown instance
     */
    Optional<String> hypervisorHost(String instanceUuid);
}
