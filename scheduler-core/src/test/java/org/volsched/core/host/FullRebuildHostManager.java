package org.volsched.core.host;

import org.volsched.spi.CapacityLedger;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.volsched.spi.BackendStates;
import org.volsched.spi.model.Candidates;
import org.volsched.spi.model.PoolState;
import org.volsched.spi.model.PoolTable;
import org.volsched.spi.model.ServiceInfo;
import org.volsched.python.Py;

/**
 * The v1 host manager that re-derived every backend on every refresh; kept as the reference the
 * incremental one is checked against ({@code IncrementalHostManagerModelTest}). Test scope only.
 *
 * <p>This is {@code HostManager} as of commit 64c0deb, which passed the Cinder conformance
 * scenarios, adapted only as far as the current API requires: the ledger's claims name the pool's
 * version ({@link CapacityLedger#ANY_VERSION}: this model never conflicts, it claims under its
 * lock) and {@code consumeIfStillFits} became {@link #claim}, with the same body. Everything else,
 * including its javadoc below, is v1's.
 *
 * <p>v1's description: Cinder's host manager (section 6 of the semantics document): services and
 * their liveness, capability reports, backend and pool states, the ordered candidate list, capacity
 * consumption.
 *
 * <p>Writers (reports, service changes, consumption) serialise on one lock. Readers take the
 * current {@link Snapshot}, an immutable array of immutable pool states rebuilt only when something
 * changed or a service's heartbeat may have expired; a decision works on the snapshot it took
 * while reports keep arriving. Consumption replaces the consumed pool's entry in the current
 * snapshot in place, so the next decision sees it without a rebuild.
 */
final class FullRebuildHostManager implements BackendStates {
    private static final Logger LOG = LoggerFactory.getLogger(FullRebuildHostManager.class);

    private final Clock clock;
    private final Duration serviceDownTime;
    private final String globalOverSubscriptionRatio;
    private final CapacityLedger ledger;

    private final Object lock = new Object();
    private final LinkedHashMap<String, ServiceInfo> services = new LinkedHashMap<>();
    private final Map<String, StoredReport> reports = new HashMap<>();
    private final Map<String, StoredReport> backupReports = new HashMap<>();
    private final LinkedHashMap<String, BackendState> backends = new LinkedHashMap<>();
    private Set<String> withoutCapabilities = new HashSet<>();
    private boolean anyReportRecorded;
    private long reportSequence;
    private int nextSlot;
    private volatile Snapshot snapshot;
    private volatile long version;

    FullRebuildHostManager(Clock clock, Duration serviceDownTime, String globalOverSubscriptionRatio,
                           CapacityLedger ledger) {
        this.clock = Objects.requireNonNull(clock, "clock");
        this.serviceDownTime = Objects.requireNonNull(serviceDownTime, "serviceDownTime");
        this.globalOverSubscriptionRatio = Objects.requireNonNull(globalOverSubscriptionRatio, "ratio");
        this.ledger = Objects.requireNonNull(ledger, "ledger");
    }

    /** A report as stored (rule HM8). */
    private record StoredReport(Map<String, Object> capabilities, Instant timestamp, long sequence) {
    }

    /**
     * The candidates and what a decision needs to find them again: the pools in order, and their
     * precomputed facts as columns ({@link PoolTable}). Rows change in place on consumption only.
     */
    public static final class Snapshot implements PoolTable {
        private final PoolState[] pools;
        private final Candidates view;
        private final Map<String, Integer> positions;
        private final Instant validUntil;
        private final List<String> hostsUp;
        private final String[] zone;
        private final Object[] capabilities;
        private final int[] slot;
        private final int[] flags;
        private final double[] reserved;
        private final double[] provisioned;
        private final double[] ratio;
        private final double[] totalAvailableThin;
        private final double[] virtualFreeThin;
        private final double[] virtualFreeThick;
        private final Map<String, int[]> rowsByZone = new java.util.concurrent.ConcurrentHashMap<>();

        Snapshot(PoolState[] pools, Map<String, Integer> positions, Instant validUntil, List<String> hostsUp) {
            int n = pools.length;
            this.pools = pools;
            this.positions = positions;
            this.validUntil = validUntil;
            this.hostsUp = hostsUp;
            this.zone = new String[n];
            this.capabilities = new Object[n];
            this.slot = new int[n];
            this.flags = new int[n];
            this.reserved = new double[n];
            this.provisioned = new double[n];
            this.ratio = new double[n];
            this.totalAvailableThin = new double[n];
            this.virtualFreeThin = new double[n];
            this.virtualFreeThick = new double[n];
            int[] rows = new int[n];
            for (int i = 0; i < n; i++) {
                rows[i] = i;
                fill(i, pools[i]);
            }
            this.view = new Candidates(this, rows, n);
        }

        /** Writes a pool's row; called at construction and, under the host manager's lock, on consumption. */
        private void fill(int i, PoolState p) {
            pools[i] = p;
            zone[i] = p.availabilityZone();
            capabilities[i] = p.capabilities();
            slot[i] = p.slot();
            flags[i] = (p.hasUnboundedFree() ? FREE_UNBOUNDED : 0) | (p.hasUnboundedTotal() ? TOTAL_UNBOUNDED : 0)
                    | (p.hasNoFreeCapacity() ? FREE_NONE : 0) | (p.hasUsableCapacityNumbers() ? USABLE_NUMBERS : 0)
                    | (p.thinProvisioningSupport() ? THIN_SUPPORT : 0) | (p.hasNumericFree() ? FREE_NUMBER : 0);
            reserved[i] = p.reservedPercentage();
            provisioned[i] = p.provisionedCapacityGb();
            ratio[i] = p.maxOverSubscriptionRatio();
            totalAvailableThin[i] = p.totalAvailableCapacityThin();
            virtualFreeThin[i] = p.virtualFreeCapacity(true);
            virtualFreeThick[i] = p.virtualFreeCapacity(false);
        }

        /** The candidates, in order; a {@link Candidates} over this table. */
        public Candidates pools() {
            return view;
        }

        @Override
        public int rows() {
            return pools.length;
        }

        @Override
        public PoolState pool(int row) {
            return pools[row];
        }

        @Override
        public String zone(int row) {
            return zone[row];
        }

        @Override
        public int[] rowsInZone(String wanted) {
            return rowsByZone.computeIfAbsent(wanted, z -> {
                int count = 0;
                for (String candidate : zone) {
                    if (candidate == z) {
                        count++;
                    }
                }
                int[] rows = new int[count];
                for (int i = 0, k = 0; i < zone.length; i++) {
                    if (zone[i] == z) {
                        rows[k++] = i;
                    }
                }
                return rows;
            });
        }

        @Override
        public Object capabilities(int row) {
            return capabilities[row];
        }

        @Override
        public int slot(int row) {
            return slot[row];
        }

        @Override
        public int flags(int row) {
            return flags[row];
        }

        @Override
        public double reservedPercentage(int row) {
            return reserved[row];
        }

        @Override
        public double provisionedCapacityGb(int row) {
            return provisioned[row];
        }

        @Override
        public double maxOverSubscriptionRatio(int row) {
            return ratio[row];
        }

        @Override
        public double totalAvailableCapacityThin(int row) {
            return totalAvailableThin[row];
        }

        @Override
        public double virtualFreeCapacity(int row, boolean thinRequest) {
            return thinRequest ? virtualFreeThin[row] : virtualFreeThick[row];
        }
    }

    /** Registers or updates a volume service (the services table). A new host goes to the end. */
    public void updateService(ServiceInfo service) {
        synchronized (lock) {
            services.put(service.host(), service);
            snapshot = null;
        }
    }

    /** Registers a service unless its host is already known (the first registration wins). */
    public boolean addServiceIfAbsent(ServiceInfo service) {
        synchronized (lock) {
            if (services.containsKey(service.host())) {
                return false;
            }
            services.put(service.host(), service);
            snapshot = null;
            return true;
        }
    }

    /** Records a heartbeat from a service. */
    public void heartbeat(String host, Instant at) {
        synchronized (lock) {
            ServiceInfo s = services.get(host);
            if (s != null) {
                services.put(host, s.withHeartbeat(at));
                snapshot = null;
            }
        }
    }

    /** Deletes a service. */
    public void removeService(String host) {
        synchronized (lock) {
            if (services.remove(host) != null) {
                snapshot = null;
            }
        }
    }

    public List<ServiceInfo> services() {
        synchronized (lock) {
            return List.copyOf(services.values());
        }
    }

    @Override
    public void updateServiceCapabilities(String serviceName, String host, String clusterName,
                                          Map<String, Object> capabilities, Instant timestamp) {
        if (!"volume".equals(serviceName) && !"backup".equals(serviceName)) {
            LOG.debug("Ignoring capabilities of service {} on {}", serviceName, host);
            return;
        }
        Instant ts = timestamp != null ? timestamp : clock.instant();
        String key = clusterName != null && !clusterName.isEmpty() ? clusterName : host;
        synchronized (lock) {
            Map<String, StoredReport> store = "volume".equals(serviceName) ? reports : backupReports;
            StoredReport existing = store.get(key);
            if (existing != null && existing.timestamp().isAfter(ts)) {
                LOG.debug("Ignoring capabilities of {} from {}: older than the stored report of {}", key, ts,
                        existing.timestamp());
                return;
            }
            Map<String, Object> copy = capabilities == null ? new LinkedHashMap<>()
                    : new LinkedHashMap<>(capabilities);
            store.put(key, new StoredReport(copy, ts, ++reportSequence));
            if (!"volume".equals(serviceName)) {
                return;
            }
            withoutCapabilities.remove(key);
            snapshot = null;
            if (!anyReportRecorded) {
                anyReportRecorded = true;
                refreshLocked();
            }
        }
    }

    /** The current snapshot, rebuilt first if something changed or a heartbeat may have expired. */
    public Snapshot snapshot() {
        Snapshot s = snapshot;
        if (s != null && !clock.instant().isAfter(s.validUntil)) {
            return s;
        }
        synchronized (lock) {
            s = snapshot;
            if (s != null && !clock.instant().isAfter(s.validUntil)) {
                return s;
            }
            return refreshLocked();
        }
    }

    @Override
    public Candidates candidates() {
        return snapshot().pools();
    }

    @Override
    public List<String> hostsUp() {
        return snapshot().hostsUp;
    }

    /** Rules HM10-HM16, HM25. */
    private Snapshot refreshLocked() {
        Instant now = clock.instant();
        Set<String> active = new LinkedHashSet<>();
        Set<String> noCapabilities = new HashSet<>();
        List<String> up = new ArrayList<>();
        Instant validUntil = Instant.MAX;
        for (ServiceInfo service : services.values()) {
            if (service.disabled() || !service.isUp(now, serviceDownTime)) {
                continue;
            }
            Instant expiry = service.lastHeartbeat().plus(serviceDownTime);
            if (expiry.isBefore(validUntil)) {
                validUntil = expiry;
            }
            up.add(service.host());
            if (service.frozen()) {
                continue;
            }
            String key = service.backendKey();
            if (active.contains(key)) {
                continue;
            }
            StoredReport report = null;
            if (service.clusterName() != null && !service.clusterName().isEmpty()) {
                report = reports.get(service.clusterName());
            }
            if (report == null) {
                report = reports.get(service.host());
            }
            if (report == null) {
                noCapabilities.add(key);
                continue;
            }
            BackendState backend = backends.get(key);
            if (backend == null) {
                backend = new BackendState(key, service.host(), service.clusterName());
                backends.put(key, backend);
            }
            backend.apply(report, service);
            active.add(key);
        }
        for (var it = backends.entrySet().iterator(); it.hasNext(); ) {
            var e = it.next();
            if (!active.contains(e.getKey())) {
                for (PoolState p : e.getValue().pools.values()) {
                    ledger.forget(poolKey(p));
                }
                it.remove();
            }
        }
        withoutCapabilities = noCapabilities;

        LinkedHashMap<String, PoolState> byKey = new LinkedHashMap<>();
        for (BackendState b : backends.values()) {
            for (PoolState p : b.pools.values()) {
                byKey.put(b.key + "." + p.poolName(), p);
            }
        }
        PoolState[] pools = byKey.values().toArray(new PoolState[0]);
        Map<String, Integer> positions = new HashMap<>(pools.length * 2);
        for (int i = 0; i < pools.length; i++) {
            positions.put(poolKey(pools[i]), i);
        }
        Snapshot s = new Snapshot(pools, positions, validUntil, List.copyOf(up));
        snapshot = s;
        version++;
        LOG.debug("Host manager refreshed: {} backends, {} pools", backends.size(), pools.length);
        return s;
    }

    private static String poolKey(PoolState p) {
        return p.backendKey() + "#" + p.poolName();
    }

    @Override
    public long version() {
        return version;
    }

    @Override
    public PoolState claim(PoolState pool, double sizeGb, long seenVersion,
                           java.util.function.Predicate<PoolState> stillFits) {
        synchronized (lock) {
            if (version != seenVersion) {
                BackendState backend = backends.get(pool.backendKey());
                PoolState current = backend == null ? null : backend.pools.get(pool.poolName());
                if (current == null || !stillFits.test(current)) {
                    LOG.debug("{} changed while a decision chose it and no longer fits {} GB; deciding again",
                            pool.backendId(), sizeGb);
                    return null;
                }
            }
            return consume(pool, sizeGb);
        }
    }

    @Override
    public PoolState consume(PoolState pool, double sizeGb) {
        synchronized (lock) {
            Instant now = clock.instant();
            BackendState backend = backends.get(pool.backendKey());
            PoolState current = backend == null ? null : backend.pools.get(pool.poolName());
            if (current == null) {
                LOG.warn("Pool {} disappeared before {} GB could be consumed from it", pool.backendId(), sizeGb);
                return PoolReports.consumed(pool, sizeGb, now);
            }
            PoolState consumed = PoolReports.consumed(current, sizeGb, now);
            backend.pools.put(pool.poolName(), consumed);
            ledger.claim(poolKey(consumed), CapacityLedger.ANY_VERSION, sizeGb, now);
            replaceInSnapshot(consumed);
            return consumed;
        }
    }

    @Override
    public void revertConsumed(String poolName, double sizeGb) {
        synchronized (lock) {
            int hash = poolName.lastIndexOf('#');
            if (hash < 0) {
                return;
            }
            // Cinder compares "<backend key>#<pool name>" for every pool; the key itself may contain '#',
            // so try every split rather than only the last one.
            for (int i = poolName.indexOf('#'); i >= 0; i = poolName.indexOf('#', i + 1)) {
                BackendState backend = backends.get(poolName.substring(0, i));
                PoolState pool = backend == null ? null : backend.pools.get(poolName.substring(i + 1));
                if (pool == null) {
                    continue;
                }
                if (pool.updated() == null || backend.updated == null || !pool.updated().isAfter(backend.updated)) {
                    // Cinder re-applies the stored report on the next refresh, which wipes a revert on a
                    // pool that was not consumed since that report (rule HM18).
                    LOG.debug("Revert of {} GB on {} has no effect: nothing consumed since its report", sizeGb,
                            poolName);
                    continue;
                }
                PoolState reverted = PoolReports.consumed(pool, -sizeGb, null);
                backend.pools.put(pool.poolName(), reverted);
                ledger.claim(poolKey(reverted), CapacityLedger.ANY_VERSION, -sizeGb, null);
                replaceInSnapshot(reverted);
            }
        }
    }

    private void replaceInSnapshot(PoolState state) {
        Snapshot s = snapshot;
        if (s == null) {
            return;
        }
        Integer i = s.positions.get(poolKey(state));
        if (i != null) {
            s.fill(i, state);
        }
        version++;
    }

    @Override
    public boolean hasAllCapabilities() {
        synchronized (lock) {
            snapshot();
            return withoutCapabilities.isEmpty();
        }
    }

    /** Rule M2's {@code is_first_receive}: a report arrived, there are backends, none lacks a report. */
    public boolean firstReceiveCapabilities() {
        synchronized (lock) {
            snapshot();
            return anyReportRecorded && !backends.isEmpty() && withoutCapabilities.isEmpty();
        }
    }

    /** Backends known to be up and enabled but without a capability report. */
    public Set<String> backendsWithoutCapabilities() {
        synchronized (lock) {
            snapshot();
            return Set.copyOf(withoutCapabilities);
        }
    }

    @Override
    public List<Map<String, Object>> getPools(Map<String, Object> filters) {
        Map<String, Object> f = filters == null ? new HashMap<>() : new HashMap<>(filters);
        Object name = f.remove("name");
        f.remove("volume_type");
        List<Map<String, Object>> out = new ArrayList<>();
        for (PoolState p : snapshot().pools()) {
            String poolName = PoolState.appendHost(p.backendKey(), p.poolName());
            if (Py.truthy(name) && !Py.eq(name, poolName)) {
                continue;
            }
            boolean keep = true;
            for (Map.Entry<String, Object> e : f.entrySet()) {
                if (!equalAfterConvert(p.capabilities().get(e.getKey()), e.getValue())) {
                    keep = false;
                    break;
                }
            }
            if (keep) {
                Map<String, Object> entry = new LinkedHashMap<>();
                entry.put("name", poolName);
                entry.put("capabilities", p.capabilities());
                out.add(entry);
            }
        }
        return out;
    }

    /** Rule HM32. */
    static boolean equalAfterConvert(Object capability, Object value) {
        if (capability == null || sameType(value, capability)) {
            return Py.eq(value, capability);
        }
        if (capability instanceof Boolean b) {
            return b == Py.boolFromString(value);
        }
        return Py.str(value).equals(Py.str(capability));
    }

    private static boolean sameType(Object value, Object capability) {
        if (value == null) {
            return false;
        }
        if (capability instanceof Long || capability instanceof Integer) {
            return value instanceof Long || value instanceof Integer || value instanceof Boolean;
        }
        if (capability instanceof Map) {
            return value instanceof Map;
        }
        if (capability instanceof List) {
            return value instanceof List;
        }
        return capability.getClass().isInstance(value);
    }

    /** A backend and its pools (rules HM17-HM24). Guarded by the host manager's lock. */
    private final class BackendState {
        private final String key;
        private final String host;
        private final String clusterName;
        private final LinkedHashMap<String, PoolState> pools = new LinkedHashMap<>();
        private StoredReport applied;
        private ServiceInfo appliedService;
        private Map<String, Object> serviceMap = Map.of();
        private Instant updated;
        private Object volumeBackendName;
        private Object vendorName;
        private Object driverVersion;
        private Object storageProtocol;

        BackendState(String key, String host, String clusterName) {
            this.key = key;
            this.host = host;
            this.clusterName = clusterName;
        }

        void apply(StoredReport report, ServiceInfo service) {
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
                    e.setValue(PoolReports.withCapabilities(e.getValue(), e.getValue().capabilities(), serviceMap,
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
            updatePools(caps, service, report.timestamp());
        }

        private void updatePools(Map<String, Object> caps, ServiceInfo service, Instant ts) {
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
                            updatePool(name, poolReport, service, ts);
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
                updatePool(name, legacy, service, ts);
                activePools.add(name);
            }
            for (var it = pools.entrySet().iterator(); it.hasNext(); ) {
                var e = it.next();
                if (!activePools.contains(e.getKey())) {
                    ledger.forget(poolKey(e.getValue()));
                    it.remove();
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

        private void updatePool(String name, Map<String, Object> poolReport, ServiceInfo service, Instant ts) {
            PoolState existing = pools.get(name);
            Map<String, Object> caps = Collections.unmodifiableMap(poolReport);
            if (existing != null && existing.updated() != null && existing.updated().isAfter(ts)) {
                pools.put(name, PoolReports.withCapabilities(existing, caps, serviceMap, service.availabilityZone()));
                return;
            }
            int slot = existing != null ? existing.slot() : nextSlot++;
            PoolState state = PoolReports.fromReport(new PoolState.Builder()
                    .backend(key, host, clusterName)
                    .poolName(name)
                    .availabilityZone(service.availabilityZone())
                    .service(serviceMap)
                    .slot(slot)
                    .updated(ts), caps, globalOverSubscriptionRatio)
                    .build();
            if (existing != null) {
                ledger.reportArrived(poolKey(state), ts);
            }
            pools.put(name, state);
            if (state.maxOverSubscriptionRatioError() != null) {
                LOG.warn("Pool {}: max_over_subscription_ratio cannot be computed ({}); CapacityFilter will "
                        + "reject it", state.backendId(), state.maxOverSubscriptionRatioError());
            }
        }
    }
}
