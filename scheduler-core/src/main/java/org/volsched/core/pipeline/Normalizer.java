package org.volsched.core.pipeline;

import java.util.OptionalDouble;

/** Cinder's weight normalisation (rules W1, W2). */
public final class Normalizer {
    private Normalizer() {
    }

    /**
     * The bounds Cinder's weigher tracks over {@code raw}: the first weight sets whichever bound is
     * unset, then a weight below the minimum lowers it, else one above the maximum raises it.
     *
     * @return {@code {min, max}}
     */
    public static double[] bounds(double[] raw, int n, OptionalDouble presetMin, OptionalDouble presetMax) {
        if (n == 0) {
            return new double[] {presetMin.orElse(0), presetMax.orElse(0)};
        }
        double min = presetMin.isPresent() ? presetMin.getAsDouble() : raw[0];
        double max = presetMax.isPresent() ? presetMax.getAsDouble() : raw[0];
        for (int i = 0; i < n; i++) {
            double w = raw[i];
            if (w < min) {
                min = w;
            } else if (w > max) {
                max = w;
            }
        }
        return new double[] {min, max};
    }

    /** Normalises {@code raw[0..n)} into {@code out} over {@code [min, max]}; all 0 when they are equal. */
    public static void normalize(double[] raw, int n, double min, double max, double[] out) {
        if (min == max) {
            for (int i = 0; i < n; i++) {
                out[i] = 0.0;
            }
            return;
        }
        double range = max - min;
        for (int i = 0; i < n; i++) {
            out[i] = (raw[i] - min) / range;
        }
    }
}
