package org.volsched.ledger.zookeeper;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.volsched.core.bootstrap.Scheduler;
import org.volsched.core.config.SchedulerConfig;
import org.volsched.spi.SchedulerException;
import org.volsched.spi.model.DecisionTrace;
import org.volsched.spi.model.FilterProperties;
import org.volsched.spi.model.RequestContext;
import org.volsched.spi.model.RequestSpec;
import org.volsched.spi.model.ServiceInfo;
import org.volsched.spi.model.Volume;

/**
 * One scheduler replica, as its own process: a real {@link Scheduler} that finds its plug-ins (the
 * drivers and this ledger) by normal discovery, applies every backend's reports of the shared tight
 * fleet ({@link #fleet}) and decides every {@code count}-th request of the shared stream, starting at
 * {@code index}. Writes one line per request it decided: {@code <request> <size> <pool>} or
 * {@code <request> <size> !<error type>}.
 *
 * <p>Arguments: ledger ({@code zookeeper} or {@code memory}), connect string, root, index, count,
 * requests, seed, output file.
 */
public final class ReplicaMain {
    static final Instant T0 = Instant.parse("2026-12-01T00:00:00Z");
    static final int BACKENDS = 4;
    static final long TOTAL_GB = 1000;
    static final double RATIO = 1.5;

    private ReplicaMain() {
    }

    /** Backend {@code i}: a thick pool and a thin pool with over-subscription, each of 1,000 GB. */
    static Map<String, Object> report(int i) {
        Map<String, Object> thick = new LinkedHashMap<>();
        thick.put("pool_name", "thick");
        thick.put("total_capacity_gb", TOTAL_GB);
        thick.put("free_capacity_gb", TOTAL_GB);
        thick.put("provisioned_capacity_gb", 0L);
        thick.put("reserved_percentage", 0L);
        thick.put("thin_provisioning_support", false);
        Map<String, Object> thin = new LinkedHashMap<>();
        thin.put("pool_name", "thin");
        thin.put("total_capacity_gb", TOTAL_GB);
        thin.put("free_capacity_gb", TOTAL_GB);
        thin.put("provisioned_capacity_gb", 0L);
        thin.put("reserved_percentage", 0L);
        thin.put("thin_provisioning_support", true);
        thin.put("max_over_subscription_ratio", String.valueOf(RATIO));
        return Map.of("volume_backend_name", "be" + i, "storage_protocol", "iSCSI", "pools", List.of(thick, thin));
    }

    static String host(int i) {
        return "node" + i + "@be" + i;
    }

    /** The size of request {@code r} of the stream: 10 to 100 GB. */
    static long size(long seed, int r) {
        return new SplittableRandom(seed * 1_000_003L + r).nextLong(10, 101);
    }

    public static void main(String[] args) throws IOException {
        String ledger = args[0];
        String connect = args[1];
        String root = args[2];
        int index = Integer.parseInt(args[3]);
        int count = Integer.parseInt(args[4]);
        int requests = Integer.parseInt(args[5]);
        long seed = Long.parseLong(args[6]);
        Path out = Path.of(args[7]);

        SchedulerConfig.Builder config = SchedulerConfig.builder()
                .set("capacity_ledger", ledger, "replica")
                .set("scheduler_default_weighers", List.of("CapacityWeigher"), "replica")
                .set("random_seed", 1L, "replica");
        if (ledger.equals(ZooKeeperLedgerPlugin.NAME)) {
            config.set("zookeeper_connect", connect, "replica").set("zookeeper_root", root, "replica")
                    .set("zookeeper_claim_timeout", 30, "replica");
        }
        List<String> lines = new ArrayList<>();
        // The clock moves on from T0 + 1 s: every claim is stamped after the reports, which all carry T0.
        try (Scheduler scheduler = Scheduler.builder().config(config.build())
                .classLoader(ReplicaMain.class.getClassLoader()).clock(new TickingClock(T0.plusSeconds(1))).build()) {
            for (int i = 0; i < BACKENDS; i++) {
                scheduler.hostManager().addServiceIfAbsent(new ServiceInfo(host(i), null, "nova", false, false,
                        T0.plusSeconds(1)));
            }
            for (int i = 0; i < BACKENDS; i++) {
                scheduler.hostManager().updateServiceCapabilities("volume", host(i), null, report(i), T0);
            }
            RequestContext context = new RequestContext("project", "user", "req", false);
            for (int r = index; r < requests; r += count) {
                String id = "vol-" + r;
                long size = size(seed, r);
                RequestSpec spec = RequestSpec.of(id, (int) size, "nova", null);
                Volume volume = new Volume(id, size, "nova", null, null, "project", "user");
                DecisionTrace trace = DecisionTrace.outcomeOnly();
                try {
                    scheduler.createVolume(context, spec, new FilterProperties(), volume, null, null, null, trace);
                } catch (SchedulerException e) {
                    // Recorded in the trace as well (the flow re-raises what is not NoValidBackend).
                }
                String outcome = trace.failure() != null
                        ? "!" + (trace.failure() instanceof SchedulerException se ? se.type()
                                : trace.failure().getClass().getSimpleName())
                        : trace.selected().backend();
                lines.add(id + " " + size + " " + outcome);
            }
        }
        try (PrintWriter w = new PrintWriter(Files.newBufferedWriter(out, StandardCharsets.UTF_8))) {
            lines.forEach(w::println);
        }
    }

    /** A clock that moves 1 µs on every reading, so that every claim has its own time. */
    static final class TickingClock extends Clock {
        private final java.util.concurrent.atomic.AtomicLong micros;

        TickingClock(Instant start) {
            this.micros = new java.util.concurrent.atomic.AtomicLong(start.getEpochSecond() * 1_000_000L
                    + start.getNano() / 1_000);
        }

        @Override
        public java.time.ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            long m = micros.incrementAndGet();
            return Instant.ofEpochSecond(m / 1_000_000L, (m % 1_000_000L) * 1_000);
        }
    }
}
