package org.volsched.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.volsched.spi.model.DecisionTrace;

class EntrypointFlowBenchmarkTest {
    @Test
    void theFlowRunsTheNoopDriver() {
        EntrypointFlowBenchmark bench = new EntrypointFlowBenchmark();
        bench.pools = 100;
        bench.setUp();
        DecisionTrace trace = bench.createVolume();

        assertThat(bench.scheduler().driver().name()).isEqualTo(NoopDriverPlugin.DRIVER);
        assertThat(trace.failure()).isNull();
        assertThat(trace.selected()).isNotNull();
        assertThat(trace.selected().backend()).isEqualTo(NoopDriverPlugin.BACKEND);
    }
}
