package org.volsched.core.pipeline;

import java.util.ArrayList;
import java.util.List;
import org.volsched.spi.BackendFilter;
import org.volsched.spi.BackendFilter.PoolPredicate;
import org.volsched.spi.model.DecisionTrace;
import org.volsched.spi.model.DecisionTrace.Rejection;
import org.volsched.spi.model.FilterProperties;
import org.volsched.spi.model.PoolState;

/**
 * Cinder's filter handler (rules FH1-FH6): the configured filters in order; the survivors keep
 * their input order. A filter is prepared for the request only when at least one candidate
 * reaches it, so a filter that refuses the request outright (an invalid hint) only does so when
 * Cinder's would have been asked about a candidate.
 *
 * <p>Without a detailed trace the filters run fused: each pool goes through the predicates in
 * order until one rejects it, and only the final survivors are collected, which gives the same
 * survivors as running each filter over the previous one's output. With a detailed trace each
 * filter runs over the whole list it receives and records every rejection with its reason.
 */
public final class FilterPipeline {
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
