package org.volsched.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.volsched.spi.model.DecisionTrace;
import org.volsched.spi.model.FilterProperties;
import org.volsched.spi.model.Placement;

class FullChainBenchmarkTest {
    @Test
    void oneDecisionPicksAnEligiblePoolTheRequestDoesNotRuleOut() {
        FullChainBenchmark bench = new FullChainBenchmark();
        bench.pools = 1000;
        bench.setUp();
        bench.restoreCapacity();
        Placement placement = bench.decide();

        assertThat(placement).isNotNull();
        assertThat(bench.fleet().eligiblePools()).contains(placement.backend());
        assertThat(bench.excludedPools()).hasSize(6).doesNotContain(placement.backend());
    }

    @Test
    void everyFilterRejectsSomethingAndMostPoolsSurvive() {
        FullChainBenchmark bench = new FullChainBenchmark();
        bench.pools = 1000;
        bench.setUp();
        bench.restoreCapacity();
        DecisionTrace trace = DecisionTrace.detailed();
        FilterProperties props = bench.properties();
        bench.fleet().scheduler().driver().scheduleCreateVolume(FleetScheduler.requestContext(),
                FleetScheduler.typicalRequest(1), props, trace);

        assertThat(trace.filterSteps()).extracting(DecisionTrace.FilterStep::filter)
                .containsExactlyElementsOf(FullChainBenchmark.FILTERS);
        assertThat(trace.weigherSteps()).extracting(DecisionTrace.WeigherStep::weigher)
                .containsExactlyElementsOf(FullChainBenchmark.WEIGHERS);
        assertThat(trace.filtered().size()).isGreaterThan(500);
        for (DecisionTrace.FilterStep step : trace.filterSteps()) {
            if (!step.filter().equals("SameBackendFilter")) {
                assertThat(step.rejected()).as(step.filter()).isNotEmpty();
            }
        }
    }
}
