package org.volsched.driver.capacity;

/**
 * Gives candidates that Cinder could not weigh (it would have crashed the request with a
 * {@code TypeError}, {@code ValueError} or {@code AttributeError}) the lowest weight instead, as the
 * compatibility rules of the architecture require.
 *
 * <p>A weigher marks such a candidate with NaN in its raw weights; {@link #assign} then replaces
 * every NaN with a raw value that ranks strictly last once multiplied: below the smallest valid raw
 * weight for a positive multiplier, above the largest for a negative one (one range, or 1 when all
 * valid weights are equal, beyond it). Under a zero multiplier the weigher contributes nothing, and
 * the smallest valid weight is used. When no candidate is valid, all get 0.
 */
final class LowestWeight {
    private LowestWeight() {
    }

    /**
     * Replaces the NaN entries among the first {@code n} raw weights.
     *
     * @return the value written
     */
    static double assign(double[] out, int n, double multiplier) {
        double lo = Double.POSITIVE_INFINITY;
        double hi = Double.NEGATIVE_INFINITY;
        for (int i = 0; i < n; i++) {
            double w = out[i];
            if (!Double.isNaN(w)) {
                if (w < lo) {
                    lo = w;
                }
                if (w > hi) {
                    hi = w;
                }
            }
        }
        double lowest;
        if (lo > hi) {
            lowest = 0.0;
        } else {
            double gap = hi > lo ? hi - lo : 1.0;
            if (multiplier > 0) {
                lowest = lo - gap;
            } else if (multiplier < 0) {
                lowest = hi + gap;
            } else {
                lowest = lo;
            }
        }
        for (int i = 0; i < n; i++) {
            if (Double.isNaN(out[i])) {
                out[i] = lowest;
            }
        }
        return lowest;
    }
}
