package org.volsched.cli.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.inject.multibindings.OptionalBinder;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.volsched.core.host.PoolReports;
import org.volsched.cli.reliability.RecordingLedger.Claimed;
import org.volsched.cli.reliability.RecordingLedger.Event;
import org.volsched.cli.reliability.RecordingLedger.Forgot;
import org.volsched.cli.reliability.RecordingLedger.Reported;
import org.volsched.core.bootstrap.Scheduler;
import org.volsched.spi.CapacityLedger;
import org.volsched.core.host.HostManager;
import org.volsched.core.memory.InMemoryVolumeDispatcher;
import org.volsched.core.memory.InMemoryVolumeStore;
import org.volsched.spi.NoValidBackend;
import org.volsched.spi.VolumeDispatcher;
import org.volsched.spi.VolumeStore;
import org.volsched.spi.model.DecisionTrace;
import org.volsched.spi.model.FilterProperties;
import org.volsched.spi.model.Placement;
import org.volsched.spi.model.PoolState;
import org.volsched.spi.model.RequestContext;
import org.volsched.spi.model.RequestSpec;
import org.volsched.spi.model.RetryState;
import org.volsched.spi.model.ServiceInfo;
import org.volsched.spi.model.Volume;
import org.volsched.spi.model.VolumeType;
import org.volsched.testing.LogCapture;
import org.volsched.testing.Warnings;

/**
 * Several threads schedule through one {@link Scheduler} (the filter driver, the default filters,
 * CapacityWeigher, a fleet built from a seed) while others deliver capability reports (the same
 * numbers again, new numbers, stale ones), take services down, disable and restore them, send
 * heartbeats, and reschedule placed volumes (a {@link RetryState} naming the pool they failed on).
 * Afterwards:
 * <ul>
 *   <li>nothing threw, and every failure was a NoValidBackend;</li>
 *   <li>no decision claimed room on a pool that, at the moment of the claim, was too small
 *       ({@link CapacityOracle}): the pool's state just before the claim is the claimed state with
 *       the claim given back. (The filters read a snapshot that concurrent claims and reports may
 *       update while a decision runs; the claim re-checks the pool's current state and
 *       the decision is made again when the room is gone, so the claim is what must be right.)</li>
 *   <li>every placement claimed its size on its pool exactly once, and every claim belongs to a
 *       placement (or, for a give-back, to a reschedule from that pool); a pool that vanished
 *       between the decision and the claim is logged;</li>
 *   <li>every pool's capacities are those of the report in effect plus the claims made since that
 *       report, and those claims are exactly the placements consumed after the report's time;
 *       no report dropped a newer claim, no stale report was applied;</li>
 *   <li>every volume was dispatched once per placement, carries the host of one of its placements, and
 *       is errored exactly when one of its attempts found no backend.</li>
 * </ul>
 * Runs {@link ReliabilitySettings#stressSeconds()} seconds, in rounds of at most {@value #ROUND_SECONDS}
 * seconds, each with a new scheduler and fleet (so that the records stay small); no assertion
 * depends on timing.
 */
class ConcurrentSchedulingStressTest {
    private static final long SEED = 20260107L;
    private static final int SCHEDULING_THREADS = 4;
    private static final int BACKENDS = 8;
    private static final Instant START = Instant.parse("2026-01-01T00:00:00Z");
    private static final VolumeType THIN = new VolumeType("t-thin", "thin", Map.of(), null,
            Map.of("id", "t-thin", "name", "thin"), false);
    private static final VolumeType THICK = new VolumeType("t-thick", "thick", Map.of("provisioning:type", "thick"),
            null, Map.of("id", "t-thick", "name", "thick"), false);
    private static final RequestContext CONTEXT = new RequestContext("p1", "u1", "req-stress", false);

    /** The numbers of one pool in one report. */
    record PoolNumbers(long total, long free, long allocated, long provisioned, long reserved, boolean thin,
                       double ratio, Instant reportTime, boolean stale) {
    }

    /**
     * What one request asked and got (kept small: the long profile records millions).
     *
     * @param placedOn the chosen pool, or {@code null} when no backend was found
     * @param consumedAt the chosen pool's {@code updated} after consumption: the time of its claim
     * @param host the pool's host as the volume record gets it
     */
    record Decision(String volumeId, long size, boolean thin, String retriedOn, String placedOn, Instant consumedAt,
                    String host) {
        boolean placed() {
            return placedOn != null;
        }
    }

    /** A placed volume that may be rescheduled. */
    record Placed(String volumeId, String pool, long size, boolean thin) {
    }

    /** Longest round: each round starts a new scheduler, so that the records of one round stay small. */
    private static final int ROUND_SECONDS = 5;

    // The state of one round.
    private TickingClock clock;
    private RecordingLedger ledger;
    private InMemoryVolumeDispatcher dispatcher;
    private InMemoryVolumeStore volumes;
    /** Pool key, then the report's {@link #invariants}, to the reported numbers. */
    private Map<String, Map<List<Long>, PoolNumbers>> reported;
    private Map<String, Set<List<Long>>> invariantsUsed;
    private Set<Instant> staleReportTimes;
    private List<Throwable> errors;
    private AtomicInteger reports;
    private AtomicInteger serviceChanges;

    /** Figures over every round. */
    private final Map<String, Long> totals = new LinkedHashMap<>();

    @Test
    void concurrentDecisionsReportsServiceChangesAndReschedulesLoseNothing() throws Exception {
        int seconds = ReliabilitySettings.stressSeconds();
        int rounds = (seconds + ROUND_SECONDS - 1) / ROUND_SECONDS;
        for (int round = 0; round < rounds; round++) {
            round(SEED + 1_000L * round, Math.min(ROUND_SECONDS, seconds - round * ROUND_SECONDS));
        }
        System.out.printf("stress: %d s in %d round(s), %d scheduling threads + 1 reporter + 1 service changer; "
                        + "%d decisions (%d placed, %d NoValidBackend, %d reschedules); %d reports sent (%d stale), "
                        + "%d pool report applications; %d service changes; %d claims, %d give-backs, %d placements "
                        + "on vanished pools; %d volumes; nothing lost%n",
                seconds, rounds, SCHEDULING_THREADS, totals.get("decisions"), totals.get("placed"),
                totals.get("decisions") - totals.get("placed"), totals.get("reschedules"), totals.get("reports"),
                totals.get("stale"), totals.get("applications"), totals.get("service changes"), totals.get("claims"),
                totals.get("give-backs"), totals.get("vanished"), totals.get("volumes"));
        assertThat(totals.get("placed")).as("some volumes were placed").isPositive();
        assertThat(totals.get("decisions") - totals.get("placed")).as("some requests found no room").isPositive();
    }

    private void round(long seed, int seconds) throws Exception {
        clock = new TickingClock(START);
        ledger = new RecordingLedger();
        dispatcher = new InMemoryVolumeDispatcher();
        volumes = new InMemoryVolumeStore(clock);
        reported = new ConcurrentHashMap<>();
        invariantsUsed = new ConcurrentHashMap<>();
        staleReportTimes = ConcurrentHashMap.newKeySet();
        errors = Collections.synchronizedList(new ArrayList<>());
        reports = new AtomicInteger();
        serviceChanges = new AtomicInteger();
        Scheduler scheduler = Scheduler.builder()
                .clock(clock)
                .module(binder -> {
                    OptionalBinder.newOptionalBinder(binder, CapacityLedger.class).setBinding().toInstance(ledger);
                    OptionalBinder.newOptionalBinder(binder, VolumeDispatcher.class).setBinding().toInstance(dispatcher);
                    OptionalBinder.newOptionalBinder(binder, VolumeStore.class).setBinding().toInstance(volumes);
                })
                .build();
        assertThat(scheduler.driver().name()).isEqualTo("filter");
        assertThat(scheduler.config().filters())
                .containsExactly("AvailabilityZoneFilter", "CapacityFilter", "CapabilitiesFilter");
        assertThat(scheduler.config().weighers()).containsExactly("CapacityWeigher");
        HostManager hosts = scheduler.hostManager();
        Random fleetRandom = new Random(seed);
        Map<String, List<PoolNumbers>> current = new LinkedHashMap<>();
        for (int b = 0; b < BACKENDS; b++) {
            String host = "node" + b + "@be" + b;
            hosts.updateService(new ServiceInfo(host, null, "nova", false, false, clock.instant()));
            List<PoolNumbers> pools = new ArrayList<>();
            int poolCount = 1 + fleetRandom.nextInt(3);
            for (int p = 0; p < poolCount; p++) {
                pools.add(newNumbers(fleetRandom, host + "#pool" + p, null));
            }
            current.put(host, pools);
            report(hosts, host, pools, clock.instant(), false);
        }

        List<List<Decision>> decisionsByThread = new ArrayList<>();
        ConcurrentLinkedQueue<Placed> placed = new ConcurrentLinkedQueue<>();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        List<Thread> threads = new ArrayList<>();
        CountDownLatch go = new CountDownLatch(1);
        for (int t = 0; t < SCHEDULING_THREADS; t++) {
            List<Decision> mine = new ArrayList<>();
            decisionsByThread.add(mine);
            int thread = t;
            threads.add(worker("scheduler-" + t, go, deadline, new Random(seed + 1 + t), random -> {
                mine.add(decideOne(scheduler, thread, mine.size(), random, placed));
            }));
        }
        threads.add(worker("reporter", go, deadline, new Random(seed + 100), random -> {
            sendReport(hosts, current, random);
            pause(random);
        }));
        Set<String> impaired = new HashSet<>();
        threads.add(worker("services", go, deadline, new Random(seed + 200), random -> {
            changeServices(hosts, current.keySet(), impaired, random);
            pause(random);
        }));
        List<String> warnings;
        try (LogCapture log = LogCapture.named(HostManager.class.getName(), Warnings.FILTER_SCHEDULER)) {
            threads.forEach(Thread::start);
            go.countDown();
            for (Thread thread : threads) {
                thread.join(TimeUnit.SECONDS.toMillis(seconds + 120L));
                assertThat(thread.isAlive()).as("%s finished", thread.getName()).isFalse();
            }
            warnings = log.warnings();
        }
        assertThat(errors).as("nothing threw").isEmpty();

        List<Decision> decisions = new ArrayList<>();
        decisionsByThread.forEach(decisions::addAll);
        // The final snapshot first: taking it may apply the last reports, which the ledger records.
        List<PoolState> finalPools = List.copyOf(hosts.snapshot().pools());
        verify(decisions, ledger.events(), finalPools, warnings);
    }

    // --- the actors --------------------------------------------------------------------------

    private interface Step {
        void run(Random random) throws Exception;
    }

    private Thread worker(String name, CountDownLatch go, long deadline, Random random, Step step) {
        Thread thread = new Thread(() -> {
            try {
                go.await();
                while (System.nanoTime() < deadline) {
                    step.run(random);
                }
            } catch (Throwable e) {
                errors.add(new AssertionError(name + " threw " + e, e));
            }
        }, name);
        thread.setDaemon(true);
        return thread;
    }

    private static void pause(Random random) throws InterruptedException {
        if (random.nextInt(4) == 0) {
            Thread.sleep(1);
        } else {
            Thread.onSpinWait();
        }
    }

    private Decision decideOne(Scheduler scheduler, int thread, int n, Random random, ConcurrentLinkedQueue<Placed> placed) {
        Placed previous = random.nextInt(8) == 0 ? placed.poll() : null;
        String id = previous != null ? previous.volumeId() : "vol-" + thread + "-" + n;
        long size = previous != null ? previous.size() : 1 + random.nextInt(60);
        boolean thin = previous != null ? previous.thin() : random.nextBoolean();
        VolumeType type = thin ? THIN : THICK;
        FilterProperties props = null;
        if (previous != null) {
            props = new FilterProperties().setRetry(new RetryState(1, new ArrayList<>(List.of(previous.pool())),
                    new ArrayList<>(List.of(previous.pool()))));
        }
        DecisionTrace trace = DecisionTrace.outcomeOnly();
        scheduler.createVolume(CONTEXT, RequestSpec.of(id, (int) size, "nova", type), props,
                new Volume(id, size, "nova", type.id(), type, "p1", "u1"), null, null, null, trace);
        String retriedOn = previous == null ? null : previous.pool();
        Placement placement = trace.selected();
        if (placement == null) {
            if (!(trace.failure() instanceof NoValidBackend)) {
                errors.add(new AssertionError("request " + id + " failed with " + trace.failure(), trace.failure()));
            }
            return new Decision(id, size, thin, retriedOn, null, null, null);
        }
        // No decision claims room on a pool that was too small at the moment of the claim: the state the
        // claim was made against is the claimed state with the claim given back.
        PoolState b = PoolReports.consumed(placement.pool(), -size, null);
        if (!CapacityOracle.fits(b.totalCapacity().value(), b.freeCapacity().value(), b.provisionedCapacityGb(),
                b.reservedPercentage(), b.thinProvisioningSupport(), b.maxOverSubscriptionRatio(), size, thin)) {
            errors.add(new AssertionError(String.format("%s GB (%s) on %s, which showed total %s free %s provisioned "
                            + "%s reserved %s%% ratio %s at the claim; the decision was made %d time(s) (%s)", size,
                    thin ? "thin" : "thick", placement.backend(), b.totalCapacity(), b.freeCapacity(),
                    b.provisionedCapacityGb(), b.reservedPercentage(), b.maxOverSubscriptionRatio(),
                    1 + trace.notes().size(), trace.notes())));
        }
        placed.add(new Placed(id, placement.backend(), size, thin));
        return new Decision(id, size, thin, retriedOn, placement.backend(), placement.pool().updated(),
                placement.pool().host());
    }

    /**
     * New numbers for a pool. Consumption changes free, allocated and provisioned but never total,
     * free + allocated or provisioned - allocated; each report of a pool gets a combination of those
     * three that no other report of that pool used, so that the report in effect can be told from
     * a pool's state.
     */
    private PoolNumbers newNumbers(Random random, String pool, PoolNumbers old) {
        Set<List<Long>> used = invariantsUsed.computeIfAbsent(pool, k -> ConcurrentHashMap.newKeySet());
        while (true) {
            long total = 200 + random.nextInt(2_000);
            long allocated = random.nextInt((int) (total / 2));
            long free = random.nextInt(4) == 0 ? random.nextInt(100) : total - allocated - random.nextInt(100);
            boolean thin = old != null ? old.thin() : random.nextBoolean();
            double ratio = thin ? 1 + random.nextInt(5) : 1.0;
            long provisioned = thin ? allocated + random.nextInt((int) total) : allocated;
            long reserved = random.nextInt(4) == 0 ? random.nextInt(30) : 0;
            if (used.add(invariants(total, free, allocated, provisioned))) {
                return new PoolNumbers(total, free, allocated, provisioned, reserved, thin, ratio, null, false);
            }
        }
    }

    private static List<Long> invariants(long total, long free, long allocated, long provisioned) {
        return List.of(total, free + allocated, provisioned - allocated);
    }

    private void sendReport(HostManager hosts, Map<String, List<PoolNumbers>> current, Random random) {
        List<String> names = new ArrayList<>(current.keySet());
        String host = names.get(random.nextInt(names.size()));
        List<PoolNumbers> pools = current.get(host);
        int kind = random.nextInt(10);
        if (kind < 5) {
            report(hosts, host, pools, clock.instant(), false);
        } else if (kind < 9) {
            List<PoolNumbers> fresh = new ArrayList<>();
            for (int p = 0; p < pools.size(); p++) {
                fresh.add(newNumbers(random, host + "#pool" + p, pools.get(p)));
            }
            current.put(host, fresh);
            report(hosts, host, fresh, clock.instant(), false);
        } else {
            List<PoolNumbers> stale = new ArrayList<>();
            for (int p = 0; p < pools.size(); p++) {
                stale.add(newNumbers(random, host + "#pool" + p, pools.get(p)));
            }
            Instant past = clock.instant().minusSeconds(3_600);
            staleReportTimes.add(past);
            report(hosts, host, stale, past, true);
        }
    }

    private void report(HostManager hosts, String host, List<PoolNumbers> pools, Instant at, boolean stale) {
        List<Object> list = new ArrayList<>();
        for (int p = 0; p < pools.size(); p++) {
            PoolNumbers n = pools.get(p);
            String pool = host + "#pool" + p;
            reported.computeIfAbsent(pool, k -> new ConcurrentHashMap<>()).put(
                    invariants(n.total(), n.free(), n.allocated(), n.provisioned()),
                    new PoolNumbers(n.total(), n.free(), n.allocated(), n.provisioned(), n.reserved(), n.thin(),
                            n.ratio(), at, stale));
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("pool_name", "pool" + p);
            m.put("total_capacity_gb", n.total());
            m.put("free_capacity_gb", n.free());
            m.put("allocated_capacity_gb", n.allocated());
            m.put("provisioned_capacity_gb", n.provisioned());
            m.put("reserved_percentage", n.reserved());
            m.put("thin_provisioning_support", n.thin());
            m.put("thick_provisioning_support", !n.thin());
            m.put("max_over_subscription_ratio", n.ratio());
            list.add(m);
        }
        Map<String, Object> caps = new LinkedHashMap<>();
        caps.put("volume_backend_name", host.substring(host.indexOf('@') + 1));
        caps.put("storage_protocol", "iSCSI");
        caps.put("pools", list);
        hosts.updateServiceCapabilities("volume", host, null, caps, at);
        reports.incrementAndGet();
    }

    private void changeServices(HostManager hosts, Set<String> all, Set<String> impaired, Random random) {
        List<String> names = new ArrayList<>(all);
        String host = names.get(random.nextInt(names.size()));
        int kind = random.nextInt(10);
        if (kind < 5) {
            for (String h : names) {
                if (!impaired.contains(h)) {
                    hosts.heartbeat(h, clock.instant());
                }
            }
        } else if (kind < 7 && impaired.size() < all.size() / 2 && impaired.add(host)) {
            // Down: its last heartbeat is older than service_down_time.
            hosts.updateService(new ServiceInfo(host, null, "nova", false, false, clock.instant().minusSeconds(3_600)));
        } else if (kind < 8 && impaired.size() < all.size() / 2 && impaired.add(host)) {
            hosts.updateService(new ServiceInfo(host, null, "nova", true, false, clock.instant()));
        } else if (!impaired.isEmpty()) {
            String back = new ArrayList<>(impaired).get(random.nextInt(impaired.size()));
            impaired.remove(back);
            hosts.updateService(new ServiceInfo(back, null, "nova", false, false, clock.instant()));
        }
        serviceChanges.incrementAndGet();
    }

    // --- the checks ----------------------------------------------------------------------------

    private void verify(List<Decision> decisions, List<Event> events, List<PoolState> finalPools, List<String> warnings) {
        // Nothing failed but for want of room, and no claim was made on a pool too small: checked as decided.
        // Every placement claimed its size once on its pool; every claim belongs to a placement or a reschedule.
        // The ledger is called outside the host manager's lock, so the record is the order of the ledger's
        // calls, not of their effect on the pools; what a claim does is decided by the times (see below).
        Map<Instant, Integer> claimIndexByTime = new HashMap<>();
        List<Claimed> givebackList = new ArrayList<>();
        for (int i = 0; i < events.size(); i++) {
            if (events.get(i) instanceof Claimed c) {
                if (c.gb() > 0) {
                    assertThat(claimIndexByTime.put(c.at(), i)).as("one claim per instant").isNull();
                } else {
                    givebackList.add(c);
                }
            }
        }
        Map<Integer, Decision> placementByClaim = new HashMap<>();
        int vanished = 0;
        Map<String, Integer> reschedules = new HashMap<>();
        for (Decision d : decisions) {
            if (d.retriedOn() != null) {
                reschedules.merge(d.retriedOn() + " " + d.size(), 1, Integer::sum);
            }
            if (!d.placed()) {
                continue;
            }
            Integer index = claimIndexByTime.get(d.consumedAt());
            if (index == null) {
                vanished++;
                continue;
            }
            Claimed c = (Claimed) events.get(index);
            assertThat(c.pool()).isEqualTo(d.placedOn());
            assertThat(c.gb()).isEqualTo((double) d.size());
            assertThat(placementByClaim.put(index, d)).isNull();
        }
        // A claim without a placement was given back at once, with its own time and size (the pool changed
        // between the decision's check and the claim and the volume no longer fit, or the pool left).
        Map<String, Integer> givebacks = new HashMap<>();
        Map<String, Integer> compensations = new HashMap<>();
        for (Claimed g : givebackList) {
            compensations.merge(g.pool() + " " + (long) -g.gb() + " " + g.at(), 1, Integer::sum);
        }
        for (Map.Entry<Instant, Integer> e : claimIndexByTime.entrySet()) {
            if (!placementByClaim.containsKey(e.getValue())) {
                Claimed c = (Claimed) events.get(e.getValue());
                String k = c.pool() + " " + (long) c.gb() + " " + c.at();
                assertThat(compensations.getOrDefault(k, 0)).as("a claim without a placement is given back: %s", k)
                        .isPositive();
                compensations.merge(k, -1, Integer::sum);
            }
        }
        compensations.forEach((k, n) -> {
            if (n > 0) {
                String[] parts = k.split(" ");
                givebacks.merge(parts[0] + " " + parts[1], n, Integer::sum);
            }
        });
        assertThat(warnings).as("only vanished pools and decisions given up after repeated races are logged")
                .allMatch(w -> w.matches("Pool \\S+ disappeared before \\S+ GB could be consumed from it")
                        || w.matches("Volume \\S+: concurrent decisions took the room on the chosen pool \\d+ times in "
                                + "a row; giving up rather than over-committing a pool"));
        long disappearances = warnings.stream().filter(w -> w.contains("disappeared before")).count();
        assertThat(vanished).as("placements without a claim are on pools that vanished, and logged")
                .isEqualTo((int) disappearances);
        givebacks.forEach((poolAndSize, count) -> assertThat(count)
                .as("give-backs of %s match reschedules from there", poolAndSize)
                .isLessThanOrEqualTo(reschedules.getOrDefault(poolAndSize, 0)));

        // Each pool: the numbers of the report in effect plus the claims since; those are the placements after it.
        Map<String, List<Integer>> eventsByPool = new HashMap<>();
        for (int i = 0; i < events.size(); i++) {
            eventsByPool.computeIfAbsent(events.get(i).pool(), k -> new ArrayList<>()).add(i);
        }
        Map<String, List<Map.Entry<Integer, Decision>>> placementsByPool = new HashMap<>();
        for (Map.Entry<Integer, Decision> e : placementByClaim.entrySet()) {
            placementsByPool.computeIfAbsent(e.getValue().placedOn(), k -> new ArrayList<>()).add(e);
        }
        for (PoolState pool : finalPools) {
            String key = pool.backendId();
            long allocatedNow = (long) pool.allocatedCapacityGb();
            PoolNumbers base = reported.get(key).get(invariants((long) pool.totalCapacity().value(),
                    (long) pool.freeCapacity().value(), allocatedNow, (long) pool.provisionedCapacityGb()));
            assertThat(base).as("%s shows the numbers of a report it was sent", key).isNotNull();
            assertThat(base.stale()).as("%s shows a stale report", key).isFalse();
            // The pool's state is the last report applied since it last appeared, plus every claim and give-back
            // recorded since then whose time is after that report's (rule HM18: a report at or after a claim's
            // time counts it, whether it was applied before or after the claim; a claim after the report's time
            // is applied on it, and a report older than a claim applied before it is not applied at all).
            int lastForget = -1;
            Instant lastReportTime = null;
            List<Integer> mine = eventsByPool.getOrDefault(key, List.of());
            for (int i : mine) {
                Event e = events.get(i);
                if (e instanceof Reported r) {
                    assertThat(staleReportTimes).as("stale reports are never applied").doesNotContain(r.reportTime());
                    lastReportTime = r.reportTime();
                } else if (e instanceof Forgot) {
                    lastForget = i;
                    lastReportTime = null;
                }
            }
            double alive = 0;
            double aliveGivebacks = 0;
            double aliveUnplaced = 0;
            for (int i : mine) {
                if (i > lastForget && events.get(i) instanceof Claimed c
                        && (lastReportTime == null || c.at() == null || c.at().isAfter(lastReportTime))) {
                    alive += c.gb();
                    if (c.gb() < 0) {
                        aliveGivebacks += c.gb();
                    } else if (!placementByClaim.containsKey(i)) {
                        aliveUnplaced += c.gb();
                    }
                }
            }
            assertThat(pool.allocatedCapacityGb()).as("allocated on %s", key).isEqualTo(base.allocated() + alive);
            assertThat(pool.provisionedCapacityGb()).as("provisioned on %s", key).isEqualTo(base.provisioned() + alive);
            assertThat(pool.freeCapacity().value()).as("free on %s", key).isEqualTo(base.free() - alive);
            if (lastReportTime != null) {
                double placedSince = 0;
                for (Map.Entry<Integer, Decision> e : placementsByPool.getOrDefault(key, List.of())) {
                    Decision d = e.getValue();
                    if (e.getKey() > lastForget
                            && d.consumedAt().isAfter(lastReportTime)) {
                        placedSince += d.size();
                    }
                }
                assertThat(alive).as("claims alive on %s are the volumes placed after its report of %s",
                        key, lastReportTime).isEqualTo(placedSince + aliveUnplaced + aliveGivebacks);
            }
        }

        // Dispatched once per placement, the host of one of its placements, errored iff an attempt failed.
        Map<String, Integer> placements = new HashMap<>();
        for (Decision d : decisions) {
            if (d.placed()) {
                placements.merge(d.volumeId(), 1, Integer::sum);
            }
        }
        Map<String, Integer> dispatched = new HashMap<>();
        for (InMemoryVolumeDispatcher.Dispatch dispatch : dispatcher.dispatched()) {
            dispatched.merge(dispatch.volumeId(), 1, Integer::sum);
        }
        assertThat(dispatched).as("dispatched once per placement").isEqualTo(placements);
        Map<String, List<Decision>> byVolume = new HashMap<>();
        decisions.forEach(d -> byVolume.computeIfAbsent(d.volumeId(), k -> new ArrayList<>()).add(d));
        for (Map.Entry<String, List<Decision>> e : byVolume.entrySet()) {
            List<Decision> attempts = e.getValue();
            boolean everPlaced = attempts.stream().anyMatch(Decision::placed);
            boolean everFailed = attempts.stream().anyMatch(d -> !d.placed());
            InMemoryVolumeStore.VolumeRecord record = volumes.volume(e.getKey());
            assertThat(record.errored()).as("%s errored iff an attempt failed", e.getKey()).isEqualTo(everFailed);
            if (everPlaced) {
                assertThat(record.host()).as("host of %s", e.getKey()).isNotNull();
                assertThat(attempts.stream().filter(Decision::placed).map(Decision::host).toList())
                        .contains(record.host());
            }
        }

        long placedCount = decisions.stream().filter(Decision::placed).count();
        totals.merge("decisions", (long) decisions.size(), Long::sum);
        totals.merge("placed", placedCount, Long::sum);
        totals.merge("reschedules", decisions.stream().filter(d -> d.retriedOn() != null).count(), Long::sum);
        totals.merge("reports", (long) reports.get(), Long::sum);
        totals.merge("stale", (long) staleReportTimes.size(), Long::sum);
        totals.merge("applications", events.stream().filter(e -> e instanceof Reported).count(), Long::sum);
        totals.merge("service changes", (long) serviceChanges.get(), Long::sum);
        totals.merge("claims", events.stream().filter(e -> e instanceof Claimed c && c.gb() > 0).count(), Long::sum);
        totals.merge("give-backs", events.stream().filter(e -> e instanceof Claimed c && c.gb() < 0).count(),
                Long::sum);
        totals.merge("vanished", (long) vanished, Long::sum);
        totals.merge("volumes", (long) byVolume.size(), Long::sum);
    }
}
