package org.volsched.core.pipeline;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.ForkJoinTask;
import org.volsched.spi.BackendFilter;
import org.volsched.spi.BackendFilter.PoolPredicate;
import org.volsched.spi.model.DecisionTrace;
import org.volsched.spi.model.DecisionTrace.Rejection;
import org.volsched.spi.model.FilterProperties;
import org.volsched.spi.model.Candidates;
import org.volsched.spi.model.PoolState;
import org.volsched.spi.model.PoolTable;

/**
 * Cinder's filter handler (rules FH1-FH6): the configured filters in order; the survivors keep
 * their input order. A filter is prepared for the request only when at least one candidate
 * reaches it, so a filter that refuses the request outright (an invalid hint) only does so when
 * Cinder's would have been asked about a candidate.
 *
 * <p>Candidates are rows of a table ({@link Candidates}): each filter runs in turn over the rows the
 * previous one kept, through {@link PoolPredicate#testRows}, which built-in filters implement over
 * the table's columns. With a detailed trace each filter tests every pool it receives one by one
 * and records every rejection with its reason.
 */
public final class FilterPipeline {
    /**
     * Tables at least this large are filtered in two halves at once, by filters that allow it;
     * system property {@code volsched.parallelRows} changes it (0 turns it off).
     */
    static final int PARALLEL_ROWS = positiveOrOff(Integer.getInteger("volsched.parallelRows", 32_768));
    private static final int PARALLELISM = Math.min(2, ForkJoinPool.getCommonPoolParallelism() + 1);

    private final List<BackendFilter> filters;

    public FilterPipeline(List<BackendFilter> filters) {
        this.filters = List.copyOf(filters);
    }

    public List<BackendFilter> filters() {
        return filters;
    }

    public Candidates run(Candidates candidates, FilterProperties properties, DecisionTrace trace) {
        if (trace != null && trace.isDetailed()) {
            return runTraced(candidates, properties, trace);
        }
        return runRows(candidates, properties);
    }

    /**
     * Each filter in turn over the rows the previous one kept, through its batch form, between two
     * per-thread scratch arrays; only the survivors' rows are allocated.
     */
    private Candidates runRows(Candidates candidates, FilterProperties properties) {
        PoolTable table = candidates.table();
        int n = candidates.size();
        int[] in = Scratch.ints(n, 0);
        int[] out = Scratch.ints(n, 1);
        for (int j = 0; j < n; j++) {
            in[j] = candidates.row(j);
        }
        for (BackendFilter filter : filters) {
            if (n == 0) {
                break;
            }
            PoolPredicate predicate = filter.prepare(properties);
            n = n >= PARALLEL_ROWS && predicate.supportsParallelRows() && PARALLELISM > 1
                    ? testRowsInTwo(predicate, table, in, n, out)
                    : predicate.testRows(table, in, n, out);
            int[] t = in;
            in = out;
            out = t;
        }
        return new Candidates(table, Arrays.copyOf(in, n), n);
    }

    /**
     * Splits the rows in two halves: the second is filtered by a pool thread while the calling
     * thread filters the first; the results are concatenated in order.
     */
    private static int positiveOrOff(int threshold) {
        return threshold <= 0 ? Integer.MAX_VALUE : threshold;
    }

    private static int testRowsInTwo(PoolPredicate predicate, PoolTable table, int[] in, int n, int[] out) {
        int half = n / 2;
        int secondSize = n - half;
        int[] secondIn = Scratch.ints(secondSize, 2);
        int[] secondOut = Scratch.ints(secondSize, 3);
        System.arraycopy(in, half, secondIn, 0, secondSize);
        ForkJoinTask<Integer> second = ForkJoinPool.commonPool()
                .submit(() -> predicate.testRows(table, secondIn, secondSize, secondOut));
        int first;
        try {
            first = predicate.testRows(table, in, half, out);
        } catch (RuntimeException | Error e) {
            second.join();
            throw e;
        }
        int k = second.join();
        System.arraycopy(secondOut, 0, out, first, k);
        return first + k;
    }

    /** Each filter over every pool it receives, pool by pool, recording each rejection and its reason. */
    private Candidates runTraced(Candidates candidates, FilterProperties properties, DecisionTrace trace) {
        PoolTable table = candidates.table();
        int n = candidates.size();
        int[] current = new int[n];
        for (int j = 0; j < n; j++) {
            current[j] = candidates.row(j);
        }
        for (BackendFilter filter : filters) {
            int[] next = new int[n];
            int k = 0;
            List<Rejection> rejected = new ArrayList<>();
            if (n > 0) {
                PoolPredicate predicate = filter.prepare(properties);
                for (int j = 0; j < n; j++) {
                    PoolState pool = table.pool(current[j]);
                    if (predicate.test(pool)) {
                        next[k++] = current[j];
                    } else {
                        rejected.add(new Rejection(pool.backendId(), predicate.reason(pool)));
                    }
                }
            }
            trace.addFilterStep(new DecisionTrace.FilterStep(filter.name(), n, rejected));
            current = next;
            n = k;
        }
        return new Candidates(table, current, n);
    }
}
