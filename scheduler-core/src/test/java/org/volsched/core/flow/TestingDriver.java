package org.volsched.core.flow;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CopyOnWriteArrayList;
import org.volsched.spi.SchedulerDriver;
import org.volsched.spi.VolumeDispatcher;
import org.volsched.spi.VolumeStore;
import org.volsched.spi.model.DecisionTrace;
import org.volsched.spi.model.FilterProperties;
import org.volsched.spi.model.Placement;
import org.volsched.spi.model.PoolState;
import org.volsched.spi.model.RequestContext;
import org.volsched.spi.model.RequestSpec;

/**
 * A driver for flow tests: either places every volume on one fixed backend, doing what Cinder's
 * {@code schedule_create_volume} does after choosing (set the volume's host, hand the request to
 * the volume service), or fails every request with a given exception. Records each call.
 */
final class TestingDriver implements SchedulerDriver {
    private final String backend;
    private final String availabilityZone;
    private final VolumeStore volumes;
    private final VolumeDispatcher dispatcher;
    private final RuntimeException failure;
    private final List<Call> calls = new CopyOnWriteArrayList<>();

    private TestingDriver(String backend, String availabilityZone, VolumeStore volumes, VolumeDispatcher dispatcher,
                          RuntimeException failure) {
        this.backend = backend;
        this.availabilityZone = availabilityZone;
        this.volumes = volumes;
        this.dispatcher = dispatcher;
        this.failure = failure;
    }

    /** A driver that places every volume on {@code backend}, in zone {@code availabilityZone}. */
    static TestingDriver choosing(String backend, String availabilityZone, VolumeStore volumes,
                                  VolumeDispatcher dispatcher) {
        return new TestingDriver(Objects.requireNonNull(backend), availabilityZone, Objects.requireNonNull(volumes),
                Objects.requireNonNull(dispatcher), null);
    }

    /** A driver that fails every request with {@code failure}. */
    static TestingDriver failingWith(RuntimeException failure) {
        return new TestingDriver(null, null, null, null, Objects.requireNonNull(failure));
    }

    List<Call> calls() {
        return List.copyOf(calls);
    }

    @Override
    public String name() {
        return "testing";
    }

    @Override
    public Placement scheduleCreateVolume(RequestContext context, RequestSpec requestSpec,
                                          FilterProperties filterProperties, DecisionTrace trace) {
        calls.add(new Call(context, requestSpec, filterProperties, trace));
        if (failure != null) {
            throw failure;
        }
        Placement placement = new Placement(backend, 1.0, null);
        volumes.updateHost(requestSpec.volumeId(), backend, null, availabilityZone);
        trace.setSelected(placement);
        dispatcher.createVolume(context, requestSpec.volumeId(), backend, requestSpec, filterProperties);
        return placement;
    }

    @Override
    public PoolState backendPassesFilters(RequestContext context, String backendName, RequestSpec requestSpec,
                                          FilterProperties filterProperties) {
        throw new UnsupportedOperationException("TestingDriver only schedules create-volume requests");
    }

    @Override
    public PoolState findRetypeBackend(RequestContext context, RequestSpec requestSpec,
                                       FilterProperties filterProperties, String migrationPolicy) {
        throw new UnsupportedOperationException("TestingDriver only schedules create-volume requests");
    }

    @Override
    public List<Map<String, Object>> getPools(RequestContext context, Map<String, Object> filters) {
        return List.of();
    }

    @Override
    public void updateServiceCapabilities(String serviceName, String host, String clusterName,
                                          Map<String, Object> capabilities, Instant timestamp) {
        // The fixed backend needs no reports.
    }

    @Override
    public boolean isReady() {
        return true;
    }

    /** One {@code scheduleCreateVolume} call, as received. */
    record Call(RequestContext context, RequestSpec requestSpec, FilterProperties filterProperties,
                DecisionTrace trace) {
    }
}
