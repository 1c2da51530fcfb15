package org.volsched.benchmarks;

import org.volsched.spi.VolumeDispatcher;
import org.volsched.spi.VolumeStore;
import org.volsched.spi.model.FilterProperties;
import org.volsched.spi.model.RequestContext;
import org.volsched.spi.model.RequestSpec;

/**
 * The integrator's volume store and dispatcher, reduced to nothing: the benchmarks measure the
 * scheduler, not a database write or an RPC cast. Stateless and thread-safe.
 */
final class NoopIntegration implements VolumeStore, VolumeDispatcher {
    static final NoopIntegration INSTANCE = new NoopIntegration();

    private NoopIntegration() {
    }

    @Override
    public void updateHost(String volumeId, String host, String clusterName, String availabilityZone) {
        // the integrator's database write
    }

    @Override
    public void markError(String volumeId, String reason) {
        // the integrator's database write
    }

    @Override
    public void createVolume(RequestContext context, String volumeId, String host, RequestSpec requestSpec,
                             FilterProperties filterProperties) {
        // the integrator's RPC cast to the volume service
    }
}
