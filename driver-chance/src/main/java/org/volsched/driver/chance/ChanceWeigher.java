package org.volsched.driver.chance;

import java.util.List;
import java.util.Objects;
import java.util.random.RandomGenerator;
import org.volsched.spi.model.Candidates;
import org.volsched.spi.BackendWeigher;
import org.volsched.spi.model.FilterProperties;
import org.volsched.spi.model.PoolState;

/**
 * Cinder's {@code ChanceWeigher} (rule W11): one {@code random()} draw per candidate, in list
 * order, from the scheduler's random source (seeded by {@code random_seed}); multiplier 1.0, as
 * Cinder has no option for it. After normalisation the largest draw weighs 1.
 */
final class ChanceWeigher implements BackendWeigher {
    static final String NAME = "ChanceWeigher";

    private final RandomGenerator random;

    ChanceWeigher(RandomGenerator random) {
        this.random = Objects.requireNonNull(random, "random");
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public double multiplier() {
        return 1.0;
    }

    @Override
    public void weigh(Candidates candidates, FilterProperties properties, double[] out) {
        int n = candidates.size();
        synchronized (random) {
            for (int i = 0; i < n; i++) {
                out[i] = random.nextDouble();
            }
        }
    }
}
