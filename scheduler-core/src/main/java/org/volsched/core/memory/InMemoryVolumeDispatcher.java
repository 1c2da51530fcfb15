package org.volsched.core.memory;

import java.util.List;
import java.util.Objects;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import org.volsched.spi.VolumeDispatcher;
import org.volsched.spi.model.FilterProperties;
import org.volsched.spi.model.RequestContext;
import org.volsched.spi.model.RequestSpec;

/**
 * volsched's default {@link VolumeDispatcher}: records every request the scheduler hands on
 * (Cinder's cast to the volume service, rule D4) instead of sending it anywhere. Thread-safe.
 */
public final class InMemoryVolumeDispatcher implements VolumeDispatcher {
    private final Queue<Dispatch> dispatched = new ConcurrentLinkedQueue<>();

    @Override
    public void createVolume(RequestContext context, String volumeId, String host, RequestSpec requestSpec,
                             FilterProperties filterProperties) {
        dispatched.add(new Dispatch(context, volumeId, host, requestSpec, filterProperties));
    }

    /** Every recorded request, oldest first (a snapshot). */
    public List<Dispatch> dispatched() {
        return List.copyOf(dispatched);
    }

    /** The requests recorded for one volume, oldest first. */
    public List<Dispatch> dispatchedFor(String volumeId) {
        return dispatched.stream().filter(d -> Objects.equals(d.volumeId(), volumeId)).toList();
    }

    /** Forgets every recorded request. */
    public void clear() {
        dispatched.clear();
    }

    @Override
    public String toString() {
        return "InMemoryVolumeDispatcher[" + dispatched.size() + " dispatched]";
    }

    /**
     * One handed-on request, as the volume service would receive it.
     *
     * @param host the chosen backend
     * @param filterProperties the request's filter properties as they were when dispatched (the
     *     same mutable object, not a copy)
     */
    public record Dispatch(RequestContext context, String volumeId, String host, RequestSpec requestSpec,
                           FilterProperties filterProperties) {
    }
}
