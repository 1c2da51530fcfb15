package org.volsched.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.volsched.spi.model.DecisionTrace;
import org.volsched.spi.model.Placement;

class FleetSchedulerTest {
    private static FleetScheduler start(int pools) {
        return FleetScheduler.start(Fleet.generate(pools, Fleet.SEED, false), Map.of(), List.of());
    }

    private static Placement decide(FleetScheduler fleet) {
        return fleet.scheduler().driver().scheduleCreateVolume(FleetScheduler.requestContext(),
                FleetScheduler.typicalRequest(1), FleetScheduler.freshProperties(), DecisionTrace.outcomeOnly());
    }

    private static int backendIndex(FleetScheduler fleet, Placement placement) {
        return fleet.fleet().backends().stream().map(Fleet.Backend::host).toList()
                .indexOf(placement.pool().backendKey());
    }

    @Test
    void aFreshReportReplacesWhatADecisionConsumed() {
        FleetScheduler fleet = start(200);
        fleet.prepareFreshReports();
        for (int round = 0; round < 3; round++) {   // both copies, then the first again
            Placement placement = decide(fleet);
            fleet.reportFresh(backendIndex(fleet, placement));

            assertThat(fleet.restoreConsumed()).as("round %d: nothing left to restore", round).isZero();
        }
    }

    @Test
    void changingNumbersMakeEveryOtherReportOfABackendDiffer() {
        FleetScheduler fleet = start(50);
        fleet.prepareFreshReports(true);
        String pool = fleet.scheduler().hostManager().candidates().get(0).backendId();

        fleet.reportFresh(0);
        double first = free(fleet, pool);
        fleet.reportFresh(0);
        double second = free(fleet, pool);
        fleet.reportFresh(0);

        assertThat(Math.abs(second - first)).as("one report has 1 GB less free than the other").isEqualTo(1.0);
        assertThat(free(fleet, pool)).isEqualTo(first);
    }

    private static double free(FleetScheduler fleet, String backendId) {
        return fleet.scheduler().hostManager().candidates().stream().filter(p -> p.backendId().equals(backendId))
                .findFirst().orElseThrow().freeCapacity().value();
    }

    @Test
    void theSameReportObjectAgainReplacesAConsumptionToo() {
        FleetScheduler fleet = start(200);
        Placement placement = decide(fleet);
        fleet.reReport(backendIndex(fleet, placement));

        assertThat(fleet.restoreConsumed()).isZero();
    }

    @Test
    void freshReportsNeedTheirCopiesFirst() {
        FleetScheduler fleet = start(10);

        assertThatThrownBy(() -> fleet.reportFresh(0)).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("before prepareFreshReports()");
    }

    @Test
    void aDeepCopyIsEqualAndSharesNoMapOrList() {
        Map<String, Object> report = Fleet.generate(10, Fleet.SEED, false).backends().get(0).capabilities();
        Map<String, Object> copy = FleetScheduler.deepCopy(report);

        assertThat(copy).isEqualTo(report).isNotSameAs(report);
        List<?> pools = (List<?>) report.get("pools");
        List<?> copiedPools = (List<?>) copy.get("pools");
        assertThat(copiedPools).isNotSameAs(pools);
        for (int i = 0; i < pools.size(); i++) {
            assertThat(copiedPools.get(i)).isEqualTo(pools.get(i)).isNotSameAs(pools.get(i));
        }
    }

    @Test
    void theRoundRobinWraps() {
        FleetScheduler fleet = start(100);
        int last = fleet.fleet().backends().size() - 1;

        assertThat(fleet.nextBackend(0)).isEqualTo(1);
        assertThat(fleet.nextBackend(last)).isZero();
    }
}
