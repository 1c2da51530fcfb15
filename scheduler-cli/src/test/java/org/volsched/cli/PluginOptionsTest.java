package org.volsched.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.volsched.cli.TestScenarios.write;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.volsched.cli.scenario.ScenarioParser;
import org.volsched.cli.scenario.ScenarioRunner;
import org.volsched.core.bootstrap.Scheduler;
import org.volsched.core.config.SchedulerConfig;
import org.volsched.spi.BackendWeigher;
import org.volsched.spi.InvalidConfiguration;

/**
 * A third-party weigher with its own option ({@code latency_weight_multiplier}, declared by the
 * plug-in in {@code src/test/plugins/latency-weigher}, compiled and jarred here, not on the test class
 * path): configured from each source it behaves accordingly, misspelt in each source it is caught,
 * and {@code validate} catches what {@code schedule} would.
 */
class PluginOptionsTest {
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final String MISSPELT = "latency_weight_multipler";
    private static final String DID_YOU_MEAN = "unknown option '" + MISSPELT
            + "'; did you mean 'latency_weight_multiplier'?";

    @TempDir
    static Path plugins;

    static Path jar;
    static URLClassLoader loader;

    @TempDir
    Path dir;

    @BeforeAll
    static void buildThePlugin() throws Exception {
        jar = PluginJars.latencyPlugin(plugins);
        loader = new URLClassLoader(new URL[] {jar.toUri().toURL()}, PluginOptionsTest.class.getClassLoader());
    }

    @AfterAll
    static void closeTheLoader() throws Exception {
        loader.close();
    }

    /**
     * Two pools of one backend, alike but for {@code latency_ms}: {@code near} (2 ms) and {@code far}
     * (40 ms); only LatencyWeigher weighs unless {@code config} (JSON members) says otherwise.
     */
    private static String scenario(String config) {
        return """
                {"config": {"scheduler_default_weighers": ["LatencyWeigher"], "random_seed": 1%s},
                 "backends": [{"host": "node1@lvm", "availability_zone": "nova",
                   "capabilities": {"volume_backend_name": "lvm", "storage_protocol": "iSCSI", "pools": [
                     {"pool_name": "near", "total_capacity_gb": 1000, "free_capacity_gb": 500,
                      "reserved_percentage": 0, "latency_ms": 2},
                     {"pool_name": "far", "total_capacity_gb": 1000, "free_capacity_gb": 500,
                      "reserved_percentage": 0, "latency_ms": 40}]}}],
                 "request": {"request_spec": {"volume_id": "6f1c0b9e-3d2a-4c55-9b1e-2f0d8a7c4e11",
                   "volume_properties": {"size": 10, "availability_zone": "nova"}}, "filter_properties": {}}}
                """.formatted(config.isEmpty() ? "" : ", " + config);
    }

    private Cli.Run schedule(String scenario, String... configFile) {
        Path file = write(dir, "latency.scenario.json", scenario);
        return configFile.length == 0
                ? Cli.run("schedule", "--plugin-path", jar.toString(), file.toString())
                : Cli.run("schedule", "--plugin-path", jar.toString(), "--config", configFile[0], file.toString());
    }

    private static String selected(Cli.Run run) throws Exception {
        assertThat(run.exitCode()).as(run.all()).isZero();
        assertThat(run.err()).as("no warning").isEmpty();
        JsonNode decision = MAPPER.readTree(run.out());
        return decision.at("/selected/backend").asText();
    }

    // --- configured from each source, the sign of the multiplier changes the choice -----------------------

    @Test
    void itsDeclaredDefaultPrefersTheLowLatencyPool() throws Exception {
        assertThat(selected(schedule(scenario("")))).isEqualTo("node1@lvm#near");
    }

    @Test
    void fromAScenariosConfig() throws Exception {
        assertThat(selected(schedule(scenario("\"latency_weight_multiplier\": -1")))).isEqualTo("node1@lvm#far");
        assertThat(selected(schedule(scenario("\"latency_weight_multiplier\": 2.5")))).isEqualTo("node1@lvm#near");
    }

    @Test
    void fromAPropertiesFile() throws Exception {
        Path props = write(dir, "latency.properties", "latency_weight_multiplier = -1\n");

        assertThat(selected(schedule(scenario(""), props.toString()))).isEqualTo("node1@lvm#far");
    }

    @Test
    void fromACinderConfsDefaultSection() throws Exception {
        Path conf = write(dir, "cinder.conf", "[DEFAULT]\nmy_ip = 10.0.0.1\nlatency_weight_multiplier = -1.5\n"
                + "[lvm]\nlatency_weight_multiplier = 3\n");

        assertThat(selected(schedule(scenario("\"latency_weight_multiplier\": 1"), conf.toString())))
                .as("--config wins over the scenario; only [DEFAULT] is read").isEqualTo("node1@lvm#far");
    }

    @Test
    void fromSchedulerConfigsBuilder() throws Exception {
        Scheduler scheduler = Scheduler.builder()
                .config(SchedulerConfig.builder().set("latency_weight_multiplier", -1.0, "embedding")
                        .set("scheduler_default_weighers", List.of("LatencyWeigher", "CapacityWeigher"), "embedding")
                        .set("capacity_weight_multiplier", -2, "embedding").build())
                .classLoader(loader)
                .build();

        assertThat(scheduler.config().getDouble("latency_weight_multiplier")).isEqualTo(-1.0);
        assertThat(scheduler.context().weighers()).extracting(BackendWeigher::name, BackendWeigher::multiplier)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("LatencyWeigher", -1.0),
                        org.assertj.core.groups.Tuple.tuple("CapacityWeigher", -2.0));

        // The runner builds its configuration with SchedulerConfig.builder() before the plug-ins are known.
        ScenarioRunner runner = new ScenarioRunner(Map.of("latency_weight_multiplier", -1.0), loader);
        JsonNode decision = ScheduleCommand.decide(runner, ScenarioParser.parse(scenario(""), "s.json", "s"), false)
                .json();
        assertThat(decision.at("/selected/backend").asText()).isEqualTo("node1@lvm#far");
    }

    @Test
    void theBuiltInMultipliersStillWorkFromTheBuilder() {
        Scheduler scheduler = Scheduler.builder()
                .config(SchedulerConfig.builder().set("scheduler_default_weighers",
                        List.of("CapacityWeigher", "AllocatedCapacityWeigher", "VolumeNumberWeigher"), "embedding")
                        .set("capacity_weight_multiplier", -1, "embedding")
                        .set("allocated_capacity_weight_multiplier", 2, "embedding").build())
                .build();

        assertThat(scheduler.context().weighers()).extracting(BackendWeigher::multiplier)
                .as("set, set, Cinder's default").containsExactly(-1.0, 2.0, -1.0);
    }

    // --- a misspelling is caught in each source, with where it is ----------------------------------------

    @Test
    void aMisspellingInAScenarioIsAnError() {
        Cli.Run run = schedule(scenario("\"" + MISSPELT + "\": -1"));

        assertThat(run.exitCode()).as(run.all()).isEqualTo(Main.BAD_INPUT);
        assertThat(run.err()).isEqualTo("volsched: " + dir.resolve("latency.scenario.json") + ": config: "
                + DID_YOU_MEAN + System.lineSeparator());
        assertThat(run.out()).isEmpty();
    }

    @Test
    void aMisspellingInAPropertiesFileIsAnErrorWithItsLine() {
        Path props = write(dir, "latency.properties", "# latency\n" + MISSPELT + " = -1\n");

        Cli.Run run = schedule(scenario(""), props.toString());

        assertThat(run.exitCode()).as(run.all()).isEqualTo(Main.BAD_INPUT);
        assertThat(run.err()).isEqualTo("volsched: " + props + ":2: " + DID_YOU_MEAN + System.lineSeparator());
    }

    @Test
    void aMisspellingInACinderConfIsAnErrorWhileOtherServicesOptionsAreIgnored() {
        Path conf = write(dir, "cinder.conf", "[DEFAULT]\nmy_ip = 10.0.0.1\nenabled_backends = lvm\n"
                + MISSPELT + " = -1\ncapacity_weight_multipler = 2\n");

        Cli.Run run = schedule(scenario(""), conf.toString());

        assertThat(run.exitCode()).as(run.all()).isEqualTo(Main.BAD_INPUT);
        assertThat(run.err()).isEqualTo("volsched: " + conf + ":4: " + DID_YOU_MEAN + System.lineSeparator()
                + "volsched: " + conf + ":5: unknown option 'capacity_weight_multipler'; did you mean "
                + "'capacity_weight_multiplier'?" + System.lineSeparator());
    }

    @Test
    void aMisspellingThroughTheBuilderFailsStartUp() {
        SchedulerConfig config = SchedulerConfig.builder().set(MISSPELT, -1.0, "embedding").build();

        InvalidConfiguration e = catchThrowableOfType(InvalidConfiguration.class,
                () -> Scheduler.builder().config(config).classLoader(loader).build());

        assertThat(e).isNotNull();
        assertThat(e.problems()).containsExactly("embedding: " + DID_YOU_MEAN);
    }

    @Test
    void withoutThePluginItsOptionIsUnknownEverywhere() {
        Path file = write(dir, "latency.scenario.json", scenario("\"latency_weight_multiplier\": -1"));

        Cli.Run run = Cli.run("schedule", file.toString());

        assertThat(run.exitCode()).as(run.all()).isEqualTo(Main.BAD_INPUT);
        assertThat(run.err()).contains(file + ": config: unknown option 'latency_weight_multiplier'");
    }

    // --- bad values and components that cannot be built fail up front --------------------------------------

    @Test
    void aBadValueIsNamedWithItsFieldAndWhatIsAllowed() {
        Cli.Run run = schedule(scenario("\"latency_weight_multiplier\": -500"));

        assertThat(run.exitCode()).as(run.all()).isEqualTo(Main.BAD_INPUT);
        assertThat(run.err()).isEqualTo("volsched: " + dir.resolve("latency.scenario.json")
                + ": config.latency_weight_multiplier = -500: must be at least -100, found -500"
                + System.lineSeparator());
        assertThat(run.out()).isEmpty();
    }

    @Test
    void aWeigherThatCannotBeBuiltFailsStartUpNotTheRequest() {
        Cli.Run run = schedule(scenario("").replace("[\"LatencyWeigher\"]", "[\"LatencyWeigher\", \"ProbeWeigher\"]"));

        assertThat(run.exitCode()).as(run.all()).isEqualTo(Main.BAD_INPUT);
        assertThat(run.err()).startsWith("volsched: " + dir.resolve("latency.scenario.json")
                        + ": config.scheduler_default_weighers[1]: the weigher 'ProbeWeigher' of plug-in example-latency (")
                .contains("latency-plugin.jar) could not be built: java.lang.IllegalStateException: no latency probe "
                        + "is reachable; fix the plug-in or its options, or remove it from the configuration")
                .doesNotContain("\tat ");
        assertThat(run.out()).isEmpty();
    }

    @Test
    void aPluginThatFailsWhileWeighingIsExitThreeWithItsErrorAndTheDecisionStillWritten() throws Exception {
        Cli.Run run = schedule(scenario("").replace("[\"LatencyWeigher\"]", "[\"FlakyWeigher\"]"));

        assertThat(run.exitCode()).as(run.all()).isEqualTo(Main.INTERNAL_ERROR);
        assertThat(run.err()).contains("latency table index out of range").as("no stack trace without --verbose")
                .doesNotContain("\tat ");
        assertThat(run.out()).as("the decision is still written").contains("\"error\"");
    }

    @Test
    void validateCatchesWhatScheduleWould() {
        Path misspelt = write(dir, "misspelt.scenario.json", scenario("\"" + MISSPELT + "\": -1"));
        Path badValue = write(dir, "bad.properties", "latency_weight_multiplier = fast\n");
        Path broken = write(dir, "broken.scenario.json",
                scenario("").replace("[\"LatencyWeigher\"]", "[\"ProbeWeigher\"]"));
        Path good = write(dir, "good.properties", "latency_weight_multiplier = -3\n");

        Cli.Run run = Cli.run("validate", "--plugin-path", jar.toString(), misspelt.toString(), badValue.toString(),
                broken.toString(), good.toString());

        assertThat(run.exitCode()).as(run.all()).isEqualTo(Main.BAD_INPUT);
        assertThat(run.out())
                .contains("  error: " + misspelt + ": config: " + DID_YOU_MEAN)
                .contains("  error: " + badValue + ":1: latency_weight_multiplier = 'fast': expected a number, "
                        + "found 'fast'")
                .contains("  error: " + broken + ": config.scheduler_default_weighers[0]: the weigher 'ProbeWeigher' "
                        + "of plug-in example-latency (")
                .contains(good + ": OK")
                .contains("4 files checked: 3 errors, 0 warnings");
    }

    // --- listings ------------------------------------------------------------------------------------------

    @Test
    void driversListsEachPluginsOptionsWithThePlugin() throws Exception {
        Cli.Run run = Cli.run("drivers", "--plugin-path", jar.toString());

        assertThat(run.exitCode()).as(run.all()).isZero();
        String options = run.out().substring(run.out().indexOf("Options declared by plug-ins"));
        assertThat(options.lines().filter(l -> l.startsWith("  latency_weight_multiplier")).findFirst().orElseThrow())
                .contains("float (at least -100)").contains("1.0")
                .contains("weigher LatencyWeigher of plug-in example-latency ")
                .contains("LatencyWeigher multiplier; positive prefers pools with a low latency_ms");
        assertThat(options).contains("  capacity_weight_multiplier").contains("  scheduler_max_attempts")
                .doesNotContain("  service_down_time");

        JsonNode json = MAPPER.readTree(Cli.run("drivers", "--json", "--plugin-path", jar.toString()).out());
        JsonNode latency = null;
        for (JsonNode w : json.get("weighers")) {
            if (w.get("name").asText().equals("LatencyWeigher")) {
                latency = w;
            }
        }
        assertThat(latency).isNotNull();
        assertThat(latency.at("/options/0/name").asText()).isEqualTo("latency_weight_multiplier");
        assertThat(latency.at("/options/0/type").asText()).isEqualTo("float");
        assertThat(latency.at("/options/0/default").asDouble()).isEqualTo(1.0);
        assertThat(latency.at("/options/0/minimum").asDouble()).isEqualTo(-100.0);
    }

    @Test
    void configListsEveryOptionCoreAndPlugins() throws Exception {
        Cli.Run withPlugin = Cli.run("config", "--plugin-path", jar.toString());
        Cli.Run bundled = Cli.run("config");

        assertThat(withPlugin.exitCode()).as(withPlugin.all()).isZero();
        assertThat(withPlugin.out().lines().findFirst().orElseThrow())
                .startsWith("OPTION").contains("TYPE").contains("DEFAULT").contains("DECLARED BY").contains("MEANING");
        assertThat(withPlugin.out().lines().filter(l -> l.startsWith("service_down_time ")).findFirst().orElseThrow())
                .contains("int (at least 1)").contains("60").contains("volsched");
        assertThat(withPlugin.out().lines().filter(l -> l.startsWith("capacity_weight_multiplier ")).findFirst()
                .orElseThrow()).contains("weigher CapacityWeigher of plug-in");
        assertThat(withPlugin.out()).contains("latency_weight_multiplier ");
        assertThat(bundled.out()).as("--plugin-path is honoured").doesNotContain("latency_weight_multiplier");

        JsonNode json = MAPPER.readTree(Cli.run("config", "--json", "--plugin-path", jar.toString()).out());
        assertThat(json.findValuesAsText("name")).contains("scheduler_driver", "capacity_weight_multiplier",
                "latency_weight_multiplier");
    }
}
