package org.volsched.spi;

/**
 * A scheduling failure with the Cinder exception class it stands for ({@link #type()}, for
 * example {@code InvalidUUID}, {@code ServerNotFound}, {@code SchedulerHostFilterNotFound}) and
 * Cinder's full message. The types volsched uses are named in {@link ErrorTypes}. {@link NoValidBackend}
 * is the one subclass the flow treats specially.
 */
public class SchedulerException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final String type;

    public SchedulerException(String type, String message) {
        super(message);
        this.type = type;
    }

    public SchedulerException(String type, String message, Throwable cause) {
        super(message, cause);
        this.type = type;
    }

    /** The Cinder exception class name, as a decision's {@code error.type}. */
    public String type() {
        return type;
    }
}
