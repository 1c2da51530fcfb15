package org.volsched.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class BaselineScanBenchmarkTest {
    @Test
    void picksTheEligiblePoolWithTheMostVirtualFreeCapacity() {
        BaselineScanBenchmark bench = new BaselineScanBenchmark();
        bench.pools = 1000;
        bench.setUp();
        int picked = bench.scan();

        Fleet fleet = Fleet.generate(1000, Fleet.SEED, false);
        double[] free = fleet.virtualFreeThin();
        int expected = -1;
        for (int i = 0; i < fleet.poolCount(); i++) {
            if (fleet.eligible(i) && (expected < 0 || free[i] > free[expected])) {
                expected = i;
            }
        }
        assertThat(expected).isNotNegative();
        assertThat(picked).isEqualTo(expected);
    }
}
