package org.volsched.core.pipeline;

import java.util.ArrayList;
import java.util.List;
import java.util.random.RandomGenerator;
import org.volsched.spi.BackendWeigher;
import org.volsched.spi.model.Candidates;
import org.volsched.spi.model.DecisionTrace;
import org.volsched.spi.model.FilterProperties;
import org.volsched.spi.model.PoolState;
import org.volsched.spi.model.WeighedPool;

/**
 * Cinder's {@code StochasticHostWeightHandler} (rule W5): raw weights times multipliers, summed
 * without normalisation; one draw picks a winner with probability proportional to its weight;
 * the result is the input rotated so that the winner comes first (not sorted).
 */
public final class StochasticWeightHandler implements WeightHandler {
    private final RandomGenerator random;

    public StochasticWeightHandler(RandomGenerator random) {
        this.random = random;
    }

    @Override
    public List<WeighedPool> weigh(Candidates candidates, List<BackendWeigher> weighers,
                                   FilterProperties properties, DecisionTrace trace) {
        int n = candidates.size();
        if (n == 0) {
            return List.of();
        }
        double[] total = new double[n];
        double[] raw = new double[n];
        boolean detailed = trace != null && trace.isDetailed();
        for (BackendWeigher weigher : weighers) {
            weigher.weigh(candidates, properties, raw);
            double m = weigher.multiplier();
            for (int i = 0; i < n; i++) {
                total[i] += m * raw[i];
            }
            if (detailed) {
                List<DecisionTrace.Weight> weights = new ArrayList<>(n);
                double[] b = Normalizer.bounds(raw, n, weigher.minval(), weigher.maxval());
                for (int i = 0; i < n; i++) {
                    weights.add(new DecisionTrace.Weight(candidates.get(i).backendId(), raw[i], raw[i], m * raw[i]));
                }
                trace.addWeigherStep(new DecisionTrace.WeigherStep(weigher.name(), m, b[0], b[1], weights));
            }
        }
        double[] cumulative = new double[n];
        double sum = 0;
        for (int i = 0; i < n; i++) {
            sum += total[i];
            cumulative[i] = sum;
        }
        double r = random.nextDouble() * sum;
        int winner = 0;
        for (int i = 0; i < n; i++) {
            if (cumulative[i] > r) {
                winner = i;
                break;
            }
        }
        List<WeighedPool> out = new ArrayList<>(n);
        for (int k = 0; k < n; k++) {
            int i = (winner + k) % n;
            out.add(new WeighedPool(candidates.get(i), total[i]));
        }
        return out;
    }
}
