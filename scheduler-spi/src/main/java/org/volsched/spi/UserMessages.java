package org.volsched.spi;

import org.volsched.spi.model.UserMessage;

/** Cinder's user-visible messages ({@code cinder message-list}). */
public interface UserMessages {
    void create(UserMessage message);
}
