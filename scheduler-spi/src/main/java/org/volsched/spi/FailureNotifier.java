package org.volsched.spi;

import java.util.Map;

/** Error notifications (Cinder's oslo notifier): {@code scheduler.create_volume} and friends. */
public interface FailureNotifier {
    /**
     * @param publisherId for example {@code scheduler.node1}
     * @param eventType for example {@code scheduler.create_volume}
     * @param payload the notification's payload
     */
    void notifyError(String publisherId, String eventType, Map<String, Object> payload);
}
