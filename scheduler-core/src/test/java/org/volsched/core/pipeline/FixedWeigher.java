package org.volsched.core.pipeline;

import java.util.Arrays;
import java.util.List;
import java.util.OptionalDouble;
import java.util.concurrent.atomic.AtomicInteger;
import org.volsched.spi.model.Candidates;
import org.volsched.spi.BackendWeigher;
import org.volsched.spi.model.FilterProperties;
import org.volsched.spi.model.PoolState;

/** A weigher whose raw weights are given up front, one per candidate in input order. */
final class FixedWeigher implements BackendWeigher {
    private final String name;
    private final double multiplier;
    private final double[] raw;
    private final OptionalDouble minval;
    private final OptionalDouble maxval;
    private final AtomicInteger calls = new AtomicInteger();

    private FixedWeigher(String name, double multiplier, double[] raw, OptionalDouble minval, OptionalDouble maxval) {
        this.name = name;
        this.multiplier = multiplier;
        this.raw = raw.clone();
        this.minval = minval;
        this.maxval = maxval;
    }

    static FixedWeigher of(String name, double multiplier, double... raw) {
        return new FixedWeigher(name, multiplier, raw, OptionalDouble.empty(), OptionalDouble.empty());
    }

    /** A weigher with preset normalisation bounds (rule W2); none of Cinder's built-in weighers has any. */
    static FixedWeigher bounded(String name, double multiplier, OptionalDouble minval, OptionalDouble maxval,
                                double... raw) {
        return new FixedWeigher(name, multiplier, raw, minval, maxval);
    }

    int calls() {
        return calls.get();
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public double multiplier() {
        return multiplier;
    }

    @Override
    public OptionalDouble minval() {
        return minval;
    }

    @Override
    public OptionalDouble maxval() {
        return maxval;
    }

    @Override
    public void weigh(Candidates candidates, FilterProperties properties, double[] out) {
        calls.incrementAndGet();
        if (candidates.size() != raw.length) {
            throw new IllegalArgumentException(name + " has " + raw.length + " weights for " + candidates.size()
                    + " candidates");
        }
        System.arraycopy(raw, 0, out, 0, raw.length);
    }

    @Override
    public String toString() {
        return name + Arrays.toString(raw) + " x " + multiplier;
    }
}
