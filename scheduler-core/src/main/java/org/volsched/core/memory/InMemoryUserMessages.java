package org.volsched.core.memory;

import java.util.List;
import java.util.Objects;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import org.volsched.spi.UserMessages;
import org.volsched.spi.model.UserMessage;

/** volsched's default {@link UserMessages}: records every user message. Thread-safe. */
public final class InMemoryUserMessages implements UserMessages {
    private final Queue<UserMessage> messages = new ConcurrentLinkedQueue<>();

    @Override
    public void create(UserMessage message) {
        messages.add(Objects.requireNonNull(message, "message"));
    }

    /** Every recorded message, oldest first (a snapshot). */
    public List<UserMessage> messages() {
        return List.copyOf(messages);
    }

    /** Forgets every recorded message. */
    public void clear() {
        messages.clear();
    }

    @Override
    public String toString() {
        return "InMemoryUserMessages[" + messages.size() + " messages]";
    }
}
