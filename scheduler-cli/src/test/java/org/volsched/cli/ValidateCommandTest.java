package org.volsched.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.volsched.cli.TestScenarios.placeable;
import static org.volsched.cli.TestScenarios.scenario;
import static org.volsched.cli.TestScenarios.write;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code volsched validate}: every problem of every file at once, errors and warnings apart. */
class ValidateCommandTest {
    /** A scenario with something wrong in nearly every part. */
    private static final String BROKEN = """
            {
              "config": {"scheduler_default_filters": ["AvailabilityZoneFilter", "CapacityFiltr"],
                         "scheduler_default_weighers": ["CapacityWeigher", "GoodnesWeigher"],
                         "scheduler_max_attempts": "three", "scheduler_defualt_filters": []},
              "backends": [
                {"host": "node1@lvm", "up": "yes", "capabilities": {"volume_backend_name": "lvm",
                  "pools": [{"pool_name": "p0", "total_capacity_gb": 100, "free_capacity_gb": 10,
                             "filter_function": "volume.size < 10 and volume.size > 1 and volume.size != 5",
                             "goodness_function": "(("}]}},
                {"cluster_name": 3}
              ],
              "request": {"request_spec": {"volume_properties": {"size": 1}, "volume_type": {"name": "gold",
                "extra_specs": {"capabilities:storage_protocol": "<in> iSCSI FC", "tier": "<all-in> gold silver",
                  "size_gb": "> 10", "disk": "= 100", "thin_provisioning_support": "True", "iops": "5000",
                  "proto": "<or> FC iSCSI", "provisioning:type": "= thin"}}}}
            }
            """;

    @TempDir
    Path dir;

    @Test
    void aCleanScenarioIsOk() {
        Path file = write(dir, "ok.scenario.json", placeable());

        Cli.Run run = Cli.run("validate", file.toString());

        assertThat(run.exitCode()).as(run.all()).isZero();
        assertThat(run.out()).isEqualTo(file + ": OK\n\n1 file checked: 0 errors, 0 warnings\n");
    }

    @Test
    void reportsEveryProblemOfAScenarioAtOnce() {
        Path file = write(dir, "broken.scenario.json", BROKEN);
        String f = file.toString();

        Cli.Run run = Cli.run("validate", f);

        assertThat(run.exitCode()).as(run.all()).isEqualTo(Main.BAD_INPUT);
        assertThat(run.out())
                .contains(f + ": 7 errors, 9 warnings")
                .contains("  error: " + f + ": backends[0].up: expected true or false, found a string \"yes\"")
                .contains("  error: " + f + ": backends[1].host: missing; expected a string such as \"node1@lvm\"")
                .contains("  error: " + f + ": backends[1].cluster_name: expected a string or null, found a number 3")
                .contains("  error: " + f + ": config.scheduler_max_attempts = 'three': expected an integer, found "
                        + "'three'")
                .contains("  error: " + f + ": config.scheduler_default_filters[1]: unknown filter 'CapacityFiltr'")
                .contains("did you mean 'CapacityFilter'?")
                .contains("  error: " + f + ": config.scheduler_default_weighers[1]: unknown weigher "
                        + "'GoodnesWeigher'")
                .contains("did you mean 'GoodnessWeigher'?")
                .contains("  error: " + f + ": config: unknown option 'scheduler_defualt_filters'; "
                        + "did you mean 'scheduler_default_filters'?")
                .contains("1 file checked: 7 errors, 9 warnings");
    }

    @Test
    void extraSpecQuirksSayWhatCinderDoes() {
        Path file = write(dir, "broken.scenario.json", BROKEN);
        String specs = "  warning: " + file + ": request.request_spec.volume_type.extra_specs.";

        Cli.Run run = Cli.run("validate", file.toString());

        assertThat(run.out())
                .contains(specs + "capabilities:storage_protocol: '<in> iSCSI FC': only the first operand word "
                        + "'iSCSI' is used, Cinder ignores FC")
                .contains(specs + "tier: '<all-in> gold silver': '<all-in>' is not an operator in Cinder")
                .contains(specs + "size_gb: '> 10': '>' alone is not an operator in Cinder: the whole string is "
                        + "compared with == to the capability")
                .contains(specs + "disk: '= 100': '=' means at least in Cinder (float(capability) >= 100), not "
                        + "equality")
                .contains(specs + "thin_provisioning_support: 'True': a plain value is compared with == as a "
                        + "string, type-sensitively: a capability reported as the boolean true does not equal it "
                        + "in Cinder; use '<is> True'")
                .contains(specs + "iops: '5000': a plain value is compared with == as a string")
                .contains(specs + "proto: '<or> FC iSCSI': Cinder reads the words after '<or>' as VALUE <or> VALUE")
                .doesNotContain("provisioning:type");
    }

    @Test
    void functionQuirksSayWhatCinderDoes() {
        Path file = write(dir, "broken.scenario.json", BROKEN);
        String pool = "  warning: " + file + ": backends[0].capabilities.pools[0].";

        Cli.Run run = Cli.run("validate", file.toString());

        assertThat(run.out())
                .contains(pool + "filter_function: char 0: AND chain with 3 operands: Cinder evaluates only the "
                        + "first two")
                .contains(pool + "goodness_function: '((' cannot be evaluated: ParseException")
                .contains("GoodnessWeigher rates the pool 0, as Cinder does");
    }

    @Test
    void warningsAloneExitZero() {
        Path file = write(dir, "w.scenario.json", scenario("{}", 10, "nova",
                "{\"name\": \"t\", \"extra_specs\": {\"multiattach\": \"True\"}}"));

        Cli.Run run = Cli.run("validate", file.toString());

        assertThat(run.exitCode()).as(run.all()).isZero();
        assertThat(run.out()).contains(file + ": 0 errors, 1 warning")
                .contains("multiattach: 'True': a plain value is compared with == as a string")
                .contains("1 file checked: 0 errors, 1 warning");
    }

    @Test
    void configurationFilesAreValidatedAsConfiguration() {
        Path props = write(dir, "bad.properties", "scheduler_driver = filtr\nscheduler_max_atempts = 3\n"
                + "capacity_weight_multiplier = x\n");
        Path conf = write(dir, "cinder.conf", "[DEFAULT]\nmy_ip = 10.0.0.1\nscheduler_weight_handler = Foo\n"
                + "scheduler_defualt_weighers = x\n[lvm]\nvolume_driver = x\n");
        Path good = write(dir, "good.properties", "scheduler_default_weighers = CapacityWeigher,VolumeNumberWeigher\n");

        Cli.Run run = Cli.run("validate", props.toString(), conf.toString(), good.toString());

        assertThat(run.exitCode()).as(run.all()).isEqualTo(Main.BAD_INPUT);
        assertThat(run.out())
                .contains(props + ": 3 errors, 0 warnings")
                .contains("  error: " + props + ":2: unknown option 'scheduler_max_atempts'; did you mean "
                        + "'scheduler_max_attempts'?")
                .contains("  error: " + props + ":3: capacity_weight_multiplier = 'x': expected a number, found 'x'")
                .contains("  error: " + props + ": scheduler_driver: unknown driver 'filtr'; available: chance, "
                        + "filter; did you mean 'filter'?")
                .contains(conf + ": 2 errors, 0 warnings")
                .contains("  error: " + conf + ":4: unknown option 'scheduler_defualt_weighers'; did you "
                        + "mean 'scheduler_default_weighers'?")
                .contains("  error: " + conf + ": scheduler_weight_handler: unknown weight handler 'Foo'; "
                        + "available: OrderedHostWeightHandler, StochasticHostWeightHandler")
                .contains(good + ": OK")
                .contains("3 files checked: 5 errors, 0 warnings");
    }

    @Test
    void theConfigOptionIsCheckedAndAppliedToEachScenario() {
        Path file = write(dir, "ok.scenario.json", placeable());
        Path conf = write(dir, "typo.properties", "scheduler_default_filters = CapacityFilter,TierFilter\n");

        Cli.Run run = Cli.run("validate", "--config", conf.toString(), file.toString());

        assertThat(run.exitCode()).as(run.all()).isEqualTo(Main.BAD_INPUT);
        assertThat(run.out()).contains("  error: " + conf + ": scheduler_default_filters[1]: unknown filter "
                + "'TierFilter'");
    }

    @Test
    void thePluginPathMakesThirdPartyNamesKnown(@TempDir Path plugins) {
        PluginJars.tierPlugin(plugins);
        Path file = write(dir, "tier.scenario.json", scenario("{\"scheduler_default_filters\": [\"TierFilter\"]}",
                10, "nova", "null"));

        assertThat(Cli.run("validate", file.toString()).exitCode()).isEqualTo(Main.BAD_INPUT);
        Cli.Run run = Cli.run("validate", "--plugin-path", plugins.toString(), file.toString());
        assertThat(run.exitCode()).as(run.all()).isZero();
    }

    @Test
    void unreadableFilesAreErrorsAndTheOthersAreStillChecked() {
        Path json = write(dir, "bad.scenario.json", "{\"backends\": [}");
        Path ok = write(dir, "ok.scenario.json", placeable());

        Cli.Run run = Cli.run("validate", json.toString(), dir.resolve("missing.scenario.json").toString(),
                ok.toString(), dir.resolve("missing.conf").toString());

        assertThat(run.exitCode()).isEqualTo(Main.BAD_INPUT);
        assertThat(run.out()).contains("  error: " + json + ":1:15: not valid JSON")
                .contains("  error: " + dir.resolve("missing.scenario.json") + ": no such file")
                .contains(ok + ": OK")
                .contains("  error: " + dir.resolve("missing.conf") + ": no such configuration file")
                .contains("4 files checked: 3 errors, 0 warnings");
    }

    @Test
    void validatesStandardInput() {
        Cli.Run run = Cli.runWithStdin(placeable(), "validate", "-");

        assertThat(run.exitCode()).as(run.all()).isZero();
        assertThat(run.out()).startsWith("<stdin>: OK");
    }
}
