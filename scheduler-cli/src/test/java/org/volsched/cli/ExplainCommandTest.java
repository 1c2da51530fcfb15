package org.volsched.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.volsched.cli.TestScenarios.placeable;
import static org.volsched.cli.TestScenarios.scenario;
import static org.volsched.cli.TestScenarios.tooBig;
import static org.volsched.cli.TestScenarios.write;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code volsched explain}: the readable trace, the JSON trace, and the summary of a failure. */
class ExplainCommandTest {
    @TempDir
    Path dir;

    @Test
    void explainsEveryFilterEveryWeigherAndTheRanking() {
        Path file = write(dir, "ok.scenario.json", placeable());

        Cli.Run run = Cli.run("explain", file.toString());

        assertThat(run.exitCode()).as(run.all()).isZero();
        assertThat(run.out())
                .contains("Scenario ok (" + file + ")")
                .contains("request:    10 GB, no volume type, zone 'nova'")
                .contains("candidates: 3 pools")
                .contains("Outcome: selected node1@lvm#big (weight 1); 2 of 3 candidates passed the filters")
                .containsPattern("1 +AvailabilityZoneFilter +3 +1 +2")
                .containsPattern("2 +CapacityFilter +2 +0 +2")
                .containsPattern("3 +CapabilitiesFilter +2 +0 +2")
                .contains("AvailabilityZoneFilter rejected 1:")
                .containsPattern("node2@nfs#share +zone 'az-2', requested 'nova'")
                .contains("CapacityWeigher: multiplier 1, raw weights from 100 to 900")
                .containsPattern("node1@lvm#fast +100 +0 +0")
                .containsPattern("node1@lvm#big +900 +1 +1")
                .containsPattern("1 +node1@lvm#big +1 +<- selected")
                .containsPattern("2 +node1@lvm#fast +0");
        assertThat(run.err()).isEmpty();
    }

    @Test
    void aFailureSaysWhichFilterEmptiedTheListAndTheCommonestReasons() {
        Path file = write(dir, "big.scenario.json", tooBig());

        Cli.Run run = Cli.run("explain", file.toString());

        assertThat(run.exitCode()).as(run.all()).isEqualTo(Main.SCHEDULING_FAILURE);
        assertThat(run.out())
                .contains("Outcome: NoValidBackend: No valid backend was found. No weighed backends available")
                .contains("Why: CapacityFilter emptied the list: it received 2 candidates and rejected all of them.")
                .contains("Most common rejection reasons:")
                .contains("  AvailabilityZoneFilter rejected 1 of 3")
                .contains("    1 pool: zone 'az-2', requested 'nova'")
                .contains("  CapacityFilter rejected 2 of 2 (emptied the list)")
                .contains("    2 pools: has 100 to 900 GB free after 0% reserved, 5000 GB requested")
                .contains("        e.g. node1@lvm#fast, node1@lvm#big");
    }

    @Test
    void eachPoolsOwnReasonIsListedRoundedAndJsonKeepsTheExactNumbers() throws Exception {
        Path file = write(dir, "big.scenario.json", tooBig());

        Cli.Run run = Cli.run("explain", file.toString());
        Cli.Run json = Cli.run("explain", "--json", file.toString());

        assertThat(run.out()).as(run.all()).contains("CapacityFilter rejected 2:")
                .containsPattern("node1@lvm#fast +has 100 GB free after 0% reserved, 5000 GB requested\n")
                .containsPattern("node1@lvm#big +has 900 GB free after 0% reserved, 5000 GB requested\n");
        assertThat(new ObjectMapper().readTree(json.out()).at("/trace/filters/1/rejected/1/reason").asText())
                .isEqualTo("has 900.0 GB free after 0% reserved, 5000.0 GB requested");
    }

    @Test
    void jsonPrintsTheDecisionWithItsTrace() throws Exception {
        Path file = write(dir, "big.scenario.json", tooBig());

        Cli.Run run = Cli.run("explain", "--json", file.toString());

        assertThat(run.exitCode()).as(run.all()).isEqualTo(Main.SCHEDULING_FAILURE);
        JsonNode decision = new ObjectMapper().readTree(run.out());
        assertThat(decision.at("/error/type").asText()).isEqualTo("NoValidBackend");
        JsonNode filters = decision.at("/trace/filters");
        assertThat(filters).extracting(f -> f.get("name").asText())
                .containsExactly("AvailabilityZoneFilter", "CapacityFilter", "CapabilitiesFilter");
        assertThat(filters.get(1).get("received").asInt()).isEqualTo(2);
        assertThat(filters.get(1).get("rejected")).extracting(r -> r.get("backend").asText())
                .containsExactly("node1@lvm#fast", "node1@lvm#big");
        assertThat(filters.get(1).get("rejected").get(0).get("reason").asText()).contains("5000");
        assertThat(decision.at("/trace/candidates_built").asInt()).isEqualTo(3);
    }

    @Test
    void jsonHasEveryWeightOfEveryWeigher() throws Exception {
        Path file = write(dir, "ok.scenario.json", scenario(
                "{\"scheduler_default_weighers\": [\"CapacityWeigher\", \"VolumeNumberWeigher\"]}", 10, "nova",
                "null"));

        Cli.Run run = Cli.run("explain", "--json", file.toString());

        assertThat(run.exitCode()).as(run.all()).isZero();
        JsonNode weighers = new ObjectMapper().readTree(run.out()).at("/trace/weighers");
        assertThat(weighers).extracting(w -> w.get("name").asText())
                .containsExactly("CapacityWeigher", "VolumeNumberWeigher");
        JsonNode big = weighers.get(0).get("weights").get(1);
        assertThat(big.get("backend").asText()).isEqualTo("node1@lvm#big");
        assertThat(big.get("raw").asDouble()).isEqualTo(900.0);
        assertThat(big.get("normalised").asDouble()).isEqualTo(1.0);
        assertThat(big.get("weighted").asDouble()).isEqualTo(1.0);
        assertThat(weighers.get(1).get("multiplier").asDouble()).isEqualTo(-1.0);
    }

    @Test
    void theChanceDriverIsExplainedAsARandomPickAmongHosts() {
        Path file = write(dir, "chance.scenario.json", scenario("{\"scheduler_driver\": \"chance\", "
                + "\"random_seed\": 1}", 10, "nova", "null"));

        Cli.Run run = Cli.run("explain", file.toString());

        assertThat(run.exitCode()).as(run.all()).isZero();
        assertThat(run.out()).contains("candidates: 2 hosts")
                .contains("driver runs no filters or weighers: it picks at random among the hosts")
                .contains("  node1@lvm").contains("  node2@nfs");
    }

    @Test
    void anUnreadableScenarioExitsTwo() {
        Cli.Run run = Cli.run("explain", dir.resolve("none.scenario.json").toString());

        assertThat(run.exitCode()).isEqualTo(Main.BAD_INPUT);
        assertThat(run.err()).isEqualTo("volsched: " + dir.resolve("none.scenario.json") + ": no such file\n");
        assertThat(run.out()).isEmpty();
    }

    @Test
    void explainNeedsExactlyOneFile() {
        Cli.Run run = Cli.run("explain");

        assertThat(run.exitCode()).isEqualTo(Main.BAD_INPUT);
        assertThat(run.err()).contains("Missing required parameter: 'FILE'")
                .contains("Try 'volsched explain --help' for more information.");
    }

    @Test
    void theRetryStateReadsAsTextAndIsAnObjectInJson() throws Exception {
        Path first = write(dir, "ok.scenario.json", placeable());
        Path again = write(dir, "again.scenario.json", placeable().replace("\"filter_properties\": {}",
                "\"filter_properties\": {\"retry\": {\"num_attempts\": 1, \"backends\": [\"node1@lvm#big\"], "
                        + "\"hosts\": [\"node1@lvm#big\"]}}"));

        Cli.Run run = Cli.run("explain", first.toString());
        Cli.Run retried = Cli.run("explain", again.toString());
        Cli.Run json = Cli.run("explain", "--json", first.toString());

        assertThat(run.out()).as(run.all()).contains("  retry:      attempt 1, no backend tried yet\n")
                .doesNotContain("num_attempts");
        assertThat(retried.out()).as(retried.all()).contains("  retry:      attempt 2, already tried node1@lvm#big\n");
        JsonNode retry = new ObjectMapper().readTree(json.out()).at("/trace/retry");
        assertThat(retry.isObject()).as(json.out()).isTrue();
        assertThat(retry.toString()).isEqualTo("{\"num_attempts\":1,\"backends\":[],\"hosts\":[]}");
    }
}
