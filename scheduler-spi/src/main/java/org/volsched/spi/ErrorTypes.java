package org.volsched.spi;

/**
 * The error types a decision can fail with ({@link SchedulerException#type()}, a decision's
 * {@code error.type}): the class name of the exception Cinder raises in the same situation, so that
 * what volsched reports can be compared with what Cinder does. Plug-ins throw
 * {@code new SchedulerException(ErrorTypes.X, message)} with these rather than spelling the names.
 *
 * <p>Python's own exceptions appear where Cinder's code fails with one (reading a request it did
 * not expect): {@link #KEY_ERROR}, {@link #TYPE_ERROR}, {@link #ATTRIBUTE_ERROR}.
 */
public final class ErrorTypes {
    /** No pool passed the filters, or none could be weighed ({@code cinder.exception.NoValidBackend}). */
    public static final String NO_VALID_BACKEND = "NoValidBackend";
    /** A configuration value Cinder refuses, such as {@code scheduler_max_attempts} below 1. */
    public static final String INVALID_PARAMETER_VALUE = "InvalidParameterValue";
    /** A filter named by {@code scheduler_default_filters} that no plug-in provides. */
    public static final String FILTER_NOT_FOUND = "SchedulerHostFilterNotFound";
    /** A weigher named by {@code scheduler_default_weighers} that no plug-in provides. */
    public static final String WEIGHER_NOT_FOUND = "SchedulerHostWeigherNotFound";
    /** Cinder's base exception, raised with a message of its own (unusable hints, a driver that fails to load). */
    public static final String CINDER_EXCEPTION = "CinderException";
    /** A scheduler hint that should be a UUID and is not. */
    public static final String INVALID_UUID = "InvalidUUID";
    /** The instance a hint names does not exist (Nova's answer). */
    public static final String SERVER_NOT_FOUND = "ServerNotFound";
    /** The scheduler's configuration has problems; each is listed ({@link InvalidConfiguration}). */
    public static final String INVALID_CONFIGURATION = "InvalidConfiguration";
    /**
     * volsched's own: the shared capacity ledger's coordination service could not be reached in
     * time, so the claim was not recorded and the volume not placed ({@link LedgerUnavailable}).
     */
    public static final String LEDGER_UNAVAILABLE = "LedgerUnavailable";
    /** volsched's own: a scenario file that cannot be run as given (Cinder would never receive it). */
    public static final String INVALID_SCENARIO = "InvalidScenario";
    /** Python's {@code KeyError}: Cinder's code reads a key the request does not have. */
    public static final String KEY_ERROR = "KeyError";
    /** Python's {@code TypeError}: Cinder's code gets a value of a type it cannot use. */
    public static final String TYPE_ERROR = "TypeError";
    /** Python's {@code AttributeError}: Cinder's code reads an attribute of a value that has none (often None). */
    public static final String ATTRIBUTE_ERROR = "AttributeError";

    private ErrorTypes() {
    }
}
