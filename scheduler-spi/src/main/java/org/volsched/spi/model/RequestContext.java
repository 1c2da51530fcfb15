package org.volsched.spi.model;

/**
 * Who asked: Cinder's request context, reduced to what scheduling reads. Affinity filters only
 * see volumes of {@code projectId} (rule AF4).
 */
public record RequestContext(String projectId, String userId, String requestId, boolean admin) {
    public static RequestContext of(String projectId, String userId) {
        return new RequestContext(projectId, userId, "req-" + java.util.UUID.randomUUID(), false);
    }

    public static RequestContext anonymous() {
        return new RequestContext(null, null, "req-volsched", false);
    }
}
