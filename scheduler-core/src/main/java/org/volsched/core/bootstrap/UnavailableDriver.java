package org.volsched.core.bootstrap;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.volsched.spi.BackendStates;
import org.volsched.spi.SchedulerDriver;
import org.volsched.spi.SchedulerException;
import org.volsched.spi.model.DecisionTrace;
import org.volsched.spi.model.FilterProperties;
import org.volsched.spi.model.Placement;
import org.volsched.spi.model.PoolState;
import org.volsched.spi.model.RequestContext;
import org.volsched.spi.model.RequestSpec;

/**
 * Stands in for the configured driver when Cinder's scheduler could not have been constructed
 * because a configured filter does not exist (rule HM6): Cinder's driver builds its host manager,
 * which resolves the filters, before anything else (FS1's check of {@code scheduler_max_attempts},
 * the weight handler), whichever the driver. Every request fails with that
 * {@code SchedulerHostFilterNotFound}; capability reports still reach the host manager, so that
 * the fleet is known once the configuration is fixed.
 */
final class UnavailableDriver implements SchedulerDriver {
    private final String name;
    private final SchedulerException refusal;
    private final BackendStates states;

    UnavailableDriver(String name, SchedulerException refusal, BackendStates states) {
        this.name = name;
        this.refusal = refusal;
        this.states = states;
    }

    /** A new exception each time (one instance thrown from several requests would share its state). */
    private SchedulerException refused() {
        return new SchedulerException(refusal.type(), refusal.getMessage(), refusal.getCause());
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public Placement scheduleCreateVolume(RequestContext context, RequestSpec requestSpec,
                                          FilterProperties filterProperties, DecisionTrace trace) {
        throw refused();
    }

    @Override
    public PoolState backendPassesFilters(RequestContext context, String backend, RequestSpec requestSpec,
                                          FilterProperties filterProperties) {
        throw refused();
    }

    @Override
    public PoolState findRetypeBackend(RequestContext context, RequestSpec requestSpec,
                                       FilterProperties filterProperties, String migrationPolicy) {
        throw refused();
    }

    @Override
    public List<Map<String, Object>> getPools(RequestContext context, Map<String, Object> filters) {
        throw refused();
    }

    @Override
    public void updateServiceCapabilities(String serviceName, String host, String clusterName,
                                          Map<String, Object> capabilities, Instant timestamp) {
        states.updateServiceCapabilities(serviceName, host, clusterName, capabilities, timestamp);
    }

    /** Ready: requests must reach the driver to fail with Cinder's error, not wait for reports. */
    @Override
    public boolean isReady() {
        return true;
    }
}
