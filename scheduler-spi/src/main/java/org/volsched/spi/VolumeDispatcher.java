package org.volsched.spi;

import org.volsched.spi.model.FilterProperties;
import org.volsched.spi.model.RequestContext;
import org.volsched.spi.model.RequestSpec;

/**
 * Where a scheduled request goes next: Cinder casts {@code create_volume} to the volume service
 * that owns the chosen backend (rule D4). Bind your own in a plug-in's Guice module.
 */
public interface VolumeDispatcher {
    /**
     * @param host the chosen backend ({@code host@backend#pool}, or a host for the chance driver)
     */
    void createVolume(RequestContext context, String volumeId, String host, RequestSpec requestSpec,
                      FilterProperties filterProperties);
}
