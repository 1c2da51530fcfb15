package org.volsched.driver.capacity;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.volsched.spi.model.Candidates;
import org.volsched.core.host.PoolReports;
import org.volsched.spi.BackendStates;
import org.volsched.spi.model.PoolState;

/** A fixed list of pools, all of whose backends are up; consumption replaces the pool's state. */
final class TestingBackendStates implements BackendStates {
    private final List<PoolState> pools = new ArrayList<>();

    TestingBackendStates add(PoolState pool) {
        pools.add(pool);
        return this;
    }

    @Override
    public synchronized Candidates candidates() {
        return Candidates.of(List.copyOf(pools));
    }

    @Override
    public synchronized PoolState consume(PoolState pool, double sizeGb) {
        PoolState consumed = PoolReports.consumed(pool, sizeGb, Instant.EPOCH);
        pools.replaceAll(p -> p.backendId().equals(pool.backendId()) ? consumed : p);
        return consumed;
    }

    @Override
    public synchronized void revertConsumed(String poolName, double sizeGb) {
        pools.replaceAll(p -> p.host().equals(poolName) ? PoolReports.consumed(p, -sizeGb, null) : p);
    }

    @Override
    public void updateServiceCapabilities(String serviceName, String host, String clusterName,
                                          Map<String, Object> capabilities, Instant timestamp) {
        throw new UnsupportedOperationException("the capacity weigher tests build pool states directly");
    }

    @Override
    public synchronized List<Map<String, Object>> getPools(Map<String, Object> filters) {
        List<Map<String, Object>> result = new ArrayList<>();
        for (PoolState p : pools) {
            Map<String, Object> entry = new LinkedHashMap<>();
            entry.put("name", p.host());
            entry.put("capabilities", p.capabilities());
            result.add(entry);
        }
        return result;
    }

    @Override
    public synchronized List<String> hostsUp() {
        return pools.stream().map(PoolState::serviceHost).distinct().toList();
    }

    @Override
    public boolean hasAllCapabilities() {
        return true;
    }
}
