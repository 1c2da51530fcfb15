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
import org.volsched.spi.model.IndexedPools;
import org.volsched.spi.model.PoolState;
import org.volsched.spi.model.PoolTable;

/**
 * Cinder's filter handler (rules FH1-FH6): the configured filters in order; the survivors keep
 * their input order. A filter is prepared for the request only when at least one candidate
 * reaches it, so a filter that refuses the request outright (an invalid hint) only does so when
 * Cinder's would have been asked about a candidate.
 *
 * <p>On a snapshot ({@link IndexedPools}) each filter runs in turn over the rows the previous one
 * kept, through {@link PoolPredicate#testRows}, which built-in filters implement over the
 * snapshot's columns. On other lists, without a detailed trace, the filters run fused: each pool goes through the predicates in
 * order until one rejects it, and only the final survivors are collected, which gives the same
 * survivors as running each filter over the previous one's output. With a detailed trace each
 * filter runs over the whole list it receives and records every rejection with its reason.
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

    public List<PoolState> run(List<PoolState> candidates, FilterProperties properties, DecisionTrace trace) {
        if (trace != null && trace.isDetailed()) {
            return runTraced(candidates, properties, trace);
        }
        if (candidates instanceof IndexedPools indexed) {
            return runRows(indexed, properties);
        }
        int n = filters.size();
        PoolPredicate[] predicates = new PoolPredicate[n];
        List<PoolState> survivors = new ArrayList<>(candidates.size());
        for (int c = 0, size = candidates.size(); c < size; c++) {
            PoolState pool = candidates.get(c);
            boolean passes = true;
            for (int f = 0; f < n; f++) {
                PoolPredicate p = predicates[f];
                if (p == null) {
                    p = filters.get(f).prepare(properties);
                    predicates[f] = p;
                }
                if (!p.test(pool)) {
                    passes = false;
                    break;
                }
            }
            if (passes) {
                survivors.add(pool);
            }
        }
        return survivors;
    }

    /**
     * Over a snapshot's rows: each filter in turn over the rows the previous one kept, through its
     * batch form, between two per-thread scratch arrays; only the survivors' rows are allocated.
     */
    private List<PoolState> runRows(IndexedPools candidates, FilterProperties properties) {
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
        return new IndexedPools(table, Arrays.copyOf(in, n), n);
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

    private List<PoolState> runTraced(List<PoolState> candidates, FilterProperties properties, DecisionTrace trace) {
        List<PoolState> current = candidates;
        for (BackendFilter filter : filters) {
            List<PoolState> next = new ArrayList<>(current.size());
            List<Rejection> rejected = new ArrayList<>();
            if (!current.isEmpty()) {
                PoolPredicate predicate = filter.prepare(properties);
                for (PoolState pool : current) {
                    if (predicate.test(pool)) {
                        next.add(pool);
                    } else {
                        rejected.add(new Rejection(pool.backendId(), predicate.reason(pool)));
                    }
                }
            }
            trace.addFilterStep(new DecisionTrace.FilterStep(filter.name(), current.size(), rejected));
            current = next;
        }
        return current;
    }
}
