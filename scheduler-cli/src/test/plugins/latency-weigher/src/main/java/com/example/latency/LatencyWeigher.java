package com.example.latency;

import java.util.List;
import org.volsched.spi.model.Candidates;
import org.volsched.spi.BackendWeigher;
import org.volsched.spi.model.FilterProperties;
import org.volsched.spi.model.PoolState;

/** Lower reported {@code latency_ms} is better: the raw weight is its negation (none reported: the worst). */
final class LatencyWeigher implements BackendWeigher {
    private final double multiplier;

    LatencyWeigher(double multiplier) {
        this.multiplier = multiplier;
    }

    @Override
    public String name() {
        return "LatencyWeigher";
    }

    @Override
    public double multiplier() {
        return multiplier;
    }

    @Override
    public void weigh(Candidates candidates, FilterProperties properties, double[] out) {
        for (int i = 0; i < candidates.size(); i++) {
            Object latency = candidates.get(i).capabilities().get("latency_ms");
            out[i] = latency instanceof Number n ? -n.doubleValue() : -1e9;
        }
    }
}
