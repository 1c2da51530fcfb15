package org.volsched.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.volsched.cli.scenario.Scenario;
import org.volsched.cli.scenario.ScenarioParser;
import org.volsched.cli.scenario.ScenarioRunner;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.volsched.testing.CapturedLogs;
import org.volsched.testing.Warnings;

/**
 * Every conformance scenario (decisions made by real Cinder 21.3.1) through the scenario runner:
 * {@code filtered} exactly and in order, {@code weighed} in order with weights within 1e-9
 * relative, {@code selected}, and the error type and reason. Random decisions: the pick is one of
 * the expected candidates. Where Cinder crashed with a Python error, only that volsched decides
 * without crashing (the compatibility rules).
 */
class ConformanceTest {
    /** Scenarios where Cinder crashes make volsched reject the pool with a warning; nothing else is logged. */
    @RegisterExtension
    final CapturedLogs logs = CapturedLogs.named(Warnings.CAPACITY_FILTER, Warnings.CAPABILITIES_FILTER,
                    "org.volsched.core.flow")
            .expecting(Warnings.CAPACITY_FILTER_CINDER_FAILS, Warnings.CAPABILITIES_FILTER_CINDER_FAILS,
                    // The entrypoint flow reports every request that fails, as Cinder's does (F8).
                    "Failed to run task .*", "Task '.*' of flow '.*' went to FAILURE: .*");
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final Set<String> PYTHON_CRASHES = Set.of("TypeError", "ValueError", "ZeroDivisionError",
            "AttributeError", "KeyError", "IndexError", "OverflowError");

    static Stream<String> scenarios() throws IOException {
        JsonNode manifest = read("manifest.json");
        List<String> ids = new ArrayList<>();
        manifest.forEach(entry -> ids.add(entry.get("id").asText()));
        assertThat(ids).hasSizeGreaterThanOrEqualTo(150);
        return ids.stream();
    }

    private static JsonNode read(String name) throws IOException {
        try (InputStream in = ConformanceTest.class.getResourceAsStream("/conformance/" + name)) {
            assertThat(in).as("conformance resource %s", name).isNotNull();
            return MAPPER.readTree(in);
        }
    }

    private static String text(String name) throws IOException {
        try (InputStream in = ConformanceTest.class.getResourceAsStream("/conformance/" + name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    /** A real ZooKeeper for the runs with the shared capacity ledger. */
    private static org.apache.curator.test.TestingServer zooKeeper;

    @org.junit.jupiter.api.BeforeAll
    static void startZooKeeper() throws Exception {
        zooKeeper = new org.apache.curator.test.TestingServer(true);
    }

    @org.junit.jupiter.api.AfterAll
    static void stopZooKeeper() throws Exception {
        zooKeeper.close();
    }

    @ParameterizedTest(name = "scenario {0}")
    @MethodSource("scenarios")
    void matchesCinder(String id) throws Exception {
        matchesCinder(id, new ScenarioRunner());
    }

    /** One replica with the ZooKeeper ledger decides exactly as with the in-memory one (issue 11). */
    @ParameterizedTest(name = "scenario {0}, capacity_ledger = zookeeper")
    @MethodSource("scenarios")
    void matchesCinderWithTheZooKeeperLedger(String id) throws Exception {
        matchesCinder(id, new ScenarioRunner(java.util.Map.of("capacity_ledger", "zookeeper", "zookeeper_connect",
                zooKeeper.getConnectString(), "zookeeper_root", "/conformance-" + id),
                ConformanceTest.class.getClassLoader()));
    }

    private void matchesCinder(String id, ScenarioRunner runner) throws Exception {
        Scenario scenario = ScenarioParser.parse(text(id + ".scenario.json"), id + ".scenario.json", id);
        JsonNode expected = read(id + ".expected.json");
        JsonNode actual = ScheduleCommand.decide(runner, scenario, false).json();

        JsonNode expectedError = expected.get("error");
        if (!expectedError.isNull() && PYTHON_CRASHES.contains(expectedError.get("type").asText())) {
            assertThat(actual.get("error") == null || actual.get("error").isNull()
                    || !PYTHON_CRASHES.contains(actual.get("error").get("type").asText()))
                    .as("volsched must decide where Cinder crashed with %s, got %s", expectedError, actual)
                    .isTrue();
            return;
        }
        if (expectedError.isNull()) {
            assertThat(actual.get("error").isNull()).as("unexpected error %s", actual.get("error")).isTrue();
        } else {
            assertThat(actual.get("error").isNull()).as("expected error %s, got decision %s", expectedError, actual)
                    .isFalse();
            assertThat(actual.get("error").get("type").asText()).isEqualTo(expectedError.get("type").asText());
            assertThat(actual.get("error").get("reason").asText()).isEqualTo(expectedError.get("reason").asText());
        }
        assertThat(names(actual.get("filtered"))).as("filtered").isEqualTo(names(expected.get("filtered")));

        if (expected.path("random").asBoolean(false)) {
            Set<String> candidates = new HashSet<>();
            expected.get("candidates").forEach(c -> candidates.add(c.asText()));
            if (expected.get("selected").isNull()) {
                assertThat(actual.get("selected").isNull()).as("selected").isTrue();
            } else {
                assertThat(candidates).as("random pick").contains(actual.get("selected").get("backend").asText());
            }
            return;
        }
        JsonNode expectedWeighed = expected.get("weighed");
        JsonNode actualWeighed = actual.get("weighed");
        if (expectedWeighed.isNull()) {
            assertThat(actualWeighed.isNull()).as("weighed").isTrue();
        } else {
            assertThat(weighedNames(actualWeighed)).as("weighed order").isEqualTo(weighedNames(expectedWeighed));
            for (int i = 0; i < expectedWeighed.size(); i++) {
                assertWeight(actualWeighed.get(i).get("weight"), expectedWeighed.get(i).get("weight"),
                        "weight of " + expectedWeighed.get(i).get("backend").asText());
            }
        }
        if (expected.get("selected").isNull()) {
            assertThat(actual.get("selected").isNull()).as("selected").isTrue();
        } else {
            assertThat(actual.get("selected").get("backend").asText()).as("selected")
                    .isEqualTo(expected.get("selected").get("backend").asText());
            assertWeight(actual.get("selected").get("weight"), expected.get("selected").get("weight"),
                    "selected weight");
        }
    }

    private static void assertWeight(JsonNode actual, JsonNode expected, String what) {
        if (expected.isNull() || expected.isTextual()) {
            assertThat(actual).as(what).isEqualTo(expected);
            return;
        }
        double e = expected.asDouble();
        double a = actual.asDouble();
        assertThat(Math.abs(a - e)).as("%s: %s vs expected %s", what, a, e)
                .isLessThanOrEqualTo(1e-9 * Math.abs(e) + 1e-12);
    }

    private static List<String> names(JsonNode list) {
        if (list == null || list.isNull()) {
            return null;
        }
        List<String> out = new ArrayList<>();
        list.forEach(n -> out.add(n.asText()));
        return out;
    }

    private static List<String> weighedNames(JsonNode list) {
        List<String> out = new ArrayList<>();
        list.forEach(n -> out.add(n.get("backend").asText()));
        return out;
    }
}
