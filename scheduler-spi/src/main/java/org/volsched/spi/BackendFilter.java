package org.volsched.spi;

import org.volsched.spi.model.FilterProperties;
import org.volsched.spi.model.PoolState;
import org.volsched.spi.model.PoolTable;

/**
 * A filter: keeps the candidate pools that can take the request.
 *
 * <p>Work that depends only on the request (parsing extra specs, compiling a query) belongs in
 * {@link #prepare}, which runs once per request; the returned predicate runs once per pool and
 * should only compare. A filter instance is shared by all requests and must be thread-safe;
 * per-request state lives in the predicate.
 */
public interface BackendFilter {
    /** The name the configuration uses. */
    String name();

    /** Cinder's {@code run_filter_once_per_request}; only matters for multi-instance requests (FH4). */
    default boolean runFilterOncePerRequest() {
        return false;
    }

    /**
     * Prepares the filter for one request.
     *
     * @throws SchedulerException when the request itself is invalid for this filter (for example a
     *     malformed hint that Cinder refuses with {@code InvalidUUID}); scheduling stops
     */
    PoolPredicate prepare(FilterProperties properties);

    /** A filter's decision for one request. */
    interface PoolPredicate {
        /** True when the pool passes. Must not throw for any reported value. */
        boolean test(PoolState pool);

        /**
         * Why {@code pool} was rejected, with the observed and required values
         * ({@code "has 4.5 GB free after 5% reserved, 10 GB requested"}). Only called for
         * rejected pools, and only when a decision is being explained.
         */
        default String reason(PoolState pool) {
            return "rejected";
        }

        /**
         * The batch form the pipeline uses on a snapshot: writes to {@code out} the rows among
         * {@code rows[0..n)} whose pools pass, in order, and returns how many. The default tests
         * each pool; built-in filters override it to read {@link PoolTable} columns.
         */
        /**
         * True when {@link #testRows} may run on two parts of the rows at once, from two threads
         * (for tables of tens of thousands of pools). Off by default: say so only for predicates
         * that are safe to share between threads.
         */
        default boolean supportsParallelRows() {
            return false;
        }

        default int testRows(PoolTable table, int[] rows, int n, int[] out) {
            int k = 0;
            for (int j = 0; j < n; j++) {
                int row = rows[j];
                if (test(table.pool(row))) {
                    out[k++] = row;
                }
            }
            return k;
        }
    }
}
