package org.volsched.benchmarks;

import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The "physical limit" of the default chain: the tightest loop that does its essential work over
 * primitive arrays of the same fleet, with nothing else. Per pool: the zone as an {@code int}
 * compare, the three extra specs as one bit-mask test (pre-evaluated per pool, as a report-time
 * index could), the room check against the pre-computed virtual free capacity, and the running
 * maximum of that capacity, which is what {@code CapacityWeigher} ranks by. It picks the same pool
 * as the default chain's first decision (the sanity test checks it), allocates nothing, consumes
 * nothing and does no retry bookkeeping, normalisation or snapshot work.
 *
 * <p>Not final: JMH subclasses state classes.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Fork(value = 1, jvmArgsAppend = {"-Xms4g", "-Xmx4g"})
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
public class BaselineScanBenchmark {
    /** Pools in the fleet. */
    @Param({"100", "1000", "10000", "100000"})
    public int pools;

    private int[] zone;
    private int[] caps;
    private double[] virtualFree;
    private int requestedZone;
    private int requiredCaps;
    private double size;

    /** Builds the same fleet as the other benchmarks, as arrays. */
    @Setup(Level.Trial)
    public void setUp() {
        Fleet fleet = Fleet.generate(pools, Fleet.SEED, false);
        zone = fleet.zoneCodes();
        caps = fleet.capabilityBits();
        virtualFree = fleet.virtualFreeThin();
        requestedZone = 0;
        requiredCaps = Fleet.CAPS_REQUIRED;
        size = 1;
    }

    /** The index of the pool the default chain would pick, or -1 when none fits. */
    @Benchmark
    public int scan() {
        int[] z = zone;
        int[] c = caps;
        double[] free = virtualFree;
        int wantZone = requestedZone;
        int wantCaps = requiredCaps;
        double need = size;
        int best = -1;
        double bestFree = Double.NEGATIVE_INFINITY;
        for (int i = 0, n = z.length; i < n; i++) {
            double f = free[i];
            if (z[i] == wantZone && (c[i] & wantCaps) == wantCaps && f >= need && f > bestFree) {
                best = i;
                bestFree = f;
            }
        }
        return best;
    }
}
