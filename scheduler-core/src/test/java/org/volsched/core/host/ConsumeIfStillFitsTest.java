package org.volsched.core.host;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.volsched.spi.model.PoolState;
import org.volsched.spi.model.ServiceInfo;

/** The claim a decision makes re-checks the pool only when something changed since it began. */
class ConsumeIfStillFitsTest {
    private static final Instant NOW = Instant.parse("2026-01-01T00:00:00Z");

    private final HostManager hosts = new HostManager(Clock.fixed(NOW, ZoneOffset.UTC), Duration.ofSeconds(60), "20.0",
            new InMemoryCapacityLedger());

    private PoolState onePool(long free) {
        hosts.updateService(new ServiceInfo("node1@lvm", null, "nova", false, false, NOW));
        hosts.updateServiceCapabilities("volume", "node1@lvm", null, Map.of("volume_backend_name", "lvm", "pools",
                List.of(Map.of("pool_name", "p0", "total_capacity_gb", 100L, "free_capacity_gb", free))),
                NOW.minusSeconds(1));
        return hosts.candidates().get(0);
    }

    @Test
    void unchangedStatesAreClaimedWithoutAskingAgain() {
        PoolState pool = onePool(50);
        long version = hosts.version();
        AtomicInteger asked = new AtomicInteger();

        PoolState claimed = hosts.consumeIfStillFits(pool, 10, version, p -> asked.incrementAndGet() > 0);

        assertThat(claimed.freeCapacity().value()).isEqualTo(40);
        assertThat(asked).hasValue(0);
        assertThat(hosts.version()).isNotEqualTo(version);
    }

    @Test
    void aConcurrentClaimMakesTheDecisionAskAgainAgainstTheCurrentState() {
        PoolState pool = onePool(50);
        long version = hosts.version();
        hosts.consume(pool, 45);

        PoolState refused = hosts.consumeIfStillFits(pool, 10, version, p -> p.freeCapacity().value() >= 10);
        PoolState accepted = hosts.consumeIfStillFits(pool, 5, version, p -> p.freeCapacity().value() >= 5);

        assertThat(refused).isNull();
        assertThat(accepted.freeCapacity().value()).isEqualTo(0);
        assertThat(hosts.candidates().get(0).freeCapacity().value()).isEqualTo(0);
    }
}
