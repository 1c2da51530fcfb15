package org.volsched.examples.replicas;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.apache.curator.test.TestingCluster;
import org.apache.curator.test.TestingServer;
import org.apache.curator.test.InstanceSpec;
import org.apache.zookeeper.client.FourLetterWordMain;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Three scheduler replicas, each its own JVM and a real {@code Scheduler} that finds the drivers
 * and the ZooKeeper ledger's jar through normal plug-in discovery, share the tight {@link Fleet}
 * (demand 1.5x the supply; thick pools and thin pools with over-subscription) and decide a third
 * each of one stream of requests at the same time. Afterwards no pool holds more than Cinder's
 * capacity rules allow, by the replicas' own account and by the claims in ZooKeeper, and every
 * request was placed once or refused with NoValidBackend (or, while ZooKeeper was away, failed
 * with LedgerUnavailable). Also under faults: the ensemble's leader killed mid-run, the whole
 * ensemble stopped for seconds, a replica killed with SIGKILL. With the in-memory ledger the
 * over-commit the shared ledger removes is measured. Figures go to {@code target/replicas.txt}.
 */
class ReplicasIT {
    private static final int REPLICAS = 3;
    private static final int REQUESTS = 300;
    private static final long SEED = 42;
    private static final Path FIGURES = Path.of("target", "replicas.txt");

    @TempDir
    Path dir;

    @BeforeAll
    static void freshFigures() throws IOException {
        Files.deleteIfExists(FIGURES);
        // The in-process ensemble answers 'srvr', which tells its leader.
        System.setProperty("zookeeper.4lw.commands.whitelist", "srvr");
    }

    @Test
    void withOneZooKeeperServerNoPoolIsOverCommitted() throws Exception {
        try (TestingServer server = new TestingServer(true)) {
            Check.Result r = run(server.getConnectString(), "/one", List.of(), p -> { });
            record("zookeeper, one server", r);
            assertClean(r, false);
        }
    }

    @Test
    void withAThreeNodeEnsembleNoPoolIsOverCommitted() throws Exception {
        try (TestingCluster cluster = new TestingCluster(3)) {
            cluster.start();
            Check.Result r = run(cluster.getConnectString(), "/three", List.of(), p -> { });
            record("zookeeper, 3-node ensemble", r);
            assertClean(r, false);
        }
    }

    @Test
    void theLeaderKilledMidRun() throws Exception {
        try (TestingCluster cluster = new TestingCluster(3)) {
            cluster.start();
            Check.Result r = run(cluster.getConnectString(), "/leader", List.of("--pause-ms", "30"), processes -> {
                sleep(2_500);
                try {
                    InstanceSpec leader = leader(cluster);
                    assertThat(cluster.killServer(leader)).as("killed the leader %s", leader).isTrue();
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            });
            record("zookeeper, 3-node ensemble, leader killed after 2.5 s", r);
            assertClean(r, true);
        }
    }

    @Test
    void theWholeEnsembleStoppedForSecondsAndRestarted() throws Exception {
        try (TestingServer server = new TestingServer(true)) {
            Check.Result r = run(server.getConnectString(), "/stopped",
                    List.of("--pause-ms", "30", "--claim-timeout", "2"), processes -> {
                        sleep(2_500);
                        try {
                            server.stop();
                            sleep(5_000);
                            server.restart();
                        } catch (Exception e) {
                            throw new IllegalStateException(e);
                        }
                    });
            record("zookeeper, one server stopped for 5 s after 2.5 s, claim time-out 2 s", r);
            assertClean(r, true);
            assertThat(r.outcomes()).as("requests decided while ZooKeeper was away fail with the ledger's error")
                    .containsKey("LedgerUnavailable");
            assertThat(r.outcomes().get("placed")).as("and placing resumes once it is back").isPositive();
        }
    }

    @Test
    void aReplicaKilledWithSigkillMidRun() throws Exception {
        try (TestingServer server = new TestingServer(true)) {
            Path victim = dir.resolve("killed-2.txt");
            Check.Result r = run(server.getConnectString(), "/killed", List.of("--pause-ms", "30"), processes -> {
                // Mid-run: once it has decided 20 of its 100 requests.
                long end = System.nanoTime() + TimeUnit.MINUTES.toNanos(1);
                while (lines(victim) < 20 && System.nanoTime() < end) {
                    sleep(20);
                }
                processes.get(2).destroyForcibly();
            });
            record("zookeeper, one server, replica 2 killed (SIGKILL) after " + lines(victim) + " decisions", r);
            assertThat(lines(victim)).as("killed mid-run").isBetween(20L, 99L);
            assertThat(r.overCommitted()).as("over-committed pools, by the survivors' account and ZooKeeper's")
                    .isEmpty();
            int answered = r.outcomes().values().stream().mapToInt(Integer::intValue).sum();
            assertThat(answered).as("the survivors answered all theirs, the killed one some of its").isBetween(
                    2 * REQUESTS / 3, REQUESTS - 1);
        }
    }

    @Test
    void withTheInMemoryLedgerTheReplicasOverCommit() throws Exception {
        Check.Result r = run("-", "/memory", List.of("memory"), p -> { });
        record("in-memory ledger (each replica on its own)", r);
        // Each replica sees the whole fleet as free and places its whole third (about 5,500 GB of
        // 10,000): together they place more than the fleet holds, whatever the timing.
        assertThat(r.overCommitted()).isNotEmpty();
    }

    /**
     * Starts the replicas, lets {@code meanwhile} act on them (a fault), waits for the survivors and
     * checks their outputs (and ZooKeeper's claims, unless {@code connect} is "-").
     */
    private Check.Result run(String connect, String root, List<String> extra, Consumer<List<Process>> meanwhile)
            throws Exception {
        String classpath = System.getProperty("java.class.path");
        assertThat(classpath.split(File.pathSeparator)).as("the replicas find the ledger in its jar")
                .anyMatch(e -> new File(e).getName().matches("ledger-zookeeper-.*\\.jar"));
        List<Process> processes = new ArrayList<>();
        List<Path> outs = new ArrayList<>();
        for (int i = 0; i < REPLICAS; i++) {
            Path out = dir.resolve(root.substring(1) + "-" + i + ".txt");
            outs.add(out);
            List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java")
                    .toString(), "-cp", classpath, Replica.class.getName(), connect, root, String.valueOf(i),
                    String.valueOf(REPLICAS), String.valueOf(REQUESTS), String.valueOf(SEED), out.toString()));
            command.addAll(extra);
            processes.add(new ProcessBuilder(command).redirectOutput(dir.resolve("out-" + i).toFile())
                    .redirectError(dir.resolve("err-" + i).toFile()).start());
        }
        meanwhile.accept(processes);
        for (int i = 0; i < REPLICAS; i++) {
            Process p = processes.get(i);
            if (!p.waitFor(3, TimeUnit.MINUTES)) {
                processes.forEach(Process::destroyForcibly);
                throw new AssertionError("replica " + i + " did not finish in 3 minutes");
            }
        }
        for (int i = 0; i < REPLICAS; i++) {
            if (processes.get(i).exitValue() != 137 && processes.get(i).exitValue() != 0) {
                throw new AssertionError("replica " + i + " exited " + processes.get(i).exitValue() + ": "
                        + Files.readString(dir.resolve("err-" + i)));
            }
        }
        return Check.check(connect.equals("-") ? null : connect, root, outs);
    }

    /** No over-commit; every request answered: placed, refused, or (with a fault) failed with the ledger's error. */
    private static void assertClean(Check.Result r, boolean fault) {
        assertThat(r.overCommitted()).as("over-committed pools").isEmpty();
        assertThat(r.outcomes().values().stream().mapToInt(Integer::intValue).sum()).as("every request answered")
                .isEqualTo(REQUESTS);
        assertThat(r.outcomes().keySet()).as("outcomes").isSubsetOf(fault
                ? List.of("placed", "NoValidBackend", "LedgerUnavailable") : List.of("placed", "NoValidBackend"));
        long demand = 0;
        for (int q = 0; q < REQUESTS; q++) {
            demand += Fleet.size(SEED, q);
        }
        long supply = Fleet.capacity().values().stream().mapToLong(Long::longValue).sum();
        assertThat(demand).as("the stream asks for at least 1.5x the fleet").isGreaterThanOrEqualTo(supply * 3 / 2);
    }

    private static void record(String what, Check.Result r) throws IOException {
        long placed = r.placed().values().stream().mapToLong(Long::longValue).sum();
        Files.writeString(FIGURES, what + ": placed " + placed + " GB; requests " + r.outcomes() + "; over-committed "
                + (r.overCommitted().isEmpty() ? "none" : r.overCommitted()) + "; placed per pool " + r.placed()
                + (r.claimed().isEmpty() ? "" : "; claims in ZooKeeper " + r.claimed()) + "\n",
                StandardOpenOption.CREATE, StandardOpenOption.APPEND);
    }

    private static long lines(Path file) {
        try {
            return Files.exists(file) ? Files.readAllLines(file).size() : 0;
        } catch (IOException e) {
            return 0;
        }
    }

    /** The ensemble's current leader, as its servers say ({@code srvr}: "Mode: leader"). */
    private static InstanceSpec leader(TestingCluster cluster) throws Exception {
        for (InstanceSpec spec : cluster.getInstances()) {
            String srvr = FourLetterWordMain.send4LetterWord("localhost", spec.getPort(), "srvr");
            if (srvr.contains("Mode: leader")) {
                return spec;
            }
        }
        throw new AssertionError("no server of the ensemble says it leads");
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
