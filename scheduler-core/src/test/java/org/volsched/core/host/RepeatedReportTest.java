package org.volsched.core.host;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;
import org.volsched.spi.model.PoolState;
import org.volsched.spi.model.ServiceInfo;

/**
 * A pool report that repeats the pool's last one re-stamps the state built from it (same numbers,
 * the same capabilities mapping) instead of building it again; anything else builds anew.
 */
class RepeatedReportTest {
    private static final Instant NOW = Instant.parse("2026-01-01T00:00:00Z");
    private static final String HOST = "node1@lvm";

    private final InMemoryCapacityLedger ledger = new InMemoryCapacityLedger();
    private final HostManager hosts = new HostManager(Clock.fixed(NOW, ZoneOffset.UTC), Duration.ofSeconds(60), "20.0",
            ledger);
    private final ListAppender<ILoggingEvent> logs = new ListAppender<>();
    private final Logger backendLog = (Logger) LoggerFactory.getLogger(BackendState.class);

    @BeforeEach
    void captureLogs() {
        logs.start();
        backendLog.addAppender(logs);
        backendLog.setAdditive(false);
        hosts.updateService(new ServiceInfo(HOST, null, "nova", false, false, NOW));
    }

    @AfterEach
    void releaseLogs() {
        backendLog.detachAppender(logs);
        backendLog.setAdditive(true);
    }

    private static Map<String, Object> report(String vendor, Map<String, Object> pool) {
        Map<String, Object> caps = new LinkedHashMap<>();
        caps.put("volume_backend_name", "lvm");
        caps.put("vendor_name", vendor);
        caps.put("pools", List.of(new LinkedHashMap<>(pool)));
        return caps;
    }

    private static Map<String, Object> pool(long free) {
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("pool_name", "p0");
        p.put("total_capacity_gb", 100L);
        p.put("free_capacity_gb", free);
        p.put("rack", "r1");
        p.put("free_capacity_gbs", 3L); // a misspelling the lint reports
        return p;
    }

    private void send(Map<String, Object> caps, Instant at) {
        hosts.updateServiceCapabilities("volume", HOST, null, caps, at);
    }

    private PoolState current() {
        return hosts.candidates().get(0);
    }

    private long lintWarnings() {
        return logs.list.stream().filter(e -> e.getLevel() == Level.WARN
                && e.getFormattedMessage().contains("free_capacity_gbs")).count();
    }

    @Test
    void aRepeatedReportKeepsTheMappingAndWipesWhatItCovers() {
        send(report("acme", pool(50)), NOW.minusSeconds(3));
        PoolState first = current();
        hosts.consume(first, 10);
        assertThat(current().freeCapacity().value()).isEqualTo(40);
        assertThat(ledger.claims(HOST + "#p0").gb()).isEqualTo(10);

        // Equal content in new objects, newer than the claim (rule HM18): the claim is covered.
        send(report("acme", pool(50)), NOW.plusSeconds(1));
        PoolState again = current();

        assertThat(again).isNotSameAs(first);
        assertThat(again.capabilities()).as("the same mapping, so per-pool memos stay valid")
                .isSameAs(first.capabilities());
        assertThat(again.freeCapacity().value()).isEqualTo(50);
        assertThat(again.allocatedCapacityGb()).isEqualTo(first.allocatedCapacityGb());
        assertThat(again.updated()).isEqualTo(NOW.plusSeconds(1));
        assertThat(again.slot()).isEqualTo(first.slot());
        assertThat(ledger.claims(HOST + "#p0").gb()).isZero();
        assertThat(lintWarnings()).as("the lint spoke when the report was new, not on its repeat").isEqualTo(1);
    }

    @Test
    void aChangedNumberBuildsTheStateAnew() {
        send(report("acme", pool(50)), NOW.minusSeconds(3));
        PoolState first = current();

        send(report("acme", pool(45)), NOW.minusSeconds(2));

        assertThat(current().capabilities()).isNotSameAs(first.capabilities());
        assertThat(current().capabilities().get("free_capacity_gb")).isEqualTo(45L);
        assertThat(current().freeCapacity().value()).isEqualTo(45);
        assertThat(lintWarnings()).as("a changed report is linted again").isEqualTo(2);
    }

    @Test
    void aChangedBackendFieldBuildsTheStateAnewThoughThePoolRepeats() {
        send(report("acme", pool(50)), NOW.minusSeconds(3));
        PoolState first = current();

        send(report("other", pool(50)), NOW.minusSeconds(2));

        assertThat(current().capabilities()).isNotSameAs(first.capabilities());
        assertThat(current().vendorName()).isEqualTo("other");
        assertThat(current().capabilities().get("vendor_name")).isEqualTo("other");
    }

    @Test
    void aHeartbeatBetweenTwoEqualReportsDoesNotMakeTheSecondBuildAnew() {
        // Services heartbeat every few seconds and report every minute: a heartbeat changes nothing a
        // pool's state holds, so the next repeated report must still be recognised as a repeat.
        send(report("acme", pool(50)), NOW.minusSeconds(3));
        PoolState first = current();

        hosts.heartbeat(HOST, NOW.minusSeconds(2));
        assertThat(current()).as("a heartbeat of a service that stays up leaves the pool as it is")
                .isSameAs(first);
        send(report("acme", pool(50)), NOW.minusSeconds(1));

        assertThat(current().updated()).isEqualTo(NOW.minusSeconds(1));
        assertThat(current().capabilities()).as("re-stamped, not built anew").isSameAs(first.capabilities());
        assertThat(current().service()).isSameAs(first.service());
        assertThat(lintWarnings()).isEqualTo(1);
    }

    @Test
    void aChangedServiceBuildsTheStateAnew() {
        send(report("acme", pool(50)), NOW.minusSeconds(3));
        PoolState first = current();

        hosts.updateService(new ServiceInfo(HOST, null, "other-zone", false, false, NOW));
        send(report("acme", pool(50)), NOW.minusSeconds(2));

        assertThat(current().availabilityZone()).isEqualTo("other-zone");
        assertThat(current().service().get("availability_zone")).isEqualTo("other-zone");
        assertThat(current().capabilities()).isEqualTo(first.capabilities());
    }

    @Test
    void aReportOnAPoolWithNothingClaimedLeavesTheLedgerAlone() {
        send(report("acme", pool(50)), NOW.minusSeconds(3));
        long before = ledger.claims(HOST + "#p0").version();

        send(report("acme", pool(50)), NOW.minusSeconds(2));
        send(report("acme", pool(40)), NOW.minusSeconds(1));
        hosts.snapshot();

        assertThat(ledger.claims(HOST + "#p0").version()).isEqualTo(before);
    }
}
