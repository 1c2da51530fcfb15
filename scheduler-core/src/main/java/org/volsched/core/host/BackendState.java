package org.volsched.core.host;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.volsched.core.host.ReportStore.StoredReport;
import org.volsched.spi.model.PoolState;
import org.volsched.spi.model.ServiceInfo;
import org.volsched.spi.py.Py;

/**
 * A backend and its pools as Cinder's host manager keeps them (rules HM17-HM24): applying the
 * stored report through the service that provides the backend, pool naming, the legacy single
 * pool, removal of pools a report no longer names, and the backend-level fields pools inherit.
 *
 * <p>What it changed is told to a {@link Changes} listener: the host manager turns it into row
 * writes and ledger calls. Not thread-safe: the host manager calls it under its lock.
 */
final class BackendState {
    private static final Logger LOG = LoggerFactory.getLogger(BackendState.class);

    /** What applying a report did to the pools. */
    interface Changes {
        /** A pool got a report's numbers (HM18 did not skip it): the ledger's claims it covers go. */
        void reported(PoolState pool, Instant reportTime);

        /** A pool the report no longer names (HM22b). */
        void removed(PoolState pool);

        /** A slot for a new pool (slots identify a pool across states, for per-pool memos). */
        int newSlot();
    }

    final String key;
    final String host;
    final String clusterName;
    /** The pools in Cinder's pool-map order. */
    final LinkedHashMap<String, PoolState> pools = new LinkedHashMap<>();
    /** Position among the active backends (larger is later); set when the backend becomes active. */
    long order;
    private StoredReport applied;
    private ServiceInfo appliedService;
    private Map<String, Object> serviceMap = Map.of();
    private Instant updated;
    private Object volumeBackendName;
    private Object vendorName;
    private Object driverVersion;
    private Object storageProtocol;
    /** The {@code max_over_subscription_ratio} option, for pools that report none (CM1). */
    private final String globalRatio;

    BackendState(String key, String host, String clusterName, String globalRatio) {
        this.key = key;
        this.host = host;
        this.clusterName = clusterName;
        this.globalRatio = globalRatio;
    }

    Instant updated() {
        return updated;
    }

    /** Applies a report through a service (HM14, HM18-HM22b); a no-op when neither changed since the last time. */
    void apply(StoredReport report, ServiceInfo service, Changes changes) {
        if (report == applied && service.equals(appliedService)) {
            return;
        }
        if (!service.equals(appliedService)) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("host", service.host());
            m.put("cluster_name", service.clusterName());
            m.put("availability_zone", service.availabilityZone());
            m.put("disabled", service.disabled());
            m.put("frozen", service.frozen());
            m.put("topic", "cinder-volume");
            serviceMap = Collections.unmodifiableMap(m);
        }
        applied = report;
        appliedService = service;
        if (updated != null && updated.isAfter(report.timestamp())) {
            for (Map.Entry<String, PoolState> e : pools.entrySet()) {
                e.setValue(e.getValue().withCapabilities(e.getValue().capabilities(), serviceMap,
                        service.availabilityZone()));
            }
            return;
        }
        Map<String, Object> caps = report.capabilities();
        volumeBackendName = caps.get("volume_backend_name");
        vendorName = caps.get("vendor_name");
        driverVersion = caps.get("driver_version");
        storageProtocol = PoolState.protocolVariants(caps.get("storage_protocol"));
        updated = report.timestamp();
        updatePools(caps, service, report.timestamp(), changes);
    }

    /** Every pool goes (the backend left the candidates, HM15). */
    void removeAll(Changes changes) {
        for (PoolState p : pools.values()) {
            changes.removed(p);
        }
        pools.clear();
    }

    private void updatePools(Map<String, Object> caps, ServiceInfo service, Instant ts, Changes changes) {
        Set<String> activePools = new HashSet<>();
        Object poolList = caps.get("pools");
        if (caps.containsKey("pools") && poolList != null) {
            if (poolList instanceof List<?> list && !list.isEmpty()) {
                int index = 0;
                for (Object item : list) {
                    if (!(item instanceof Map<?, ?> raw)) {
                        LOG.warn("Backend {}: capabilities.pools[{}] is a {}, not a mapping; pool ignored "
                                + "(Cinder would fail every request)", key, index, Py.typeName(item));
                    } else if (raw.get("pool_name") == null) {
                        LOG.warn("Backend {}: capabilities.pools[{}] has no pool_name; pool ignored "
                                + "(Cinder would fail every request with KeyError)", key, index);
                    } else {
                        @SuppressWarnings("unchecked")
                        Map<String, Object> poolReport = new LinkedHashMap<>((Map<String, Object>) raw);
                        String name = Py.str(poolReport.get("pool_name"));
                        lint(poolReport, "capabilities.pools[" + index + "].");
                        appendBackendInfo(poolReport, caps);
                        updatePool(name, poolReport, service, ts, changes);
                        activePools.add(name);
                    }
                    index++;
                }
            } else if (!(poolList instanceof List)) {
                LOG.warn("Backend {}: capabilities.pools is a {}, not a list; the backend offers no pool "
                        + "(as in Cinder)", key, Py.typeName(poolList));
            }
        } else {
            String name = volumeBackendName != null ? Py.str(volumeBackendName) : null;
            if (name == null) {
                String pool = PoolState.poolOf(host);
                name = pool != null ? pool : "_pool0";
            }
            lint(caps, "capabilities.");
            Map<String, Object> legacy = new LinkedHashMap<>(caps);
            if (caps.containsKey("storage_protocol")) {
                legacy.put("storage_protocol", storageProtocol);
            }
            updatePool(name, legacy, service, ts, changes);
            activePools.add(name);
        }
        if (activePools.size() != pools.size()) {
            List<String> gone = new ArrayList<>();
            for (Map.Entry<String, PoolState> e : pools.entrySet()) {
                if (!activePools.contains(e.getKey())) {
                    gone.add(e.getKey());
                }
            }
            for (String name : gone) {
                changes.removed(pools.remove(name));
            }
        }
    }

    /** Logs what the report gets wrong (see {@link ReportLint}); once per report, when it is applied. */
    private void lint(Map<String, Object> report, String path) {
        for (ReportLint.Finding f : ReportLint.check(report)) {
            LOG.warn("Backend {}: {}{}: {}", key, path, f.key(), f.message());
        }
    }

    /** Rule HM23. */
    private void appendBackendInfo(Map<String, Object> pool, Map<String, Object> backendReport) {
        if (!Py.truthy(pool.get("volume_backend_name"))) {
            pool.put("volume_backend_name", volumeBackendName);
        }
        Object protocol = pool.get("storage_protocol");
        pool.put("storage_protocol", Py.truthy(protocol) ? PoolState.protocolVariants(protocol) : storageProtocol);
        if (!Py.truthy(pool.get("vendor_name"))) {
            pool.put("vendor_name", vendorName);
        }
        if (!Py.truthy(pool.get("driver_version"))) {
            pool.put("driver_version", driverVersion);
        }
        if (!pool.containsKey("filter_function") && backendReport.containsKey("filter_function")) {
            pool.put("filter_function", backendReport.get("filter_function"));
        }
        if (!pool.containsKey("goodness_function") && backendReport.containsKey("goodness_function")) {
            pool.put("goodness_function", backendReport.get("goodness_function"));
        }
    }

    private void updatePool(String name, Map<String, Object> poolReport, ServiceInfo service, Instant ts,
                            Changes changes) {
        PoolState existing = pools.get(name);
        Map<String, Object> caps = Collections.unmodifiableMap(poolReport);
        if (existing != null && existing.updated() != null && existing.updated().isAfter(ts)) {
            pools.put(name, existing.withCapabilities(caps, serviceMap, service.availabilityZone()));
            return;
        }
        int slot = existing != null ? existing.slot() : changes.newSlot();
        PoolState state = new PoolState.Builder()
                .backend(key, host, clusterName)
                .poolName(name)
                .availabilityZone(service.availabilityZone())
                .service(serviceMap)
                .slot(slot)
                .updated(ts)
                .fromReport(caps, globalRatio)
                .build();
        if (existing != null) {
            changes.reported(state, ts);
        }
        pools.put(name, state);
        if (state.maxOverSubscriptionRatioError() != null) {
            LOG.warn("Pool {}: max_over_subscription_ratio cannot be computed ({}); CapacityFilter will "
                    + "reject it", state.backendId(), state.maxOverSubscriptionRatioError());
        }
    }
}
