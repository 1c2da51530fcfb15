package org.volsched.core.pipeline;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.volsched.core.host.PoolReports;
import org.volsched.spi.model.Candidates;
import org.volsched.spi.model.PoolState;

/** Candidate pools for pipeline tests: {@code node1@lvm#p0}, {@code node1@lvm#p1}, … in that order. */
final class TestingPools {
    private TestingPools() {
    }

    static Candidates pools(int count) {
        List<PoolState> pools = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            pools.add(PoolReports.fromReport(new PoolState.Builder()
                    .backend("node1@lvm", "node1@lvm", null)
                    .poolName("p" + i)
                    .slot(i), Map.of("total_capacity_gb", 100L, "free_capacity_gb", 100L), "20.0")
                    .build());
        }
        return Candidates.of(pools);
    }

    /** The pool names of {@code pools}, in order. */
    static List<String> names(List<PoolState> pools) {
        return pools.stream().map(PoolState::poolName).toList();
    }
}
