package org.volsched.core.host;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.volsched.core.host.ReportStore.StoredReport;
import org.volsched.spi.model.PoolState;
import org.volsched.spi.model.ServiceInfo;
import org.volsched.python.Py;

/**
 * A backend and its pools as Cinder's host manager keeps them (rules HM17-HM24): applying the
 * stored report through the service that provides the backend, pool naming, the legacy single
 * pool, removal of pools a report no longer names, and the backend-level fields pools inherit.
 *
 * <p>Each pool is a {@link PoolCell}, which also keeps what the pool's last report said (to tell
 * a repeat of it). A new state of a pool is not written here: it is handed to a {@link Changes}
 * listener, the host manager, which installs it (and turns reports into ledger calls and pools into
 * rows). Not thread-safe: the host manager calls it under its lock.
 */
final class BackendState {
    private static final Logger LOG = LoggerFactory.getLogger(BackendState.class);

    /** What applying a report did to the pools. */
    interface Changes {
        /**
         * A report at {@code reportTime} gives a pool already known its numbers (HM18 did not skip
         * it): the ledger's claims it covers go. Comes before the pool's {@link #newState}.
         */
        void reported(PoolCell pool, Instant reportTime);

        /**
         * The pool's state is now {@code state}; for a new pool (its cell has no state yet) it joins
         * the candidates.
         */
        void newState(PoolCell pool, PoolState state);

        /**
         * The pool's state is now {@code state}, which differs from its current one only in its
         * {@code updated} time (a repeated report, nothing claimed since the last one): every
         * column of its row stays as it is.
         */
        void restamped(PoolCell pool, PoolState state);

        /** A pool the report no longer names (HM22b), or every pool of a backend that left. */
        void removed(PoolCell pool);

        /** A slot for a new pool (slots identify a pool across states, for per-pool memos). */
        int newSlot();
    }

    final String key;
    final String host;
    final String clusterName;
    /** The pools by name, in Cinder's pool-map order. */
    final LinkedHashMap<String, PoolCell> pools = new LinkedHashMap<>();
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
    /** What the backend's last report gave its pools (HM23), to tell a repeated pool report. */
    private List<Object> backendInputs;
    /** The {@code max_over_subscription_ratio} option, for pools that report none (CM1). */
    private final String globalRatio;
    /** How many reports were applied to the pools (a serial for {@link PoolCell#namedIn}). */
    private long reports;

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
        boolean sameService = appliedService != null && sameAsPoolsSeeIt(service, appliedService);
        if (report == applied && sameService) {
            appliedService = service;
            return;
        }
        if (!sameService) {
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
            for (PoolCell cell : pools.values()) {
                cell.forgetReport();
                changes.newState(cell, PoolReports.withCapabilities(cell.state, cell.state.capabilities(), serviceMap,
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

    /**
     * Whether two states of the providing service give the pools the same service fields (the
     * {@code service} mapping and the zone). The heartbeat time is not one of them: a service
     * heartbeats every few seconds and reports every minute, and a heartbeat must not make the
     * next repeated report build every pool's state anew.
     */
    private static boolean sameAsPoolsSeeIt(ServiceInfo a, ServiceInfo b) {
        return a.host().equals(b.host()) && Objects.equals(a.clusterName(), b.clusterName())
                && Objects.equals(a.availabilityZone(), b.availabilityZone()) && a.disabled() == b.disabled()
                && a.frozen() == b.frozen();
    }

    /** Every pool goes (the backend left the candidates, HM15). */
    void removeAll(Changes changes) {
        for (PoolCell cell : pools.values()) {
            changes.removed(cell);
        }
        pools.clear();
    }

    private void updatePools(Map<String, Object> caps, ServiceInfo service, Instant ts, Changes changes) {
        // What the backend adds to its pools' reports (HM23): when it changed, no pool repeats its last report.
        List<Object> inputs = Arrays.asList(volumeBackendName, vendorName, driverVersion, storageProtocol,
                caps.containsKey("filter_function"), caps.get("filter_function"),
                caps.containsKey("goodness_function"), caps.get("goodness_function"));
        boolean sameInputs = inputs.equals(backendInputs);
        backendInputs = inputs;
        long serial = ++reports;
        int named = 0;
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
                        String name = Py.str(raw.get("pool_name"));
                        named += named(updatePool(name, raw, caps, index, sameInputs, service, ts, changes), serial);
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
            named += named(updatePool(name, caps, null, -1, sameInputs, service, ts, changes), serial);
        }
        if (named != pools.size()) {
            List<String> gone = new ArrayList<>();
            for (PoolCell cell : pools.values()) {
                if (cell.namedIn != serial) {
                    gone.add(cell.name);
                }
            }
            for (String name : gone) {
                changes.removed(pools.remove(name));
            }
        }
    }

    /** Marks a pool as named by report {@code serial}; 1 the first time the report names it, else 0. */
    private static int named(PoolCell cell, long serial) {
        if (cell.namedIn == serial) {
            return 0;
        }
        cell.namedIn = serial;
        return 1;
    }

    /**
     * A pool's capabilities as Cinder keeps them, from what the report said of it: its own entry
     * with the backend's fields added (HM23), or for a backend without pools the whole report with
     * the protocol's variants (HM21, HM24). Logs what the report gets wrong.
     *
     * @param backendCaps the backend's report, or {@code null} for a backend without pools
     */
    private Map<String, Object> capabilitiesOf(Map<?, ?> raw, Map<String, Object> backendCaps, int index) {
        @SuppressWarnings("unchecked")
        Map<String, Object> pool = new LinkedHashMap<>((Map<String, Object>) raw);
        if (backendCaps != null) {
            lint(pool, "capabilities.pools[" + index + "].");
            appendBackendInfo(pool, backendCaps);
        } else {
            lint(pool, "capabilities.");
            if (pool.containsKey("storage_protocol")) {
                pool.put("storage_protocol", storageProtocol);
            }
        }
        return Collections.unmodifiableMap(pool);
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

    /**
     * Applies what a report said of one pool. A report newer than the pool's state replaces it
     * (HM18); when the pool's entry repeats its last report exactly (same keys in the same order,
     * equal values, same backend fields and service: see {@link ReportImage}), the state built from
     * that report is re-stamped instead of built again: the same numbers and the same capabilities
     * mapping, so per-pool memos stay valid. Its findings were logged when the report last changed.
     */
    private PoolCell updatePool(String name, Map<?, ?> raw, Map<String, Object> backendCaps, int index,
                            boolean sameInputs, ServiceInfo service, Instant ts, Changes changes) {
        PoolCell cell = pools.get(name);
        PoolState existing = cell == null ? null : cell.state;
        if (existing != null && existing.updated() != null && existing.updated().isAfter(ts)) {
            cell.forgetReport();
            changes.newState(cell, PoolReports.withCapabilities(existing, capabilitiesOf(raw, backendCaps, index),
                    serviceMap, service.availabilityZone()));
            return cell;
        }
        if (cell != null && cell.image != null && sameInputs && cell.reportedState.service() == serviceMap
                && cell.image.matches(raw)) {
            PoolState before = cell.reportedState;
            PoolState state = before.restamped(ts);
            cell.reportedState = state;
            changes.reported(cell, ts);
            if (existing == before) {
                // Nothing was claimed since the last report: the row holds these numbers already.
                changes.restamped(cell, state);
            } else {
                changes.newState(cell, state);
            }
            return cell;
        }
        @SuppressWarnings("unchecked")
        Map<String, Object> copy = new LinkedHashMap<>((Map<String, Object>) raw);
        int slot = existing != null ? existing.slot() : changes.newSlot();
        PoolState state = PoolReports.fromReport(new PoolState.Builder()
                .backend(key, host, clusterName)
                .poolName(name)
                .availabilityZone(service.availabilityZone())
                .service(serviceMap)
                .slot(slot)
                .updated(ts), capabilitiesOf(copy, backendCaps, index), globalRatio)
                .build();
        if (cell == null) {
            cell = new PoolCell(key + "#" + name, name, this);
            pools.put(name, cell);
        }
        cell.image = ReportImage.of(copy);
        if (state.maxOverSubscriptionRatioError() != null) {
            LOG.warn("Pool {}: max_over_subscription_ratio cannot be computed ({}); CapacityFilter will "
                    + "reject it", state.backendId(), state.maxOverSubscriptionRatioError());
        }
        cell.reportedState = state;
        if (existing != null) {
            changes.reported(cell, ts);
        }
        changes.newState(cell, state);
        return cell;
    }
}
