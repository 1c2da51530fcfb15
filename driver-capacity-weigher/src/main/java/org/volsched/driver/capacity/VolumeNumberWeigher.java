package org.volsched.driver.capacity;

import java.util.List;
import java.util.Objects;
import org.volsched.spi.model.Candidates;
import org.volsched.spi.BackendWeigher;
import org.volsched.spi.VolumeCounter;
import org.volsched.spi.model.FilterProperties;
import org.volsched.spi.model.PoolState;

/**
 * Cinder's {@code VolumeNumberWeigher} (rule W15): the raw weight is the number of non-deleted
 * volumes on the pool, as the {@link VolumeCounter} counts them (Cinder: volumes whose host is the
 * pool's {@code host} or starts with {@code host#}). With the default multiplier -1 the pool with
 * the fewest volumes wins.
 */
final class VolumeNumberWeigher implements BackendWeigher {
    static final String NAME = "VolumeNumberWeigher";
    static final String OPTION = "volume_number_multiplier";

    private final double multiplier;
    private final VolumeCounter counter;

    VolumeNumberWeigher(double multiplier, VolumeCounter counter) {
        this.multiplier = multiplier;
        this.counter = Objects.requireNonNull(counter, "counter");
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
        for (int i = 0; i < n; i++) {
            out[i] = counter.count(candidates.get(i));
        }
    }
}
