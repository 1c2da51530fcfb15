package org.volsched.driver.capacity;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.volsched.spi.model.Candidates;
import org.volsched.spi.BackendWeigher;
import org.volsched.spi.model.FilterProperties;
import org.volsched.spi.model.PoolState;
import org.volsched.spi.model.WeighedPool;

/**
 * Cinder's {@code OrderedHostWeightHandler} (rules W1-W3), so that tests can check final rankings:
 * raw weights per weigher, normalised over the candidates (all equal → 0), multiplied and summed,
 * then a stable sort by weight, highest first.
 */
final class TestingWeightHandler {
    private TestingWeightHandler() {
    }

    static List<WeighedPool> weigh(Candidates candidates, FilterProperties properties,
                                   List<BackendWeigher> weighers) {
        int n = candidates.size();
        double[] total = new double[n];
        double[] raw = new double[n];
        for (BackendWeigher weigher : weighers) {
            weigher.weigh(candidates, properties, raw);
            double min = Double.POSITIVE_INFINITY;
            double max = Double.NEGATIVE_INFINITY;
            for (int i = 0; i < n; i++) {
                min = Math.min(min, raw[i]);
                max = Math.max(max, raw[i]);
            }
            for (int i = 0; i < n; i++) {
                double normalised = min == max ? 0 : (raw[i] - min) / (max - min);
                total[i] += weigher.multiplier() * normalised;
            }
        }
        List<WeighedPool> result = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            result.add(new WeighedPool(candidates.get(i), total[i]));
        }
        result.sort(Comparator.comparingDouble(WeighedPool::weight).reversed());
        return result;
    }

    /** The ranking's backend names, best first. */
    static List<String> ranking(List<PoolState> candidates, FilterProperties properties, BackendWeigher... weighers) {
        return weigh(Candidates.of(candidates), properties, List.of(weighers)).stream().map(WeighedPool::backendId).toList();
    }
}
