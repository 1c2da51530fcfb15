package org.volsched.core.host;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.volsched.spi.model.ServiceInfo;

/** Service liveness by deadlines: expiry found without looking at every service, and no garbage left behind. */
class ServiceRegistryTest {
    private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");
    private static final Duration DOWN = Duration.ofSeconds(60);

    private final ServiceRegistry registry = new ServiceRegistry(DOWN);

    private static ServiceInfo service(String host, String cluster, Instant heartbeat) {
        return new ServiceInfo(host, cluster, "nova", false, false, heartbeat);
    }

    private Set<String> expire(Instant now) {
        return registry.expire(now, new LinkedHashSet<>());
    }

    @Test
    void aServiceExpiresOnlyOnceItsHeartbeatIsOlderThanTheDownTime() {
        registry.put(service("node1", null, T0), T0);
        registry.put(service("node2", "cluster", T0.plusSeconds(30)), T0);

        assertThat(registry.nextDeadline()).isEqualTo(T0.plus(DOWN));
        assertThat(expire(T0.plus(DOWN))).as("exactly service_down_time old: still up").isEmpty();
        assertThat(expire(T0.plus(DOWN).plusNanos(1))).containsExactly("node1");
        assertThat(expire(T0.plusSeconds(89))).isEmpty();
        assertThat(expire(T0.plusSeconds(91))).as("the backend key: the cluster").containsExactly("cluster");
        assertThat(registry.nextDeadline()).isNull();
    }

    @Test
    void aHeartbeatPushesTheDeadlineBack() {
        registry.put(service("node1", null, T0), T0);
        registry.put(service("node1", null, T0.plusSeconds(50)), T0.plusSeconds(50));

        assertThat(expire(T0.plusSeconds(61))).isEmpty();
        assertThat(registry.nextDeadline()).isEqualTo(T0.plusSeconds(110));
        assertThat(expire(T0.plusSeconds(111))).containsExactly("node1");
    }

    @Test
    void heartbeatsAndFlapsLeaveOneLiveDeadlinePerService() {
        Instant now = T0;
        for (int i = 0; i < 1_000; i++) {
            registry.put(service("node1", null, now), now);
            registry.put(service("node2", null, now), now);
            if (i % 10 == 0) {
                now = now.plus(DOWN).plusSeconds(1);   // both go down
                assertThat(expire(now)).containsExactlyInAnyOrder("node1", "node2");
            } else {
                now = now.plusSeconds(10);
                expire(now);
            }
        }
        assertThat(registry.queuedDeadlines()).isLessThanOrEqualTo(2 * 7);
    }

    @Test
    void aRemovedServiceNeverExpires() {
        registry.put(service("node1", null, T0), T0);
        assertThat(registry.remove("node1")).isEqualTo("node1");

        assertThat(expire(T0.plusSeconds(120))).isEmpty();
        assertThat(registry.hostsUp(T0)).isEmpty();
    }

    @Test
    void hostsUpAreTheUpEnabledServicesInDatabaseOrderAndFollowExpiry() {
        registry.put(service("b", null, T0), T0);
        registry.put(service("a", null, T0.plusSeconds(30)), T0);
        registry.put(new ServiceInfo("c", null, "nova", true, false, T0), T0);
        assertThat(registry.hostsUp(T0)).containsExactly("b", "a");

        registry.put(service("b", null, T0.plusSeconds(5)), T0.plusSeconds(5));
        assertThat(registry.hostsUp(T0.plusSeconds(5))).as("an update keeps the position").containsExactly("b", "a");

        Instant later = T0.plusSeconds(70);
        expire(later);
        assertThat(registry.hostsUp(later)).containsExactly("a");
    }
}
