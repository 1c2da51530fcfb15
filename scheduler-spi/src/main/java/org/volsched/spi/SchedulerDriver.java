package org.volsched.spi;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.volsched.spi.model.DecisionTrace;
import org.volsched.spi.model.FilterProperties;
import org.volsched.spi.model.Placement;
import org.volsched.spi.model.PoolState;
import org.volsched.spi.model.RequestContext;
import org.volsched.spi.model.RequestSpec;

/**
 * A scheduling policy ({@code scheduler_driver}): decides where a request goes.
 * Implementations are thread-safe: several requests may be scheduled at once.
 */
public interface SchedulerDriver {
    String name();

    /**
     * True when the driver places volumes on pools; false for drivers that choose a host and leave
     * the pool to the volume service (the legacy chance driver). Decides how a decision is shown.
     */
    default boolean choosesPools() {
        return true;
    }

    /**
     * Schedules a create-volume request: choose a backend, consume the volume's size from it,
     * set the volume's host through {@link VolumeStore} and hand the request to
     * {@link VolumeDispatcher} (Cinder's {@code schedule_create_volume}).
     *
     * @param trace receives the candidates, the filtered and weighed lists and the choice as the
     *     decision proceeds, so that a failure can still be explained
     * @throws NoValidBackend when no backend can take the volume
     * @throws SchedulerException for any other failure Cinder would raise
     */
    Placement scheduleCreateVolume(RequestContext context, RequestSpec requestSpec,
                                   FilterProperties filterProperties, DecisionTrace trace);

    /**
     * Whether {@code backend} ({@code host@backend} or {@code host@backend#pool}) passes the
     * filters for the request; returns the matching pool (rule FS24).
     *
     * @throws NoValidBackend when it does not
     */
    PoolState backendPassesFilters(RequestContext context, String backend, RequestSpec requestSpec,
                                   FilterProperties filterProperties);

    /**
     * A backend for a retype (rules FS26-FS29): the volume's current backend if it passes,
     * otherwise the best one unless {@code migrationPolicy} is {@code never}.
     */
    PoolState findRetypeBackend(RequestContext context, RequestSpec requestSpec, FilterProperties filterProperties,
                                String migrationPolicy);

    /** Cinder's {@code get_pools}: every pool, optionally restricted by name, capabilities or volume type. */
    List<Map<String, Object>> getPools(RequestContext context, Map<String, Object> filters);

    /** Takes a capability report from a volume service. */
    void updateServiceCapabilities(String serviceName, String host, String clusterName,
                                   Map<String, Object> capabilities, Instant timestamp);

    /** True when every up and enabled backend has reported its capabilities (rule M2). */
    boolean isReady();
}
