package org.volsched.driver.capacity;

import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.volsched.spi.model.Candidates;
import org.volsched.spi.BackendWeigher;
import org.volsched.spi.model.FilterProperties;
import org.volsched.spi.model.PoolState;

/**
 * Cinder's {@code AllocatedCapacityWeigher} (rule W10): the raw weight is the pool's
 * {@code allocated_capacity_gb}, including what earlier decisions consumed. With the default
 * multiplier -1 the least allocated pool wins.
 *
 * <p>A pool whose allocated capacity is not a finite number (Cinder would fail comparing it) gets
 * the lowest weight (see {@link LowestWeight}) and a warning.
 */
final class AllocatedCapacityWeigher implements BackendWeigher {
    static final String NAME = "AllocatedCapacityWeigher";
    static final String OPTION = "allocated_capacity_weight_multiplier";

    private static final Logger LOG = LoggerFactory.getLogger(AllocatedCapacityWeigher.class);

    private final double multiplier;

    AllocatedCapacityWeigher(double multiplier) {
        this.multiplier = multiplier;
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public double multiplier() {
        return multiplier;
    }

    @Override
    public void weigh(Candidates candidates, FilterProperties properties, double[] out) {
        int n = candidates.size();
        boolean anyInvalid = false;
        for (int i = 0; i < n; i++) {
            PoolState pool = candidates.get(i);
            double allocated = pool.allocatedCapacityGb();
            if (Double.isFinite(allocated)) {
                out[i] = allocated;
            } else {
                LOG.warn("{}: cannot weigh {} (allocated_capacity_gb {} is not a finite number), where Cinder "
                        + "would fail the request; giving it the lowest weight", NAME, pool.backendId(),
                        pool.allocatedCapacityRaw());
                out[i] = Double.NaN;
                anyInvalid = true;
            }
        }
        if (anyInvalid) {
            LowestWeight.assign(out, n, multiplier);
        }
    }
}
