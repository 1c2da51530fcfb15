package org.volsched.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.volsched.cli.TestScenarios.GOLD_TYPE;
import static org.volsched.cli.TestScenarios.scenario;
import static org.volsched.cli.TestScenarios.write;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code volsched drivers} and {@code --plugin-path}: the bundled components with their aliases and
 * jars, and a third-party jar (the example plug-in, compiled here) found, listed and selected.
 */
class DriversCommandTest {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    @TempDir
    static Path plugins;

    static Path tierJar;

    @BeforeAll
    static void buildThePlugin() {
        tierJar = PluginJars.tierPlugin(plugins);
    }

    @TempDir
    Path dir;

    @Test
    void listsEveryBundledComponentWithItsAliasesAndJar() {
        Cli.Run run = Cli.run("drivers");

        assertThat(run.exitCode()).as(run.all()).isZero();
        assertThat(run.out()).contains("Drivers (scheduler_driver)")
                .containsPattern("filter +cinder\\.scheduler\\.filter_scheduler\\.FilterScheduler +\\S+")
                .containsPattern("chance +cinder\\.scheduler\\.chance\\.ChanceScheduler")
                .contains("Filters (scheduler_default_filters)")
                .containsPattern("CapacityFilter +cinder\\.scheduler\\.filters\\.capacity_filter\\.CapacityFilter")
                .containsPattern("JsonFilter +cinder\\.scheduler\\.filters\\.json_filter\\.JsonFilter")
                .contains("Weighers (scheduler_default_weighers)")
                .containsPattern("CapacityWeigher +cinder\\.scheduler\\.weights\\.capacity\\.CapacityWeigher")
                .containsPattern("GoodnessWeigher +cinder\\.scheduler\\.weights\\.goodness\\.GoodnessWeigher")
                .contains("Plug-ins")
                .doesNotContain("TierFilter");
    }

    @Test
    void jsonListsSourcesAndAliases() throws Exception {
        JsonNode root = MAPPER.readTree(Cli.run("drivers", "--json").out());

        assertThat(root.get("drivers")).extracting(d -> d.get("name").asText()).containsExactly("chance", "filter");
        JsonNode capacity = null;
        for (JsonNode f : root.get("filters")) {
            if (f.get("name").asText().equals("CapacityFilter")) {
                capacity = f;
            }
        }
        assertThat(capacity).isNotNull();
        assertThat(capacity.get("aliases").get(0).asText())
                .isEqualTo("cinder.scheduler.filters.capacity_filter.CapacityFilter");
        assertThat(capacity.get("source").asText()).isNotBlank();
        assertThat(root.get("broken")).isEmpty();
    }

    @Test
    void aPluginJarOnThePluginPathIsListedWithItsJar() throws Exception {
        Cli.Run run = Cli.run("drivers", "--plugin-path", plugins.toString());

        assertThat(run.exitCode()).as(run.all()).isZero();
        assertThat(run.out()).containsPattern("TierFilter +org\\.volsched\\.examples\\.tier\\.TierFilter +"
                + java.util.regex.Pattern.quote(tierJar.toAbsolutePath().toString()))
                .contains("volsched-example-tier");
        JsonNode json = MAPPER.readTree(Cli.run("drivers", "--json", "--plugin-path", tierJar.toString()).out());
        assertThat(json.get("filters")).anySatisfy(f -> {
            assertThat(f.get("name").asText()).isEqualTo("TierFilter");
            assertThat(f.get("plugin").asText()).isEqualTo("volsched-example-tier");
        });
    }

    @Test
    void aScenarioSelectsTheThirdPartyFilterFromItsConfig() throws Exception {
        Path file = write(dir, "tier.scenario.json", scenario(
                "{\"scheduler_default_filters\": [\"AvailabilityZoneFilter\", \"CapacityFilter\", \"TierFilter\"]}",
                10, "nova", GOLD_TYPE));

        Cli.Run with = Cli.run("schedule", "--plugin-path", plugins.toString(), file.toString());
        Cli.Run explained = Cli.run("explain", "--plugin-path", plugins.toString(), file.toString());
        Cli.Run without = Cli.run("schedule", file.toString());

        assertThat(with.exitCode()).as(with.all()).isZero();
        JsonNode decision = MAPPER.readTree(with.out());
        assertThat(decision.get("filtered")).extracting(JsonNode::asText).containsExactly("node1@lvm#fast");
        assertThat(decision.at("/selected/backend").asText()).isEqualTo("node1@lvm#fast");
        assertThat(explained.out()).contains("TierFilter rejected 1:")
                .containsPattern("node1@lvm#big +tier is 'silver', volume type requires 'gold' \\(example:tier\\)");
        assertThat(without.exitCode()).isEqualTo(Main.BAD_INPUT);
        assertThat(without.err()).contains(file + ": config.scheduler_default_filters[2]: unknown filter "
                + "'TierFilter'; available: AvailabilityZoneFilter");
    }

    @Test
    void theFilterIsAlsoSelectedByItsAliasThroughAConfigFile() throws Exception {
        Path file = write(dir, "tier.scenario.json", scenario("{}", 10, "nova", GOLD_TYPE));
        Path conf = write(dir, "cinder.conf", "[DEFAULT]\nscheduler_default_filters = "
                + "AvailabilityZoneFilter, org.volsched.examples.tier.TierFilter\n");

        Cli.Run run = Cli.run("schedule", "--config", conf.toString(), "--plugin-path", plugins.toString(),
                file.toString());

        assertThat(run.exitCode()).as(run.all()).isZero();
        assertThat(MAPPER.readTree(run.out()).get("filtered")).extracting(JsonNode::asText)
                .containsExactly("node1@lvm#fast");
    }

    @Test
    void aBrokenPluginJarIsSkippedAndListed() throws Exception {
        Path brokenDir = Files.createDirectory(dir.resolve("broken"));
        PluginJars.brokenPlugin(brokenDir);

        Cli.Run run = Cli.run("drivers", "--plugin-path", brokenDir.toString());

        assertThat(run.exitCode()).as(run.all()).isZero();
        assertThat(run.out()).contains("Plug-ins that failed to load (skipped)").contains("com.example.Missing")
                .containsPattern("CapacityFilter +cinder");
    }

    @Test
    void aMissingPluginDirectoryIsAnError() {
        Cli.Run run = Cli.run("drivers", "--plugin-path", dir.resolve("nope").toString());

        assertThat(run.exitCode()).isEqualTo(Main.BAD_INPUT);
        assertThat(run.err()).isEqualTo("volsched: --plugin-path " + dir.resolve("nope") + ": no such directory; "
                + "expected a directory of plug-in jars\n");
    }

    @Test
    void everyCommandThatSchedulesAcceptsThePluginPath() {
        for (String command : new String[] {"schedule", "explain", "pools", "validate", "demo", "drivers"}) {
            assertThat(Cli.run(command, "--help").out()).as(command).contains("--plugin-path=DIR");
        }
    }
}
