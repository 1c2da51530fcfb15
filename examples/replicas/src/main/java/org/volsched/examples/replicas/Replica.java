package org.volsched.examples.replicas;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.HdrHistogram.Histogram;
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
 * One scheduler replica: a real {@link Scheduler} that finds its plug-ins (the drivers and the
 * ZooKeeper ledger) by normal discovery, applies every backend's report of the {@link Fleet} and
 * decides every {@code count}-th request of the shared stream, starting at {@code index}.
 *
 * <pre>Replica ZK_CONNECT ROOT INDEX COUNT REQUESTS SEED OUT [memory] [--pause-ms N] [--claim-timeout S]</pre>
 *
 * <p>Writes one line per request to {@code OUT} as soon as it is decided ({@code <request> <size>
 * <pool>}, or {@code <request> <size> !<error type>}), and prints a summary with its decisions per
 * second and decision latencies on standard output. {@code memory} uses the in-memory ledger instead
 * (to see the over-commit the shared ledger removes).
 */
public final class Replica {
    private static final Logger LOG = LoggerFactory.getLogger(Replica.class);

    private Replica() {
    }

    public static void main(String[] args) throws IOException {
        if (args.length < 7) {
            LOG.error("usage: Replica ZK_CONNECT ROOT INDEX COUNT REQUESTS SEED OUT [memory] [--pause-ms N] "
                    + "[--claim-timeout SECONDS]");
            System.exit(2);
        }
        String connect = args[0];
        String root = args[1];
        int index = Integer.parseInt(args[2]);
        int count = Integer.parseInt(args[3]);
        int requests = Integer.parseInt(args[4]);
        long seed = Long.parseLong(args[5]);
        Path out = Path.of(args[6]);
        String ledger = "zookeeper";
        long pauseMillis = 0;
        int claimTimeout = 10;
        for (int a = 7; a < args.length; a++) {
            switch (args[a]) {
                case "memory" -> ledger = "memory";
                case "--pause-ms" -> pauseMillis = Long.parseLong(args[++a]);
                case "--claim-timeout" -> claimTimeout = Integer.parseInt(args[++a]);
                default -> {
                    LOG.error("Replica: unknown argument '{}'; expected memory, --pause-ms N or --claim-timeout SECONDS",
                            args[a]);
                    System.exit(2);
                }
            }
        }

        SchedulerConfig.Builder config = SchedulerConfig.builder()
                .set("capacity_ledger", ledger, "replica")
                .set("scheduler_default_weighers", List.of("CapacityWeigher"), "replica");
        if (ledger.equals("zookeeper")) {
            config.set("zookeeper_connect", connect, "replica").set("zookeeper_root", root, "replica")
                    .set("zookeeper_claim_timeout", claimTimeout, "replica");
        }
        Histogram latency = new Histogram(TimeUnit.SECONDS.toNanos(60), 3);
        int placed = 0;
        int refused = 0;
        int failed = 0;
        long start = System.nanoTime();
        try (PrintWriter w = new PrintWriter(Files.newBufferedWriter(out, StandardCharsets.UTF_8), true);
             Scheduler scheduler = Scheduler.builder().config(config.build())
                     .classLoader(Replica.class.getClassLoader())
                     .clock(new TickingClock(Fleet.REPORTED.plusSeconds(1))).build()) {
            for (int i = 0; i < Fleet.BACKENDS; i++) {
                scheduler.hostManager().addServiceIfAbsent(new ServiceInfo(Fleet.host(i), null, "nova", false, false,
                        Fleet.REPORTED.plusSeconds(1)));
            }
            for (int i = 0; i < Fleet.BACKENDS; i++) {
                scheduler.hostManager().updateServiceCapabilities("volume", Fleet.host(i), null, Fleet.report(i),
                        Fleet.REPORTED);
            }
            RequestContext context = new RequestContext("project", "user", "req", false);
            start = System.nanoTime();
            for (int r = index; r < requests; r += count) {
                String id = "vol-" + r;
                long size = Fleet.size(seed, r);
                RequestSpec spec = RequestSpec.of(id, (int) size, "nova", null);
                Volume volume = new Volume(id, size, "nova", null, null, "project", "user");
                DecisionTrace trace = DecisionTrace.outcomeOnly();
                long t0 = System.nanoTime();
                try {
                    scheduler.createVolume(context, spec, new FilterProperties(), volume, null, null, null, trace);
                } catch (SchedulerException e) {
                    // Also in the trace: the flow re-raises what is not NoValidBackend.
                }
                latency.recordValue(System.nanoTime() - t0);
                String outcome;
                if (trace.failure() == null) {
                    outcome = trace.selected().backend();
                    placed++;
                } else {
                    String type = trace.failure() instanceof SchedulerException se ? se.type()
                            : trace.failure().getClass().getSimpleName();
                    outcome = "!" + type;
                    if (type.equals("NoValidBackend")) {
                        refused++;
                    } else {
                        failed++;
                    }
                }
                w.println(id + " " + size + " " + outcome);
                if (pauseMillis > 0) {
                    Thread.sleep(pauseMillis);
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        long decided = latency.getTotalCount();
        LOG.info(String.format("replica %d/%d (%s ledger): %d decisions in %.2f s (%.0f/s): placed %d, refused %d, failed %d;"
                        + " decision latency p50 %.2f ms, p99 %.2f ms", index, count, ledger, decided, seconds,
                decided / seconds, placed, refused, failed, latency.getValueAtPercentile(50) / 1e6,
                latency.getValueAtPercentile(99) / 1e6));
    }

    /** A clock that moves 1 µs on every reading, so that every claim of a replica has its own time. */
    static final class TickingClock extends Clock {
        private final AtomicLong micros;

        TickingClock(Instant start) {
            this.micros = new AtomicLong(start.getEpochSecond() * 1_000_000L + start.getNano() / 1_000);
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            long m = micros.incrementAndGet();
            return Instant.ofEpochSecond(m / 1_000_000L, (m % 1_000_000L) * 1_000);
        }
    }
}
