package org.volsched.driver.chance;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.volsched.spi.model.Candidates;
import org.volsched.core.host.PoolReports;
import org.volsched.spi.BackendStates;
import org.volsched.spi.model.PoolState;

/**
 * Volume services in database order, each up or down, enabled or disabled, with the pools its
 * last report described (possibly none). {@link #hostsUp()} follows rule CS1; {@link #candidates()}
 * holds the pools of up, enabled services.
 */
final class TestingBackendStates implements BackendStates {
    record Service(String host, boolean up, boolean disabled, List<String> pools) {
    }

    record Report(String serviceName, String host, Map<String, Object> capabilities) {
    }

    private final List<Service> services = new ArrayList<>();
    private final List<Report> reports = new ArrayList<>();
    private final List<Map<String, Object>> lastPoolFilters = new ArrayList<>();
    private boolean allCapabilities = true;

    /** An up, enabled service with one pool named after its backend. */
    TestingBackendStates up(String host) {
        return service(host, true, false, List.of(host.substring(host.indexOf('@') + 1)));
    }

    TestingBackendStates service(String host, boolean up, boolean disabled, List<String> pools) {
        services.add(new Service(host, up, disabled, List.copyOf(pools)));
        return this;
    }

    TestingBackendStates allCapabilities(boolean value) {
        allCapabilities = value;
        return this;
    }

    List<Report> reports() {
        return List.copyOf(reports);
    }

    List<Map<String, Object>> poolFilters() {
        return List.copyOf(lastPoolFilters);
    }

    @Override
    public Candidates candidates() {
        List<PoolState> result = new ArrayList<>();
        for (Service s : services) {
            if (s.up() && !s.disabled()) {
                for (String pool : s.pools()) {
                    result.add(PoolReports.fromReport(new PoolState.Builder()
                            .backend(s.host(), s.host(), null)
                            .poolName(pool), Map.of("total_capacity_gb", 100L, "free_capacity_gb", 100L), "20.0")
                            .build());
                }
            }
        }
        return Candidates.of(result);
    }

    @Override
    public PoolState consume(PoolState pool, double sizeGb) {
        throw new UnsupportedOperationException("the chance driver never consumes capacity (CS6)");
    }

    @Override
    public void revertConsumed(String poolName, double sizeGb) {
        throw new UnsupportedOperationException("the chance driver never consumes capacity (CS6)");
    }

    @Override
    public void updateServiceCapabilities(String serviceName, String host, String clusterName,
                                          Map<String, Object> capabilities, Instant timestamp) {
        reports.add(new Report(serviceName, host, capabilities));
    }

    @Override
    public List<Map<String, Object>> getPools(Map<String, Object> filters) {
        lastPoolFilters.add(filters);
        List<Map<String, Object>> result = new ArrayList<>();
        for (PoolState p : candidates()) {
            Map<String, Object> entry = new LinkedHashMap<>();
            entry.put("name", p.host());
            entry.put("capabilities", p.capabilities());
            result.add(entry);
        }
        return result;
    }

    @Override
    public List<String> hostsUp() {
        return services.stream().filter(s -> s.up() && !s.disabled()).map(Service::host).toList();
    }

    @Override
    public boolean hasAllCapabilities() {
        return allCapabilities;
    }
}
