package org.volsched.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.volsched.spi.model.Placement;

class ConcurrentDecisionBenchmarkTest {
    @Test
    void reportsAndDecisionsOfEveryGroup() {
        ConcurrentDecisionBenchmark bench = new ConcurrentDecisionBenchmark();
        bench.pools = 1000;
        bench.reportsPerSecond = 0;
        bench.setUp();
        bench.restoreCapacity();
        bench.reportOne();
        bench.reportTwo();
        bench.reportOneRate();
        bench.reportTwoRate();

        for (Placement placement : new Placement[] {bench.decideOne(), bench.decideTwo(), bench.decideOneRate(),
            bench.decideTwoRate()}) {
            assertThat(placement).isNotNull();
            assertThat(bench.fleet().eligiblePools()).contains(placement.backend());
        }
    }
}
