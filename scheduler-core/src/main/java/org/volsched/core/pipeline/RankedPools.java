package org.volsched.core.pipeline;

import java.util.AbstractList;
import java.util.ArrayList;
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

    /**
     * @param best the index of the top candidate if the caller already knows it, else -1
     */
    RankedPools(List<PoolState> candidates, double[] weights, int best) {
        this.candidates = candidates;
        this.weights = weights;
        this.best = best;
    }

    @Override
    public WeighedPool get(int index) {
        if (index == 0 && sorted == null) {
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

    private List<WeighedPool> sorted() {
        if (sorted == null) {
            WeighedPool first = get(0);
            List<WeighedPool> list = new ArrayList<>(weights.length);
            for (int i = 0; i < weights.length; i++) {
                list.add(i == best ? first : new WeighedPool(candidates.get(i), weights[i]));
            }
            list.sort((a, b) -> a.weight() > b.weight() ? -1 : a.weight() < b.weight() ? 1 : 0);
            sorted = list;
        }
        return sorted;
    }

    @Override
    public int size() {
        return weights.length;
    }
}
