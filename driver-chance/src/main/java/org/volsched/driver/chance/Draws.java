package org.volsched.driver.chance;

import java.util.random.RandomGenerator;

/**
 * Python's {@code random()} over the scheduler's shared random source. Generators such as
 * {@code SplittableRandom} are not thread-safe, so every draw holds the generator's lock; a
 * request's draws are taken together so that a seeded scheduler serving one request at a time
 * sees exactly the sequence Cinder would consume.
 */
final class Draws {
    private Draws() {
    }

    /** One draw, uniform in [0, 1). */
    static double next(RandomGenerator random) {
        synchronized (random) {
            return random.nextDouble();
        }
    }

    /** Rule CS5: {@code floor(random() * n)}, never {@code n} even if the product rounds up. */
    static int index(RandomGenerator random, int n) {
        int i = (int) Math.floor(next(random) * n);
        return Math.min(i, n - 1);
    }
}
