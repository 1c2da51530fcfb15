package org.volsched.spi;

/**
 * A claim could not be recorded because the capacity ledger's coordination service could not be
 * reached in time: the request fails rather than placing a volume no other scheduler would know
 * of (no silent over-commit). The message names the service (a connect string) and how long the
 * ledger waited.
 */
public final class LedgerUnavailable extends SchedulerException {
    private static final long serialVersionUID = 1L;

    public LedgerUnavailable(String message, Throwable cause) {
        super(ErrorTypes.LEDGER_UNAVAILABLE, message, cause);
    }
}
