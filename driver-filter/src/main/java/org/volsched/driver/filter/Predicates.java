package org.volsched.driver.filter;

import org.volsched.spi.BackendFilter.PoolPredicate;
import org.volsched.spi.model.PoolState;

/** Shared predicates. */
final class Predicates {
    /** Every pool passes: the filter has nothing to check for this request. */
    static final PoolPredicate PASS_ALL = pool -> true;

    private Predicates() {
    }

    /** Every pool fails, for the same reason. */
    static PoolPredicate rejectAll(String reason) {
        return new PoolPredicate() {
            @Override
            public boolean test(PoolState pool) {
                return false;
            }

            @Override
            public String reason(PoolState pool) {
                return reason;
            }
        };
    }
}
