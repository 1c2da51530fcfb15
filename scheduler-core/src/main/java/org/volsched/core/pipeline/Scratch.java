package org.volsched.core.pipeline;

/**
 * Per-thread scratch arrays for values that live only while one weigher runs, so that weighing
 * allocates per decision only what the decision keeps.
 */
final class Scratch {
    private static final ThreadLocal<double[]> DOUBLES = ThreadLocal.withInitial(() -> new double[256]);
    private static final ThreadLocal<int[][]> INTS = ThreadLocal.withInitial(() -> new int[][] {new int[256],
        new int[256], new int[256], new int[256]});

    private Scratch() {
    }

    /** A scratch array of at least {@code n} doubles, owned by the calling thread until its next call. */
    static double[] doubles(int n) {
        double[] a = DOUBLES.get();
        if (a.length < n) {
            a = new double[Math.max(n, a.length * 2)];
            DOUBLES.set(a);
        }
        return a;
    }

    /** Scratch int array {@code which} (0 to 3) of at least {@code n} entries, for the calling thread. */
    static int[] ints(int n, int which) {
        int[][] pair = INTS.get();
        if (pair[which].length < n) {
            pair[which] = new int[Math.max(n, pair[which].length * 2)];
        }
        return pair[which];
    }
}
