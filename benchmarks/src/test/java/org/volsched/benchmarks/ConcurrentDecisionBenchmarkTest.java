package org.volsched.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.volsched.spi.model.Placement;

class ConcurrentDecisionBenchmarkTest {
    @Test
    void aReportThenADecision() {
        ConcurrentDecisionBenchmark bench = new ConcurrentDecisionBenchmark();
        bench.pools = 1000;
        bench.reportsPerSecond = 1000;
        bench.setUp();
        bench.restoreCapacity();
        bench.report();
        Placement placement = bench.decide();

        assertThat(placement).isNotNull();
        assertThat(bench.fleet().eligiblePools()).contains(placement.backend());
    }
}
