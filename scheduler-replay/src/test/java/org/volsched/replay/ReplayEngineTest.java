package org.volsched.replay;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ReplayEngineTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Map<String, Object> STOCHASTIC = Map.of("scheduler_weight_handler",
            "StochasticHostWeightHandler", "scheduler_default_weighers", List.of("CapacityWeigher",
                    "VolumeNumberWeigher"));

    private static List<JsonNode> lines(String decisions) throws Exception {
        List<JsonNode> out = new ArrayList<>();
        for (String line : decisions.split("\n")) {
            out.add(JSON.readTree(line));
        }
        return out;
    }

    private static List<String> outcomes(String decisions) throws Exception {
        List<String> out = new ArrayList<>();
        for (JsonNode n : lines(decisions)) {
            out.add(n.has("pool") ? n.get("pool").asText() : "error " + n.get("error").asText());
        }
        return out;
    }

    @Test
    void theSameTraceFleetConfigurationAndSeedGiveByteIdenticalDecisions() {
        Fleet fleet = Fleets.eight();
        String trace = Fleets.trace(fleet, new TraceGenerator.Options(3000, 5, 2.0, 60, 1800, 10, 1.2, 2000));

        Fleets.Replayed first = Fleets.replay(fleet, trace, STOCHASTIC, 42);
        Fleets.Replayed second = Fleets.replay(fleet, trace, STOCHASTIC, 42);
        Fleets.Replayed otherSeed = Fleets.replay(fleet, trace, STOCHASTIC, 43);

        assertThat(first.result().decided()).isEqualTo(3000);
        assertThat(first.result().placed()).as("the fleet takes most of them").isGreaterThan(1000);
        assertThat(second.decisions()).isEqualTo(first.decisions());
        assertThat(otherSeed.decisions()).as("the stochastic handler draws from the seed").isNotEqualTo(first.decisions());
    }

    @Test
    void eachDecisionNamesTheRequestItsTimeAndThePoolOrTheError() throws Exception {
        Fleet fleet = new Fleet("one", Map.of(), List.of(Fleets.backend("node1@lvm", "nova", "iSCSI",
                List.of(Fleets.pool("p", 100, 100)))));
        String trace = "{\"t\":1.5,\"event\":\"create\",\"id\":\"v1\",\"size\":60}\n"
                + "{\"t\":2,\"event\":\"create\",\"id\":\"v2\",\"size\":60}\n";

        String decisions = Fleets.replay(fleet, trace, Map.of(), 0).decisions();

        assertThat(decisions).isEqualTo("{\"n\":1,\"t\":1.5,\"id\":\"v1\",\"size\":60,\"pool\":\"node1@lvm#p\"}\n"
                + "{\"n\":2,\"t\":2.0,\"id\":\"v2\",\"size\":60,\"error\":\"NoValidBackend\"}\n");
    }

    @Test
    void reReportsCarryWhatWasPlacedAndDeletedSoAFullPoolStaysFullUntilAVolumeGoes() throws Exception {
        Fleet fleet = new Fleet("one", Map.of(), List.of(Fleets.backend("node1@lvm", "nova", "iSCSI",
                List.of(Fleets.pool("p", 100, 100)))));
        String trace = String.join("\n",
                "{\"t\":1,\"event\":\"create\",\"id\":\"v1\",\"size\":40}",
                "{\"t\":2,\"event\":\"report\",\"host\":\"node1@lvm\"}",
                "{\"t\":3,\"event\":\"create\",\"id\":\"v2\",\"size\":40}",
                "{\"t\":4,\"event\":\"report\",\"host\":\"node1@lvm\"}",
                "{\"t\":5,\"event\":\"create\",\"id\":\"v3\",\"size\":40}",
                "{\"t\":6,\"event\":\"delete\",\"id\":\"v1\"}",
                "{\"t\":7,\"event\":\"create\",\"id\":\"v4\",\"size\":40}",
                "{\"t\":8,\"event\":\"report\",\"host\":\"node1@lvm\"}",
                "{\"t\":9,\"event\":\"create\",\"id\":\"v5\",\"size\":40}") + "\n";

        Fleets.Replayed r = Fleets.replay(fleet, trace, Map.of(), 0);

        assertThat(outcomes(r.decisions())).containsExactly("node1@lvm#p", "node1@lvm#p", "error NoValidBackend",
                "error NoValidBackend", "node1@lvm#p");
        assertThat(r.result().pools()).singleElement().satisfies(p -> {
            assertThat(p.usedGb()).as("v2 and v5").isEqualTo(80);
            assertThat(p.volumes()).isEqualTo(2);
        });
    }

    @Test
    void theTracesTimeDecidesWhichServicesAreUp() throws Exception {
        // node1 is the roomier pool, but only node2 reports (a report is a heartbeat): 60 s after the
        // start (service_down_time), node1 is down and the requests go to node2.
        Fleet fleet = new Fleet("two", Map.of(), List.of(
                Fleets.backend("node1@lvm", "nova", "iSCSI", List.of(Fleets.pool("p", 1000, 1000))),
                Fleets.backend("node2@lvm", "nova", "iSCSI", List.of(Fleets.pool("p", 500, 500)))));
        StringBuilder trace = new StringBuilder();
        trace.append("{\"t\":10,\"event\":\"create\",\"id\":\"v1\",\"size\":1}\n");
        for (int t = 30; t <= 120; t += 30) {
            trace.append("{\"t\":").append(t).append(",\"event\":\"report\",\"host\":\"node2@lvm\"}\n");
        }
        trace.append("{\"t\":121,\"event\":\"create\",\"id\":\"v2\",\"size\":1}\n");
        trace.append("{\"t\":122,\"event\":\"service\",\"host\":\"node1@lvm\",\"up\":true}\n");
        trace.append("{\"t\":123,\"event\":\"create\",\"id\":\"v3\",\"size\":1}\n");
        trace.append("{\"t\":124,\"event\":\"service\",\"host\":\"node1@lvm\",\"disabled\":true}\n");
        trace.append("{\"t\":125,\"event\":\"create\",\"id\":\"v4\",\"size\":1}\n");

        assertThat(outcomes(Fleets.replay(fleet, trace.toString(), Map.of(), 0).decisions()))
                .containsExactly("node1@lvm#p", "node2@lvm#p", "node1@lvm#p", "node2@lvm#p");
    }

    @Test
    void aReplicaDecidesEveryNthRequestAndAppliesEveryReport() throws Exception {
        Fleet fleet = Fleets.eight();
        String trace = Fleets.trace(fleet, new TraceGenerator.Options(30, 1, 1.0, 5, 0, 10, 1.2, 100));

        Fleets.Replayed replica = Fleets.replay(fleet, trace, new ReplayEngine.Options("r", Map.of(), "c", 0, 1, 3));

        List<Long> numbers = lines(replica.decisions()).stream().map(n -> n.get("n").asLong()).toList();
        assertThat(numbers).containsExactly(2L, 5L, 8L, 11L, 14L, 17L, 20L, 23L, 26L, 29L);
        assertThat(replica.result().decided()).isEqualTo(10);
    }

    @Test
    void anExplicitReportReplacesTheFleetsAndLaterReReportsStartFromIt() throws Exception {
        Fleet fleet = new Fleet("one", Map.of(), List.of(Fleets.backend("node1@lvm", "nova", "iSCSI",
                List.of(Fleets.pool("p", 100, 100)))));
        String trace = String.join("\n",
                "{\"t\":1,\"event\":\"report\",\"host\":\"node1@lvm\",\"capabilities\":{\"storage_protocol\":\"iSCSI\","
                        + "\"pools\":[{\"pool_name\":\"p\",\"total_capacity_gb\":100,\"free_capacity_gb\":30}]}}",
                "{\"t\":2,\"event\":\"create\",\"id\":\"v1\",\"size\":20}",
                "{\"t\":3,\"event\":\"report\",\"host\":\"node1@lvm\"}",
                "{\"t\":4,\"event\":\"create\",\"id\":\"v2\",\"size\":20}") + "\n";

        assertThat(outcomes(Fleets.replay(fleet, trace, Map.of(), 0).decisions()))
                .containsExactly("node1@lvm#p", "error NoValidBackend");
    }

    @Test
    void aReReportOfABackendWithoutAReportIsABadLine() {
        Fleet fleet = Fleets.eight();
        String trace = "{\"t\":1,\"event\":\"report\",\"host\":\"node1@be\"}\n"
                + "{\"t\":2,\"event\":\"report\",\"host\":\"nobody@x\"}\n";

        org.assertj.core.api.Assertions.assertThatThrownBy(() -> Fleets.replay(fleet, trace, Map.of(), 0))
                .isInstanceOf(TraceFormatException.class)
                .hasMessage("test.jsonl:2: host: 'nobody@x' has no report to send again: it is not a backend of the "
                        + "fleet with capabilities, and no earlier report event gave its capabilities");
    }
}
