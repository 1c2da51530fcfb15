package org.volsched.core.pipeline;

import java.util.AbstractList;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.RandomAccess;
import org.volsched.spi.model.PoolState;
import org.volsched.spi.model.WeighedPool;

/**
 * Weighed candidates, best first, sorted only if someone looks past the top. A decision needs
 * just the winner, which is the first candidate with the highest weight (what a stable
 * descending sort puts first) and takes one pass; explaining or writing the whole ranking sorts
 * once, stably, comparing weights as Python does ({@code -0.0 == 0.0}).
 *
 * <p>The top candidate's pool state is the one read when the decision chose it, before its
 * consumption. The others' states are read from the snapshot when the full ranking is first
 * read, so a pool consumed since shows its consumed numbers.
 */
final class RankedPools extends AbstractList<WeighedPool> implements RandomAccess {
    private final List<PoolState> candidates;
    private final double[] weights;
    private int best;
    private WeighedPool top;
    private List<WeighedPool> sorted;
    /** 0 not checked yet, 1 no NaN weight, 2 some NaN weight. */
    private int nan;

    /**
     * @param best the index of the top candidate if the caller already knows it, else -1
     */
    RankedPools(List<PoolState> candidates, double[] weights, int best) {
        this(candidates, weights, best, 0);
    }

    /**
     * @param nan 1 when the caller knows no weight is NaN, 2 when one is, 0 when it does not know
     */
    RankedPools(List<PoolState> candidates, double[] weights, int best, int nan) {
        this.candidates = candidates;
        this.weights = weights;
        this.best = best;
        this.nan = nan;
    }

    @Override
    public WeighedPool get(int index) {
        if (index == 0 && sorted == null && !hasNaN()) {
            if (top == null) {
                if (best < 0) {
                    best = 0;
                    for (int i = 1, n = weights.length; i < n; i++) {
                        if (weights[i] > weights[best]) {
                            best = i;
                        }
                    }
                }
                top = new WeighedPool(candidates.get(best), weights[best]);
            }
            return top;
        }
        return sorted().get(index);
    }

    /**
     * Python's {@code sorted(weighed, key=weight, reverse=True)}: the list reversed, sorted stably
     * ascending with Python's {@code <} only, and reversed again. Without NaN weights that is the
     * stable descending order; with them (NaN is neither above nor below anything) it is the order
     * Python's timsort gives, which Java's TimSort, a port of it, reproduces.
     */
    private List<WeighedPool> sorted() {
        if (sorted == null) {
            WeighedPool first = hasNaN() ? null : get(0);
            List<WeighedPool> list = new ArrayList<>(weights.length);
            for (int i = 0; i < weights.length; i++) {
                list.add(first != null && i == best ? first : new WeighedPool(candidates.get(i), weights[i]));
            }
            Collections.reverse(list);
            list.sort((a, b) -> a.weight() < b.weight() ? -1 : b.weight() < a.weight() ? 1 : 0);
            Collections.reverse(list);
            sorted = list;
        }
        return sorted;
    }

    private boolean hasNaN() {
        if (nan == 0) {
            nan = 1;
            for (double w : weights) {
                if (w != w) {
                    nan = 2;
                    break;
                }
            }
        }
        return nan == 2;
    }

    @Override
    public int size() {
        return weights.length;
    }
}
