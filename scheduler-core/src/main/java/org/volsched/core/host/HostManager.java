package org.volsched.core.host;

import org.volsched.spi.model.Candidates;
import org.volsched.spi.CapacityLedger;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Predicate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.volsched.core.host.ReportStore.StoredReport;
import org.volsched.spi.BackendStates;
import org.volsched.spi.model.PoolState;
import org.volsched.spi.model.ServiceInfo;
import org.volsched.python.Py;

/**
 * Cinder's host manager (section 6 of the semantics document), built for a live fleet: services
 * and their liveness ({@link ServiceRegistry}), stored reports ({@link ReportStore}), backends and
 * their pools ({@link BackendState}), the candidates as columns ({@link PoolColumns}, read through
 * {@link Snapshot}s), and claims ({@link CapacityLedger}).
 *
 * <p><b>Cost.</b> A report, a heartbeat or a service change only records what it touched (the
 * backend keys). The next decision's {@link #snapshot()} re-derives just those backends, as
 * Cinder's refresh would (rules HM10-HM16), and writes their pools' rows: O(their pools). Service
 * liveness is a priority queue of heartbeat deadlines, so expiry is found without looking at every
 * service. A decision that finds nothing to do takes the current snapshot with two volatile reads.
 *
 * <p><b>Locking.</b> Writers serialise on one lock, held only for the host manager's own
 * bookkeeping: no filter, weigher or integrator code ever runs under it. Readers take no lock.
 * Claims are optimistic ({@link #claim}): the pool's current state is re-checked outside the lock,
 * and committed only if it is still the current state.
 */
public final class HostManager implements BackendStates {
    private static final Logger LOG = LoggerFactory.getLogger(HostManager.class);
    /** How many times a claim re-reads and re-checks a pool whose state keeps changing before giving up. */
    static final int MAX_CLAIM_ROUNDS = 16;

    private final Clock clock;
    private final String globalOverSubscriptionRatio;
    private final CapacityLedger ledger;

    private final Object lock = new Object();
    private final ServiceRegistry services;
    private final ReportStore reports = new ReportStore();
    /** Active backends by key. */
    private final Map<String, BackendState> backends = new HashMap<>();
    /** Active backends in Cinder's map order (HM14/HM15: new ones at the end). */
    private final TreeMap<Long, BackendState> backendOrder = new TreeMap<>();
    /** Backend keys to re-derive at the next refresh. */
    private final Set<String> dirty = new LinkedHashSet<>();
    private final Set<String> withoutCapabilities = new HashSet<>();
    /** Each live pool's current state and row, by {@code <backend key>#<pool name>}; read without the lock by claims. */
    private final Map<String, PoolCell> cells = new ConcurrentHashMap<>();
    /** How many pools share each {@code <backend key>.<pool name>} (HM25 merges duplicates). */
    private final Map<String, Integer> dottedKeys = new HashMap<>();
    private int duplicateDottedKeys;
    private long nextOrder;
    private int nextSlot;
    private PoolColumns columns = new PoolColumns(64);
    private volatile Snapshot snapshot = new Snapshot(columns);
    /** Something waits to be re-derived. */
    private volatile boolean pending;
    /** Epoch milliseconds after which a heartbeat deadline may have passed. */
    private volatile long nextDeadlineMillis = Long.MAX_VALUE;
    private volatile long version;
    private volatile HostObserver observer = HostObserver.NONE;

    public HostManager(Clock clock, Duration serviceDownTime, String globalOverSubscriptionRatio,
                       CapacityLedger ledger) {
        this.clock = Objects.requireNonNull(clock, "clock");
        this.services = new ServiceRegistry(Objects.requireNonNull(serviceDownTime, "serviceDownTime"));
        this.globalOverSubscriptionRatio = Objects.requireNonNull(globalOverSubscriptionRatio, "ratio");
        this.ledger = Objects.requireNonNull(ledger, "ledger");
        ledger.listen(this::claimedElsewhere);
    }

    // --- services --------------------------------------------------------------------------------

    /** Shows {@code observer} every service update and capability report from now on ({@code HostObserver.NONE}: none). */
    public void observe(HostObserver observer) {
        this.observer = Objects.requireNonNull(observer, "observer");
    }

    /** Registers or updates a volume service (the services table). A new host goes to the end. */
    public void updateService(ServiceInfo service) {
        observer.serviceUpdated(service);
        synchronized (lock) {
            touch(services.put(service, clock.instant()));
        }
    }

    /** Registers a service unless its host is already known (the first registration wins). */
    public boolean addServiceIfAbsent(ServiceInfo service) {
        synchronized (lock) {
            if (services.contains(service.host())) {
                return false;
            }
            touch(services.put(service, clock.instant()));
        }
        observer.serviceUpdated(service);
        return true;
    }

    /** Records a heartbeat from a service. Costs nothing more unless the service was down. */
    public void heartbeat(String host, Instant at) {
        synchronized (lock) {
            ServiceInfo s = services.get(host);
            if (s == null) {
                return;
            }
            Instant now = clock.instant();
            // Up as the candidates last saw it: a service whose heartbeat expired since then, and that
            // sends a heartbeat too old to bring it back, must still be re-derived (it went down).
            boolean wasUp = services.seenUp(host);
            ServiceInfo beating = s.withHeartbeat(at);
            Set<String> keys = services.put(beating, now);
            if (wasUp != beating.isUp(now, services.serviceDownTime())) {
                touch(keys);
            } else {
                noteDeadline();
            }
        }
    }

    /** Deletes a service. */
    public void removeService(String host) {
        synchronized (lock) {
            String key = services.remove(host);
            if (key != null) {
                touch(Set.of(key));
            }
        }
    }

    public List<ServiceInfo> services() {
        synchronized (lock) {
            return services.all();
        }
    }

    private void touch(Set<String> keys) {
        dirty.addAll(keys);
        pending = true;
        noteDeadline();
    }

    private void noteDeadline() {
        Instant d = services.nextDeadline();
        nextDeadlineMillis = d == null ? Long.MAX_VALUE : d.toEpochMilli();
    }

    // --- reports ---------------------------------------------------------------------------------

    @Override
    public void updateServiceCapabilities(String serviceName, String host, String clusterName,
                                          Map<String, Object> capabilities, Instant timestamp) {
        boolean isVolume = "volume".equals(serviceName);
        if (!isVolume && !"backup".equals(serviceName)) {
            LOG.debug("Ignoring capabilities of service {} on {}", serviceName, host);
            return;
        }
        Instant ts = timestamp != null ? timestamp : clock.instant();
        if (isVolume) {
            observer.capabilitiesReported(host, clusterName, capabilities, ts);
        }
        String key = clusterName != null && !clusterName.isEmpty() ? clusterName : host;
        synchronized (lock) {
            boolean first = isVolume && !reports.anyVolumeReport();
            if (!reports.store(isVolume, key, capabilities, ts)) {
                LOG.debug("Ignoring capabilities of {} from {}: older than the stored report of {}", key, ts,
                        reports.stored(isVolume, key).timestamp());
                return;
            }
            if (!isVolume) {
                return;
            }
            withoutCapabilities.remove(key);
            // The report is used by the backend of that key, and by the cluster of a service on that host.
            Set<String> keys = new LinkedHashSet<>(2);
            keys.add(key);
            ServiceInfo s = services.get(key);
            if (s != null) {
                keys.add(s.backendKey());
            }
            touch(keys);
            if (first) {
                // HM9: the first report ever received rebuilds the backend map at once, so the backends
                // it makes active take their places before those of later reports.
                refreshLocked(clock.instant());
            }
        }
    }

    // --- snapshots -------------------------------------------------------------------------------

    /** The current snapshot, after re-deriving whatever changed since the last one. */
    public Snapshot snapshot() {
        if (!pending && clock.millis() < nextDeadlineMillis) {
            return snapshot;
        }
        synchronized (lock) {
            refreshLocked(clock.instant());
            return snapshot;
        }
    }

    @Override
    public Candidates candidates() {
        return snapshot().pools();
    }

    @Override
    public List<String> hostsUp() {
        synchronized (lock) {
            Instant now = clock.instant();
            refreshLocked(now);
            return services.hostsUp(now);
        }
    }

    /** Rules HM10-HM16 for the backends something touched, then HM25's order in the columns. */
    private void refreshLocked(Instant now) {
        services.expire(now, dirty);
        noteDeadline();
        pending = false;
        if (dirty.isEmpty()) {
            return;
        }
        boolean structural = false;
        boolean compact = false;
        // Read before pools leave: when one of two pools sharing a dotted key leaves, the other must
        // get a row (it had none) or move to its own position (it sat at the one that left).
        boolean hadDuplicates = duplicateDottedKeys > 0;
        List<Object[]> joining = new ArrayList<>();
        for (String key : dirty) {
            ServiceInfo provider = null;
            StoredReport report = null;
            withoutCapabilities.remove(key);
            for (ServiceInfo s : services.servicesOf(key)) {
                if (!services.eligible(s, now) || s.frozen()) {
                    continue;
                }
                report = reports.forService(s.clusterName(), s.host());
                if (report == null) {
                    withoutCapabilities.add(key);
                    continue;
                }
                provider = s;
                break;
            }
            BackendState backend = backends.get(key);
            if (provider == null) {
                if (backend != null) {
                    leave(backend);
                    structural = true;
                }
            } else if (backend != null) {
                apply(backend, report, provider);
                structural |= changes.structural;
                compact |= changes.compact;
            } else {
                joining.add(new Object[] {key, provider, report});
            }
        }
        dirty.clear();
        // Backends that join in one refresh do so in service order (HM10, HM14).
        joining.sort((a, b) -> Long.compare(services.position(((ServiceInfo) a[1]).host()),
                services.position(((ServiceInfo) b[1]).host())));
        for (Object[] j : joining) {
            ServiceInfo provider = (ServiceInfo) j[1];
            BackendState backend = new BackendState((String) j[0], provider.host(), provider.clusterName(),
                    globalOverSubscriptionRatio);
            backend.order = nextOrder++;
            backends.put(backend.key, backend);
            backendOrder.put(backend.order, backend);
            apply(backend, (StoredReport) j[2], provider);
            compact |= changes.compact;
            structural = true;
        }
        if (compact || (hadDuplicates || duplicateDottedKeys > 0) && structural || columns.wasteful()) {
            compact();
        } else if (structural) {
            snapshot = new Snapshot(columns);
        }
        version = version + 1;
    }

    /**
     * What applying a report did, turned into ledger calls, row writes, new rows and dead rows. One
     * instance, used under the lock only, for one backend at a time.
     */
    private final class PoolChanges implements BackendState.Changes {
        /** Whether the backend is the last one in map order (its new pools may be appended). */
        boolean last;
        /** Pools joined or left, or a row's zone changed: the snapshot must be replaced. */
        boolean structural;
        /** A new pool could not be appended in order: the columns must be rebuilt. */
        boolean compact;

        void start(BackendState backend) {
            last = backendOrder.lastEntry().getValue() == backend;
            structural = false;
            compact = false;
        }

        @Override
        public void reported(PoolCell cell, Instant reportTime) {
            CapacityLedger.Claims c = ledger.reportArrived(cell.key, reportTime);
            cell.ledgerVersion = c.version();
            cell.reportedAt = reportTime;
        }

        @Override
        public void newState(PoolCell cell, PoolState state) {
            if (cell.state == null) {
                join(cell, state, last);
                structural = true;
                compact |= cell.row < 0;
            } else if (cell.state != state) {
                structural |= setState(cell, state);
            }
        }

        @Override
        public void restamped(PoolCell cell, PoolState state) {
            setState(cell, state, true);
        }

        @Override
        public void removed(PoolCell cell) {
            drop(cell);
            structural = true;
        }

        @Override
        public int newSlot() {
            return nextSlot++;
        }
    }

    private final PoolChanges changes = new PoolChanges();

    /**
     * Applies a report through a service to an active backend and brings its pools' rows up to date;
     * {@link #changes} then tells whether the snapshot or the columns must be rebuilt.
     */
    private void apply(BackendState backend, StoredReport report, ServiceInfo provider) {
        changes.start(backend);
        backend.apply(report, provider, changes);
    }

    /**
     * A new pool joins the candidates with its first state: a row at the end when it belongs there
     * (the backend is the last one and no dotted key is shared), otherwise none until the columns
     * are rebuilt.
     */
    private void join(PoolCell cell, PoolState reported, boolean last) {
        // A shared ledger may hold other schedulers' claims newer than the pool's report: they
        // count, and stamp the pool with the newest one's time, as a claim made here would
        // (so that this report, applied again, does not wipe them: HM18).
        PoolState state = reported;
        Instant reportedAt = state.updated();
        CapacityLedger.Claims claimed = ledger.reportArrived(cell.key, reportedAt);
        LOG.debug("{} joins the candidates with {} GB claimed since its report of {} (ledger version {})", cell.key,
                claimed.gb(), state.updated(), claimed.version());
        if (claimed.gb() != 0) {
            Instant newest = claimed.lastClaim();
            state = PoolReports.consumed(state, claimed.gb(),
                    newest != null && state.updated() != null && newest.isAfter(state.updated()) ? newest : null);
        }
        cell.ledgerVersion = claimed.version();
        cell.reportedAt = reportedAt;
        cell.row = -1;
        cell.state = state;
        cells.put(cell.key, cell);
        if (dottedKeys.merge(dotted(state), 1, Integer::sum) > 1) {
            duplicateDottedKeys++;
        }
        if (last && duplicateDottedKeys == 0) {
            cell.row = columns.append(state);
        }
    }

    /** A pool left the candidates. */
    private void drop(PoolCell cell) {
        cells.remove(cell.key, cell);
        if (cell.row >= 0) {
            columns.kill(cell.row);
        }
        String dotted = dotted(cell.state);
        if (dottedKeys.merge(dotted, -1, Integer::sum) > 0) {
            duplicateDottedKeys--;
        } else {
            dottedKeys.remove(dotted);
        }
        ledger.forget(cell.key);
    }

    /** A backend left the candidates (HM15): its rows die; it comes back at the end. */
    private void leave(BackendState backend) {
        backend.removeAll(changes);
        backends.remove(backend.key);
        backendOrder.remove(backend.order);
    }

    /**
     * New columns with every candidate in Cinder's order (HM25): backends in map order, their pools in
     * pool-map order; of pools sharing a {@code <backend key>.<pool name>}, the later state takes the
     * earlier position. O(fleet): done only when rows would otherwise be out of order or mostly dead.
     */
    private void compact() {
        LinkedHashMap<String, PoolCell> byDotted = new LinkedHashMap<>();
        for (BackendState b : backendOrder.values()) {
            for (PoolCell cell : b.pools.values()) {
                cell.row = -1;
                byDotted.put(dotted(cell.state), cell);
            }
        }
        PoolColumns fresh = PoolColumns.compacted(byDotted.size());
        for (PoolCell cell : byDotted.values()) {
            cell.row = fresh.append(cell.state);
        }
        columns = fresh;
        snapshot = new Snapshot(columns);
        LOG.debug("Host manager rebuilt its columns: {} backends, {} pools", backends.size(), fresh.rowCount);
    }

    /**
     * {@code <backend key>#<pool name>}. For a pool with a name that is the pool's backend id (P7's
     * {@code append_host} of the key the backend is stored under), a string the state already holds
     * with its hash computed: reports and claims look pools up by it without building a new one.
     */
    private static String poolKey(PoolState p) {
        String id = p.backendId();
        String backend = p.backendKey();
        String pool = p.poolName();
        int k = backend.length();
        if (id.length() == k + 1 + pool.length() && id.charAt(k) == '#' && id.startsWith(backend)
                && id.endsWith(pool)) {
            return id;
        }
        return backend + "#" + pool;
    }

    private static String dotted(PoolState p) {
        return p.backendKey() + "." + p.poolName();
    }

    // --- claims ----------------------------------------------------------------------------------

    @Override
    public long version() {
        return version;
    }

    /**
     * Claims {@code sizeGb} on the pool a decision chose (rule HM29), optimistically: when the pool's
     * state is no longer the one the decision read, {@code stillFits} re-checks the current state.
     * The claim is then recorded in the ledger at the pool's ledger version, outside any lock (a
     * shared ledger writes to its coordination service), and applied to the pool's state under the
     * lock. If the ledger's version moved (another decision, here or in another scheduler, claimed
     * first) the pool is looked at again. If the pool's state changed between the check and the
     * claim (a report) and the volume no longer fits the state it was claimed on, the claim is given
     * back. Neither {@code stillFits} (filters, which may call integrators' look-ups) nor the ledger
     * runs under the lock. Returns the pool's state after the claim, or {@code null} when the pool is
     * gone, no longer fits, or kept changing: the caller decides again.
     *
     * @throws org.volsched.spi.LedgerUnavailable when the ledger cannot record the claim
     */
    @Override
    public PoolState claim(PoolState decidedOn, double sizeGb, long seenVersion, Predicate<PoolState> stillFits) {
        String key = poolKey(decidedOn);
        long seen = seenVersion;
        for (int round = 0; round < MAX_CLAIM_ROUNDS; round++) {
            PoolCell cell = cells.get(key);
            if (cell == null) {
                LOG.debug("{} left the candidates while a decision chose it; deciding again", decidedOn.backendId());
                return null;
            }
            // The state before changedAt: a writer sets changedAt before the state (see setState).
            PoolState current = cell.state;
            long changedAt = cell.changedAt;
            long ledgerVersion = cell.ledgerVersion;
            if ((current != decidedOn || changedAt > seen) && !stillFits.test(current)) {
                LOG.debug("{} changed while a decision chose it and no longer fits {} GB; deciding again",
                        decidedOn.backendId(), sizeGb);
                return null;
            }
            Instant now = clock.instant();
            CapacityLedger.Claims c = ledger.claim(key, ledgerVersion, sizeGb, now);
            if (c == null) {
                // Another claim came first; it is applied to the pool's state as soon as its claimer
                // (or, for another scheduler's, the ledger) gets the lock.
                Thread.yield();
                decidedOn = current;
                seen = changedAt;
                continue;
            }
            PoolState before;
            PoolState consumed;
            synchronized (lock) {
                before = cells.get(key) == cell ? cell.state : null;
                consumed = before == null ? null : applyClaim(cell, sizeGb, now, c.version(), true);
            }
            if (before == null) {
                LOG.debug("{} left the candidates while a decision claimed on it; deciding again",
                        decidedOn.backendId());
                ledger.claim(key, CapacityLedger.ANY_VERSION, -sizeGb, now);
                return null;
            }
            if (before == current || stillFits.test(before)) {
                return consumed;
            }
            LOG.debug("{} changed while a decision claimed {} GB on it and no longer fits; giving the claim back",
                    decidedOn.backendId(), sizeGb);
            giveBack(cell, sizeGb, now);
            return null;
        }
        LOG.debug("{} kept changing while a decision claimed {} GB on it; deciding again", decidedOn.backendId(),
                sizeGb);
        return null;
    }

    /**
     * Gives back {@code sizeGb} claimed at {@code claimedAt} ({@code ANY_VERSION}: a give-back is
     * never refused). Like the claim, it counts only while no report since {@code claimedAt}
     * supersedes it.
     */
    private void giveBack(PoolCell cell, double sizeGb, Instant claimedAt) {
        CapacityLedger.Claims c = ledger.claim(cell.key, CapacityLedger.ANY_VERSION, -sizeGb, claimedAt);
        synchronized (lock) {
            if (cells.get(cell.key) == cell) {
                applyClaim(cell, -sizeGb, claimedAt, c.version(), true);
            }
        }
    }

    /**
     * Under the lock: a claim (negative: a give-back) recorded in the ledger at {@code at}, applied to
     * the pool's current state, unless a report at or after {@code at} was applied since: that
     * report counts it already (HM18), and the pool's state is returned as the claimer would have
     * left it without being installed. Claims add up in any order; the ledger version the cell keeps
     * is the newest seen. This scheduler's own claim sets the pool's {@code updated} time to its own
     * (as Cinder's consumption does, HM29); a give-back keeps it; another scheduler's claim, which
     * may arrive late, only moves it forward.
     */
    private PoolState applyClaim(PoolCell cell, double sizeGb, Instant at, long ledgerVersion, boolean own) {
        PoolState current = cell.state;
        cell.ledgerVersion = Math.max(cell.ledgerVersion, ledgerVersion);
        Instant updated = at == null || sizeGb < 0 ? null
                : own || current.updated() == null || at.isAfter(current.updated()) ? at : null;
        PoolState consumed = PoolReports.consumed(current, sizeGb, updated);
        if (at != null && cell.reportedAt != null && !at.isAfter(cell.reportedAt)) {
            return consumed;
        }
        if (setState(cell, consumed)) {
            snapshot = new Snapshot(columns);
        }
        return consumed;
    }

    /**
     * Another scheduler's claim, as the ledger reports it: applied to the pool unless a report at or
     * after its time already counts it (HM18).
     */
    private void claimedElsewhere(String key, double gb, Instant at, CapacityLedger.Claims after) {
        synchronized (lock) {
            PoolCell cell = cells.get(key);
            if (cell == null) {
                LOG.debug("Another scheduler's claim of {} GB on {}, which is not a candidate here, is left to the "
                        + "ledger's count", gb, key);
                return;
            }
            applyClaim(cell, gb, at, after.version(), false);
        }
    }

    /**
     * A pool's new state, in the order that keeps claims exact: the cell's {@code changedAt} first,
     * then the row and the state, then the version. A decision that read the version before this
     * change may read the row half-written, but its claim then sees {@code changedAt} above that
     * version (it reads the state before {@code changedAt}, and {@code changedAt} was written first)
     * and re-checks; a decision that read the version after it reads the whole new row. Under the
     * lock. Returns whether the row's zone changed (the snapshot must be replaced).
     */
    private boolean setState(PoolCell cell, PoolState state) {
        return setState(cell, state, false);
    }

    /**
     * {@link #setState(PoolCell, PoolState)}; {@code sameColumns}: the new state differs from the
     * current one only in its time, so of its row only the state is written.
     */
    private boolean setState(PoolCell cell, PoolState state, boolean sameColumns) {
        long v = version + 1;
        cell.changedAt = v;
        boolean zoneChanged = false;
        if (cell.row >= 0) {
            if (sameColumns) {
                columns.restamp(cell.row, state);
            } else {
                zoneChanged = columns.write(cell.row, state);
            }
        }
        cell.state = state;
        version = v;
        return zoneChanged;
    }

    @Override
    public PoolState consume(PoolState pool, double sizeGb) {
        PoolState claimed = claim(pool, sizeGb, Long.MAX_VALUE, p -> true);
        if (claimed != null) {
            return claimed;
        }
        LOG.warn("Pool {} disappeared before {} GB could be consumed from it", pool.backendId(), sizeGb);
        return PoolReports.consumed(pool, sizeGb, clock.instant());
    }

    @Override
    public void revertConsumed(String poolName, double sizeGb) {
        List<Map.Entry<PoolCell, Instant>> reverted = new ArrayList<>(1);
        synchronized (lock) {
            if (poolName.indexOf('#') < 0) {
                return;
            }
            // Cinder compares "<backend key>#<pool name>" for every pool; the key itself may contain '#',
            // so try every split rather than only the last one.
            for (int i = poolName.indexOf('#'); i >= 0; i = poolName.indexOf('#', i + 1)) {
                BackendState backend = backends.get(poolName.substring(0, i));
                PoolCell cell = backend == null ? null : backend.pools.get(poolName.substring(i + 1));
                PoolState pool = cell == null ? null : cell.state;
                if (pool == null) {
                    continue;
                }
                if (pool.updated() == null || backend.updated() == null || !pool.updated().isAfter(backend.updated())) {
                    // Cinder re-applies the stored report on the next refresh, which wipes a revert on a
                    // pool that was not consumed since that report (rule HM18).
                    LOG.debug("Revert of {} GB on {} has no effect: nothing consumed since its report", sizeGb,
                            poolName);
                    continue;
                }
                reverted.add(Map.entry(cell, pool.updated()));
            }
        }
        // The ledger outside the lock (a shared one writes to its coordination service).
        // A revert counts from the pool's last consumption, which a newer report supersedes (HM18).
        for (Map.Entry<PoolCell, Instant> r : reverted) {
            giveBack(r.getKey(), sizeGb, r.getValue());
        }
    }

    // --- what drivers and the CLI ask ------------------------------------------------------------

    @Override
    public boolean hasAllCapabilities() {
        synchronized (lock) {
            refreshLocked(clock.instant());
            return withoutCapabilities.isEmpty();
        }
    }

    /** Rule M2's {@code is_first_receive}: a report arrived, there are backends, none lacks a report. */
    public boolean firstReceiveCapabilities() {
        synchronized (lock) {
            refreshLocked(clock.instant());
            return reports.anyVolumeReport() && !backends.isEmpty() && withoutCapabilities.isEmpty();
        }
    }

    /** Backends known to be up and enabled but without a capability report. */
    public Set<String> backendsWithoutCapabilities() {
        synchronized (lock) {
            refreshLocked(clock.instant());
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
}
