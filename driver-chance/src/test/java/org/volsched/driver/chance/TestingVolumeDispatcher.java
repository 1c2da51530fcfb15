package org.volsched.driver.chance;

import java.util.ArrayList;
import java.util.List;
import org.volsched.spi.VolumeDispatcher;
import org.volsched.spi.model.FilterProperties;
import org.volsched.spi.model.RequestContext;
import org.volsched.spi.model.RequestSpec;

/** Records every create-volume request passed on. */
final class TestingVolumeDispatcher implements VolumeDispatcher {
    record Cast(String volumeId, String host, RequestSpec requestSpec, FilterProperties filterProperties) {
    }

    private final List<Cast> casts = new ArrayList<>();

    @Override
    public synchronized void createVolume(RequestContext context, String volumeId, String host,
                                          RequestSpec requestSpec, FilterProperties filterProperties) {
        casts.add(new Cast(volumeId, host, requestSpec, filterProperties));
    }

    synchronized List<Cast> casts() {
        return List.copyOf(casts);
    }
}
