package org.volsched.core.memory;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.volsched.spi.ErrorTypes;
import org.volsched.spi.InstanceLookup;
import org.volsched.spi.SchedulerException;

/**
 * Nova instances kept in memory: instance uuid → hypervisor host. An instance recorded with a
 * {@code null} host stands for Nova not exposing {@code OS-EXT-SRV-ATTR:host}.
 */
public final class InMemoryInstanceLookup implements InstanceLookup {
    private static final Object NO_HOST = new Object();
    private final Map<String, Object> instances = new ConcurrentHashMap<>();

    public InMemoryInstanceLookup put(String instanceUuid, String hypervisorHost) {
        instances.put(instanceUuid, hypervisorHost == null ? NO_HOST : hypervisorHost);
        return this;
    }

    @Override
    public Optional<String> hypervisorHost(String instanceUuid) {
        Object host = instances.get(instanceUuid);
        if (host == null) {
            throw new SchedulerException(ErrorTypes.SERVER_NOT_FOUND, "Instance " + instanceUuid + " could not be found.");
        }
        return host == NO_HOST ? Optional.empty() : Optional.of((String) host);
    }
}
