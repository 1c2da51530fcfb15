package org.volsched.core.host;

import org.volsched.spi.CapacityLedger;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.volsched.spi.model.PoolState;
import org.volsched.spi.model.ServiceInfo;

/** Claims are optimistic: re-checked outside any lock only when the pool changed, committed only on an unchanged pool. */
class ClaimTest {
    private static final Instant NOW = Instant.parse("2026-01-01T00:00:00Z");

    private final InMemoryCapacityLedger ledger = new InMemoryCapacityLedger();
    private final HostManager hosts = new HostManager(Clock.fixed(NOW, ZoneOffset.UTC), Duration.ofSeconds(60), "20.0",
            ledger);

    private void backend(String host, long free) {
        hosts.updateService(new ServiceInfo(host, null, "nova", false, false, NOW));
        report(host, free, NOW.minusSeconds(1));
    }

    private void report(String host, long free, Instant at) {
        hosts.updateServiceCapabilities("volume", host, null, Map.of("volume_backend_name", "lvm", "pools",
                List.of(Map.of("pool_name", "p0", "total_capacity_gb", 100L, "free_capacity_gb", free))), at);
    }

    private PoolState pool(String host) {
        return hosts.candidates().stream().filter(p -> p.backendKey().equals(host)).findFirst().orElseThrow();
    }

    @Test
    void anUnchangedPoolIsClaimedWithoutAskingAgain() {
        backend("node1@lvm", 50);
        PoolState decidedOn = pool("node1@lvm");
        long seen = hosts.version();
        AtomicInteger asked = new AtomicInteger();

        PoolState claimed = hosts.claim(decidedOn, 10, seen, p -> asked.incrementAndGet() > 0);

        assertThat(claimed.freeCapacity().value()).isEqualTo(40);
        assertThat(asked).hasValue(0);
        assertThat(pool("node1@lvm").freeCapacity().value()).as("the next decision sees the claim").isEqualTo(40);
        assertThat(ledger.claims("node1@lvm#p0").gb()).isEqualTo(10);
    }

    @Test
    void aConcurrentClaimMakesTheDecisionAskAgainAgainstTheCurrentState() {
        backend("node1@lvm", 50);
        PoolState decidedOn = pool("node1@lvm");
        long seen = hosts.version();
        hosts.consume(decidedOn, 45);

        PoolState refused = hosts.claim(decidedOn, 10, seen, p -> p.freeCapacity().value() >= 10);
        PoolState accepted = hosts.claim(decidedOn, 5, seen, p -> p.freeCapacity().value() >= 5);

        assertThat(refused).isNull();
        assertThat(accepted.freeCapacity().value()).isEqualTo(0);
        assertThat(pool("node1@lvm").freeCapacity().value()).isEqualTo(0);
        assertThat(ledger.claims("node1@lvm#p0").gb()).isEqualTo(50);
    }

    @Test
    void aReportArrivingAfterTheDecisionIsWhatTheClaimChecks() {
        backend("node1@lvm", 50);
        PoolState decidedOn = pool("node1@lvm");
        long seen = hosts.version();
        report("node1@lvm", 5, NOW);
        hosts.snapshot();

        PoolState refused = hosts.claim(decidedOn, 10, seen, p -> p.freeCapacity().value() >= 10);

        assertThat(refused).as("the new report leaves 5 GB").isNull();
        assertThat(pool("node1@lvm").freeCapacity().value()).isEqualTo(5);
    }

    @Test
    void aPoolThatLeftTheCandidatesIsNotClaimed() {
        backend("node1@lvm", 50);
        PoolState decidedOn = pool("node1@lvm");
        long seen = hosts.version();
        hosts.removeService("node1@lvm");
        hosts.snapshot();

        assertThat(hosts.claim(decidedOn, 1, seen, p -> true)).isNull();
        assertThat(ledger.claims("node1@lvm#p0")).isEqualTo(CapacityLedger.Claims.NONE);
    }

    @Test
    @Timeout(10)
    void theReCheckRunsWithoutTheLockSoReportsAndOtherClaimsGoOn() throws Exception {
        backend("node1@lvm", 50);
        backend("node2@lvm", 50);
        PoolState decidedOn = pool("node1@lvm");
        long seen = hosts.version();
        hosts.consume(decidedOn, 1);
        CountDownLatch checking = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);

        CompletableFuture<PoolState> slow = CompletableFuture.supplyAsync(() -> hosts.claim(decidedOn, 10, seen, p -> {
            checking.countDown();
            try {
                return release.await(5, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }));
        assertThat(checking.await(5, TimeUnit.SECONDS)).isTrue();

        // While the re-check is blocked: a report is applied and another pool is claimed.
        report("node2@lvm", 30, NOW);
        assertThat(pool("node2@lvm").freeCapacity().value()).isEqualTo(30);
        assertThat(hosts.claim(pool("node2@lvm"), 5, hosts.version(), p -> true).freeCapacity().value()).isEqualTo(25);
        assertThat(slow).isNotDone();

        release.countDown();
        assertThat(slow.get(5, TimeUnit.SECONDS).freeCapacity().value()).isEqualTo(39);
    }

    @Test
    void aPoolChangedDuringTheReCheckIsCheckedAgainBeforeTheClaimCommits() {
        backend("node1@lvm", 50);
        PoolState decidedOn = pool("node1@lvm");
        long seen = hosts.version();
        hosts.consume(decidedOn, 1);
        AtomicInteger asked = new AtomicInteger();

        PoolState claimed = hosts.claim(decidedOn, 10, seen, p -> {
            if (asked.incrementAndGet() == 1) {
                hosts.consume(p, 30);   // another decision claims while this one checks
            }
            return p.freeCapacity().value() >= 10;
        });

        assertThat(asked).as("checked the state it saw, then the state the other claim left").hasValue(2);
        assertThat(claimed.freeCapacity().value()).isEqualTo(9);
    }
}
