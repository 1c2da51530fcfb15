package org.volsched.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.volsched.spi.model.Placement;

class LiveFleetBenchmarkTest {
    private static LiveFleetBenchmark bench(int pools, int reportsPerDecision) {
        LiveFleetBenchmark bench = new LiveFleetBenchmark();
        bench.pools = pools;
        bench.reportsPerDecision = reportsPerDecision;
        bench.setUp();
        bench.restoreCapacity();
        return bench;
    }

    @Test
    void reportsThenTheDecisionTheFrozenFleetWouldMake() {
        LiveFleetBenchmark bench = bench(1000, 10);
        Placement placement = bench.decide();

        assertThat(bench.nextReport()).as("ten backends reported").isEqualTo(10);
        assertThat(placement).isNotNull();
        BaselineScanBenchmark baseline = new BaselineScanBenchmark();
        baseline.pools = 1000;
        baseline.setUp();
        assertThat(placement.backend()).as("reports of the same numbers change nothing")
                .isEqualTo(bench.fleet().fleet().poolId(baseline.scan()));
    }

    @Test
    void theRoundRobinGoesRoundTheFleet() {
        LiveFleetBenchmark bench = bench(100, 10);
        int backends = bench.fleet().fleet().backends().size();
        int decisions = backends / 10 + 3;
        for (int i = 0; i < decisions; i++) {
            Placement placement = bench.decide();
            assertThat(bench.fleet().eligiblePools()).contains(placement.backend());
        }

        assertThat(bench.nextReport()).isEqualTo(decisions * 10 % backends);
    }

    @Test
    void withoutReportsItIsTheDefaultChain() {
        LiveFleetBenchmark live = bench(1000, 0);
        DefaultChainBenchmark frozen = new DefaultChainBenchmark();
        frozen.pools = 1000;
        frozen.setUp();
        frozen.restoreCapacity();

        assertThat(live.decide().backend()).isEqualTo(frozen.decide().backend());
        assertThat(live.nextReport()).isZero();
    }
}
