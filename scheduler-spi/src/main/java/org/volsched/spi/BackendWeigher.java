package org.volsched.spi;

import java.util.OptionalDouble;
import org.volsched.spi.model.Candidates;
import org.volsched.spi.model.FilterProperties;

/**
 * A weigher: gives each surviving candidate a raw weight. The weight handler normalises the raw
 * weights to 0..1 over the candidates (rule W1) and multiplies them by {@link #multiplier()}.
 * Instances are shared across requests and must be thread-safe.
 */
public interface BackendWeigher {
    String name();

    /** The weight multiplier (for example {@code capacity_weight_multiplier}). */
    double multiplier();

    /** A preset lower bound for normalisation; none by default (rule W2). */
    default OptionalDouble minval() {
        return OptionalDouble.empty();
    }

    /** A preset upper bound for normalisation; none by default (rule W2). */
    default OptionalDouble maxval() {
        return OptionalDouble.empty();
    }

    /**
     * Writes the raw weight of {@code candidates.get(i)} into {@code out[i]} for every candidate,
     * in one pass. Must not throw for any reported value: a value Cinder could not weigh gets the
     * lowest weight. The candidates are rows of a table ({@link Candidates#table()},
     * {@link Candidates#row(int)}): built-in weighers read its columns.
     */
    void weigh(Candidates candidates, FilterProperties properties, double[] out);
}
