package org.volsched.core.bootstrap;

import java.time.Instant;
import org.volsched.core.host.HostObserver;
import org.volsched.spi.model.FilterProperties;
import org.volsched.spi.model.RequestSpec;
import org.volsched.spi.model.Volume;

/**
 * Sees a scheduler's input (opt-in, {@link Scheduler.Builder#observer}): what its host manager
 * receives ({@link HostObserver}) and every create-volume request, before it is decided. volsched's
 * {@code TraceRecorder} (module {@code scheduler-replay}) writes them as a trace to replay later. Called
 * on the caller's thread, outside every lock; it must be quick and must not throw.
 */
public interface SchedulerObserver extends HostObserver {
    /** A create-volume request, at the scheduler's clock's {@code at}; the arguments are as given to {@link Scheduler#createVolume}. */
    default void createVolumeRequested(Instant at, RequestSpec requestSpec, FilterProperties filterProperties,
                                       Volume volume) {
    }
}
