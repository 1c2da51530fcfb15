package org.volsched.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.volsched.spi.model.Placement;

class ReportIngestBenchmarkTest {
    @Test
    void aReportIsAppliedAndTheDeciderStillDecides() {
        ReportIngestBenchmark bench = new ReportIngestBenchmark();
        bench.pools = 1000;
        bench.setUp();
        bench.restoreCapacity();
        Placement placement = bench.decide();
        String consumedFrom = placement.pool().backendKey();
        int backend = bench.fleet().fleet().backends().stream().map(Fleet.Backend::host).toList()
                .indexOf(consumedFrom);
        for (int i = 0; i <= backend; i++) {
            assertThat(bench.report()).isNotNull();
        }

        assertThat(bench.fleet().restoreConsumed()).as("the report gave back what the decision took").isZero();
        assertThat(bench.fleet().eligiblePools()).contains(bench.decide().backend());
    }
}
