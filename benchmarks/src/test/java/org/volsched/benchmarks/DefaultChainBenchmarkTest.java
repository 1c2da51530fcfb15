package org.volsched.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.volsched.spi.model.Placement;

class DefaultChainBenchmarkTest {
    @Test
    void oneDecisionPicksWhatTheBaselinePicks() {
        DefaultChainBenchmark bench = new DefaultChainBenchmark();
        bench.pools = 1000;
        bench.setUp();
        bench.restoreCapacity();
        Placement placement = bench.decide();

        assertThat(placement).isNotNull();
        assertThat(bench.fleet().eligiblePools()).contains(placement.backend());
        BaselineScanBenchmark baseline = new BaselineScanBenchmark();
        baseline.pools = 1000;
        baseline.setUp();
        assertThat(placement.backend()).isEqualTo(bench.fleet().fleet().poolId(baseline.scan()));
        assertThat(placement.pool().allocatedCapacityGb()).as("1 GB consumed").isPositive();
    }

    @Test
    void restoringCapacityGivesTheSameFirstDecisionAgain() {
        DefaultChainBenchmark bench = new DefaultChainBenchmark();
        bench.pools = 100;
        bench.setUp();
        bench.restoreCapacity();
        Placement first = bench.decide();
        double allocated = first.pool().allocatedCapacityGb();
        for (int i = 0; i < 50; i++) {
            bench.decide();
        }
        bench.restoreCapacity();
        Placement again = bench.decide();
        assertThat(again.backend()).isEqualTo(first.backend());
        assertThat(again.pool().allocatedCapacityGb()).isEqualTo(allocated);
    }
}
