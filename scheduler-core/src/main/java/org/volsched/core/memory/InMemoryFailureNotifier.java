package org.volsched.core.memory;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import org.volsched.spi.FailureNotifier;

/** volsched's default {@link FailureNotifier}: records every error notification. Thread-safe. */
public final class InMemoryFailureNotifier implements FailureNotifier {
    private final Queue<Notification> notifications = new ConcurrentLinkedQueue<>();

    @Override
    public void notifyError(String publisherId, String eventType, Map<String, Object> payload) {
        notifications.add(new Notification(publisherId, eventType, payload));
    }

    /** Every recorded notification, oldest first (a snapshot). */
    public List<Notification> notifications() {
        return List.copyOf(notifications);
    }

    /** Forgets every recorded notification. */
    public void clear() {
        notifications.clear();
    }

    @Override
    public String toString() {
        return "InMemoryFailureNotifier[" + notifications.size() + " notifications]";
    }

    /**
     * One error notification.
     *
     * @param payload a read-only copy in the sender's key order; values may be {@code null}
     */
    public record Notification(String publisherId, String eventType, Map<String, Object> payload) {
        public Notification {
            Objects.requireNonNull(eventType, "eventType");
            payload = payload == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(payload));
        }
    }
}
