package org.volsched.driver.chance;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.random.RandomGenerator;

/** A random source that returns scripted {@code random()} values and counts the draws. */
final class TestingRandom implements RandomGenerator {
    private final Deque<Double> values = new ArrayDeque<>();
    private int draws;

    static TestingRandom of(double... scripted) {
        TestingRandom random = new TestingRandom();
        for (double v : scripted) {
            random.values.add(v);
        }
        return random;
    }

    int draws() {
        return draws;
    }

    @Override
    public double nextDouble() {
        if (values.isEmpty()) {
            throw new IllegalStateException("no scripted draw left after " + draws);
        }
        draws++;
        return values.poll();
    }

    @Override
    public long nextLong() {
        throw new UnsupportedOperationException("only nextDouble() is scripted");
    }
}
