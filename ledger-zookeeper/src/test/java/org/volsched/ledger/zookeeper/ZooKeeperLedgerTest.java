package org.volsched.ledger.zookeeper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.apache.curator.framework.CuratorFramework;
import org.apache.curator.framework.CuratorFrameworkFactory;
import org.apache.curator.retry.RetryOneTime;
import org.apache.curator.test.TestingServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.volsched.spi.CapacityLedger;
import org.volsched.spi.CapacityLedger.Claims;
import org.volsched.spi.ErrorTypes;
import org.volsched.spi.LedgerUnavailable;
import org.volsched.testing.CapturedLogs;

/** The ledger against a real ZooKeeper server (curator-test's in-process {@link TestingServer}). */
class ZooKeeperLedgerTest {
    private static final String POOL = "node1@lvm#pool0";
    private static final Instant T0 = Instant.parse("2026-12-01T00:00:00Z");

    @RegisterExtension
    final CapturedLogs logs = CapturedLogs.named(ZooKeeperLedger.class.getName())
            .expecting("Capacity ledger: .*");

    private TestingServer server;
    private ZooKeeperLedger a;
    private ZooKeeperLedger b;
    private final List<String> heardByB = new CopyOnWriteArrayList<>();

    @BeforeEach
    void start() throws Exception {
        server = new TestingServer(true);
        a = ledger();
        b = ledger();
        b.listen((pool, gb, at, after) -> heardByB.add(pool + " " + gb + " " + at + " v" + after.version()));
    }

    @AfterEach
    void stop() throws Exception {
        a.close();
        b.close();
        server.close();
    }

    private ZooKeeperLedger ledger() {
        return new ZooKeeperLedger(server.getConnectString(), "/test", Duration.ofSeconds(10), Duration.ofSeconds(2));
    }

    private static void eventually(Runnable check) throws InterruptedException {
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (true) {
            try {
                check.run();
                return;
            } catch (AssertionError e) {
                if (System.nanoTime() > end) {
                    throw e;
                }
                Thread.sleep(20);
            }
        }
    }

    @Test
    void aClaimIsAConditionalWriteThatTheOtherReplicasHear() throws Exception {
        Claims first = a.claim(POOL, 0, 10, T0.plusSeconds(1));

        assertThat(first).isEqualTo(new Claims(1, 10, T0.plusSeconds(1)));
        eventually(() -> assertThat(heardByB).containsExactly(POOL + " 10.0 " + T0.plusSeconds(1) + " v1"));
        assertThat(b.claims(POOL)).isEqualTo(first);
        assertThat(a.claims(POOL)).as("a replica does not hear its own claims").isEqualTo(first);
    }

    @Test
    void ofTwoClaimsAtTheSameVersionOneWinsAndTheLoserLearnsWhy() throws Exception {
        // b has not seen a's claim yet when it claims at the version it knows.
        Claims won = a.claim(POOL, 0, 30, T0.plusSeconds(1));
        Claims lost = b.claim(POOL, 0, 50, T0.plusSeconds(2));

        assertThat(won).isNotNull();
        assertThat(lost).as("the version moved: refused, nothing written").isNull();
        assertThat(heardByB).as("the refusal read the node: b now counts a's claim")
                .contains(POOL + " 30.0 " + T0.plusSeconds(1) + " v1");
        assertThat(b.claims(POOL).gb()).isEqualTo(30);

        Claims retried = b.claim(POOL, b.claims(POOL).version(), 50, T0.plusSeconds(3));
        assertThat(retried).isEqualTo(new Claims(2, 80, T0.plusSeconds(3)));
    }

    @Test
    void aGiveBackIsNeverRefused() throws Exception {
        a.claim(POOL, 0, 30, T0.plusSeconds(1));
        b.claim(POOL, CapacityLedger.ANY_VERSION, 5, T0.plusSeconds(2));

        Claims back = a.claim(POOL, CapacityLedger.ANY_VERSION, -30, T0.plusSeconds(1));

        assertThat(back.gb()).isEqualTo(5);
    }

    @Test
    void aReportSupersedesTheClaimsAtOrBeforeItsTimeAndTheNextWritePrunesThem() throws Exception {
        a.claim(POOL, 0, 10, T0.plusSeconds(1));
        a.claim(POOL, 1, 20, T0.plusSeconds(2));
        eventually(() -> assertThat(b.claims(POOL).gb()).isEqualTo(30));

        assertThat(a.reportArrived(POOL, T0.plusSeconds(1)).gb()).as("the 10 GB claim is in the report").isEqualTo(20);
        assertThat(b.reportArrived(POOL, T0.plusSeconds(2)).gb()).isZero();

        a.claim(POOL, a.claims(POOL).version(), 5, T0.plusSeconds(3));

        try (CuratorFramework reader = CuratorFrameworkFactory.newClient(server.getConnectString(), new RetryOneTime(100))) {
            reader.start();
            List<ZooKeeperLedger.Claim> node = ZooKeeperLedger.decode(
                    reader.getData().forPath("/test/pools/node1%40lvm%23pool0"), POOL);
            assertThat(node).extracting(ZooKeeperLedger.Claim::gb).as("the superseded claim is gone from the node")
                    .containsExactly(20.0, 5.0);
        }
    }

    @Test
    void theClaimsOfAReplicaThatDiedCountUntilTheNextReport() throws Exception {
        a.claim(POOL, 0, 40, T0.plusSeconds(1));
        eventually(() -> assertThat(b.claims(POOL).gb()).isEqualTo(40));

        a.close();
        a = ledger();

        assertThat(b.claims(POOL).gb()).as("nobody gives them back").isEqualTo(40);
        assertThat(b.reportArrived(POOL, T0.plusSeconds(60)).gb()).as("the pool's next report counts them")
                .isZero();
    }

    @Test
    void withoutZooKeeperAClaimFailsAfterTheTimeOutNamingTheEnsemble() throws Exception {
        String connect = server.getConnectString();
        server.stop();

        long start = System.nanoTime();
        Throwable t = catchThrowable(() -> a.claim(POOL, 0, 10, T0.plusSeconds(1)));
        long waited = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);

        assertThat(t).isInstanceOf(LedgerUnavailable.class).hasMessageContaining("ZooKeeper at '" + connect + "'")
                .hasMessageContaining("within 2 s").hasMessageContaining("the volume is not placed");
        assertThat(((LedgerUnavailable) t).type()).isEqualTo(ErrorTypes.LEDGER_UNAVAILABLE);
        assertThat(waited).as("bounded by zookeeper_claim_timeout, with slack").isLessThan(20_000);
        assertThat(a.reportArrived(POOL, T0.plusSeconds(5))).as("reports still apply to the local view")
                .isNotNull();

        server.restart();
        eventually(() -> assertThat(catchThrowable(() -> a.claim(POOL, a.claims(POOL).version(), 10,
                T0.plusSeconds(6)))).isNull());
    }
}
