package org.volsched.driver.chance;

import org.volsched.testing.LogCapture;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.random.RandomGenerator;
import org.junit.jupiter.api.Test;
import org.volsched.spi.NoValidBackend;
import org.volsched.spi.SchedulerDriver;
import org.volsched.spi.model.DecisionTrace;
import org.volsched.spi.model.FilterProperties;
import org.volsched.spi.model.Placement;
import org.volsched.spi.model.PoolState;
import org.volsched.spi.model.RequestContext;
import org.volsched.spi.model.RequestSpec;
import org.volsched.spi.model.RetryState;
import org.volsched.spi.model.VolumeType;
import org.volsched.testing.TestContext;

/** Rules CS1-CS7. */
class ChanceSchedulerTest {
    private static final RequestContext CONTEXT = RequestContext.of("p1", "u1");
    private static final VolumeType GOLD = VolumeType.of("gold", Map.of("volume_backend_name", "lvm"));

    private final TestingVolumeStore volumeStore = new TestingVolumeStore();
    private final TestingVolumeDispatcher volumeDispatcher = new TestingVolumeDispatcher();

    @Test
    void candidatesAreTheUpEnabledHostsInOrder() {
        TestingBackendStates states = new TestingBackendStates()
                .up("n1@lvm")
                .service("n2@ceph", false, false, List.of("rbd"))
                .service("n3@nfs", true, true, List.of("share"))
                .up("n4@lvm")
                .service("n5@pure", true, false, List.of());
        DecisionTrace trace = DecisionTrace.detailed();

        schedule(driver(states, TestingRandom.of(0.0)), "v1", null, trace);

        // CS1: down n2 and disabled n3 are not candidates; n5 without pools is (reports are ignored)
        assertThat(trace.candidates()).containsExactly("n1@lvm", "n4@lvm", "n5@pure");
    }

    @Test
    void picksHostsAtFloorOfRandomTimesCount() {
        TestingBackendStates states = new TestingBackendStates().up("a@x").up("b@x").up("c@x").up("d@x");
        TestingRandom random = TestingRandom.of(0.0, 0.2499999, 0.25, 0.5, 0.74, 0.9999999999);
        ChanceScheduler driver = driver(states, random);

        List<String> picks = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            picks.add(schedule(driver, "v" + i, null, DecisionTrace.outcomeOnly()).backend());
        }

        assertThat(picks).containsExactly("a@x", "a@x", "b@x", "c@x", "c@x", "d@x");
        assertThat(random.draws()).isEqualTo(6);
    }

    @Test
    void drawsOnceEvenForASingleHost() {
        TestingRandom random = TestingRandom.of(0.7);

        Placement placement = schedule(driver(new TestingBackendStates().up("only@lvm"), random), "v1", null,
                DecisionTrace.outcomeOnly());

        assertThat(placement.backend()).isEqualTo("only@lvm");
        assertThat(random.draws()).isEqualTo(1);
    }

    @Test
    void updatesTheVolumeAndPassesTheRequestOn() {
        TestContext context = context(new TestingBackendStates().up("a@x").up("b@x"),
                TestingRandom.of(0.6));
        SchedulerDriver driver = new ChancePlugin().driverFactories().get(0).create(context);
        RequestSpec spec = RequestSpec.of("v1", 10, "az-east", GOLD);
        FilterProperties properties = new FilterProperties();
        DecisionTrace trace = DecisionTrace.detailed();

        Placement placement = driver.scheduleCreateVolume(CONTEXT, spec, properties, trace);

        assertThat(placement).isEqualTo(new Placement("b@x", null, null));
        assertThat(volumeStore.updates())
                .containsExactly(new TestingVolumeStore.Update("v1", "b@x", null, null));
        assertThat(volumeDispatcher.casts())
                .containsExactly(new TestingVolumeDispatcher.Cast("v1", "b@x", spec, properties));
        assertThat(trace.selected()).isEqualTo(placement);
        assertThat(trace.candidates()).containsExactly("a@x", "b@x");
        assertThat(trace.filtered()).isNull();
        assertThat(trace.weighed()).isNull();
    }

    @Test
    void noHostUpFailsAskingWhetherTheServiceRuns() {
        TestingBackendStates states = new TestingBackendStates()
                .service("a@x", false, false, List.of("p"))
                .service("b@x", true, true, List.of("p"));
        TestContext context = context(states, TestingRandom.of());
        DecisionTrace trace = DecisionTrace.outcomeOnly();

        assertThatThrownBy(() -> new ChancePlugin().driverFactories().get(0).create(context)
                .scheduleCreateVolume(CONTEXT, RequestSpec.of("v1", 1, "nova", null), new FilterProperties(), trace))
                .isInstanceOf(NoValidBackend.class)
                .hasMessage("No valid backend was found. Is the appropriate service running?")
                .extracting(e -> ((NoValidBackend) e).type()).isEqualTo("NoValidBackend");
        assertThat(trace.candidates()).isNull();
        assertThat(trace.selected()).isNull();
        assertThat(volumeStore.updates()).isEmpty();
        assertThat(volumeDispatcher.casts()).isEmpty();
    }

    @Test
    void noBackendsAtAllFailsTheSameWay() {
        assertThatThrownBy(() -> schedule(driver(new TestingBackendStates(), TestingRandom.of()), "v1", null,
                DecisionTrace.outcomeOnly()))
                .isInstanceOf(NoValidBackend.class)
                .hasMessage("No valid backend was found. Is the appropriate service running?");
    }

    @Test
    void ignoredHostsAreNotCandidates() {
        TestingBackendStates states = new TestingBackendStates().up("a@x").up("b@x").up("c@x");
        FilterProperties properties = new FilterProperties().setIgnoreHosts(List.of("a@x", "c@x", "zz@unknown"));
        DecisionTrace trace = DecisionTrace.detailed();

        Placement placement = schedule(driver(states, TestingRandom.of(0.0)), "v1", properties, trace);

        assertThat(trace.candidates()).containsExactly("b@x");
        assertThat(placement.backend()).isEqualTo("b@x");
        assertThat(trace.notes()).singleElement().asString().contains("ignore_hosts");
    }

    @Test
    void ignoreHostsComparesWholeHostStrings() {
        TestingBackendStates states = new TestingBackendStates().up("a@x").up("b@x");
        FilterProperties properties = new FilterProperties().setIgnoreHosts(List.of("a", "a@x#x", "b@X"));
        DecisionTrace trace = DecisionTrace.outcomeOnly();

        schedule(driver(states, TestingRandom.of(0.0)), "v1", properties, trace);

        assertThat(trace.candidates()).containsExactly("a@x", "b@x");
    }

    @Test
    void everyHostIgnoredFailsWithCouldNotFindAnotherHost() {
        TestingBackendStates states = new TestingBackendStates().up("a@x").up("b@x");
        FilterProperties properties = new FilterProperties().setIgnoreHosts(List.of("b@x", "a@x"));
        TestingRandom random = TestingRandom.of();
        DecisionTrace trace = DecisionTrace.outcomeOnly();

        assertThatThrownBy(() -> schedule(driver(states, random), "v1", properties, trace))
                .isInstanceOf(NoValidBackend.class)
                .hasMessage("No valid backend was found. Could not find another host");
        assertThat(random.draws()).isZero();
        assertThat(trace.candidates()).isNull();
    }

    @Test
    void noHostUpIsReportedBeforeIgnoreHostsIsApplied() {
        FilterProperties properties = new FilterProperties().setIgnoreHosts(List.of("a@x"));

        assertThatThrownBy(() -> schedule(driver(new TestingBackendStates(), TestingRandom.of()), "v1", properties,
                DecisionTrace.outcomeOnly()))
                .hasMessage("No valid backend was found. Is the appropriate service running?");
    }

    @Test
    void nullFilterPropertiesMeanNothingIgnored() {
        TestContext context = context(new TestingBackendStates().up("a@x"), TestingRandom.of(0.3));
        SchedulerDriver driver = new ChancePlugin().driverFactories().get(0).create(context);

        Placement placement = driver.scheduleCreateVolume(CONTEXT, RequestSpec.of("v1", 1, "nova", null), null,
                DecisionTrace.outcomeOnly());

        assertThat(placement.backend()).isEqualTo("a@x");
        assertThat(volumeDispatcher.casts()).singleElement()
                .extracting(TestingVolumeDispatcher.Cast::filterProperties).isNotNull();
    }

    @Test
    void retriesAreNotConsulted() {
        FilterProperties properties = new FilterProperties()
                .setRetry(new RetryState(1, List.of("a@x"), List.of("a@x")));
        DecisionTrace trace = DecisionTrace.outcomeOnly();

        schedule(driver(new TestingBackendStates().up("a@x"), TestingRandom.of(0.1)), "v1", properties, trace);

        assertThat(trace.candidates()).containsExactly("a@x");
        assertThat(properties.retry().backends()).containsExactly("a@x");
    }

    @Test
    void sameSeedGivesTheSamePicks() {
        TestingBackendStates states = new TestingBackendStates();
        for (int i = 0; i < 7; i++) {
            states.up("host-" + i + "@lvm");
        }

        List<String> first = picks(driver(states, new Random(2089187487L)), 200);
        List<String> second = picks(driver(states, new Random(2089187487L)), 200);
        List<String> other = picks(driver(states, new Random(668668862L)), 200);

        assertThat(first).isEqualTo(second);
        assertThat(first).isNotEqualTo(other);
        assertThat(first).hasSize(200).isSubsetOf(states.hostsUp());
    }

    @Test
    void picksAreUniformAndNeverOutsideTheEligibleHosts() {
        TestingBackendStates states = new TestingBackendStates()
                .up("a@x").up("b@x")
                .service("down@x", false, false, List.of("p"))
                .up("c@x")
                .service("disabled@x", true, true, List.of("p"))
                .up("ignored@x").up("d@x").up("e@x");
        FilterProperties properties = new FilterProperties().setIgnoreHosts(List.of("ignored@x"));
        ChanceScheduler driver = driver(states, new Random(20260101L));
        int draws = 30_000;

        Map<String, Integer> counts = new HashMap<>();
        for (int i = 0; i < draws; i++) {
            String host = schedule(driver, "v" + i, properties, DecisionTrace.outcomeOnly()).backend();
            counts.merge(host, 1, Integer::sum);
        }

        assertThat(counts).containsOnlyKeys("a@x", "b@x", "c@x", "d@x", "e@x");
        for (Map.Entry<String, Integer> e : counts.entrySet()) {
            double frequency = e.getValue() / (double) draws;
            // 1/5 = 0.2; one standard deviation is 0.0023
            assertThat(frequency).as("frequency of %s", e.getKey()).isBetween(0.19, 0.21);
        }
    }

    @Test
    void backendPassesFiltersReturnsTheHostsFirstPool() {
        TestingBackendStates states = new TestingBackendStates()
                .up("a@x")
                .service("b@x", true, false, List.of("p1", "p2"));
        ChanceScheduler driver = driver(states, TestingRandom.of());

        PoolState pool = driver.backendPassesFilters(CONTEXT, "b@x", RequestSpec.of("v1", 1, "nova", null),
                new FilterProperties());

        assertThat(pool.backendId()).isEqualTo("b@x#p1");
    }

    @Test
    void backendPassesFiltersRejectsHostsThatAreNotCandidates() {
        TestingBackendStates states = new TestingBackendStates()
                .up("a@x").up("b@x")
                .service("down@x", false, false, List.of("p"));
        ChanceScheduler driver = driver(states, TestingRandom.of());
        RequestSpec spec = RequestSpec.of("v1", 1, "nova", null);
        FilterProperties ignoreA = new FilterProperties().setIgnoreHosts(List.of("a@x"));

        assertThatThrownBy(() -> driver.backendPassesFilters(CONTEXT, "down@x", spec, new FilterProperties()))
                .isInstanceOf(NoValidBackend.class)
                .hasMessage("No valid backend was found. cannot place volume v1 on down@x");
        assertThatThrownBy(() -> driver.backendPassesFilters(CONTEXT, "a@x", spec, ignoreA))
                .hasMessage("No valid backend was found. cannot place volume v1 on a@x");
        // names are compared exactly: a pool-qualified name is not a host
        assertThatThrownBy(() -> driver.backendPassesFilters(CONTEXT, "b@x#x", spec, null))
                .hasMessage("No valid backend was found. cannot place volume v1 on b@x#x");
    }

    @Test
    void backendPassesFiltersExplainsAHostWithoutPoolState() {
        ChanceScheduler driver = driver(new TestingBackendStates().service("a@x", true, false, List.of()),
                TestingRandom.of());

        assertThatThrownBy(() -> driver.backendPassesFilters(CONTEXT, "a@x", RequestSpec.of("v1", 1, "nova", null),
                new FilterProperties()))
                .isInstanceOf(NoValidBackend.class)
                .hasMessageStartingWith("No valid backend was found. cannot place volume v1 on a@x: ")
                .hasMessageContaining("no pool state");
    }

    @Test
    void backendPassesFiltersWithNoHostUpAsksWhetherTheServiceRuns() {
        assertThatThrownBy(() -> driver(new TestingBackendStates(), TestingRandom.of())
                .backendPassesFilters(CONTEXT, "a@x", RequestSpec.of("v1", 1, "nova", null), null))
                .hasMessage("No valid backend was found. Is the appropriate service running?");
    }

    @Test
    void retypeKeepsTheCurrentHostWithoutDrawing() {
        TestingRandom random = TestingRandom.of();
        ChanceScheduler driver = driver(new TestingBackendStates().up("a@x").up("b@x"), random);
        FilterProperties properties = new FilterProperties();

        PoolState pool = driver.findRetypeBackend(CONTEXT, onHost("v1", "b@x"), properties, "never");

        assertThat(pool.serviceHost()).isEqualTo("b@x");
        assertThat(properties.volExistsOn()).isEqualTo("b@x");
        assertThat(random.draws()).isZero();
    }

    @Test
    void retypeWithoutCandidatesFails() {
        ChanceScheduler driver = driver(new TestingBackendStates().up("a@x"), TestingRandom.of());
        FilterProperties ignoreAll = new FilterProperties().setIgnoreHosts(List.of("a@x"));

        assertThatThrownBy(() -> driver.findRetypeBackend(CONTEXT, onHost("v1", "a@x"), ignoreAll, "on-demand"))
                .isInstanceOf(NoValidBackend.class)
                .hasMessage("No valid backend was found. No valid hosts for volume v1 with type gold");
    }

    @Test
    void retypeWithPolicyNeverDoesNotMigrate() {
        ChanceScheduler driver = driver(new TestingBackendStates().up("a@x").up("b@x"), TestingRandom.of());

        assertThatThrownBy(() -> driver.findRetypeBackend(CONTEXT, onHost("v1", "gone@x"), null, "never"))
                .isInstanceOf(NoValidBackend.class)
                .hasMessage("No valid backend was found. Current host not valid for volume v1 with type gold, "
                        + "migration not allowed");
    }

    @Test
    void retypeMigratesToARandomCandidate() {
        TestingRandom random = TestingRandom.of(0.99);
        ChanceScheduler driver = driver(new TestingBackendStates().up("a@x").up("b@x").up("c@x"), random);
        FilterProperties ignoreC = new FilterProperties().setIgnoreHosts(List.of("c@x"));

        PoolState pool = driver.findRetypeBackend(CONTEXT, onHost("v1", "gone@x"), ignoreC, "on-demand");

        assertThat(pool.serviceHost()).isEqualTo("b@x");
        assertThat(random.draws()).isEqualTo(1);
    }

    @Test
    void retypeTreatsACurrentHostWithoutPoolStateAsInvalid() {
        TestingBackendStates states = new TestingBackendStates()
                .service("a@x", true, false, List.of())
                .up("b@x");

        try (LogCapture log = LogCapture.of(ChanceScheduler.class)) {
            assertThatThrownBy(() -> driver(states, TestingRandom.of())
                    .findRetypeBackend(CONTEXT, onHost("v1", "a@x"), null, "never"))
                    .hasMessageContaining("Current host not valid for volume v1");
            assertThat(driver(states, TestingRandom.of(0.9)).findRetypeBackend(CONTEXT, onHost("v1", "a@x"), null,
                    "on-demand").serviceHost()).isEqualTo("b@x");
            assertThat(log.warnings()).hasSize(2).allMatch(w -> w.contains("a@x") && w.contains("no pool state"));
        }
    }

    @Test
    void retypeOfAVolumeWithoutTypeRendersNone() {
        Map<String, Object> props = new LinkedHashMap<>(Map.of("size", 1L, "host", "gone@x"));
        RequestSpec spec = RequestSpec.of("v1", 1, "nova", null).withVolumeProperties(props);
        ChanceScheduler driver = driver(new TestingBackendStates().up("a@x"), TestingRandom.of());

        assertThatThrownBy(() -> driver.findRetypeBackend(CONTEXT, spec, null, "never"))
                .hasMessage("No valid backend was found. Current host not valid for volume v1 with type None, "
                        + "migration not allowed");
    }

    @Test
    void poolsReportsAndReadinessGoToTheHostManager() {
        TestingBackendStates states = new TestingBackendStates().up("a@x").allCapabilities(false);
        ChanceScheduler driver = driver(states, TestingRandom.of());
        Map<String, Object> filters = Map.of("name", "a@x#x");

        assertThat(driver.getPools(CONTEXT, filters)).extracting(p -> p.get("name")).containsExactly("a@x#x");
        assertThat(states.poolFilters()).containsExactly(filters);
        driver.updateServiceCapabilities("volume", "a@x", null, Map.of("pools", List.of()), Instant.EPOCH);
        assertThat(states.reports()).containsExactly(
                new TestingBackendStates.Report("volume", "a@x", Map.of("pools", List.of())));
        assertThat(driver.isReady()).isFalse();
        assertThat(driver(states.allCapabilities(true), TestingRandom.of()).isReady()).isTrue();
        assertThat(driver.name()).isEqualTo("chance");
    }

    private static RequestSpec onHost(String volumeId, String host) {
        Map<String, Object> props = new LinkedHashMap<>(Map.of("size", 1L, "host", host));
        return RequestSpec.of(volumeId, 1, "nova", GOLD).withVolumeProperties(props);
    }

    private static List<String> picks(ChanceScheduler driver, int n) {
        List<String> picks = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            picks.add(schedule(driver, "v" + i, null, DecisionTrace.outcomeOnly()).backend());
        }
        return picks;
    }

    private static Placement schedule(ChanceScheduler driver, String volumeId, FilterProperties properties,
                                      DecisionTrace trace) {
        return driver.scheduleCreateVolume(CONTEXT, RequestSpec.of(volumeId, 1, "nova", null), properties, trace);
    }

    private ChanceScheduler driver(TestingBackendStates states, RandomGenerator random) {
        return (ChanceScheduler) new ChancePlugin().driverFactories().get(0).create(context(states, random));
    }

    private TestContext context(TestingBackendStates states, RandomGenerator random) {
        return new TestContext().declaring(new ChancePlugin()).withOption("scheduler_driver", "chance")
                .withBackendStates(states).withRandom(random)
                .withVolumeStore(volumeStore).withVolumeDispatcher(volumeDispatcher);
    }
}
