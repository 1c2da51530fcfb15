package org.volsched.core.host;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import net.jqwik.api.lifecycle.AddLifecycleHook;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.AroundPropertyHook;
import net.jqwik.api.lifecycle.BeforeContainer;
import net.jqwik.api.lifecycle.PropertyExecutionResult;
import net.jqwik.api.lifecycle.PropertyExecutor;
import net.jqwik.api.lifecycle.PropertyLifecycleContext;
import org.volsched.spi.model.Candidates;
import org.volsched.spi.model.PoolState;
import org.volsched.spi.model.PoolTable;
import org.volsched.spi.model.ServiceInfo;
import org.volsched.testing.LogCapture;

/**
 * The incremental {@link HostManager} (re-derives only the backends a report, heartbeat or service
 * change touched, rewrites their rows in place) against the reference model
 * {@link FullRebuildHostManager} (v1, which re-derived every backend on every refresh): random
 * sequences of service changes, heartbeats, capability reports, clock moves, claims and reverts
 * are applied to both, each with its own ledger and clock at the same time, and every observation
 * (candidates and their facts, hosts up, readiness, pools API) must be the same. The incremental
 * snapshot's columns must also hold exactly what their pool states compute, and its per-zone rows
 * must match.
 *
 * <p>A claim not newer than its pool's report is counted by the report at once (see
 * {@link #aClaimNotNewerThanItsPoolsReportIsCountedByTheReport}). The differences it found in the incremental host manager are fixed; their counterexamples are the
 * regression examples at the end (and tests in {@code HostManagerTest} with Cinder's expected order).
 *
 * <p>Tries: {@code volsched.reliability.tries} (default {@value #DEFAULT_TRIES}), the same system
 * property as the reliability tests, e.g. {@code -Dvolsched.reliability.tries=10000}.
 */
class IncrementalHostManagerModelTest {
    static final int DEFAULT_TRIES = 200;
    private static final Instant T0 = Instant.parse("2026-03-01T12:00:00Z");
    private static final Duration SERVICE_DOWN_TIME = Duration.ofSeconds(60);

    /**
     * Host 5's backend key is host 0's plus {@code .x}: its pool {@code y} and host 0's pool
     * {@code x.y} share {@code <backend key>.<pool name>} (rule HM25). Host 3 names a pool (HM22).
     */
    static final List<String> HOSTS = List.of("node1@lvm", "node2@lvm", "node3@lvm", "node4@lvm#fast",
            "node5@lvm", "node1@lvm.x");
    static final List<String> CLUSTERS = List.of("cluster1@lvm", "cluster2@lvm");
    static final List<String> ZONES = List.of("nova", "az2", "az3");
    static final List<String> POOL_NAMES = List.of("p0", "p1", "p2", "y", "x.y");

    private static final List<LogCapture> CAPTURES = new ArrayList<>();

    @BeforeContainer
    static void quiet() {
        for (Class<?> type : List.of(HostManager.class, BackendState.class, FullRebuildHostManager.class)) {
            CAPTURES.add(LogCapture.of(type));
        }
    }

    @AfterContainer
    static void loud() {
        CAPTURES.forEach(LogCapture::close);
        CAPTURES.clear();
    }

    /** Sets the property's tries from {@code volsched.reliability.tries}. */
    public static final class ConfiguredTries implements AroundPropertyHook {
        @Override
        public PropertyExecutionResult aroundProperty(PropertyLifecycleContext context, PropertyExecutor property) {
            context.attributes().setTries(Math.max(1, Integer.getInteger("volsched.reliability.tries", DEFAULT_TRIES)));
            return property.execute();
        }

        @Override
        public int aroundPropertyProximity() {
            return -100;
        }
    }

    // --- the two host managers ---------------------------------------------------------------------

    /** Both host managers, their clocks (always at the same instant) and the candidates each last showed. */
    static final class Both {
        final MutableClock refClock = new MutableClock(T0);
        final MutableClock incClock = new MutableClock(T0);
        final FullRebuildHostManager ref = new FullRebuildHostManager(refClock, SERVICE_DOWN_TIME, "20.0",
                new InMemoryCapacityLedger());
        final HostManager inc = new HostManager(incClock, SERVICE_DOWN_TIME, "20.0", new InMemoryCapacityLedger());
        /** What the last observation showed, kept (as a decision would) for later claims. */
        List<PoolState> refSeen = List.of();
        List<PoolState> incSeen = List.of();
        final List<Op> done = new ArrayList<>();

        Instant now() {
            return refClock.instant();
        }

        void advance(Duration d) {
            refClock.advance(d);
            incClock.advance(d);
        }

        void run(Op op) {
            done.add(op);
            op.apply(this);
        }

        void run(Op... ops) {
            for (Op op : ops) {
                run(op);
            }
        }

        /** Calls both; they must return equal results (by {@code describe}) or throw the same exception type. */
        <R> void same(String what, Function<Side, R> call, Function<R, Object> describe) {
            Object r = outcome(() -> describe.apply(call.apply(BackendStatesPair.REF.bind(this))));
            Object i = outcome(() -> describe.apply(call.apply(BackendStatesPair.INC.bind(this))));
            assertThat(i).as("%s after %s", what, done).isEqualTo(r);
        }

        private static Object outcome(java.util.function.Supplier<Object> s) {
            try {
                return s.get();
            } catch (RuntimeException e) {
                return "threw " + e.getClass().getName();
            }
        }

        /** Every observation of both, compared. */
        void observe() {
            List<PoolState> r = List.copyOf(ref.candidates());
            List<PoolState> i = inc.candidates();
            checkRows(i);
            i = List.copyOf(i);
            assertThat(facts(i)).as("candidates after %s", done).isEqualTo(facts(r));
            refSeen = r;
            incSeen = i;
            for (String zone : ZONES) {
                assertThat(zoneRows(inc.snapshot(), zone)).as("candidates in %s after %s", zone, done)
                        .isEqualTo(facts(r).stream().filter(f -> f.zone().equals(zone)).map(PoolFacts::id).toList());
            }
            assertThat(inc.hostsUp()).as("hostsUp after %s", done).isEqualTo(ref.hostsUp());
            assertThat(inc.hasAllCapabilities()).as("hasAllCapabilities after %s", done)
                    .isEqualTo(ref.hasAllCapabilities());
            assertThat(inc.backendsWithoutCapabilities()).as("backendsWithoutCapabilities after %s", done)
                    .isEqualTo(ref.backendsWithoutCapabilities());
            assertThat(inc.firstReceiveCapabilities()).as("firstReceiveCapabilities after %s", done)
                    .isEqualTo(ref.firstReceiveCapabilities());
            assertThat(inc.getPools(Map.of())).as("getPools after %s", done).isEqualTo(ref.getPools(Map.of()));
            assertThat(inc.services()).as("services after %s", done).isEqualTo(ref.services());
        }

        /** The incremental snapshot's columns agree with the pool states they hold. */
        private void checkRows(List<PoolState> candidates) {
            Candidates live = (Candidates) candidates;
            PoolTable t = live.table();
            assertThat(t.liveRows()).as("live rows after %s", done).isEqualTo(live.size());
            for (int j = 0; j < live.size(); j++) {
                int row = live.row(j);
                PoolState p = t.pool(row);
                assertThat(t.zone(row)).isSameAs(p.availabilityZone());
                assertThat(t.capabilities(row)).isSameAs(p.capabilities());
                assertThat(t.slot(row)).isEqualTo(p.slot());
                sameNumber(t.provisionedCapacityGb(row), p.provisionedCapacityGb(), p);
                sameNumber(t.maxOverSubscriptionRatio(row), p.maxOverSubscriptionRatio(), p);
                sameNumber(t.virtualFreeCapacity(row, true), p.virtualFreeCapacity(true), p);
                sameNumber(t.virtualFreeCapacity(row, false), p.virtualFreeCapacity(false), p);
            }
        }

        /** NaN equals NaN here: a row must hold exactly what its pool state computes. */
        private void sameNumber(double inRow, double inState, PoolState p) {
            assertThat(Double.compare(inRow, inState)).as("row of %s holds %s, its state %s, after %s", p, inRow,
                    inState, done).isZero();
        }

        private static List<String> zoneRows(Snapshot s, String zone) {
            List<String> ids = new ArrayList<>();
            for (int row : s.rowsInZone(zone.intern())) {
                ids.add(s.pool(row).backendId());
            }
            return ids;
        }
    }

    /** One side of {@link Both}, so that a call is written once for both. */
    enum BackendStatesPair {
        REF, INC;

        Side bind(Both both) {
            return new Side(this, both);
        }
    }

    record Side(BackendStatesPair which, Both both) {
        org.volsched.spi.BackendStates states() {
            return which == BackendStatesPair.REF ? both.ref : both.inc;
        }

        List<PoolState> seen() {
            return which == BackendStatesPair.REF ? both.refSeen : both.incSeen;
        }

        void updateService(ServiceInfo s) {
            if (which == BackendStatesPair.REF) {
                both.ref.updateService(s);
            } else {
                both.inc.updateService(s);
            }
        }

        boolean addServiceIfAbsent(ServiceInfo s) {
            return which == BackendStatesPair.REF ? both.ref.addServiceIfAbsent(s) : both.inc.addServiceIfAbsent(s);
        }

        void heartbeat(String host, Instant at) {
            if (which == BackendStatesPair.REF) {
                both.ref.heartbeat(host, at);
            } else {
                both.inc.heartbeat(host, at);
            }
        }

        void removeService(String host) {
            if (which == BackendStatesPair.REF) {
                both.ref.removeService(host);
            } else {
                both.inc.removeService(host);
            }
        }
    }

    /** What is compared of a candidate pool. */
    record PoolFacts(String id, String zone, Map<String, Object> capabilities, Map<String, Object> service,
                     Object total, Object free, Object allocated, Object provisioned, double ratio, Instant updated) {
    }

    static List<PoolFacts> facts(List<PoolState> pools) {
        return pools.stream().map(IncrementalHostManagerModelTest::facts).toList();
    }

    static PoolFacts facts(PoolState p) {
        return p == null ? null : new PoolFacts(p.backendId(), p.availabilityZone(), p.capabilities(), p.service(),
                p.totalCapacity().raw(), p.freeCapacity().raw(), p.allocatedCapacityRaw(), p.provisionedCapacityRaw(),
                p.maxOverSubscriptionRatio(), p.updated());
    }

    // --- operations --------------------------------------------------------------------------------

    sealed interface Op {
        void apply(Both both);
    }

    enum Heartbeat {
        NOW(Duration.ZERO), JUST_UP(SERVICE_DOWN_TIME.negated()), HALF_GONE(Duration.ofSeconds(-30)),
        DOWN(Duration.ofSeconds(-61)), LONG_DOWN(Duration.ofSeconds(-600)), AHEAD(Duration.ofMillis(1)), NEVER(null);

        final Duration offset;

        Heartbeat(Duration offset) {
            this.offset = offset;
        }

        Instant at(Instant now) {
            return offset == null ? null : now.plus(offset);
        }
    }

    /** {@code updateService}, or {@code addServiceIfAbsent} when {@code ifAbsent}. */
    record UpdateService(int host, Integer cluster, int zone, boolean disabled, boolean frozen, Heartbeat heartbeat,
                         boolean ifAbsent) implements Op {
        ServiceInfo info(Instant now) {
            return new ServiceInfo(HOSTS.get(host), cluster == null ? null : CLUSTERS.get(cluster), ZONES.get(zone),
                    disabled, frozen, heartbeat.at(now));
        }

        @Override
        public void apply(Both both) {
            ServiceInfo s = info(both.now());
            if (ifAbsent) {
                both.same(toString(), side -> side.addServiceIfAbsent(s), x -> x);
            } else {
                both.same(toString(), side -> {
                    side.updateService(s);
                    return null;
                }, x -> x);
            }
        }

        @Override
        public String toString() {
            return (ifAbsent ? "addServiceIfAbsent(" : "updateService(") + HOSTS.get(host)
                    + (cluster == null ? "" : " in " + CLUSTERS.get(cluster)) + ", " + ZONES.get(zone)
                    + (disabled ? ", disabled" : "") + (frozen ? ", frozen" : "") + ", heartbeat " + heartbeat + ")";
        }
    }

    record Beat(int host, Heartbeat at) implements Op {
        @Override
        public void apply(Both both) {
            Instant t = at.at(both.now());
            if (t == null) {
                return;
            }
            both.same(toString(), side -> {
                side.heartbeat(HOSTS.get(host), t);
                return null;
            }, x -> x);
        }

        @Override
        public String toString() {
            return "heartbeat(" + HOSTS.get(host) + ", " + at + ")";
        }
    }

    record RemoveService(int host) implements Op {
        @Override
        public void apply(Both both) {
            both.same(toString(), side -> {
                side.removeService(HOSTS.get(host));
                return null;
            }, x -> x);
        }

        @Override
        public String toString() {
            return "removeService(" + HOSTS.get(host) + ")";
        }
    }

    record Advance(Duration by) implements Op {
        @Override
        public void apply(Both both) {
            both.advance(by);
        }

        @Override
        public String toString() {
            return "advance(" + by + ")";
        }
    }

    /** A pool report; {@code name == null} leaves {@code pool_name} out. */
    record PoolSpec(String name, Object total, Object free, long allocated, boolean thin, String ratio) {
        Map<String, Object> report() {
            Map<String, Object> m = new LinkedHashMap<>();
            if (name != null) {
                m.put("pool_name", name);
            }
            m.put("total_capacity_gb", total);
            m.put("free_capacity_gb", free);
            m.put("allocated_capacity_gb", allocated);
            m.put("thin_provisioning_support", thin);
            if (ratio != null) {
                m.put("max_over_subscription_ratio", ratio);
            }
            return m;
        }

        @Override
        public String toString() {
            return name + "{" + total + "/" + free + "/" + allocated + (thin ? ", thin" : "")
                    + (ratio == null ? "" : ", ratio " + ratio) + "}";
        }
    }

    enum Shape {
        /** {@code pools} is a list of pool reports. */
        POOLS,
        /** No {@code pools} key: one legacy pool (HM22). */
        LEGACY,
        /** {@code pools: None}: legacy too. */
        POOLS_NONE,
        /** {@code pools: []}: no pool (HM22a). */
        EMPTY_LIST,
        /** {@code pools} is a mapping: no pool (HM22a). */
        NOT_A_LIST
    }

    enum Stamp {
        NOW(Duration.ZERO), UNSET(null), MS_AGO(Duration.ofMillis(-1)), SECONDS_AGO(Duration.ofSeconds(-5)),
        LONG_AGO(Duration.ofSeconds(-90));
        // No stamp ahead of the clock: see the example at the end.

        final Duration offset;

        Stamp(Duration offset) {
            this.offset = offset;
        }
    }

    /**
     * {@code updateServiceCapabilities(service, HOSTS[host], CLUSTERS[cluster] or null, ...)}; the
     * backend reports {@code legacyName} as {@code volume_backend_name} and {@code free} for a legacy pool.
     */
    record Report(boolean backup, int host, Integer cluster, Shape shape, List<PoolSpec> pools, String legacyName,
                  long legacyFree, Stamp stamp) implements Op {
        Map<String, Object> capabilities() {
            Map<String, Object> m = new LinkedHashMap<>();
            if (legacyName != null) {
                m.put("volume_backend_name", legacyName);
            }
            m.put("storage_protocol", "iSCSI");
            m.put("vendor_name", "Open Source");
            switch (shape) {
                case POOLS -> {
                    List<Object> list = new ArrayList<>();
                    pools.forEach(p -> list.add(p.report()));
                    m.put("pools", list);
                }
                case LEGACY -> {
                    m.put("total_capacity_gb", 1000L);
                    m.put("free_capacity_gb", legacyFree);
                }
                case POOLS_NONE -> {
                    m.put("pools", null);
                    m.put("total_capacity_gb", "infinite");
                    m.put("free_capacity_gb", legacyFree);
                }
                case EMPTY_LIST -> m.put("pools", new ArrayList<>());
                case NOT_A_LIST -> m.put("pools", new LinkedHashMap<>(Map.of("pool_name", "p0")));
            }
            return m;
        }

        @Override
        public void apply(Both both) {
            Instant ts = stamp.offset == null ? null : both.now().plus(stamp.offset);
            String c = cluster == null ? null : CLUSTERS.get(cluster);
            both.same(toString(), side -> {
                side.states().updateServiceCapabilities(backup ? "backup" : "volume", HOSTS.get(host), c,
                        capabilities(), ts);
                return null;
            }, x -> x);
        }

        @Override
        public String toString() {
            return (backup ? "backupReport(" : "report(") + HOSTS.get(host)
                    + (cluster == null ? "" : " for " + CLUSTERS.get(cluster)) + ", stamped " + stamp + ", "
                    + (legacyName == null ? "" : "volume_backend_name " + legacyName + ", ")
                    + switch (shape) {
                        case POOLS -> "pools " + pools;
                        case LEGACY, POOLS_NONE -> shape + " free " + legacyFree;
                        default -> shape.toString();
                    } + ")";
        }
    }

    /**
     * {@code consume} on the {@code index}-th (modulo) candidate of the last observation, 1 ns after
     * the clock's instant (clock moves and report stamps are whole milliseconds), so that a claim is
     * never stamped with a report's own timestamp (v1 keeps such a claim until a heartbeat, see
     * {@link #aClaimNotNewerThanItsPoolsReportIsCountedByTheReport}).
     */
    record Consume(int index, double sizeGb) implements Op {
        @Override
        public void apply(Both both) {
            if (both.refSeen.isEmpty() || both.incSeen.isEmpty()) {
                return;
            }
            // Never at the instant a report was stamped: see the example at the end.
            both.advance(Duration.ofNanos(1));
            both.same(toString(), side -> side.states().consume(side.seen().get(index % side.seen().size()),
                    sizeGb), IncrementalHostManagerModelTest::facts);
        }

        @Override
        public String toString() {
            return "consume(candidate " + index + ", " + sizeGb + " GB)";
        }
    }

    /** {@code revertConsumed} on the {@code index}-th (modulo) candidate of the last observation, or a made-up name. */
    record Revert(int index, boolean madeUp, double sizeGb) implements Op {
        @Override
        public void apply(Both both) {
            String name;
            if (madeUp || both.refSeen.isEmpty()) {
                name = HOSTS.get(index % HOSTS.size()) + "#nosuchpool";
            } else {
                PoolState p = both.refSeen.get(index % both.refSeen.size());
                name = p.backendKey() + "#" + p.poolName();
            }
            both.same(toString(), side -> {
                side.states().revertConsumed(name, sizeGb);
                return null;
            }, x -> x);
        }

        @Override
        public String toString() {
            return "revertConsumed(" + (madeUp ? "unknown pool " : "candidate ") + index + ", " + sizeGb + " GB)";
        }
    }

    record Observe() implements Op {
        @Override
        public void apply(Both both) {
            both.observe();
        }

        @Override
        public String toString() {
            return "observe";
        }
    }

    // --- generators ----------------------------------------------------------------------------------

    /** The cluster each host's service normally belongs to: hosts 1 and 2 share cluster 0, host 4 is alone in cluster 1. */
    static Integer homeCluster(int host) {
        return switch (host) {
            case 1, 2 -> 0;
            case 4 -> 1;
            default -> null;
        };
    }

    private static <T> Arbitrary<T> weighted(int common, Arbitrary<T> usual, int rare, Arbitrary<T> unusual) {
        return Arbitraries.frequencyOf(Tuple.of(common, usual), Tuple.of(rare, unusual));
    }

    private static Arbitrary<Integer> hosts() {
        return Arbitraries.integers().between(0, HOSTS.size() - 1);
    }

    /** Which cluster a service or report names: mostly the host's home cluster (resolved per host, so no flatMap hinders shrinking). */
    enum In {
        HOME, NONE, FIRST, SECOND;

        Integer resolve(int host) {
            return switch (this) {
                case HOME -> homeCluster(host);
                case NONE -> null;
                case FIRST -> 0;
                case SECOND -> 1;
            };
        }
    }

    private static Arbitrary<In> clusterChoices() {
        return weighted(6, Arbitraries.just(In.HOME), 1, Arbitraries.of(In.NONE, In.FIRST, In.SECOND));
    }

    private static Arbitrary<Op> services() {
        Arbitrary<Heartbeat> beats = weighted(8, Arbitraries.just(Heartbeat.NOW), 3, Arbitraries.of(Heartbeat.class));
        Arbitrary<Boolean> rarely = Arbitraries.frequency(Tuple.of(6, false), Tuple.of(1, true));
        // zone -1: the host's home zone
        Arbitrary<Integer> zones = weighted(4, Arbitraries.just(-1), 1, Arbitraries.integers().between(0, 2));
        return Combinators.combine(hosts(), clusterChoices(), zones, rarely, rarely, beats, rarely).as(
                (host, in, zone, disabled, frozen, beat, ifAbsent) -> new UpdateService(host, in.resolve(host),
                        zone < 0 ? host % ZONES.size() : zone, disabled, frozen, beat, ifAbsent));
    }

    private static Arbitrary<PoolSpec> pools() {
        Arbitrary<String> names = Arbitraries.frequencyOf(
                Tuple.of(10, Arbitraries.of("p0", "p1", "p2")),
                Tuple.of(2, Arbitraries.of("y", "x.y")),
                Tuple.of(1, Arbitraries.just((String) null)));
        Arbitrary<Object> totals = weighted(6, Arbitraries.just(500L), 2, Arbitraries.of(100L, 0L, "infinite"));
        Arbitrary<Object> free = weighted(6, Arbitraries.of(100L, 300L, 499L), 2,
                Arbitraries.of(0L, "unknown", "infinite", 20.5));
        Arbitrary<Long> allocated = Arbitraries.of(0L, 10L, 400L);
        Arbitrary<String> ratios = Arbitraries.of(null, null, null, "2.0", "auto");
        return Combinators.combine(names, totals, free, allocated, Arbitraries.of(true, false), ratios)
                .as(PoolSpec::new);
    }

    private static Arbitrary<Report> reports() {
        Arbitrary<Shape> shapes = Arbitraries.frequencyOf(
                Tuple.of(14, Arbitraries.just(Shape.POOLS)),
                Tuple.of(3, Arbitraries.of(Shape.LEGACY, Shape.POOLS_NONE)),
                Tuple.of(1, Arbitraries.of(Shape.EMPTY_LIST, Shape.NOT_A_LIST)));
        Arbitrary<Stamp> stamps = weighted(6, Arbitraries.just(Stamp.NOW), 4, Arbitraries.of(Stamp.class));
        Arbitrary<Boolean> backup = Arbitraries.frequency(Tuple.of(12, false), Tuple.of(1, true));
        Arbitrary<In> via = weighted(6, Arbitraries.just(In.HOME), 2, Arbitraries.of(In.NONE, In.FIRST, In.SECOND));
        return Combinators.combine(backup, hosts(), via, shapes, pools().list().ofMinSize(1).ofMaxSize(4),
                Arbitraries.of(null, "lvm", "p0"), Arbitraries.of(100L, 60L, 0L), stamps).as(
                (b, host, in, shape, pools, legacyName, legacyFree, stamp) ->
                        new Report(b, host, in.resolve(host), shape, pools, legacyName, legacyFree, stamp));
    }

    private static Arbitrary<Op> operations() {
        Arbitrary<Op> beats = Combinators.combine(hosts(),
                weighted(3, Arbitraries.just(Heartbeat.NOW), 2, Arbitraries.of(Heartbeat.class))).as(Beat::new);
        Arbitrary<Op> removals = hosts().map(RemoveService::new);
        Arbitrary<Op> advances = Arbitraries.of(Duration.ofMillis(1), Duration.ofSeconds(1), Duration.ofSeconds(10),
                Duration.ofSeconds(30), Duration.ofSeconds(61), Duration.ofSeconds(300)).map(Advance::new);
        Arbitrary<Op> consumes = Combinators.combine(Arbitraries.integers().between(0, 9),
                Arbitraries.of(1.0, 10.0, 0.5)).as(Consume::new);
        Arbitrary<Op> reverts = Combinators.combine(Arbitraries.integers().between(0, 9), Arbitraries.of(false, true),
                Arbitraries.of(1.0, 10.0)).as(Revert::new);
        return Arbitraries.frequencyOf(
                Tuple.of(30, reports()),
                Tuple.of(12, services()),
                Tuple.of(12, beats),
                Tuple.of(2, removals),
                Tuple.of(10, advances),
                Tuple.of(10, consumes),
                Tuple.of(4, reverts),
                Tuple.of(15, Arbitraries.just(new Observe())));
    }

    /** A start: some hosts' services, up in their home cluster and zone, then some reports. */
    private static Arbitrary<List<Op>> fleets() {
        Arbitrary<List<Op>> services = hosts().list().uniqueElements().ofMaxSize(HOSTS.size()).map(hs -> hs.stream()
                .<Op>map(h -> new UpdateService(h, homeCluster(h), h % ZONES.size(), false, false, Heartbeat.NOW,
                        false)).toList());
        return Combinators.combine(services, reports().list().ofMaxSize(HOSTS.size())).as((ss, rs) -> {
            List<Op> ops = new ArrayList<>(ss);
            ops.addAll(rs);
            return ops;
        });
    }

    @Provide
    Arbitrary<List<Op>> sequences() {
        return Combinators.combine(fleets(), operations().list().ofMinSize(10).ofMaxSize(80)).as((fleet, ops) -> {
            List<Op> all = new ArrayList<>(fleet);
            all.addAll(ops);
            return all;
        });
    }

    // --- the property ----------------------------------------------------------------------------------

    @Property
    @AddLifecycleHook(ConfiguredTries.class)
    void theIncrementalHostManagerShowsWhatTheFullRebuildOneShows(@ForAll("sequences") List<Op> ops) {
        Both both = new Both();
        for (Op op : ops) {
            both.run(op);
        }
        both.observe();
    }

    // --- helpers for the examples ----------------------------------------------------------------------------

    private static UpdateService up(int host) {
        return new UpdateService(host, null, 0, false, false, Heartbeat.NOW, false);
    }

    private static UpdateService up(int host, int zone, Integer cluster) {
        return new UpdateService(host, cluster, zone, false, false, Heartbeat.NOW, false);
    }

    private static PoolSpec pool(String name) {
        return new PoolSpec(name, 100L, 100L, 0, false, null);
    }

    private static Report report(int host, String... poolNames) {
        return report(host, null, poolNames);
    }

    private static Report report(int host, Integer cluster, String... poolNames) {
        return new Report(false, host, cluster, Shape.POOLS, List.of(poolNames).stream().map(
                IncrementalHostManagerModelTest::pool).toList(), "lvm", 0, Stamp.NOW);
    }

    private static List<String> ids(Both both) {
        return both.inc.candidates().stream().map(PoolState::backendId).toList();
    }

    // --- what the property rarely reaches -------------------------------------------------------------------

    @Example
    void aPoolAddedToABackendThatIsNotTheLastOneKeepsTheBackendsOrder() {
        Both both = new Both();
        both.run(up(0), up(1), report(0, "p0"), report(1, "p0"), new Observe(),
                new Advance(Duration.ofSeconds(1)), report(0, "p0", "p1"), new Observe());
        assertThat(ids(both)).containsExactly("node1@lvm#p0", "node1@lvm#p1", "node2@lvm#p0");
    }

    @Example
    void aBackendThatGoesDownAndComesBackBetweenTwoDecisionsKeepsItsPosition() {
        Both both = new Both();
        both.run(up(0), up(1), report(0, "p0"), report(1, "p0"), new Observe(),
                new Advance(Duration.ofSeconds(61)), new Beat(1, Heartbeat.NOW), new Beat(0, Heartbeat.NOW),
                new Observe());
        assertThat(ids(both)).containsExactly("node1@lvm#p0", "node2@lvm#p0");
    }

    @Example
    void aBackendThatWasSeenDownComesBackAtTheEnd() {
        Both both = new Both();
        both.run(up(0), up(1), report(0, "p0"), report(1, "p0"), new Observe(),
                new Advance(Duration.ofSeconds(61)), new Beat(1, Heartbeat.NOW), new Observe(),
                new Beat(0, Heartbeat.NOW), new Observe());
        assertThat(ids(both)).containsExactly("node2@lvm#p0", "node1@lvm#p0");
    }

    @Example
    void backendsThatBecomeActiveBetweenTwoDecisionsJoinInServiceOrder() {
        Both both = new Both();
        both.run(up(0), up(1), up(2), report(0, "p0"), new Observe(),
                report(2, "p0"), report(1, "p0"), new Observe());
        assertThat(ids(both)).containsExactly("node1@lvm#p0", "node2@lvm#p0", "node3@lvm#p0");
    }

    @Example
    void poolsSharingBackendKeyDotPoolNameAreOneCandidateAtTheFirstPositionWithTheLaterState() {
        Both both = new Both();
        // Backend node1@lvm.x (host 5) with pool y, then node1@lvm (host 0) with pool x.y: both are "node1@lvm.x.y".
        both.run(up(5), up(1), up(0), report(5, "y"), report(1, "p0"), report(0, "x.y"), new Observe());
        assertThat(ids(both)).containsExactly("node1@lvm#x.y", "node2@lvm#p0");
    }

    @Example
    void anEarlierServiceOfAClusterComingUpProvidesTheBackendInPlaceWithItsZone() {
        Both both = new Both();
        both.run(up(0), new UpdateService(1, 0, 1, false, false, Heartbeat.DOWN, false), up(2, 2, 0), report(0, "p0"),
                report(2, 0, "p0"), new Observe());
        assertThat(ids(both)).containsExactly("node1@lvm#p0", "cluster1@lvm#p0");
        assertThat(both.inc.candidates().get(1).availabilityZone()).isEqualTo("az3");

        both.run(new Beat(1, Heartbeat.NOW), new Observe());
        assertThat(ids(both)).containsExactly("node1@lvm#p0", "cluster1@lvm#p0");
        assertThat(both.inc.candidates().get(1).availabilityZone()).isEqualTo("az2");
    }

    @Example
    void manyPoolsLeavingCompactTheColumns() {
        Both both = new Both();
        String[] many = new String[520];
        for (int i = 0; i < many.length; i++) {
            many[i] = "p" + i;
        }
        both.run(up(0), up(1), up(2), report(0, many), report(1, many), report(2, "p0"), new Observe(),
                new Advance(Duration.ofSeconds(1)), report(0, "p3"), report(1, "p519", "p5"), new Observe(),
                new Consume(1, 10.0), new Observe());
        // Pools keep their places in the backend's pool map, whatever the order of the report.
        assertThat(ids(both)).containsExactly("node1@lvm#p3", "node2@lvm#p5", "node2@lvm#p519", "node3@lvm#p0");
        assertThat(both.inc.snapshot().rows()).as("the dead rows are gone").isEqualTo(4);
    }

    // --- regressions: differences the property found, fixed in the incremental host manager ------------

    /** HM9: the first report ever received rebuilds the backend map at once, so its backend comes first. */
    @Example
    void theFirstReportEverReceivedPlacesItsBackendAtOnce() {
        Both both = new Both();
        both.run(up(0), up(1), report(1, "p0"), report(0, "p0"), new Observe());
        assertThat(ids(both)).containsExactly("node2@lvm#p0", "node1@lvm#p0");
    }

    /** HM25: the later of two pools sharing a dotted key leaves; the earlier one is a candidate again. */
    @Example
    void theLaterOfTwoPoolsSharingACandidateKeyLeaves() {
        Both both = new Both();
        both.run(up(5), up(1), up(0), report(5, "y"), report(1, "p0"), report(0, "x.y"), new Observe(),
                new Advance(Duration.ofSeconds(1)), report(0, "p0"), new Observe());
        assertThat(ids(both)).containsExactly("node1@lvm.x#y", "node2@lvm#p0", "node1@lvm#p0");
    }

    /** HM25: the earlier of two pools sharing a dotted key leaves; the later one moves to its own position. */
    @Example
    void theEarlierOfTwoPoolsSharingACandidateKeyLeaves() {
        Both both = new Both();
        both.run(up(5), up(1), up(0), report(5, "y", "p1"), report(1, "p0"), report(0, "x.y"), new Observe(),
                new Advance(Duration.ofSeconds(1)), report(5, "p1"), new Observe());
        assertThat(ids(both)).containsExactly("node1@lvm.x#p1", "node2@lvm#p0", "node1@lvm#x.y");
    }

    /** HM11: a heartbeat older than the last one brings the service's expiry forward. */
    @Example
    void aHeartbeatOlderThanTheLastOneBringsTheExpiryForward() {
        Both both = new Both();
        both.run(up(0), report(0, "p0"), new Observe(), new Beat(0, Heartbeat.JUST_UP), new Observe(),
                new Advance(Duration.ofMillis(1)), new Observe());
        assertThat(ids(both)).isEmpty();
        assertThat(both.inc.hostsUp()).isEmpty();
    }

    /** A service that went down stays down after a heartbeat too old to bring it back. */
    @Example
    void aServiceThatWentDownStaysDownAfterAHeartbeatTooOldToBringItBack() {
        Both both = new Both();
        both.run(up(3), up(0), report(0, "p0"), new Observe(), new Advance(Duration.ofSeconds(61)),
                new Beat(3, Heartbeat.DOWN), new Beat(0, Heartbeat.DOWN), new Observe());
        assertThat(ids(both)).isEmpty();
        assertThat(both.inc.hasAllCapabilities()).isTrue();
    }

    // --- a claim not newer than its pool's report ----------------------------------------------------------

    /**
     * A claim on a pool whose report is stamped at or after the claim's instant (a volume host's
     * clock ahead, or the very instant): the report counts it already (HM18: a claim lives until a
     * report not older than it). Cinder re-applies the stored report at the next refresh (HM14) and
     * wipes the claim then; the incremental host manager does not install it at all, so the next
     * decision sees the same thing, and it no longer depends on whether a heartbeat arrived (as it
     * did until the claim protocol went outside the lock, when this was the one difference from v1).
     */
    @Example
    void aClaimNotNewerThanItsPoolsReportIsCountedByTheReport() {
        for (Duration stampAhead : List.of(Duration.ZERO, Duration.ofSeconds(1))) {
            Both both = new Both();
            both.run(up(0), new Observe());
            both.inc.updateServiceCapabilities("volume", HOSTS.get(0), null, report(0, "p0").capabilities(),
                    both.now().plus(stampAhead));
            both.ref.updateServiceCapabilities("volume", HOSTS.get(0), null, report(0, "p0").capabilities(),
                    both.now().plus(stampAhead));
            both.inc.consume(both.inc.candidates().get(0), 10);
            both.ref.consume(both.ref.candidates().get(0), 10);
            both.inc.heartbeat(HOSTS.get(0), both.now().plusMillis(1));
            both.ref.heartbeat(HOSTS.get(0), both.now().plusMillis(1));

            assertThat(both.ref.candidates().get(0).freeCapacity().raw())
                    .as("v1, report %s ahead: wiped by the re-applied report", stampAhead).isEqualTo(100L);
            assertThat(both.inc.candidates().get(0).freeCapacity().raw())
                    .as("incremental, report %s ahead: counted by the report", stampAhead).isEqualTo(100L);
        }
    }
}
