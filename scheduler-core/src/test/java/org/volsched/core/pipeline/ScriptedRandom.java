package org.volsched.core.pipeline;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.random.RandomGenerator;

/** A random source that returns the given draws from {@link #nextDouble()}, in order, and counts them. */
final class ScriptedRandom implements RandomGenerator {
    private final Deque<Double> draws = new ArrayDeque<>();
    private int used;

    ScriptedRandom(double... draws) {
        for (double d : draws) {
            this.draws.add(d);
        }
    }

    int used() {
        return used;
    }

    @Override
    public double nextDouble() {
        if (draws.isEmpty()) {
            throw new IllegalStateException("no scripted draw left after " + used);
        }
        used++;
        return draws.removeFirst();
    }

    @Override
    public long nextLong() {
        throw new UnsupportedOperationException("only nextDouble() is scripted");
    }
}
