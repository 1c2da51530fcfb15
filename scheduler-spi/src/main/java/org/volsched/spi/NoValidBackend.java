package org.volsched.spi;

/**
 * Cinder's {@code NoValidBackend}: no candidate is left for the request. The create-volume flow
 * records the failure and then completes normally (rule F8).
 */
public final class NoValidBackend extends SchedulerException {
    private static final long serialVersionUID = 1L;

    private static final String PREFIX = "No valid backend was found. ";

    private NoValidBackend(String message) {
        super(ErrorTypes.NO_VALID_BACKEND, message);
    }

    /** The usual form: Cinder's prefix, then the reason. */
    public static NoValidBackend withReason(String reason) {
        return new NoValidBackend(PREFIX + reason);
    }

    /** A message used as it is, without the prefix (Cinder's {@code backend_passes_filters}). */
    public static NoValidBackend withMessage(String message) {
        return new NoValidBackend(message);
    }
}
