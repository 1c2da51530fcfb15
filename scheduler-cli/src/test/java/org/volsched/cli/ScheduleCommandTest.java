package org.volsched.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.volsched.cli.TestScenarios.placeable;
import static org.volsched.cli.TestScenarios.scenario;
import static org.volsched.cli.TestScenarios.tooBig;
import static org.volsched.cli.TestScenarios.write;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code volsched schedule}: decisions, exit codes and every kind of bad input, run in-process. */
class ScheduleCommandTest {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    @TempDir
    Path dir;

    private static JsonNode json(String text) throws Exception {
        return MAPPER.readTree(text);
    }

    @Test
    void selectsABackendAndExitsZero() throws Exception {
        Path file = write(dir, "ok.scenario.json", placeable());

        Cli.Run run = Cli.run("schedule", file.toString());

        assertThat(run.exitCode()).as(run.all()).isZero();
        JsonNode decision = json(run.out());
        assertThat(decision.at("/selected/backend").asText()).isEqualTo("node1@lvm#big");
        assertThat(decision.get("filtered")).extracting(JsonNode::asText)
                .containsExactly("node1@lvm#fast", "node1@lvm#big");
        assertThat(decision.get("error").isNull()).isTrue();
        assertThat(run.err()).isEmpty();
    }

    @Test
    void aSchedulingFailureExitsOneAndStillWritesTheDecision() throws Exception {
        Path file = write(dir, "big.scenario.json", tooBig());

        Cli.Run run = Cli.run("schedule", file.toString());

        assertThat(run.exitCode()).as(run.all()).isEqualTo(Main.SCHEDULING_FAILURE);
        JsonNode decision = json(run.out());
        assertThat(decision.get("selected").isNull()).isTrue();
        assertThat(decision.at("/error/type").asText()).isEqualTo("NoValidBackend");
        assertThat(decision.at("/error/reason").asText())
                .isEqualTo("No valid backend was found. No weighed backends available");
    }

    @Test
    void outWritesOneDecisionPerScenarioAndTheWorstExitCodeWins() throws Exception {
        Path ok = write(dir, "ok.scenario.json", placeable());
        Path big = write(dir, "big.scenario.json", tooBig());
        Path out = dir.resolve("decisions");

        Cli.Run run = Cli.run("schedule", "--out", out.toString(), ok.toString(), big.toString());

        assertThat(run.exitCode()).as(run.all()).isEqualTo(Main.SCHEDULING_FAILURE);
        assertThat(run.out()).isEqualTo("wrote 2 decisions to " + out + ": 1 placed, 1 refused, 0 errors"
                + System.lineSeparator());
        assertThat(json(Files.readString(out.resolve("ok.decision.json"))).at("/selected/backend").asText())
                .isEqualTo("node1@lvm#big");
        assertThat(json(Files.readString(out.resolve("big.decision.json"))).at("/error/type").asText())
                .isEqualTo("NoValidBackend");
    }

    @Test
    void severalScenariosOnStandardOutputAreJsonLinesEachNamingItsScenario() throws Exception {
        Path ok = write(dir, "ok.scenario.json", placeable());
        Path big = write(dir, "big.scenario.json", tooBig());
        Path bad = write(dir, "bad.scenario.json", "{");

        Cli.Run run = Cli.run("schedule", ok.toString(), bad.toString(), big.toString());

        assertThat(run.exitCode()).as(run.all()).isEqualTo(Main.BAD_INPUT);
        String[] lines = run.out().split("\\R");
        assertThat(lines).as("one line per decision; the bad file has none, its message is on stderr").hasSize(2);
        JsonNode first = json(lines[0]);
        assertThat(first.fieldNames().next()).isEqualTo("scenario");
        assertThat(first.get("scenario").asText()).isEqualTo(ok.toString());
        assertThat(first.at("/selected/backend").asText()).isEqualTo("node1@lvm#big");
        JsonNode second = json(lines[1]);
        assertThat(second.get("scenario").asText()).isEqualTo(big.toString());
        assertThat(second.at("/error/type").asText()).isEqualTo("NoValidBackend");
        assertThat(run.err()).contains("volsched: " + bad + ":1:");
    }

    @Test
    void oneScenarioKeepsTheIndentedDocumentWithoutAScenarioField() throws Exception {
        Cli.Run run = Cli.run("schedule", write(dir, "ok.scenario.json", placeable()).toString());

        assertThat(run.out()).startsWith("{" + System.lineSeparator() + "  \"selected\" : {");
        assertThat(json(run.out()).has("scenario")).isFalse();
    }

    @Test
    void unreadableInputExitsTwoAndTheOtherFilesAreStillProcessed() throws Exception {
        Path bad = write(dir, "bad.scenario.json", "{\"config\": {},\n \"backends\": [\n}");
        Path ok = write(dir, "ok.scenario.json", placeable());
        Path out = dir.resolve("decisions");

        Cli.Run run = Cli.run("schedule", "--out", out.toString(), bad.toString(), ok.toString(),
                dir.resolve("missing.scenario.json").toString());

        assertThat(run.exitCode()).as(run.all()).isEqualTo(Main.BAD_INPUT);
        assertThat(run.err()).contains("volsched: " + bad + ":3:1: not valid JSON")
                .contains("volsched: " + dir.resolve("missing.scenario.json") + ": no such file");
        assertThat(out.resolve("ok.decision.json")).exists();
        assertThat(out.resolve("bad.decision.json")).doesNotExist();
        assertThat(run.out()).isEqualTo("wrote 1 decision to " + out + ": 1 placed, 0 refused, 2 errors"
                + System.lineSeparator());
        assertThat(run.err()).doesNotContain("\tat ").doesNotContain("Exception");
    }

    @Test
    void aFieldOfTheWrongTypeIsNamedWithItsPathAndWhatWasExpected() {
        String text = placeable().replace("\"host\": \"node2@nfs\"", "\"host\": \"node2@nfs\", \"up\": \"yes\"")
                .replace("\"free_capacity_gb\": 4000", "\"free_capacity_gb\": 4000")
                .replace("\"volume_count\": 3", "\"volume_count\": -3");
        Path file = write(dir, "types.scenario.json", text);

        Cli.Run run = Cli.run("schedule", file.toString());

        assertThat(run.exitCode()).as(run.all()).isEqualTo(Main.BAD_INPUT);
        assertThat(run.err()).contains(file + ": backends[1].up: expected true or false, found a string \"yes\"")
                .contains(file + ": backends[0].volume_count: expected a non-negative integer or an object "
                        + "{pool_name: count}, found a number -3");
        assertThat(run.out()).isEmpty();
    }

    @Test
    void anUnknownFilterIsNamedWithItsFieldAndASuggestionAndCindersDecisionIsStillWritten() throws Exception {
        Path file = write(dir, "typo.scenario.json", scenario(
                "{\"scheduler_default_filters\": [\"AvailabilityZoneFilter\", \"CapacityFiltr\"]}", 10, "nova",
                "null"));

        Cli.Run run = Cli.run("schedule", file.toString());

        assertThat(run.exitCode()).as(run.all()).isEqualTo(Main.BAD_INPUT);
        assertThat(run.err()).contains("volsched: " + file + ": config.scheduler_default_filters[1]: unknown filter "
                + "'CapacityFiltr'; available: AvailabilityZoneFilter, CapabilitiesFilter, CapacityFilter")
                .contains("did you mean 'CapacityFilter'?");
        assertThat(json(run.out()).at("/error/type").asText()).isEqualTo("SchedulerHostFilterNotFound");
    }

    @Test
    void anUnknownWeigherIsNamedWithItsField() {
        Path file = write(dir, "w.scenario.json", scenario("{\"scheduler_default_weighers\": [\"CapacityWeighr\"]}",
                10, "nova", "null"));

        Cli.Run run = Cli.run("schedule", file.toString());

        assertThat(run.exitCode()).as(run.all()).isEqualTo(Main.BAD_INPUT);
        assertThat(run.err()).contains(file + ": config.scheduler_default_weighers[0]: unknown weigher "
                + "'CapacityWeighr'").contains("did you mean 'CapacityWeigher'?");
    }

    @Test
    void anUnknownDriverStopsTheScenarioWithoutADecision() {
        Path file = write(dir, "d.scenario.json", scenario("{\"scheduler_driver\": \"filtr\"}", 10, "nova", "null"));

        Cli.Run run = Cli.run("schedule", file.toString());

        assertThat(run.exitCode()).as(run.all()).isEqualTo(Main.BAD_INPUT);
        assertThat(run.err()).contains("volsched: " + file + ": config.scheduler_driver: unknown driver 'filtr'; "
                + "available: chance, filter; did you mean 'filter'?");
        assertThat(run.out()).isEmpty();
    }

    @org.junit.jupiter.params.ParameterizedTest
    @org.junit.jupiter.params.provider.ValueSource(strings = {"FilterScheduler", "ChanceScheduler",
        "cinder.scheduler.filter_scheduler.FilterScheduler", "cinder.scheduler.chance.ChanceScheduler"})
    void aDriverIsFoundByCindersClassPathAndByItsClassName(String driver) throws Exception {
        Path file = write(dir, "c.scenario.json", scenario("{\"scheduler_driver\": \"" + driver
                + "\", \"random_seed\": 7}", 10, "nova", "null"));

        Cli.Run run = Cli.run("schedule", file.toString());

        assertThat(run.exitCode()).as(run.all()).isEqualTo(Main.OK);
        assertThat(json(run.out()).at("/selected/backend").asText()).as("one of the scenario's backends")
                .matches("node[12]@.+");
    }

    @Test
    void anInvalidOptionValueIsNamedWithItsFieldAndWhatIsExpected() {
        Path file = write(dir, "v.scenario.json", scenario("{\"scheduler_max_attempts\": \"three\"}", 10, "nova",
                "null"));

        Cli.Run run = Cli.run("schedule", file.toString());

        assertThat(run.exitCode()).as(run.all()).isEqualTo(Main.BAD_INPUT);
        assertThat(run.err()).contains("volsched: " + file + ": config.scheduler_max_attempts = 'three': expected "
                + "an integer, found 'three'");
    }

    @Test
    void aMaxAttemptsTheDriverRefusesIsInvalidConfigurationNamingTheFieldAndWhatIsValid() {
        Path file = write(dir, "attempts.scenario.json", scenario("{\"scheduler_max_attempts\": -1}", 10, "nova",
                "null"));

        Cli.Run run = Cli.run("schedule", file.toString());

        assertThat(run.exitCode()).as(run.all()).isEqualTo(Main.BAD_INPUT);
        assertThat(run.err()).isEqualTo("volsched: " + file + ": config.scheduler_max_attempts = -1: refused by "
                + "driver 'filter' when the scheduler starts: InvalidParameterValue: Invalid value for "
                + "'scheduler_max_attempts', must be >=1" + System.lineSeparator());
        assertThat(run.out()).as("Cinder's scheduler would not start: there is no decision").isEmpty();
    }

    @Test
    void aMaxAttemptsSetByTheConfigFileIsNamedWithThatFile() {
        Path file = write(dir, "ok.scenario.json", placeable());
        Path conf = write(dir, "cinder.conf", "[DEFAULT]\nscheduler_max_attempts = 0\n");

        Cli.Run run = Cli.run("explain", "--config", conf.toString(), file.toString());

        assertThat(run.exitCode()).as(run.all()).isEqualTo(Main.BAD_INPUT);
        assertThat(run.err()).startsWith("volsched: " + conf + ": scheduler_max_attempts = 0: refused by driver "
                + "'filter'").contains("must be >=1");
        assertThat(run.out()).isEmpty();
    }

    @Test
    void aSizeThatIsNotANumberIsInvalidInputNamingTheFieldAndWhatIsValid() {
        Path file = write(dir, "size.scenario.json", placeable().replace("\"size\": 10", "\"size\": \"big\""));

        Cli.Run run = Cli.run("schedule", file.toString());

        assertThat(run.exitCode()).as(run.all()).isEqualTo(Main.BAD_INPUT);
        assertThat(run.err()).isEqualTo("volsched: " + file + ": request.request_spec.volume_properties.size: "
                + "expected the volume size in GB, an integer such as 10 (or a string of one, which Cinder converts), "
                + "found a string \"big\"" + System.lineSeparator());
        assertThat(run.out()).isEmpty();
        assertThat(Cli.run("schedule", write(dir, "ten.scenario.json",
                placeable().replace("\"size\": 10", "\"size\": \"10\"")).toString()).exitCode())
                .as("a string of an integer is what Cinder converts").isZero();
    }

    @Test
    void anUnknownScenarioConfigKeyIsAnErrorAsInEveryOtherSource() {
        Path file = write(dir, "k.scenario.json", scenario("{\"scheduler_defualt_filters\": []}", 10, "nova",
                "null"));

        Cli.Run run = Cli.run("schedule", file.toString());

        assertThat(run.exitCode()).as(run.all()).isEqualTo(Main.BAD_INPUT);
        assertThat(run.err()).isEqualTo("volsched: " + file + ": config: unknown option 'scheduler_defualt_filters'; "
                + "did you mean 'scheduler_default_filters'?" + System.lineSeparator());
        assertThat(run.out()).as("nothing is scheduled with a configuration that is not the one meant").isEmpty();
    }

    @Test
    void configFileOptionsOverrideTheScenarioEvenWhenSetToTheirDefault() throws Exception {
        Path file = write(dir, "stack.scenario.json", scenario("{\"capacity_weight_multiplier\": -1.0}", 10, "nova",
                "null"));
        Path spread = write(dir, "spread.properties", "capacity_weight_multiplier = 1.0\n");
        Path conf = write(dir, "cinder.conf", "[DEFAULT]\nmy_ip = 10.0.0.1\ncapacity_weight_multiplier = 1.0\n"
                + "[lvm]\nvolume_driver = cinder.volume.drivers.lvm.LVMVolumeDriver\n");

        assertThat(json(Cli.run("schedule", file.toString()).out()).at("/selected/backend").asText())
                .isEqualTo("node1@lvm#fast");
        assertThat(json(Cli.run("schedule", "--config", spread.toString(), file.toString()).out())
                .at("/selected/backend").asText()).isEqualTo("node1@lvm#big");
        assertThat(json(Cli.run("schedule", "--config", conf.toString(), file.toString()).out())
                .at("/selected/backend").asText()).isEqualTo("node1@lvm#big");
    }

    @Test
    void anInvalidConfigFileIsReportedWholeAndNothingIsScheduled() {
        Path file = write(dir, "ok.scenario.json", placeable());
        Path props = write(dir, "bad.properties", "scheduler_max_atempts = 3\ncapacity_weight_multiplier = lots\n");

        Cli.Run run = Cli.run("schedule", "--config", props.toString(), file.toString());

        assertThat(run.exitCode()).as(run.all()).isEqualTo(Main.BAD_INPUT);
        assertThat(run.err()).contains("volsched: " + props + ":1: unknown option 'scheduler_max_atempts'; did you "
                + "mean 'scheduler_max_attempts'?")
                .contains("volsched: " + props + ":2: capacity_weight_multiplier = 'lots': expected a number, found "
                        + "'lots'");
        assertThat(run.out()).isEmpty();
    }

    @Test
    void aMissingConfigFileIsNamed() {
        Cli.Run run = Cli.run("schedule", "--config", dir.resolve("nope.conf").toString(),
                write(dir, "ok.scenario.json", placeable()).toString());

        assertThat(run.exitCode()).isEqualTo(Main.BAD_INPUT);
        assertThat(run.err()).contains("volsched: " + dir.resolve("nope.conf") + ": no such configuration file");
    }

    @Test
    void dashReadsTheScenarioFromStandardInput() throws Exception {
        Cli.Run run = Cli.runWithStdin(placeable(), "schedule", "-");

        assertThat(run.exitCode()).as(run.all()).isZero();
        assertThat(json(run.out()).at("/selected/backend").asText()).isEqualTo("node1@lvm#big");
    }

    @Test
    void notValidJsonSaysWhereWhatWasExpectedAndWhereTheUnclosedListStarts() {
        Path eof = write(dir, "eof.scenario.json", "{\"config\": {},\n \"backends\": [1, 2");
        Path close = write(dir, "close.scenario.json", "{\"config\": {},\n \"backends\": [\n}");

        Cli.Run run = Cli.run("schedule", eof.toString(), close.toString());

        assertThat(run.exitCode()).as(run.all()).isEqualTo(Main.BAD_INPUT);
        assertThat(run.err()).isEqualTo("volsched: " + eof + ":2:19: not valid JSON: Unexpected end-of-input: "
                + "expected close marker for Array (start marker at line 2, column 14)" + System.lineSeparator()
                + "volsched: " + close + ":3:1: not valid JSON: Unexpected close marker '}': expected ']' (for Array "
                + "starting at line 2, column 14)" + System.lineSeparator());
        assertThat(run.out()).isEmpty();
    }

    @Test
    void badJsonOnStandardInputIsNamedAsStdin() {
        Cli.Run run = Cli.runWithStdin("[1, 2", "schedule", "-");

        assertThat(run.exitCode()).isEqualTo(Main.BAD_INPUT);
        assertThat(run.err()).startsWith("volsched: <stdin>:1:").contains("not valid JSON");
    }
}
