package org.volsched.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.InputStream;
import java.io.StringReader;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.volsched.cli.scenario.Scenario;
import org.volsched.cli.scenario.ScenarioParser;
import org.volsched.cli.scenario.ScenarioRunner;
import org.volsched.core.bootstrap.PluginRegistry;
import org.volsched.replay.Fleet;
import org.volsched.replay.ReplayEngine;
import org.volsched.replay.TraceEvent;
import org.volsched.replay.TraceHeader;
import org.volsched.replay.TraceReader;
import org.volsched.replay.TraceWriter;
import org.volsched.spi.SchedulerException;

/**
 * A trace of one conformance scenario's request, replayed over that scenario's backends, is decided as
 * {@code volsched schedule} decides the scenario: the same pool, or the same error type. Every
 * conformance scenario whose decision is not random.
 */
class ReplayConformanceTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final PluginRegistry REGISTRY = PluginRegistry.load(ReplayConformanceTest.class.getClassLoader());

    private static final ch.qos.logback.classic.Logger FLOW =
            (ch.qos.logback.classic.Logger) org.slf4j.LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
    private static ch.qos.logback.classic.Level saved;

    /**
     * Silent while the scenarios run: the flow logs every refused request at ERROR and the filters warn
     * about the inputs on which Cinder would crash (ConformanceTest covers those); here they are expected,
     * and the decisions are compared below.
     */
    @BeforeAll
    static void quietFlow() {
        saved = FLOW.getLevel();
        FLOW.setLevel(ch.qos.logback.classic.Level.OFF);
    }

    @AfterAll
    static void restoreFlow() {
        FLOW.setLevel(saved);
    }

    static Stream<String> deterministicScenarios() throws Exception {
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 1000; i++) {
            String id = String.format("%04d", i);
            try (InputStream in = ReplayConformanceTest.class.getResourceAsStream("/conformance/" + id + ".expected.json")) {
                if (in != null && !JSON.readTree(in).path("random").asBoolean(false)) {
                    ids.add(id);
                }
            }
        }
        assertThat(ids).hasSizeGreaterThan(100);
        return ids.stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("deterministicScenarios")
    void aTraceOfTheScenariosRequestIsDecidedAsScheduleDecidesIt(String id) throws Exception {
        Scenario scenario = ScenarioParser.read(Path.of(getClass().getResource("/conformance/" + id
                + ".scenario.json").toURI()));
        ScheduleCommand.Result scheduled = ScheduleCommand.decide(new ScenarioRunner(Map.of(), REGISTRY), scenario, false);
        Scenario.Request r = scenario.request();
        StringWriter trace = new StringWriter();
        TraceWriter writer = new TraceWriter(trace);
        writer.header(TraceHeader.empty());
        writer.write(new TraceEvent.Create(0, "request-" + id, 0, null, null, r.requestSpec(), r.filterProperties(),
                r.volume(), r.volumeHosts().isEmpty() ? null : r.volumeHosts(),
                r.instanceHosts().isEmpty() ? null : r.instanceHosts()));
        Fleet fleet = FleetFiles.of(scenario, id);

        String replayed;
        try {
            StringWriter decisions = new StringWriter();
            new ReplayEngine(REGISTRY).run(new TraceReader(new BufferedReader(new StringReader(trace.toString())), id),
                    fleet, ReplayEngine.Options.of("c", Map.of(), "none", 0), decisions, null);
            replayed = decisions.toString();
        } catch (SchedulerException e) {
            assertThat(scheduled.startupRefusal()).as("the replay's scheduler refused to start: " + e).isNotNull();
            assertThat(e.type()).isEqualTo(scheduled.startupRefusal().type());
            return;
        }
        JsonNode decision = JSON.readTree(replayed);
        JsonNode expected = scheduled.json();
        if (expected.get("selected").isNull()) {
            assertThat(decision.path("error").asText()).isEqualTo(expected.get("error").get("type").asText());
        } else {
            assertThat(decision.path("pool").asText()).isEqualTo(expected.get("selected").get("backend").asText());
        }
    }
}
