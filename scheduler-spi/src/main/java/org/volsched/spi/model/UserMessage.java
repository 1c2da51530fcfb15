package org.volsched.spi.model;

import java.time.Instant;

/**
 * A user-visible message, as Cinder's message API stores it (rule F8 step 1).
 *
 * @param eventId for example {@code VOLUME_VOLUME_001_003}
 */
public record UserMessage(String actionId, String resourceType, String resourceUuid, String detailId,
                          String level, String eventId, String projectId, String requestId, Instant expiresAt) {
}
