package org.volsched.core.pipeline;

import java.util.ArrayList;
import java.util.List;
import org.volsched.spi.BackendWeigher;
import org.volsched.spi.model.Candidates;
import org.volsched.spi.model.DecisionTrace;
import org.volsched.spi.model.FilterProperties;
import org.volsched.spi.model.PoolState;
import org.volsched.spi.model.WeighedPool;

/**
 * Cinder's {@code OrderedHostWeightHandler} (rule W3): each weigher's raw weights normalised to
 * 0..1, multiplied, summed; then a stable sort by weight, highest first (done lazily: a
 * decision only needs the top, see {@link RankedPools}).
 */
public final class OrderedWeightHandler implements WeightHandler {
    @Override
    public List<WeighedPool> weigh(Candidates candidates, List<BackendWeigher> weighers,
                                   FilterProperties properties, DecisionTrace trace) {
        int n = candidates.size();
        if (n == 0) {
            return List.of();
        }
        double[] total = new double[n];
        double[] raw = Scratch.doubles(n);
        boolean detailed = trace != null && trace.isDetailed();
        int best = -1;
        int nan = 0;
        for (int w = 0, count = weighers.size(); w < count; w++) {
            BackendWeigher weigher = weighers.get(w);
            boolean last = w == count - 1;
            weigher.weigh(candidates, properties, raw);
            double[] b = Normalizer.bounds(raw, n, weigher.minval(), weigher.maxval());
            double min = b[0];
            double max = b[1];
            double m = weigher.multiplier();
            if (min != max) {
                double range = max - min;
                if (last) {
                    // The last accumulation also finds the top: the first of the highest weights.
                    best = 0;
                    boolean sawNaN = false;
                    for (int i = 0; i < n; i++) {
                        double t = total[i] + m * ((raw[i] - min) / range);
                        total[i] = t;
                        if (t > total[best]) {
                            best = i;
                        }
                        sawNaN |= t != t;
                    }
                    nan = sawNaN ? 2 : 1;
                } else {
                    for (int i = 0; i < n; i++) {
                        total[i] += m * ((raw[i] - min) / range);
                    }
                }
            }
            if (detailed) {
                List<DecisionTrace.Weight> weights = new ArrayList<>(n);
                for (int i = 0; i < n; i++) {
                    double normalised = min == max ? 0.0 : (raw[i] - min) / (max - min);
                    weights.add(new DecisionTrace.Weight(candidates.get(i).backendId(), raw[i], normalised,
                            m * normalised));
                }
                trace.addWeigherStep(new DecisionTrace.WeigherStep(weigher.name(), m, min, max, weights));
            }
        }
        return new RankedPools(candidates, total, best, nan);
    }
}
