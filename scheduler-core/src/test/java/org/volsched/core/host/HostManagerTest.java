package org.volsched.core.host;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.volsched.spi.model.PoolState;
import org.volsched.spi.model.ServiceInfo;
import org.volsched.testing.LogCapture;

/** Section 6 of the semantics document through the host manager's public API. */
class HostManagerTest {
    private static final Instant T0 = Instant.parse("2024-05-01T12:00:00Z");
    private static final Duration SERVICE_DOWN_TIME = Duration.ofSeconds(60);
    private static final String NODE1 = "node1@lvm";
    private static final String NODE2 = "node2@lvm";
    private static final String NODE3 = "node3@lvm";
    private static final String CLUSTER = "cluster1@lvm";

    private final MutableClock clock = new MutableClock(T0);
    private final HostManager hosts = new HostManager(clock, SERVICE_DOWN_TIME, "20.0", new InMemoryCapacityLedger());

    // --- fixtures ---------------------------------------------------------------------------

    /** An enabled, unfrozen, unclustered service that heartbeats now, in zone {@code nova}. */
    private void upService(String host) {
        hosts.updateService(new ServiceInfo(host, null, "nova", false, false, clock.instant()));
    }

    private void clusteredService(String host, String cluster, String zone, Instant heartbeat) {
        hosts.updateService(new ServiceInfo(host, cluster, zone, false, false, heartbeat));
    }

    /** A volume report from {@code host}, stamped now. */
    private void report(String host, Map<String, Object> capabilities) {
        hosts.updateServiceCapabilities("volume", host, null, capabilities, clock.instant());
    }

    private void reportAt(String host, Instant timestamp, Map<String, Object> capabilities) {
        hosts.updateServiceCapabilities("volume", host, null, capabilities, timestamp);
    }

    /** A service that is up and has reported {@code pools}. */
    private void backend(String host, String... pools) {
        upService(host);
        report(host, withPools(pools));
    }

    private static Map<String, Object> caps(Object... keysAndValues) {
        Map<String, Object> m = new LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            m.put((String) keysAndValues[i], keysAndValues[i + 1]);
        }
        return m;
    }

    /** A pool report named {@code name} with 100 GB total and free, plus {@code keysAndValues}. */
    private static Map<String, Object> pool(String name, Object... keysAndValues) {
        Map<String, Object> m = caps("pool_name", name, "total_capacity_gb", 100L, "free_capacity_gb", 100L);
        m.putAll(caps(keysAndValues));
        return m;
    }

    private static Map<String, Object> withPools(String... names) {
        List<Object> pools = new ArrayList<>();
        for (String name : names) {
            pools.add(pool(name));
        }
        return caps("volume_backend_name", "lvm", "pools", pools);
    }

    private static Map<String, Object> withPoolReports(Object... poolReports) {
        return caps("pools", new ArrayList<>(Arrays.asList(poolReports)));
    }

    private List<String> candidateIds() {
        return hosts.candidates().stream().map(PoolState::backendId).toList();
    }

    private PoolState candidate(String backendId) {
        return hosts.candidates().stream().filter(p -> p.backendId().equals(backendId)).findFirst()
                .orElseThrow(() -> new AssertionError(backendId + " is not a candidate: " + candidateIds()));
    }

    // --- HM7-HM9: receiving reports ------------------------------------------------------------

    @Nested
    class ReceivingReports {
        @Test
        void reportsOfServicesOtherThanVolumeAndBackupAreIgnored() {
            upService(NODE1);
            hosts.updateServiceCapabilities("scheduler", NODE1, null, withPools("pool0"), clock.instant());
            hosts.updateServiceCapabilities("compute", NODE1, null, withPools("pool0"), clock.instant());

            assertThat(hosts.candidates()).isEmpty();
            assertThat(hosts.backendsWithoutCapabilities()).containsExactly(NODE1);
        }

        @Test
        void backupReportsAreStoredSeparatelyAndNeverScheduledOn() {
            upService(NODE1);
            hosts.updateServiceCapabilities("backup", NODE1, null, withPools("backup0"), clock.instant());
            assertThat(hosts.candidates()).isEmpty();
            assertThat(hosts.hasAllCapabilities()).isFalse();

            report(NODE1, withPools("pool0"));
            clock.advance(Duration.ofSeconds(1));
            hosts.updateServiceCapabilities("backup", NODE1, null, withPools("backup1"), clock.instant());

            assertThat(candidateIds()).containsExactly("node1@lvm#pool0");
            assertThat(hosts.hasAllCapabilities()).isTrue();
        }

        @Test
        void aReportOlderThanTheStoredOneIsIgnored() {
            upService(NODE1);
            reportAt(NODE1, T0.plusSeconds(10), withPools("newer"));
            reportAt(NODE1, T0.plusSeconds(5), withPools("older"));

            assertThat(candidateIds()).containsExactly("node1@lvm#newer");
        }

        @Test
        void aReportWithTheSameTimestampReplacesTheStoredOne() {
            upService(NODE1);
            reportAt(NODE1, T0, withPools("first"));
            reportAt(NODE1, T0, withPools("second"));

            assertThat(candidateIds()).containsExactly("node1@lvm#second");
        }

        @Test
        void aReportWithoutTimestampIsStampedNow() {
            upService(NODE1);
            reportAt(NODE1, T0.plusSeconds(5), withPools("stamped"));
            clock.advance(Duration.ofSeconds(10));
            reportAt(NODE1, null, withPools("now"));
            reportAt(NODE1, T0.plusSeconds(7), withPools("older-than-now"));

            assertThat(candidateIds()).containsExactly("node1@lvm#now");
        }

        @Test
        void theStoredReportIsACopyOfTheCallersMapping() {
            upService(NODE1);
            Map<String, Object> capabilities = withPools("pool0");
            report(NODE1, capabilities);
            capabilities.put("pools", List.of(pool("changed-later")));
            upService(NODE2); // forces a refresh

            assertThat(candidateIds()).containsExactly("node1@lvm#pool0");
        }

        /**
         * HM9: the first report ever received rebuilds the backend map at once, so its backend is
         * placed before backends that become active with later reports, whatever the service order.
         * (Found by IncrementalHostManagerModelTest: the incremental host manager waited for the next
         * decision and placed both in service order.)
         */
        @Test
        void theFirstReportEverReceivedPlacesItsBackendAtOnce() {
            upService(NODE1);
            upService(NODE2);
            report(NODE2, withPools("pool0"));
            report(NODE1, withPools("pool0"));

            assertThat(candidateIds()).containsExactly("node2@lvm#pool0", "node1@lvm#pool0");
        }

        @Test
        void firstReceiveNeedsAReportBackendsAndNoneMissing() {
            assertThat(hosts.firstReceiveCapabilities()).isFalse();
            upService(NODE1);
            upService(NODE2);
            report(NODE1, withPools("pool0"));
            assertThat(hosts.firstReceiveCapabilities()).isFalse();

            report(NODE2, withPools("pool0"));
            assertThat(hosts.firstReceiveCapabilities()).isTrue();
        }
    }

    // --- HM10-HM16: which backends are candidates, in what order --------------------------------------

    @Nested
    class BackendMap {
        @Test
        void disabledAndFrozenServicesAreNotCandidates() {
            backend(NODE1, "pool0");
            backend(NODE2, "pool0");
            backend(NODE3, "pool0");
            hosts.updateService(new ServiceInfo(NODE1, null, "nova", true, false, clock.instant()));
            hosts.updateService(new ServiceInfo(NODE2, null, "nova", false, true, clock.instant()));

            assertThat(candidateIds()).containsExactly("node3@lvm#pool0");
        }

        @Test
        void aServiceIsDownOnceItsHeartbeatIsOlderThanServiceDownTime() {
            backend(NODE1, "pool0");

            clock.set(T0.plus(SERVICE_DOWN_TIME));
            assertThat(candidateIds()).as("exactly service_down_time old: still up").containsExactly("node1@lvm#pool0");

            clock.set(T0.plus(SERVICE_DOWN_TIME).plusMillis(1));
            assertThat(hosts.candidates()).as("older than service_down_time: down").isEmpty();

            hosts.heartbeat(NODE1, clock.instant());
            assertThat(candidateIds()).containsExactly("node1@lvm#pool0");
        }

        /**
         * HM11 with a heartbeat older than the last one: the service is down once that older one is
         * older than service_down_time. (Found by IncrementalHostManagerModelTest: the incremental
         * host manager waited for the expiry of the newer heartbeat.)
         */
        @Test
        void aHeartbeatOlderThanTheLastOneBringsTheExpiryForward() {
            backend(NODE1, "pool0");
            backend(NODE2, "pool0");
            assertThat(candidateIds()).containsExactly("node1@lvm#pool0", "node2@lvm#pool0");

            hosts.heartbeat(NODE1, T0.minusSeconds(50));
            hosts.updateService(new ServiceInfo(NODE2, null, "nova", false, false, T0.minusSeconds(40)));
            clock.advance(Duration.ofSeconds(11));
            assertThat(candidateIds()).containsExactly("node2@lvm#pool0");
            assertThat(hosts.hostsUp()).containsExactly(NODE2);

            clock.advance(Duration.ofSeconds(10));
            assertThat(hosts.candidates()).isEmpty();
            assertThat(hosts.hostsUp()).isEmpty();
        }

        /**
         * A service that went down, then sends a heartbeat still too old to bring it back, is down.
         * (Found by IncrementalHostManagerModelTest: the incremental host manager compared the
         * service's liveness before and after the heartbeat, both down, and never re-derived the
         * backend, which stayed a candidate; a backend without report stayed "without capabilities".)
         */
        @Test
        void aServiceThatWentDownStaysDownAfterAHeartbeatTooOldToBringItBack() {
            backend(NODE1, "pool0");
            upService(NODE2);
            assertThat(candidateIds()).containsExactly("node1@lvm#pool0");
            assertThat(hosts.hasAllCapabilities()).isFalse();

            clock.advance(SERVICE_DOWN_TIME.plusSeconds(1));
            hosts.heartbeat(NODE1, T0);
            hosts.heartbeat(NODE2, T0);

            assertThat(hosts.candidates()).isEmpty();
            assertThat(hosts.hasAllCapabilities()).isTrue();
            assertThat(hosts.hostsUp()).isEmpty();
        }

        @Test
        void aServiceThatNeverHeartbeatIsDown() {
            hosts.updateService(new ServiceInfo(NODE1, null, "nova", false, false, null));
            report(NODE1, withPools("pool0"));

            assertThat(hosts.candidates()).isEmpty();
            assertThat(hosts.hostsUp()).isEmpty();
        }

        @Test
        void reportsNeverExpireOnlyServiceLivenessMatters() {
            backend(NODE1, "pool0");
            for (int minute = 1; minute <= 10; minute++) {
                clock.advance(Duration.ofMinutes(1));
                hosts.heartbeat(NODE1, clock.instant());
            }
            assertThat(candidateIds()).containsExactly("node1@lvm#pool0");
        }

        @Test
        void theFirstUpServiceOfAClusterIsUsedAndTheClusterIsTheKey() {
            clusteredService(NODE1, CLUSTER, "zone-1", null); // down
            clusteredService(NODE2, CLUSTER, "zone-2", T0);
            clusteredService(NODE3, CLUSTER, "zone-3", T0);
            hosts.updateServiceCapabilities("volume", NODE2, CLUSTER, withPools("pool0"), T0);

            List<PoolState> candidates = hosts.candidates();

            assertThat(candidates).hasSize(1);
            PoolState pool = candidates.get(0);
            assertThat(pool.backendId()).isEqualTo("cluster1@lvm#pool0");
            assertThat(pool.host()).isEqualTo("node2@lvm#pool0");
            assertThat(pool.poolClusterName()).isEqualTo("cluster1@lvm#pool0");
            assertThat(pool.availabilityZone()).isEqualTo("zone-2");
            assertThat(pool.service()).containsEntry("host", NODE2).containsEntry("availability_zone", "zone-2");
        }

        @Test
        void anExistingBackendKeepsItsHostWhenAnotherServiceOfTheClusterTakesOver() {
            clusteredService(NODE1, CLUSTER, "zone-1", T0);
            clusteredService(NODE2, CLUSTER, "zone-2", T0);
            hosts.updateServiceCapabilities("volume", NODE1, CLUSTER, withPools("pool0"), T0);
            assertThat(candidate("cluster1@lvm#pool0").host()).isEqualTo("node1@lvm#pool0");

            clock.advance(Duration.ofSeconds(30));
            hosts.heartbeat(NODE2, clock.instant());
            clock.advance(Duration.ofSeconds(31)); // node1 is down, node2 is up

            PoolState pool = candidate("cluster1@lvm#pool0");
            assertThat(pool.host()).as("the backend state is reused").isEqualTo("node1@lvm#pool0");
            assertThat(pool.availabilityZone()).as("with the serving service's record").isEqualTo("zone-2");
        }

        @Test
        void theClustersReportIsPreferredToTheHostsOwn() {
            clusteredService(NODE1, CLUSTER, "nova", T0);
            hosts.updateServiceCapabilities("volume", NODE1, null, withPools("from-host"), T0);
            assertThat(candidateIds()).as("a service just converted to a cluster uses its host's report")
                    .containsExactly("cluster1@lvm#from-host");

            hosts.updateServiceCapabilities("volume", NODE1, CLUSTER, withPools("from-cluster"), T0);
            assertThat(candidateIds()).containsExactly("cluster1@lvm#from-cluster");
        }

        @Test
        void aBackendWithoutReportIsSkippedAndReported() {
            backend(NODE1, "pool0");
            upService(NODE2);
            clusteredService(NODE3, CLUSTER, "nova", T0);

            assertThat(candidateIds()).containsExactly("node1@lvm#pool0");
            assertThat(hosts.hasAllCapabilities()).isFalse();
            assertThat(hosts.backendsWithoutCapabilities()).containsExactlyInAnyOrder(NODE2, CLUSTER);

            report(NODE2, withPools("pool0"));
            hosts.updateServiceCapabilities("volume", NODE3, CLUSTER, withPools("pool0"), T0);

            assertThat(hosts.hasAllCapabilities()).isTrue();
            assertThat(hosts.backendsWithoutCapabilities()).isEmpty();
            assertThat(candidateIds()).containsExactly("node1@lvm#pool0", "node2@lvm#pool0", "cluster1@lvm#pool0");
        }

        @Test
        void onlyUpAndEnabledServicesCountAsMissingTheirReport() {
            upService(NODE1);
            hosts.updateService(new ServiceInfo(NODE2, null, "nova", true, false, T0));
            assertThat(hosts.backendsWithoutCapabilities()).containsExactly(NODE1);

            clock.advance(SERVICE_DOWN_TIME.plusSeconds(1));
            assertThat(hosts.backendsWithoutCapabilities()).as("the set is rebuilt by each refresh").isEmpty();
            assertThat(hosts.hasAllCapabilities()).isTrue();
        }

        @Test
        void backendsFollowServiceOrder() {
            backend(NODE3, "pool0");
            backend(NODE1, "pool0");
            backend(NODE2, "pool0");

            assertThat(candidateIds()).containsExactly("node3@lvm#pool0", "node1@lvm#pool0", "node2@lvm#pool0");
        }

        @Test
        void aBackendThatWasDownComesBackAtTheEnd() {
            backend(NODE1, "pool0");
            backend(NODE2, "pool0");
            backend(NODE3, "pool0");
            clock.advance(Duration.ofSeconds(50));
            hosts.heartbeat(NODE2, clock.instant());
            hosts.heartbeat(NODE3, clock.instant());
            clock.advance(Duration.ofSeconds(11));
            assertThat(candidateIds()).containsExactly("node2@lvm#pool0", "node3@lvm#pool0");

            hosts.heartbeat(NODE1, clock.instant());

            assertThat(candidateIds()).containsExactly("node2@lvm#pool0", "node3@lvm#pool0", "node1@lvm#pool0");
        }

        @Test
        void aBackendThatWasDisabledComesBackAtTheEnd() {
            backend(NODE1, "pool0");
            backend(NODE2, "pool0");
            hosts.updateService(new ServiceInfo(NODE1, null, "nova", true, false, clock.instant()));
            assertThat(candidateIds()).containsExactly("node2@lvm#pool0");

            hosts.updateService(new ServiceInfo(NODE1, null, "nova", false, false, clock.instant()));

            assertThat(candidateIds()).containsExactly("node2@lvm#pool0", "node1@lvm#pool0");
        }

        @Test
        void aBackendThatLostItsServiceComesBackAtTheEnd() {
            backend(NODE1, "pool0");
            backend(NODE2, "pool0");
            hosts.removeService(NODE1);
            assertThat(candidateIds()).containsExactly("node2@lvm#pool0");

            upService(NODE1);

            assertThat(candidateIds()).as("the stored report is used again")
                    .containsExactly("node2@lvm#pool0", "node1@lvm#pool0");
        }

        @Test
        void hostsUpListsUpEnabledServicesInServiceOrderWhateverTheirReports() {
            backend(NODE1, "pool0");
            hosts.updateService(new ServiceInfo(NODE2, null, "nova", true, false, T0)); // disabled
            hosts.updateService(new ServiceInfo("node4@lvm", null, "nova", false, false, null)); // down
            hosts.updateService(new ServiceInfo("node5@lvm", null, "nova", false, true, T0)); // frozen
            upService(NODE3); // no report

            assertThat(hosts.hostsUp()).containsExactly(NODE1, "node5@lvm", NODE3);
        }
    }

    // --- HM21-HM24: pools ---------------------------------------------------------------------

    @Nested
    class Pools {
        @Test
        void poolsFollowTheReportsOrderAndNewPoolsGoToTheEnd() {
            backend(NODE1, "b", "a", "c");
            assertThat(candidateIds()).containsExactly("node1@lvm#b", "node1@lvm#a", "node1@lvm#c");

            clock.advance(Duration.ofSeconds(1));
            report(NODE1, withPools("d", "c", "a", "b"));
            assertThat(candidateIds()).containsExactly("node1@lvm#b", "node1@lvm#a", "node1@lvm#c", "node1@lvm#d");
        }

        @Test
        void aPoolMissingFromAReportIsRemovedAndComesBackAtTheEnd() {
            backend(NODE1, "p1", "p2", "p3");
            clock.advance(Duration.ofSeconds(1));
            report(NODE1, withPools("p1", "p3"));
            assertThat(candidateIds()).containsExactly("node1@lvm#p1", "node1@lvm#p3");

            clock.advance(Duration.ofSeconds(1));
            report(NODE1, withPools("p1", "p2", "p3"));
            assertThat(candidateIds()).containsExactly("node1@lvm#p1", "node1@lvm#p3", "node1@lvm#p2");
        }

        @Test
        void aPoolNameRepeatedInOneReportIsOnePoolAtTheFirstPositionWithTheLastValues() {
            upService(NODE1);
            report(NODE1, withPoolReports(pool("a", "free_capacity_gb", 1L), pool("b"),
                    pool("a", "free_capacity_gb", 2L)));

            assertThat(candidateIds()).containsExactly("node1@lvm#a", "node1@lvm#b");
            assertThat(candidate("node1@lvm#a").attribute("free_capacity_gb")).isEqualTo(2L);
        }

        @Test
        void anEmptyPoolListRemovesEveryPool() {
            backend(NODE1, "p1", "p2");
            clock.advance(Duration.ofSeconds(1));
            report(NODE1, caps("volume_backend_name", "lvm", "pools", List.of()));

            assertThat(hosts.candidates()).isEmpty();
            assertThat(hosts.hasAllCapabilities()).as("the backend did report").isTrue();
        }

        @Test
        void aPoolsValueThatIsNotAListRemovesEveryPool() {
            backend(NODE1, "p1");
            clock.advance(Duration.ofSeconds(1));
            try (LogCapture log = LogCapture.of(BackendState.class)) {
                report(NODE1, caps("volume_backend_name", "lvm", "pools", Map.of("pool_name", "p1")));

                assertThat(hosts.candidates()).isEmpty();
                assertThat(log.warnings()).containsExactly("Backend node1@lvm: capabilities.pools is a dict, not a list; "
                        + "the backend offers no pool (as in Cinder)");
            }
        }

        @Test
        void aLegacyReportIsOnePoolNamedAfterTheBackend() {
            upService(NODE1);
            report(NODE1, caps("volume_backend_name", "lvm-1", "total_capacity_gb", 100L, "free_capacity_gb", 40L,
                    "custom_key", "x", "storage_protocol", "iscsi"));

            PoolState pool = candidate("node1@lvm#lvm-1");
            assertThat(pool.poolName()).isEqualTo("lvm-1");
            assertThat(pool.attribute("free_capacity_gb")).isEqualTo(40L);
            assertThat(pool.capabilities()).as("a legacy pool sees every key of the report")
                    .containsEntry("custom_key", "x")
                    .containsEntry("storage_protocol", List.of("iSCSI", "iscsi"));
            assertThat(pool.storageProtocol()).isEqualTo(List.of("iSCSI", "iscsi"));
        }

        @Test
        void aLegacyReportWithoutBackendNameUsesThePoolDefault() {
            upService(NODE1);
            report(NODE1, caps("total_capacity_gb", 100L));
            assertThat(candidateIds()).containsExactly("node1@lvm#_pool0");
        }

        @Test
        void aLegacyReportWithoutBackendNameUsesThePoolPartOfTheServiceHost() {
            upService("node1@lvm#fast");
            report("node1@lvm#fast", caps("total_capacity_gb", 100L));
            assertThat(hosts.candidates()).extracting(PoolState::poolName).containsExactly("fast");
        }

        @Test
        void aNullPoolsValueIsALegacyReport() {
            upService(NODE1);
            report(NODE1, caps("volume_backend_name", "lvm", "pools", null));
            assertThat(candidateIds()).containsExactly("node1@lvm#lvm");
        }

        @Test
        void aRenamedLegacyBackendLosesItsOldPool() {
            upService(NODE1);
            report(NODE1, caps("volume_backend_name", "old-name"));
            clock.advance(Duration.ofSeconds(1));
            report(NODE1, caps("volume_backend_name", "new-name"));

            assertThat(candidateIds()).containsExactly("node1@lvm#new-name");
        }

        @Test
        void poolsInheritOnlyTheBackendLevelFieldsCinderCopies() {
            upService(NODE1);
            report(NODE1, caps("volume_backend_name", "lvm", "vendor_name", "Open Source", "driver_version", "3.0.0",
                    "storage_protocol", "iSCSI", "filter_function", "volume.size < 10", "goodness_function", "50",
                    "multiattach", true, "replication_enabled", true, "online_extend_support", false,
                    "custom_key", "x", "total_capacity_gb", 999L, "QoS_support", true,
                    "pools", List.of(pool("p1"))));

            PoolState p1 = candidate("node1@lvm#p1");
            assertThat(p1.capabilities())
                    .containsEntry("volume_backend_name", "lvm")
                    .containsEntry("vendor_name", "Open Source")
                    .containsEntry("driver_version", "3.0.0")
                    .containsEntry("storage_protocol", List.of("iSCSI", "iscsi"))
                    .containsEntry("filter_function", "volume.size < 10")
                    .containsEntry("goodness_function", "50")
                    .containsEntry("total_capacity_gb", 100L)
                    .doesNotContainKeys("multiattach", "replication_enabled", "online_extend_support", "custom_key",
                            "QoS_support");
            assertThat(p1.attribute("multiattach")).as("not inherited: the pool default").isEqualTo(false);
            assertThat(p1.attribute("QoS_support")).isEqualTo(false);
            assertThat(p1.attribute("total_capacity_gb")).isEqualTo(100L);
            assertThat(p1.volumeBackendName()).isEqualTo("lvm");
            assertThat(p1.storageProtocol()).isEqualTo(List.of("iSCSI", "iscsi"));
        }

        @Test
        void aPoolsNumbersComeFromItsOwnReportOnly() {
            upService(NODE1);
            report(NODE1, caps("thin_provisioning_support", true, "max_over_subscription_ratio", 5.0,
                    "reserved_percentage", 50L, "allocated_capacity_gb", 70L,
                    "pools", List.of(pool("thin", "thin_provisioning_support", true), pool("plain"))));

            PoolState thin = candidate("node1@lvm#thin");
            assertThat(thin.maxOverSubscriptionRatio()).as("the global option, not the backend's 5.0").isEqualTo(20.0);
            assertThat(thin.reservedPercentage()).isZero();
            assertThat(thin.allocatedCapacityGb()).isZero();
            assertThat(candidate("node1@lvm#plain").thinProvisioningSupport()).isFalse();
        }

        @Test
        void aPoolsOwnValuesWinUnlessFalsy() {
            upService(NODE1);
            report(NODE1, caps("volume_backend_name", "lvm", "vendor_name", "Open Source", "driver_version", "3.0.0",
                    "storage_protocol", "iSCSI",
                    "pools", List.of(pool("p1", "volume_backend_name", "own", "vendor_name", "",
                            "driver_version", null, "storage_protocol", "nfs"))));

            assertThat(candidate("node1@lvm#p1").capabilities())
                    .containsEntry("volume_backend_name", "own")
                    .containsEntry("vendor_name", "Open Source")
                    .containsEntry("driver_version", "3.0.0")
                    .containsEntry("storage_protocol", List.of("NFS", "nfs"));
        }

        @Test
        void functionsAreCopiedOnlyWhenThePoolLacksTheKey() {
            upService(NODE1);
            report(NODE1, caps("filter_function", "backend filter", "goodness_function", "backend goodness",
                    "pools", List.of(pool("own", "filter_function", null, "goodness_function", "pool goodness"),
                            pool("inherits"))));

            assertThat(candidate("node1@lvm#own").capabilities())
                    .containsEntry("filter_function", null)
                    .containsEntry("goodness_function", "pool goodness");
            assertThat(candidate("node1@lvm#own").filterFunction()).isNull();
            assertThat(candidate("node1@lvm#inherits").capabilities())
                    .containsEntry("filter_function", "backend filter")
                    .containsEntry("goodness_function", "backend goodness");
        }

        @Test
        void functionsAbsentFromTheBackendAreNotAdded() {
            upService(NODE1);
            report(NODE1, withPools("p1"));

            assertThat(candidate("node1@lvm#p1").capabilities()).doesNotContainKeys("filter_function",
                    "goodness_function");
            assertThat(candidate("node1@lvm#p1").attribute("goodness_function")).isEqualTo(0L);
        }

        @Test
        void aPoolWithoutProtocolGetsTheBackendsEvenWhenNone() {
            upService(NODE1);
            report(NODE1, caps("pools", List.of(pool("p1"))));
            assertThat(candidate("node1@lvm#p1").capabilities()).containsEntry("storage_protocol", null)
                    .containsEntry("volume_backend_name", null);
        }

        @Test
        void aLaterDuplicateCandidateKeyReplacesTheEarlierButKeepsItsPosition() {
            // "<backend key>.<pool name>": node1@a + "b.c" and node1@a.b + "c" are both "node1@a.b.c"
            upService("node1@a");
            report("node1@a", withPools("b.c", "x"));
            upService("node1@a.b");
            report("node1@a.b", withPools("c"));

            assertThat(candidateIds()).containsExactly("node1@a.b#c", "node1@a#x");
        }

        /**
         * HM25 after one of two pools sharing a dotted key leaves: the other is a candidate again, at
         * its own position. (Found by IncrementalHostManagerModelTest: the incremental host manager
         * lost the earlier pool, or kept the later one at the earlier one's position.)
         */
        @Test
        void whenOneOfTwoPoolsSharingACandidateKeyLeavesTheOtherIsACandidateAtItsOwnPosition() {
            upService("node1@a.b");
            report("node1@a.b", withPools("c", "e"));
            upService(NODE2);
            report(NODE2, withPools("pool0"));
            upService("node1@a");
            report("node1@a", withPools("b.c"));
            assertThat(candidateIds()).containsExactly("node1@a#b.c", "node1@a.b#e", "node2@lvm#pool0");

            clock.advance(Duration.ofSeconds(1));
            report("node1@a", withPools("pool0"));
            assertThat(candidateIds()).as("the later pool left: the earlier is back")
                    .containsExactly("node1@a.b#c", "node1@a.b#e", "node2@lvm#pool0", "node1@a#pool0");

            report("node1@a", withPools("b.c"));
            assertThat(candidateIds()).containsExactly("node1@a#b.c", "node1@a.b#e", "node2@lvm#pool0");
            clock.advance(Duration.ofSeconds(1));
            report("node1@a.b", withPools("e"));
            assertThat(candidateIds()).as("the earlier pool left: the later is at its own position")
                    .containsExactly("node1@a.b#e", "node2@lvm#pool0", "node1@a#b.c");
        }
    }

    // --- HM18, HM29, HM30: consumption and staleness -------------------------------------------------

    @Nested
    class Consumption {
        private static final String POOL = "node1@lvm#pool0";

        private void reportPool0(Instant timestamp, long free, Object... extra) {
            Map<String, Object> pool = pool("pool0", "free_capacity_gb", free, "allocated_capacity_gb", 10L);
            pool.putAll(caps(extra));
            reportAt(NODE1, timestamp, withPoolReports(pool));
        }

        @Test
        void consumingUpdatesThePoolAndTheNextCandidatesSeeIt() {
            upService(NODE1);
            reportPool0(T0, 100L);
            clock.advance(Duration.ofSeconds(10));

            PoolState consumed = hosts.consume(candidate(POOL), 10);

            assertThat(consumed.attribute("free_capacity_gb")).isEqualTo(90L);
            assertThat(consumed.attribute("allocated_capacity_gb")).isEqualTo(20L);
            assertThat(consumed.attribute("provisioned_capacity_gb")).isEqualTo(20L);
            assertThat(consumed.attribute("total_capacity_gb")).isEqualTo(100L);
            assertThat(consumed.updated()).isEqualTo(T0.plusSeconds(10));
            assertThat(candidate(POOL).attribute("free_capacity_gb")).isEqualTo(90L);
        }

        @Test
        void consumptionAddsUpAcrossRequests() {
            upService(NODE1);
            reportPool0(T0, 100L);
            clock.advance(Duration.ofSeconds(1));
            hosts.consume(candidate(POOL), 10);
            clock.advance(Duration.ofSeconds(1));
            hosts.consume(candidate(POOL), 5);

            assertThat(candidate(POOL).attribute("free_capacity_gb")).isEqualTo(85L);
            assertThat(candidate(POOL).attribute("allocated_capacity_gb")).isEqualTo(25L);
        }

        @Test
        void infiniteOrUnknownFreeSpaceIsNotConsumed() {
            upService(NODE1);
            reportAt(NODE1, T0, withPoolReports(pool("inf", "free_capacity_gb", "infinite"),
                    pool("unk", "free_capacity_gb", "unknown")));
            clock.advance(Duration.ofSeconds(1));

            hosts.consume(candidate("node1@lvm#inf"), 10);
            hosts.consume(candidate("node1@lvm#unk"), 10);

            assertThat(candidate("node1@lvm#inf").attribute("free_capacity_gb")).isEqualTo("infinite");
            assertThat(candidate("node1@lvm#unk").attribute("free_capacity_gb")).isEqualTo("unknown");
            assertThat(candidate("node1@lvm#inf").attribute("allocated_capacity_gb")).isEqualTo(10L);
        }

        @Test
        void reapplyingTheSameReportOnARefreshKeepsTheConsumption() {
            upService(NODE1);
            reportPool0(T0, 100L);
            clock.advance(Duration.ofSeconds(10));
            hosts.consume(candidate(POOL), 10);

            upService(NODE2); // a refresh re-applies every stored report
            hosts.heartbeat(NODE1, clock.instant());

            assertThat(candidate(POOL).attribute("free_capacity_gb")).isEqualTo(90L);
        }

        @Test
        void aReportOlderThanTheConsumptionKeepsTheNumbersButShowsTheNewCapabilities() {
            upService(NODE1);
            reportPool0(T0, 100L);
            clock.advance(Duration.ofSeconds(10));
            hosts.consume(candidate(POOL), 10);
            clock.advance(Duration.ofSeconds(10));

            reportPool0(T0.plusSeconds(5), 100L, "tier", "gold");

            PoolState pool = candidate(POOL);
            assertThat(pool.attribute("free_capacity_gb")).isEqualTo(90L);
            assertThat(pool.attribute("allocated_capacity_gb")).isEqualTo(20L);
            assertThat(pool.capabilities()).containsEntry("tier", "gold").containsEntry("free_capacity_gb", 100L);
        }

        @Test
        void aReportNotOlderThanTheConsumptionResetsTheNumbers() {
            upService(NODE1);
            reportPool0(T0, 100L);
            clock.advance(Duration.ofSeconds(10));
            hosts.consume(candidate(POOL), 10);

            reportPool0(T0.plusSeconds(10), 95L);
            assertThat(candidate(POOL).attribute("free_capacity_gb")).as("same time as the consumption")
                    .isEqualTo(95L);

            clock.advance(Duration.ofSeconds(10));
            hosts.consume(candidate(POOL), 10);
            reportPool0(T0.plusSeconds(30), 70L);
            assertThat(candidate(POOL).attribute("free_capacity_gb")).as("newer than the consumption").isEqualTo(70L);
            assertThat(candidate(POOL).attribute("allocated_capacity_gb")).isEqualTo(10L);
        }

        @Test
        void revertGivesBackCapacityConsumedSinceTheReportWithoutTouchingTheTime() {
            upService(NODE1);
            reportPool0(T0, 100L);
            clock.advance(Duration.ofSeconds(10));
            hosts.consume(candidate(POOL), 10);
            clock.advance(Duration.ofSeconds(10));

            hosts.revertConsumed(POOL, 10);

            PoolState pool = candidate(POOL);
            assertThat(pool.attribute("free_capacity_gb")).isEqualTo(100L);
            assertThat(pool.attribute("allocated_capacity_gb")).isEqualTo(10L);
            assertThat(pool.attribute("provisioned_capacity_gb")).isEqualTo(10L);
            assertThat(pool.updated()).isEqualTo(T0.plusSeconds(10));
        }

        @Test
        void revertHasNoEffectOnAPoolNotConsumedSinceItsReport() {
            upService(NODE1);
            reportPool0(T0, 100L);
            clock.advance(Duration.ofSeconds(10));
            hosts.consume(candidate(POOL), 10);
            reportPool0(T0.plusSeconds(20), 90L);
            candidate(POOL);

            hosts.revertConsumed(POOL, 10);

            assertThat(candidate(POOL).attribute("free_capacity_gb")).isEqualTo(90L);
        }

        @Test
        void revertAfterAnOlderReportStillGivesBack() {
            upService(NODE1);
            reportPool0(T0, 100L);
            clock.advance(Duration.ofSeconds(10));
            hosts.consume(candidate(POOL), 10);
            reportPool0(T0.plusSeconds(5), 100L);
            candidate(POOL);

            hosts.revertConsumed(POOL, 10);

            assertThat(candidate(POOL).attribute("free_capacity_gb")).isEqualTo(100L);
        }

        @Test
        void revertMatchesTheBackendKeyAndPoolExactly() {
            clusteredService(NODE1, CLUSTER, "nova", T0);
            hosts.updateServiceCapabilities("volume", NODE1, CLUSTER, withPools("pool0"), T0);
            clock.advance(Duration.ofSeconds(10));
            hosts.consume(candidate("cluster1@lvm#pool0"), 10);

            hosts.revertConsumed("node1@lvm#pool0", 10); // the host, not the key
            hosts.revertConsumed("cluster1@lvm", 10);
            hosts.revertConsumed("cluster1@lvm#unknown", 10);
            assertThat(candidate("cluster1@lvm#pool0").attribute("free_capacity_gb")).isEqualTo(90L);

            hosts.revertConsumed("cluster1@lvm#pool0", 10);
            assertThat(candidate("cluster1@lvm#pool0").attribute("free_capacity_gb")).isEqualTo(100L);
        }
    }

    // --- HM31, HM32: the pools API -----------------------------------------------------------------

    @Nested
    class GetPools {
        @Test
        void everyPoolInOrderWithItsCapabilities() {
            backend(NODE1, "p1", "p2");
            backend(NODE2, "p1");

            List<Map<String, Object>> pools = hosts.getPools(null);

            assertThat(pools).extracting(p -> p.get("name"))
                    .containsExactly("node1@lvm#p1", "node1@lvm#p2", "node2@lvm#p1");
            assertThat(pools.get(0).get("capabilities")).isEqualTo(candidate("node1@lvm#p1").capabilities());
            assertThat(hosts.getPools(Map.of())).hasSize(3);
        }

        @Test
        void restrictedByName() {
            backend(NODE1, "p1", "p2");
            assertThat(hosts.getPools(Map.of("name", "node1@lvm#p2"))).extracting(p -> p.get("name"))
                    .containsExactly("node1@lvm#p2");
            assertThat(hosts.getPools(Map.of("name", "node1@lvm"))).isEmpty();
        }

        @Test
        void namesUseTheClusterWhenClustered() {
            clusteredService(NODE1, CLUSTER, "nova", T0);
            hosts.updateServiceCapabilities("volume", NODE1, CLUSTER, withPools("pool0"), T0);
            assertThat(hosts.getPools(null)).extracting(p -> p.get("name")).containsExactly("cluster1@lvm#pool0");
        }

        @Test
        void restrictedByCapabilitiesAfterConversion() {
            upService(NODE1);
            report(NODE1, withPoolReports(
                    pool("thin", "thin_provisioning_support", true, "tier", "gold", "ratio", 1.5),
                    pool("thick", "thin_provisioning_support", false, "tier", 1L)));

            assertThat(poolNames(Map.of("total_capacity_gb", "100"))).containsExactly("thin", "thick");
            assertThat(poolNames(Map.of("total_capacity_gb", 100L))).containsExactly("thin", "thick");
            assertThat(poolNames(Map.of("total_capacity_gb", 100.0))).as("str(100.0) != str(100)").isEmpty();
            assertThat(poolNames(Map.of("thin_provisioning_support", "yes"))).containsExactly("thin");
            assertThat(poolNames(Map.of("thin_provisioning_support", "False"))).containsExactly("thick");
            assertThat(poolNames(Map.of("tier", "1"))).containsExactly("thick");
            assertThat(poolNames(Map.of("ratio", "1.5"))).containsExactly("thin");
            assertThat(poolNames(Map.of("tier", "gold", "thin_provisioning_support", true))).containsExactly("thin");
            assertThat(poolNames(Map.of("tier", "gold", "thin_provisioning_support", false))).isEmpty();
        }

        @Test
        void aCapabilityThePoolLacksMatchesOnlyNone() {
            upService(NODE1);
            report(NODE1, withPoolReports(pool("p1", "tier", "gold"), pool("p2")));
            Map<String, Object> filters = new HashMap<>();
            filters.put("tier", null);

            assertThat(poolNames(filters)).containsExactly("p2");
        }

        @Test
        void theVolumeTypeIsNotACapabilityFilter() {
            backend(NODE1, "p1");
            assertThat(poolNames(Map.of("volume_type", "gold"))).containsExactly("p1");
        }

        private List<Object> poolNames(Map<String, Object> filters) {
            return hosts.getPools(filters).stream()
                    .map(p -> PoolState.poolOf((String) p.get("name"))).map(Object.class::cast).toList();
        }

        @Test
        void equalAfterConvertComparesSameTypesWithPythonEquality() {
            assertThat(HostManager.equalAfterConvert(5L, 5L)).isTrue();
            assertThat(HostManager.equalAfterConvert(5L, true)).as("a bool is an int: True == 5").isFalse();
            assertThat(HostManager.equalAfterConvert(1L, true)).as("True == 1").isTrue();
            assertThat(HostManager.equalAfterConvert(List.of("a"), List.of("a"))).isTrue();
            assertThat(HostManager.equalAfterConvert(Map.of("k", 1L), Map.of("k", 1.0))).isTrue();
            assertThat(HostManager.equalAfterConvert("gold", "gold")).isTrue();
            assertThat(HostManager.equalAfterConvert(1.5, 1.5)).isTrue();
        }

        @Test
        void equalAfterConvertWithNoneCapability() {
            assertThat(HostManager.equalAfterConvert(null, null)).isTrue();
            assertThat(HostManager.equalAfterConvert(null, "None")).isFalse();
            assertThat(HostManager.equalAfterConvert(null, 0L)).isFalse();
            assertThat(HostManager.equalAfterConvert("None", null)).as("str(None) == 'None'").isTrue();
        }

        @Test
        void equalAfterConvertWithBooleanCapabilityUsesBoolFromString() {
            assertThat(HostManager.equalAfterConvert(true, "true")).isTrue();
            assertThat(HostManager.equalAfterConvert(true, "on")).isTrue();
            assertThat(HostManager.equalAfterConvert(true, 1L)).isTrue();
            assertThat(HostManager.equalAfterConvert(false, "maybe")).isTrue();
            assertThat(HostManager.equalAfterConvert(true, 1.0)).as("str(1.0) is not a true word").isFalse();
        }

        @Test
        void equalAfterConvertOtherwiseComparesPythonStrings() {
            assertThat(HostManager.equalAfterConvert(1.1, "1.1")).isTrue();
            assertThat(HostManager.equalAfterConvert(5L, 5.0)).as("'5.0' != '5'").isFalse();
            assertThat(HostManager.equalAfterConvert(5.0, 5L)).as("'5' != '5.0'").isFalse();
            assertThat(HostManager.equalAfterConvert("5", 5L)).isTrue();
            assertThat(HostManager.equalAfterConvert(List.of("a"), "['a']")).isTrue();
            assertThat(HostManager.equalAfterConvert(List.of("iSCSI", "iscsi"), "iSCSI")).isFalse();
            assertThat(HostManager.equalAfterConvert("True", true)).isTrue();
        }
    }

    // --- snapshots and concurrency ---------------------------------------------------------------

    @Nested
    class Snapshots {
        private final ExecutorService executor = Executors.newFixedThreadPool(4);

        @AfterEach
        void stopThreads() throws InterruptedException {
            executor.shutdownNow();
            assertThat(executor.awaitTermination(30, TimeUnit.SECONDS)).isTrue();
        }

        @Test
        void aSnapshotTakenBeforeAReportIsUnchangedByIt() {
            backend(NODE1, "p1", "p2");
            List<PoolState> before = hosts.candidates();
            List<PoolState> copy = List.copyOf(before);

            clock.advance(Duration.ofSeconds(1));
            report(NODE1, withPoolReports(pool("p2", "free_capacity_gb", 1L), pool("p3")));
            backend(NODE2, "p1");

            assertThat(before).containsExactlyElementsOf(copy);
            assertThat(candidateIds()).containsExactly("node1@lvm#p2", "node1@lvm#p3", "node2@lvm#p1");
        }

        @Test
        void theCandidateListCannotBeModified() {
            backend(NODE1, "p1");
            List<PoolState> candidates = hosts.candidates();
            org.assertj.core.api.Assertions.assertThatThrownBy(() -> candidates.set(0, null))
                    .isInstanceOf(UnsupportedOperationException.class);
            org.assertj.core.api.Assertions.assertThatThrownBy(candidates::clear)
                    .isInstanceOf(UnsupportedOperationException.class);
        }

        @Test
        void readersNeverFailWhileAWriterStreamsReports() throws Exception {
            int backends = 8;
            int reports = 2_000;
            for (int b = 0; b < backends; b++) {
                backend("node" + b + "@lvm", "p0", "p1");
            }
            AtomicBoolean writing = new AtomicBoolean(true);
            Queue<Throwable> failures = new ConcurrentLinkedQueue<>();
            CountDownLatch start = new CountDownLatch(1);

            Future<?> writer = executor.submit(() -> {
                try {
                    start.await();
                    for (int i = 1; i <= reports; i++) {
                        String host = "node" + (i % backends) + "@lvm";
                        Instant at = T0.plusMillis(i);
                        List<Object> pools = new ArrayList<>();
                        pools.add(pool("p0", "free_capacity_gb", (long) (i % 100)));
                        if (i % 3 != 0) {
                            pools.add(pool("p" + (1 + i % 4)));
                        }
                        hosts.updateServiceCapabilities("volume", host, null, caps("pools", pools), at);
                        if (i % 50 == 0) {
                            hosts.updateService(new ServiceInfo(host, null, "nova", i % 100 == 0, false, T0));
                        }
                    }
                } catch (Throwable t) {
                    failures.add(t);
                } finally {
                    writing.set(false);
                }
                return null;
            });
            List<Future<?>> readers = new ArrayList<>();
            for (int r = 0; r < 3; r++) {
                boolean consumes = r == 0;
                readers.add(executor.submit(() -> {
                    try {
                        start.await();
                        do {
                            List<PoolState> snapshot = hosts.candidates();
                            for (PoolState pool : snapshot) {
                                assertThat(pool.backendId()).startsWith(pool.backendKey() + "#");
                                pool.capabilities().forEach((k, v) -> { });
                                pool.freeCapacity();
                            }
                            if (consumes) {
                                // node1's pool p0 is in every report and node1 is never disabled
                                snapshot.stream().filter(p -> p.backendId().equals("node1@lvm#p0")).findFirst()
                                        .ifPresent(p -> hosts.consume(p, 1));
                            }
                            hosts.getPools(Map.of("total_capacity_gb", 100L));
                            hosts.hostsUp();
                            hosts.hasAllCapabilities();
                        } while (writing.get());
                    } catch (Throwable t) {
                        failures.add(t);
                    }
                    return null;
                }));
            }
            start.countDown();
            writer.get(60, TimeUnit.SECONDS);
            for (Future<?> reader : readers) {
                reader.get(60, TimeUnit.SECONDS);
            }

            assertThat(failures).isEmpty();
            // the last report of node0 (i = 2000 -> p0 free 0, p1) was kept; the service is disabled at 2000
            hosts.updateService(new ServiceInfo("node0@lvm", null, "nova", false, false, clock.instant()));
            assertThat(hosts.candidates()).filteredOn(p -> p.backendKey().equals("node0@lvm"))
                    .extracting(PoolState::poolName).containsExactly("p0", "p1");
        }
    }
}
