package org.volsched.driver.filter;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.volsched.spi.BackendFilter;
import org.volsched.spi.SchedulerContext;
import org.volsched.spi.model.FilterProperties;
import org.volsched.spi.model.PoolState;
import org.volsched.spi.model.PoolTable;
import org.volsched.spi.model.RetryState;

/**
 * Skips backends already tried for this request (rules IA1, IA2): the retry state's
 * {@code backends}, or its {@code hosts} when there is no {@code backends} key.
 * Cinder's entry point calls it {@code RetryFilter}, but only the class name is accepted.
 */
public final class IgnoreAttemptedHostsFilter implements BackendFilter {
    private final CandidateNames names = new CandidateNames();

    public IgnoreAttemptedHostsFilter(SchedulerContext context) {
    }

    @Override
    public String name() {
        return "IgnoreAttemptedHostsFilter";
    }

    @Override
    public PoolPredicate prepare(FilterProperties properties) {
        RetryState retry = properties.retry();
        if (retry == null) {
            return Predicates.PASS_ALL;
        }
        List<String> attempted = retry.attempted();
        if (attempted.isEmpty()) {
            return Predicates.PASS_ALL;
        }
        Set<String> tried = new HashSet<>(attempted);
        int[] triedHashes = CandidateNames.hashesOf(tried);
        return new PoolPredicate() {
            @Override
            public boolean test(PoolState pool) {
                return !tried.contains(pool.backendId());
            }

            /** {@link #test} reading a pool's state only when its name's remembered hash is a tried one's. */
            @Override
            public int testRows(PoolTable table, int[] rows, int n, int[] out) {
                int k = 0;
                for (int j = 0; j < n; j++) {
                    int row = rows[j];
                    if (!names.contains(tried, triedHashes, table, row)) {
                        out[k++] = row;
                    }
                }
                return k;
            }

            @Override
            public String reason(PoolState pool) {
                return "already attempted (attempt " + retry.numAttempts() + ", tried " + attempted + ")";
            }
        };
    }
}
