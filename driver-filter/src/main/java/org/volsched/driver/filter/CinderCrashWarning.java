package org.volsched.driver.filter;

import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;

/**
 * Logs, once per request, that a filter met a value on which Cinder would have crashed (a Python
 * {@code TypeError} and the like) and rejected the pool instead of failing the request, as
 * volsched's compatibility rules say. Created by a filter's {@code prepare}, so it lives exactly as
 * long as one request's predicate; later pools with the same problem are rejected silently.
 */
final class CinderCrashWarning {
    private final Logger log;
    private final String filterName;
    private final AtomicBoolean warned = new AtomicBoolean();

    CinderCrashWarning(Logger log, String filterName) {
        this.log = log;
        this.filterName = filterName;
    }

    /** Logs the first crash of this request; does nothing afterwards. */
    void warn(String backendId, String problem) {
        if (!warned.get() && warned.compareAndSet(false, true)) {
            log.warn("{}: rejected pool {} where Cinder would fail the whole request: {} "
                    + "(further pools with such problems are rejected without warning)",
                    filterName, backendId, problem);
        }
    }

    /** Logs a problem of the request itself (all pools rejected), once. */
    void warnRequest(String problem) {
        if (!warned.get() && warned.compareAndSet(false, true)) {
            log.warn("{}: rejecting every pool where Cinder would fail the whole request: {}", filterName, problem);
        }
    }
}
