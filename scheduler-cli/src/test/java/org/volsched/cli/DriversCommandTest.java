package org.volsched.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.volsched.cli.TestScenarios.GOLD_TYPE;
import static org.volsched.cli.TestScenarios.scenario;
import static org.volsched.cli.TestScenarios.write;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.volsched.core.bootstrap.PluginRegistry;
import org.volsched.testing.LogCapture;

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
    void aBrokenPluginJarIsReportedOnceAndListedWithItsJarAndTheReason() throws Exception {
        Path brokenDir = Files.createDirectory(dir.resolve("broken"));
        Path missing = PluginJars.brokenPlugin(brokenDir);
        Path throwing = PluginJars.throwingPlugin(brokenDir);
        Path orphan = PluginJars.orphanPlugin(brokenDir);

        Cli.Run run;
        List<String> warnings;
        try (LogCapture log = LogCapture.of(PluginRegistry.class)) {
            run = Cli.run("drivers", "--plugin-path", brokenDir.toString());
            warnings = log.warnings();
        }

        assertThat(run.exitCode()).as(run.all()).isZero();
        assertThat(warnings).containsExactly(
                "Skipping scheduler plug-in com.example.Missing (" + missing.toAbsolutePath()
                        + "): Provider com.example.Missing not found",
                "Skipping scheduler plug-in com.example.orphan.OrphanPlugin (" + orphan.toAbsolutePath()
                        + "): its class cannot be loaded: java.lang.NoClassDefFoundError: com/example/orphan/Base",
                "Skipping scheduler plug-in com.example.throwing.ThrowingPlugin (" + throwing.toAbsolutePath()
                        + "): its construction failed: java.lang.IllegalStateException: licence file missing");
        assertThat(run.out()).contains("Plug-ins that failed to load (skipped)")
                .containsPattern("com\\.example\\.Missing +" + Pattern.quote(missing.toAbsolutePath().toString())
                        + " +Provider com\\.example\\.Missing not found")
                .containsPattern("com\\.example\\.throwing\\.ThrowingPlugin +"
                        + Pattern.quote(throwing.toAbsolutePath().toString())
                        + " +its construction failed: java\\.lang\\.IllegalStateException: licence file missing")
                .containsPattern("CapacityFilter +cinder")
                .doesNotContain(" ? ");
        JsonNode json;
        try (LogCapture log = LogCapture.of(PluginRegistry.class)) {
            json = MAPPER.readTree(Cli.run("drivers", "--json", "--plugin-path", missing.toString()).out());
            assertThat(log.warnings()).containsExactly("Skipping scheduler plug-in com.example.Missing ("
                    + missing.toAbsolutePath() + "): Provider com.example.Missing not found");
        }
        assertThat(json.get("broken")).singleElement().satisfies(b -> {
            assertThat(b.get("provider").asText()).isEqualTo("com.example.Missing");
            assertThat(b.get("source").asText()).isEqualTo(missing.toAbsolutePath().toString());
            assertThat(b.get("error").asText()).isEqualTo("Provider com.example.Missing not found");
        });
    }

    @Test
    void aBrokenPluginJarIsReportedOncePerCommandThatSchedules() throws Exception {
        Path brokenDir = Files.createDirectory(dir.resolve("broken"));
        PluginJars.brokenPlugin(brokenDir);
        Path file = write(dir, "small.scenario.json", scenario("{}", 10, "nova", GOLD_TYPE));

        for (String command : new String[] {"schedule", "explain", "validate", "pools", "bench"}) {
            List<String> args = new ArrayList<>(List.of(command, "--plugin-path", brokenDir.toString()));
            if (command.equals("bench")) {
                args.addAll(List.of("--decisions", "1", "--warmup", "0", "--warmup-seconds", "0"));
            }
            args.add(file.toString());
            Cli.Run run;
            List<String> warnings;
            try (LogCapture log = LogCapture.of(PluginRegistry.class)) {
                run = Cli.run(args.toArray(new String[0]));
                warnings = log.warnings();
            }
            assertThat(run.exitCode()).as(command + "\n" + run.all()).isZero();
            assertThat(warnings).as(command).singleElement().asString().contains("com.example.Missing");
        }
    }

    @Test
    void twoJarsProvidingTheSameNameAreListedAsAConflictWithBothJars() throws Exception {
        Path both = Files.createDirectory(dir.resolve("both"));
        Path tier = PluginJars.tierPlugin(both);
        Path copy = PluginJars.copyTierPlugin(both);

        Cli.Run run;
        List<String> warnings;
        try (LogCapture log = LogCapture.of(PluginRegistry.class)) {
            run = Cli.run("drivers", "--plugin-path", both.toString());
            warnings = log.warnings();
        }

        assertThat(run.exitCode()).as(run.all()).isZero();
        String conflict = "the filter name 'TierFilter' is provided twice: by plug-in copy-tier (" + copy.toAbsolutePath()
                + ") and by plug-in volsched-example-tier (" + tier.toAbsolutePath() + ")";
        assertThat(warnings).containsExactly(conflict + "; selecting it fails until one of the jars is removed or "
                + "one component renamed");
        assertThat(run.out()).containsPattern("CapacityFilter +cinder")
                .contains("Names provided twice (selecting one fails; the first plug-in is listed above)")
                .containsPattern("filter +TierFilter +copy-tier +" + Pattern.quote(copy.toAbsolutePath().toString()))
                .containsPattern("filter +TierFilter +volsched-example-tier +"
                        + Pattern.quote(tier.toAbsolutePath().toString()));
        JsonNode json;
        try (LogCapture log = LogCapture.of(PluginRegistry.class)) {
            json = MAPPER.readTree(Cli.run("drivers", "--json", "--plugin-path", both.toString()).out());
            assertThat(log.warnings()).singleElement().asString().contains("TierFilter", "selecting it fails");
        }
        assertThat(json.get("conflicts")).singleElement().satisfies(c -> {
            assertThat(c.get("kind").asText()).isEqualTo("filter");
            assertThat(c.get("name").asText()).isEqualTo("TierFilter");
            assertThat(c.get("providers")).extracting(p -> p.get("source").asText())
                    .containsExactly(copy.toAbsolutePath().toString(), tier.toAbsolutePath().toString());
        });
    }

    @Test
    void aConflictFailsOnlyTheScenariosThatSelectTheName() throws Exception {
        Path both = Files.createDirectory(dir.resolve("both"));
        Path tier = PluginJars.tierPlugin(both);
        Path copy = PluginJars.copyTierPlugin(both);
        Path plain = write(dir, "plain.scenario.json", scenario("{}", 10, "nova", GOLD_TYPE));
        Path tiered = write(dir, "tier.scenario.json", scenario(
                "{\"scheduler_default_filters\": [\"AvailabilityZoneFilter\", \"TierFilter\"]}", 10, "nova",
                GOLD_TYPE));

        Cli.Run ok;
        Cli.Run refused;
        Cli.Run validated;
        try (LogCapture log = LogCapture.of(PluginRegistry.class)) {
            ok = Cli.run("schedule", "--plugin-path", both.toString(), plain.toString());
            refused = Cli.run("schedule", "--plugin-path", both.toString(), tiered.toString());
            validated = Cli.run("validate", "--plugin-path", both.toString(), tiered.toString());
            assertThat(log.warnings()).hasSize(3).allSatisfy(w -> assertThat(w).contains("TierFilter", "selecting it fails"));
        }

        assertThat(ok.exitCode()).as(ok.all()).isZero();
        assertThat(MAPPER.readTree(ok.out()).at("/selected/backend").asText()).isNotBlank();
        String message = tiered + ": config.scheduler_default_filters: the filter name 'TierFilter' is provided "
                + "twice: by plug-in copy-tier (" + copy.toAbsolutePath() + ") and by plug-in volsched-example-tier ("
                + tier.toAbsolutePath() + "); remove one of the jars or rename one component";
        assertThat(refused.exitCode()).as(refused.all()).isEqualTo(Main.BAD_INPUT);
        assertThat(refused.err()).isEqualTo("volsched: " + message + "\n");
        assertThat(validated.exitCode()).as(validated.all()).isEqualTo(Main.BAD_INPUT);
        assertThat(validated.out()).contains("  error: " + message);
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
        for (String command : new String[] {"schedule", "explain", "pools", "validate", "demo", "drivers", "bench"}) {
            assertThat(Cli.run(command, "--help").out()).as(command).contains("--plugin-path=DIR");
        }
    }
}
