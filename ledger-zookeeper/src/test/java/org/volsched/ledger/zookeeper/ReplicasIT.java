package org.volsched.ledger.zookeeper;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import org.apache.curator.test.TestingCluster;
import org.apache.curator.test.TestingServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Three scheduler replicas, each its own JVM, each a real {@code Scheduler} that loads this module's
 * jar through normal plug-in discovery, share one tight fleet (demand 1.5x the supply; thick pools
 * and thin pools with over-subscription) and decide a third each of one stream of create-volume
 * requests at the same time. With the ZooKeeper ledger (one server, then a 3-node ensemble) no pool
 * holds more than Cinder's capacity rules allow; with the in-memory ledger, the over-commit it
 * removes is measured and written to {@code target/replicas-memory.txt}.
 */
class ReplicasIT {
    private static final int REPLICAS = 3;
    private static final int REQUESTS = 300;
    private static final long SEED = 42;

    @TempDir
    Path dir;

    @org.junit.jupiter.api.BeforeAll
    static void freshFigures() throws IOException {
        Files.deleteIfExists(Path.of("target", "replicas-zookeeper.txt"));
    }

    @Test
    void withZooKeeperNoPoolIsOverCommitted() throws Exception {
        try (TestingServer server = new TestingServer(true)) {
            Outcome o = run("zookeeper", server.getConnectString(), "/replicas-1");
            o.record("zookeeper, one server");
            o.assertWithinCapacity();
        }
    }

    @Test
    void withAThreeNodeEnsembleNoPoolIsOverCommitted() throws Exception {
        try (TestingCluster cluster = new TestingCluster(3)) {
            cluster.start();
            Outcome o = run("zookeeper", cluster.getConnectString(), "/replicas-3");
            o.record("zookeeper, 3-node ensemble");
            o.assertWithinCapacity();
        }
    }

    @Test
    void withTheInMemoryLedgerTheReplicasOverCommit() throws Exception {
        Outcome o = run("memory", "", "/unused");
        Map<String, Long> over = o.overCommitted();
        StringBuilder sb = new StringBuilder("in-memory ledger, " + REPLICAS + " replicas, " + REQUESTS
                + " requests (seed " + SEED + "): placed " + o.placed() + " GB of " + o.supply() + " GB, "
                + o.outcomes().values().stream().filter(v -> v.startsWith("!")).count() + " refused; "
                + over.size() + " of " + o.capacity().size() + " pools over-committed\n");
        over.forEach((pool, gb) -> sb.append("  ").append(pool).append(": ").append(gb).append(" GB over ")
                .append(o.capacity().get(pool)).append(" GB\n"));
        Files.writeString(Path.of("target", "replicas-memory.txt"), sb.toString());
        // Each replica sees the whole fleet as free and places its whole third (about 5,500 GB of
        // 10,000), so together they place more than the fleet holds: the race is certain.
        assertThat(over).as(sb.toString()).isNotEmpty();
    }

    private Outcome run(String ledger, String connect, String root) throws Exception {
        String classpath = System.getProperty("java.class.path");
        assertThat(classpath.split(File.pathSeparator)).as("the replicas load the ledger from its jar")
                .anyMatch(e -> e.matches(".*ledger-zookeeper-[^" + File.separator + "]*\\.jar"));
        List<Process> processes = new ArrayList<>();
        List<Path> outs = new ArrayList<>();
        List<Path> errs = new ArrayList<>();
        for (int i = 0; i < REPLICAS; i++) {
            Path out = dir.resolve(ledger + "-" + root.substring(1) + "-" + i + ".txt");
            Path err = dir.resolve(ledger + "-" + root.substring(1) + "-" + i + ".err");
            outs.add(out);
            errs.add(err);
            processes.add(new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-cp", classpath, ReplicaMain.class.getName(), ledger, connect, root, String.valueOf(i),
                    String.valueOf(REPLICAS), String.valueOf(REQUESTS), String.valueOf(SEED), out.toString())
                    .redirectOutput(dir.resolve("stdout-" + i).toFile()).redirectError(err.toFile()).start());
        }
        for (int i = 0; i < REPLICAS; i++) {
            Process p = processes.get(i);
            if (!p.waitFor(3, TimeUnit.MINUTES)) {
                processes.forEach(Process::destroyForcibly);
                throw new AssertionError("replica " + i + " did not finish in 3 minutes");
            }
            assertThat(p.exitValue()).as("replica %d: %s", i, Files.readString(errs.get(i))).isZero();
        }
        Map<String, Long> placedByPool = new TreeMap<>();
        Map<Integer, String> outcomes = new HashMap<>();
        for (Path out : outs) {
            for (String line : Files.readAllLines(out)) {
                String[] f = line.split(" ");
                int request = Integer.parseInt(f[0].substring("vol-".length()));
                assertThat(outcomes.put(request, f[2])).as("request %d decided once", request).isNull();
                if (f[2].startsWith("!")) {
                    assertThat(f[2]).as("a request is placed or refused with NoValidBackend").isEqualTo("!NoValidBackend");
                } else {
                    placedByPool.merge(f[2], Long.parseLong(f[1]), Long::sum);
                }
            }
        }
        assertThat(outcomes).as("every request decided").hasSize(REQUESTS);
        return new Outcome(placedByPool, outcomes);
    }

    /** What the replicas placed, per pool, against what Cinder's capacity rules allow. */
    record Outcome(Map<String, Long> placedByPool, Map<Integer, String> outcomes) {
        /**
         * Every request is thin (no volume type): a thick pool (no thin support) takes at most its
         * free space, 1,000 GB; a thin pool at most total x max_over_subscription_ratio, 1,500 GB
         * (nothing reserved or provisioned before).
         */
        Map<String, Long> capacity() {
            Map<String, Long> c = new TreeMap<>();
            for (int i = 0; i < ReplicaMain.BACKENDS; i++) {
                c.put(ReplicaMain.host(i) + "#thick", ReplicaMain.TOTAL_GB);
                c.put(ReplicaMain.host(i) + "#thin", (long) (ReplicaMain.TOTAL_GB * ReplicaMain.RATIO));
            }
            return c;
        }

        long supply() {
            return capacity().values().stream().mapToLong(Long::longValue).sum();
        }

        long placed() {
            return placedByPool.values().stream().mapToLong(Long::longValue).sum();
        }

        Map<String, Long> overCommitted() {
            Map<String, Long> over = new TreeMap<>();
            placedByPool.forEach((pool, gb) -> {
                if (gb > capacity().get(pool)) {
                    over.put(pool, gb - capacity().get(pool));
                }
            });
            return over;
        }

        /** Appends this run's figures to {@code target/replicas-zookeeper.txt}. */
        void record(String what) throws IOException {
            long refused = outcomes.values().stream().filter(v -> v.startsWith("!")).count();
            Files.writeString(Path.of("target", "replicas-zookeeper.txt"), what + ": placed " + placed() + " GB of "
                    + supply() + " GB in " + (outcomes.size() - refused) + " volumes, " + refused + " refused; per pool "
                    + placedByPool + "\n", java.nio.file.StandardOpenOption.CREATE, java.nio.file.StandardOpenOption.APPEND);
        }

        void assertWithinCapacity() {
            assertThat(overCommitted()).as("placed per pool %s", placedByPool).isEmpty();
            long demand = 0;
            for (int r = 0; r < REQUESTS; r++) {
                demand += ReplicaMain.size(SEED, r);
            }
            assertThat(demand).as("the stream asks for at least 1.5x the fleet").isGreaterThanOrEqualTo(supply() * 3 / 2);
            assertThat(outcomes.values()).as("the fleet fills up: some requests are refused")
                    .contains("!NoValidBackend");
        }
    }
}
