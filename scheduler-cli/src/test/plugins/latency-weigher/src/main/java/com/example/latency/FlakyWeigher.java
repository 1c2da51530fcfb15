package com.example.latency;

import java.util.List;
import org.volsched.spi.model.Candidates;
import org.volsched.spi.BackendWeigher;
import org.volsched.spi.model.FilterProperties;
import org.volsched.spi.model.PoolState;

/** A weigher with a bug: it fails every time it weighs. */
final class FlakyWeigher implements BackendWeigher {
    @Override
    public String name() {
        return "FlakyWeigher";
    }

    @Override
    public double multiplier() {
        return 1.0;
    }

    @Override
    public void weigh(Candidates candidates, FilterProperties properties, double[] out) {
        throw new IllegalStateException("latency table index out of range");
    }
}
