package org.volsched.core.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.volsched.spi.InvalidConfiguration;
import org.volsched.spi.OptionDeclaration;

/** The scheduler's options: Cinder's defaults (HM1-HM4, FS1, M5, F8), every source, every error message. */
class SchedulerConfigTest {
    private static final String OVERRIDE = "override";

    @TempDir
    Path dir;

    private Path write(String name, String... lines) throws IOException {
        Path file = dir.resolve(name);
        Files.writeString(file, String.join("\n", lines) + "\n", StandardCharsets.UTF_8);
        return file;
    }

    private static InvalidConfiguration invalid(ThrowingCallable build) {
        InvalidConfiguration e = catchThrowableOfType(InvalidConfiguration.class, build);
        assertThat(e).as("expected an InvalidConfiguration").isNotNull();
        return e;
    }

    /**
     * volsched's options and the bundled plug-ins' declarations, as the scheduler resolves them (the
     * drivers are not on this module's class path; their own tests check these are their declarations).
     */
    static final OptionCatalog CATALOG = OptionCatalog.core()
            .with("driver filter of plug-in volsched-driver-filter", List.of(
                    OptionDeclaration.ofInt("scheduler_max_attempts", 3,
                            "Attempts to schedule a volume before giving up; 1 disables rescheduling.")))
            .with("weighers of plug-in capacity", List.of(
                    OptionDeclaration.ofDouble("capacity_weight_multiplier", 1.0, "CapacityWeigher multiplier."),
                    OptionDeclaration.ofDouble("allocated_capacity_weight_multiplier", -1.0,
                            "AllocatedCapacityWeigher multiplier."),
                    OptionDeclaration.ofDouble("volume_number_multiplier", -1.0, "VolumeNumberWeigher multiplier.")));

    private static SchedulerConfig.Builder builder() {
        return SchedulerConfig.builder().catalog(CATALOG);
    }

    private static SchedulerConfig withOverride(String key, Object value) {
        Map<String, Object> overrides = new LinkedHashMap<>();
        overrides.put(key, value);
        return builder().overrides(overrides, OVERRIDE).build();
    }

    private static Object defaultOf(String key) {
        return CATALOG.declaration(key).defaultValue();
    }

    /** Every option with the value that {@link #everyOptionSetExplicitly} gives it, none a default. */
    private static Map<String, Object> explicitValues() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("scheduler_driver", "chance");
        m.put("capacity_ledger", "shared");
        m.put("scheduler_default_filters", List.of("CapacityFilter", "DriverFilter", "CapacityFilter"));
        m.put("scheduler_default_weighers", List.of("GoodnessWeigher", "CapacityWeigher"));
        m.put("scheduler_weight_handler", "StochasticHostWeightHandler");
        m.put("scheduler_max_attempts", 5);
        m.put("capacity_weight_multiplier", -2.5);
        m.put("allocated_capacity_weight_multiplier", 0.5);
        m.put("volume_number_multiplier", 3.0);
        m.put("max_over_subscription_ratio", "auto");
        m.put("reserved_percentage", 10);
        m.put("storage_availability_zone", "zone-a");
        m.put("default_availability_zone", "zone-b");
        m.put("service_down_time", 120);
        m.put("scheduler_driver_init_wait_time", 5);
        m.put("scheduler_json_config_location", "/etc/cinder/scheduler.json");
        m.put("message_ttl", 3600);
        m.put("notification_driver", List.of("noop"));
        m.put("random_seed", 42L);
        m.put("host", "sched-7");
        return m;
    }

    @Test
    void defaultsAreCindersForEveryOption() {
        SchedulerConfig config = builder().build();

        Map<String, Object> expected = new LinkedHashMap<>();
        // M5: Cinder's cinder.scheduler.filter_scheduler.FilterScheduler, by its short name
        expected.put("scheduler_driver", "filter");
        expected.put("capacity_ledger", "memory");
        expected.put("scheduler_default_filters",
                List.of("AvailabilityZoneFilter", "CapacityFilter", "CapabilitiesFilter")); // HM1
        expected.put("scheduler_default_weighers", List.of("CapacityWeigher")); // HM2
        expected.put("scheduler_weight_handler", "OrderedHostWeightHandler"); // HM3
        expected.put("scheduler_max_attempts", 3); // FS1
        expected.put("capacity_weight_multiplier", 1.0); // HM4
        expected.put("allocated_capacity_weight_multiplier", -1.0);
        expected.put("volume_number_multiplier", -1.0);
        expected.put("max_over_subscription_ratio", "20.0");
        expected.put("reserved_percentage", 0);
        expected.put("storage_availability_zone", "nova");
        expected.put("default_availability_zone", null);
        expected.put("service_down_time", 60);
        expected.put("scheduler_driver_init_wait_time", 60); // M2
        expected.put("scheduler_json_config_location", ""); // FS2
        expected.put("message_ttl", 2_592_000); // F8
        expected.put("notification_driver", List.of("messagingv2"));
        expected.put("random_seed", null);
        expected.put("host", "volsched");

        assertThat(config.asMap()).containsExactlyInAnyOrderEntriesOf(expected);
        assertThat(config.schedulerDriver()).isEqualTo("filter");
        assertThat(config.filters()).containsExactly("AvailabilityZoneFilter", "CapacityFilter", "CapabilitiesFilter");
        assertThat(config.weighers()).containsExactly("CapacityWeigher");
        assertThat(config.getInt("scheduler_max_attempts")).isEqualTo(3);
        assertThat(config.getDouble("capacity_weight_multiplier")).isEqualTo(1.0);
        assertThat(config.getString("max_over_subscription_ratio")).isEqualTo("20.0");
        assertThat(config.getString("default_availability_zone")).isNull();
        assertThat(config.randomSeed()).isNull();
    }

    @Test
    void everyOptionIsDescribedWithItsDefault() {
        Map<String, String> described = SchedulerConfig.describeOptions();
        assertThat(described.keySet()).as("volsched's own options: what the core reads")
                .containsExactlyElementsOf(SchedulerConfig.defaults().asMap().keySet())
                .doesNotContain("capacity_weight_multiplier", "allocated_capacity_weight_multiplier",
                        "volume_number_multiplier", "scheduler_max_attempts");
        assertThat(SchedulerConfig.describeOptions(CATALOG)).containsKey("capacity_weight_multiplier");
        assertThat(described.get("scheduler_default_filters"))
                .startsWith("default AvailabilityZoneFilter,CapacityFilter,CapabilitiesFilter: ");
        assertThat(described.get("random_seed")).startsWith("default unset: ");
        assertThat(SchedulerConfig.defaultOf("service_down_time")).isEqualTo(60);
        assertThat(SchedulerConfig.isKnown("service_down_time")).isTrue();
        assertThat(SchedulerConfig.isKnown("scheduler_host_manager")).isFalse();
    }

    @Test
    void everyOptionSetExplicitly() throws IOException {
        Path file = write("volsched.properties",
                "# every option, none at its default",
                "scheduler_driver = chance",
                "capacity_ledger = shared",
                "scheduler_default_filters = CapacityFilter, DriverFilter ,CapacityFilter",
                "scheduler_default_weighers = GoodnessWeigher,CapacityWeigher",
                "scheduler_weight_handler = StochasticHostWeightHandler",
                "scheduler_max_attempts = 5",
                "capacity_weight_multiplier = -2.5",
                "allocated_capacity_weight_multiplier = 0.5",
                "volume_number_multiplier = 3",
                "max_over_subscription_ratio = auto",
                "reserved_percentage = 10",
                "storage_availability_zone = zone-a",
                "default_availability_zone = zone-b",
                "service_down_time = 120",
                "scheduler_driver_init_wait_time = 5",
                "scheduler_json_config_location = /etc/cinder/scheduler.json",
                "message_ttl = 3600",
                "notification_driver = noop",
                "random_seed = 42",
                "host = sched-7");

        SchedulerConfig config = builder().propertiesFile(file).build();

        Map<String, Object> expected = explicitValues();
        assertThat(config.asMap()).containsExactlyInAnyOrderEntriesOf(expected);
        expected.forEach((key, value) ->
                assertThat(value).as("%s is not at its default", key).isNotEqualTo(defaultOf(key)));
        assertThat(config.randomSeed()).isEqualTo(42L);
    }

    @Test
    void aCinderConfContributesItsDefaultSectionsSchedulerOptionsOnly() throws IOException {
        Path file = write("cinder.conf",
                "[DEFAULT]",
                "# comments and blank lines are skipped",
                "; this is a comment too",
                "",
                "transport_url = rabbit://cinder:secret@rabbit:5672/",
                "enabled_backends = lvm,ceph",
                "scheduler_host_manager = cinder.scheduler.host_manager.HostManager",
                "scheduler_default_filters = AvailabilityZoneFilter,CapacityFilter",
                "scheduler_max_attempts: 4",
                "capacity_weight_multiplier=-1.0",
                "",
                "[lvm]",
                "volume_driver = cinder.volume.drivers.lvm.LVMVolumeDriver",
                "reserved_percentage = 50",
                "scheduler_max_attempts = 9",
                "",
                "[database]",
                "connection = mysql+pymysql://cinder:secret@db/cinder");

        SchedulerConfig config = builder().cinderConf(file).build();

        assertThat(config.filters()).containsExactly("AvailabilityZoneFilter", "CapacityFilter");
        assertThat(config.getInt("scheduler_max_attempts")).isEqualTo(4);
        assertThat(config.getDouble("capacity_weight_multiplier")).isEqualTo(-1.0);
        assertThat(config.getInt("reserved_percentage")).as("the [lvm] section is ignored").isZero();
        assertThat(config.asMap()).as("nothing else changed")
                .containsAllEntriesOf(withoutKeys(builder().build().asMap(), "scheduler_default_filters",
                        "scheduler_max_attempts", "capacity_weight_multiplier"));
    }

    private static Map<String, Object> withoutKeys(Map<String, Object> map, String... keys) {
        Map<String, Object> copy = new LinkedHashMap<>(map);
        for (String key : keys) {
            copy.remove(key);
        }
        return copy;
    }

    @Test
    void aMisspeltSchedulerOptionInACinderConfIsReportedWithASuggestion() throws IOException {
        Path file = write("cinder.conf",
                "[DEFAULT]",
                "scheduler_default_filter = CapacityFilter",
                "[lvm]",
                "scheduler_max_atempts = 9");

        InvalidConfiguration e = invalid(() -> builder().cinderConf(file).build());

        assertThat(e.getMessage()).isEqualTo(file + ":2: unknown option 'scheduler_default_filter'; "
                + "did you mean 'scheduler_default_filters'?");
        assertThat(e.problems()).hasSize(1);
    }

    @Test
    void aCinderConfLineThatIsNotAnOptionIsReported() throws IOException {
        Path file = write("cinder.conf", "[DEFAULT]", "scheduler_max_attempts 4", "[broken");

        InvalidConfiguration e = invalid(() -> SchedulerConfig.builder().cinderConf(file).build());

        assertThat(e.problems()).containsExactly(
                file + ":2: expected 'key = value', found 'scheduler_max_attempts 4'",
                file + ":3: malformed section header '[broken' (expected [NAME])");
    }

    @Test
    void programmaticOverridesAreTypedLikeFileValues() {
        Map<String, Object> overrides = new LinkedHashMap<>();
        overrides.put("scheduler_max_attempts", 4L);
        overrides.put("scheduler_default_weighers", List.of("AllocatedCapacityWeigher", " VolumeNumberWeigher "));
        overrides.put("capacity_weight_multiplier", 2L);
        overrides.put("max_over_subscription_ratio", 1.5);
        overrides.put("random_seed", 7);
        overrides.put("default_availability_zone", null);

        SchedulerConfig config = builder().overrides(overrides, OVERRIDE).build();

        assertThat(config.get("scheduler_max_attempts")).isEqualTo(4);
        assertThat(config.weighers()).containsExactly("AllocatedCapacityWeigher", "VolumeNumberWeigher");
        assertThat(config.get("capacity_weight_multiplier")).isEqualTo(2.0);
        assertThat(config.get("max_over_subscription_ratio")).isEqualTo("1.5");
        assertThat(config.randomSeed()).isEqualTo(7L);
        assertThat(config.get("default_availability_zone")).as("null means the default").isNull();
    }

    @Test
    void laterSourcesWin() throws IOException {
        Path properties = write("volsched.properties", "scheduler_max_attempts = 2", "service_down_time = 30");
        Path cinderConf = write("cinder.conf", "[DEFAULT]", "scheduler_max_attempts = 6", "message_ttl = 10");

        SchedulerConfig config = builder()
                .propertiesFile(properties)
                .cinderConf(cinderConf)
                .overrides(Map.of("message_ttl", 20), OVERRIDE)
                .build();

        assertThat(config.getInt("scheduler_max_attempts")).isEqualTo(6);
        assertThat(config.getInt("service_down_time")).isEqualTo(30);
        assertThat(config.getInt("message_ttl")).isEqualTo(20);
    }

    @Test
    void withOverridesACopyAndKeepsTheOriginal() {
        SchedulerConfig base = withOverride("scheduler_max_attempts", 5);

        SchedulerConfig changed = base.with(Map.of("scheduler_driver", "chance"));

        assertThat(changed.getInt("scheduler_max_attempts")).isEqualTo(5);
        assertThat(changed.schedulerDriver()).isEqualTo("chance");
        assertThat(base.schedulerDriver()).isEqualTo("filter");
        assertThat(changed.with(Map.of()).asMap()).isEqualTo(changed.asMap());
    }

    @Test
    void aStringListOptionSplitsOnCommasAndDropsBlanks() {
        assertThat(withOverride("scheduler_default_filters", " A, B ,,C, ").filters()).containsExactly("A", "B", "C");
        assertThat(withOverride("scheduler_default_filters", "").filters()).as("no filters at all").isEmpty();
    }

    @Test
    void theRatioAcceptsAutoAndDecimalNumbers() {
        for (String ratio : List.of("auto", "20", "1.5", ".5", "007")) {
            assertThat(withOverride("max_over_subscription_ratio", ratio).getString("max_over_subscription_ratio"))
                    .isEqualTo(ratio);
        }
    }

    // --- errors, with their exact messages ----------------------------------------------------------------

    @Test
    void anUnknownKeySuggestsTheClosestOption() {
        InvalidConfiguration e = invalid(() -> withOverride("scheduler_max_attempt", 5));

        assertThat(e.getMessage())
                .isEqualTo("override: unknown option 'scheduler_max_attempt'; did you mean 'scheduler_max_attempts'?");
        assertThat(e.type()).isEqualTo("InvalidConfiguration");
    }

    @Test
    void anUnknownKeyInAPropertiesFileNamesTheFile() throws IOException {
        Path file = write("volsched.properties", "capacity_weight_multipler = 2");

        InvalidConfiguration e = invalid(() -> builder().propertiesFile(file).build());

        assertThat(e.getMessage()).isEqualTo(file + ":1: unknown option 'capacity_weight_multipler'; "
                + "did you mean 'capacity_weight_multiplier'?");
    }

    @Test
    void anUnknownKeyWithoutCloseMatchListsTheKnownOptions() {
        InvalidConfiguration e = invalid(() -> withOverride("xyzzy", 1));

        assertThat(e.getMessage()).isEqualTo("override: unknown option 'xyzzy'; known options: "
                + "allocated_capacity_weight_multiplier, capacity_ledger, capacity_weight_multiplier, default_availability_zone, "
                + "host, max_over_subscription_ratio, message_ttl, notification_driver, random_seed, "
                + "reserved_percentage, scheduler_default_filters, scheduler_default_weighers, scheduler_driver, "
                + "scheduler_driver_init_wait_time, scheduler_json_config_location, scheduler_max_attempts, "
                + "scheduler_weight_handler, service_down_time, storage_availability_zone, volume_number_multiplier");
    }

    @Test
    void aBadInteger() {
        assertThat(invalid(() -> withOverride("scheduler_max_attempts", "three")).getMessage())
                .isEqualTo("override: scheduler_max_attempts = 'three': expected an integer, found 'three'");
        assertThat(invalid(() -> withOverride("scheduler_max_attempts", 2.5)).getMessage())
                .isEqualTo("override: scheduler_max_attempts = 2.5: expected an integer, found 2.5");
        assertThat(invalid(() -> withOverride("scheduler_max_attempts", true)).getMessage())
                .isEqualTo("override: scheduler_max_attempts = True: expected an integer, found True");
        assertThat(invalid(() -> withOverride("message_ttl", "99999999999")).getMessage())
                .isEqualTo("override: message_ttl = '99999999999': expected an integer that fits 32 bits, "
                        + "found '99999999999'");
        assertThat(invalid(() -> withOverride("random_seed", "seed")).getMessage())
                .isEqualTo("override: random_seed = 'seed': expected an integer, found 'seed'");
    }

    @Test
    void anIntegerBelowItsMinimum() {
        assertThat(invalid(() -> withOverride("service_down_time", 0)).getMessage())
                .isEqualTo("override: service_down_time = 0: must be at least 1, found 0");
        assertThat(invalid(() -> withOverride("message_ttl", -1)).getMessage())
                .isEqualTo("override: message_ttl = -1: must be at least 0, found -1");
    }

    @Test
    void aBadFloat() {
        assertThat(invalid(() -> withOverride("capacity_weight_multiplier", "heavy")).getMessage())
                .isEqualTo("override: capacity_weight_multiplier = 'heavy': expected a number, found 'heavy'");
        assertThat(invalid(() -> withOverride("volume_number_multiplier", "nan")).getMessage())
                .isEqualTo("override: volume_number_multiplier = 'nan': expected a number, found NaN");
        assertThat(invalid(() -> withOverride("volume_number_multiplier", List.of(1L))).getMessage())
                .isEqualTo("override: volume_number_multiplier = [1]: expected a number, found [1]");
    }

    @Test
    void aRatioThatDoesNotMatchTheRegex() {
        for (String bad : List.of("1.5x", "-1", "5.", "AUTO", "1e3", "")) {
            assertThat(invalid(() -> withOverride("max_over_subscription_ratio", bad)).getMessage())
                    .as("ratio %s", bad)
                    .isEqualTo("override: max_over_subscription_ratio = '" + bad + "': must match auto|\\d*\\.\\d+|\\d+"
                            + ", found '" + bad + "'");
        }
    }

    @Test
    void aListOfSomethingElseThanNames() {
        assertThat(invalid(() -> withOverride("scheduler_default_filters", List.of("CapacityFilter", 3L)))
                .getMessage()).isEqualTo("override: scheduler_default_filters = ['CapacityFilter', 3]: "
                + "expected a list of names, found element 3");
        assertThat(invalid(() -> withOverride("scheduler_default_weighers", 5L)).getMessage())
                .isEqualTo("override: scheduler_default_weighers = 5: "
                        + "expected a comma-separated list of names, found 5");
    }

    @Test
    void everyProblemOfEverySourceIsReportedTogether() throws IOException {
        Path properties = write("volsched.properties", "scheduler_max_attempts = many", "service_down_time = 30");
        Path cinderConf = write("cinder.conf", "[DEFAULT]", "scheduler_default_weigher = CapacityWeigher");
        Map<String, Object> overrides = new LinkedHashMap<>();
        overrides.put("capacity_weight_multiplier", "heavy");
        overrides.put("schedulr_driver", "filter");

        InvalidConfiguration e = invalid(() -> builder()
                .propertiesFile(properties)
                .cinderConf(cinderConf)
                .overrides(overrides, OVERRIDE)
                .build());

        List<String> expected = List.of(
                cinderConf + ":2: unknown option 'scheduler_default_weigher'; did you mean 'scheduler_default_weighers'?",
                "override: unknown option 'schedulr_driver'; did you mean 'scheduler_driver'?",
                properties + ":1: scheduler_max_attempts = 'many': expected an integer, found 'many'",
                "override: capacity_weight_multiplier = 'heavy': expected a number, found 'heavy'");
        assertThat(e.problems()).containsExactlyElementsOf(expected);
        assertThat(e.getMessage()).isEqualTo("4 configuration problems:\n  - " + String.join("\n  - ", expected));
    }

    @Test
    void aMissingFileIsReported() {
        Path missing = dir.resolve("missing.properties");
        Path missingConf = dir.resolve("missing-cinder.conf");

        InvalidConfiguration e = invalid(() -> SchedulerConfig.builder()
                .propertiesFile(missing)
                .cinderConf(missingConf)
                .build());

        assertThat(e.problems()).containsExactly(missing + ": no such configuration file",
                missingConf + ": no such configuration file");
    }

    @Test
    void readingAnUnknownOptionIsAProgrammingError() {
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> SchedulerConfig.defaults().get("nope"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("unknown option 'nope': neither volsched nor a discovered plug-in declares it");
    }

    // --- options that plug-ins declare; keys set before the plug-ins are known -------------------------

    private static final OptionCatalog LATENCY = CATALOG.with("weigher LatencyWeigher of plug-in latency",
            List.of(OptionDeclaration.ofDouble("latency_weight_multiplier", 1.0, "LatencyWeigher multiplier.")
                    .atLeast(-10)));

    @Test
    void aPluginsOptionIsTypedAndValidatedFromEverySource() throws IOException {
        Path properties = write("volsched.properties", "latency_weight_multiplier = -2");
        Path cinderConf = write("cinder.conf", "[DEFAULT]", "latency_weight_multiplier = -3.5");

        assertThat(SchedulerConfig.builder().catalog(LATENCY).build().getDouble("latency_weight_multiplier"))
                .as("its declared default").isEqualTo(1.0);
        assertThat(SchedulerConfig.builder().catalog(LATENCY).propertiesFile(properties).build()
                .get("latency_weight_multiplier")).isEqualTo(-2.0);
        assertThat(SchedulerConfig.builder().catalog(LATENCY).cinderConf(cinderConf).build()
                .get("latency_weight_multiplier")).isEqualTo(-3.5);
        assertThat(SchedulerConfig.builder().catalog(LATENCY).set("latency_weight_multiplier", 4L, OVERRIDE).build()
                .get("latency_weight_multiplier")).isEqualTo(4.0);
        assertThat(invalid(() -> SchedulerConfig.builder().catalog(LATENCY)
                .set("latency_weight_multiplier", "fast", OVERRIDE).build()).getMessage())
                .isEqualTo("override: latency_weight_multiplier = 'fast': expected a number, found 'fast'");
        assertThat(invalid(() -> SchedulerConfig.builder().catalog(LATENCY)
                .set("latency_weight_multiplier", -11, OVERRIDE).build()).getMessage())
                .isEqualTo("override: latency_weight_multiplier = -11: must be at least -10, found -11");
    }

    @Test
    void aMisspeltPluginOptionIsCaughtInEverySourceWithItsPlace() throws IOException {
        Path properties = write("volsched.properties", "# latency", "", "latency_weight_multipler = -2");
        Path cinderConf = write("cinder.conf", "[DEFAULT]", "debug = true", "latency_weigth_multiplier = -2");

        assertThat(invalid(() -> SchedulerConfig.builder().catalog(LATENCY).propertiesFile(properties).build())
                .problems()).containsExactly(properties + ":3: unknown option 'latency_weight_multipler'; "
                + "did you mean 'latency_weight_multiplier'?");
        assertThat(invalid(() -> SchedulerConfig.builder().catalog(LATENCY).cinderConf(cinderConf).build())
                .problems()).as("a cinder.conf ignores 'debug' (another service's) but not a near miss")
                .containsExactly(cinderConf + ":3: unknown option 'latency_weigth_multiplier'; "
                        + "did you mean 'latency_weight_multiplier'?");
        assertThat(invalid(() -> SchedulerConfig.builder().catalog(LATENCY)
                .set("latency_weight_multiplyer", 1, "x.scenario.json: config").build()).problems())
                .containsExactly("x.scenario.json: config: unknown option 'latency_weight_multiplyer'; "
                        + "did you mean 'latency_weight_multiplier'?");
    }

    @Test
    void keysSetBeforeThePluginsAreKnownAreKeptAndResolvedLater() throws IOException {
        Path cinderConf = write("cinder.conf", "[DEFAULT]", "latency_weight_multiplier = -2", "debug = true",
                "capacity_weight_multipler = 3");
        SchedulerConfig early = SchedulerConfig.builder().cinderConf(cinderConf)
                .set("anything", 1, OVERRIDE).build();

        assertThat(early.isResolved()).isFalse();
        assertThat(early.undeclared()).extracting(SchedulerConfig.Setting::key)
                .containsExactly("latency_weight_multiplier", "debug", "capacity_weight_multipler", "anything");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> early.get("latency_weight_multiplier"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("not resolved");

        InvalidConfiguration e = invalid(() -> early.resolve(LATENCY));

        assertThat(e.problems()).containsExactly(
                cinderConf + ":4: unknown option 'capacity_weight_multipler'; did you mean 'capacity_weight_multiplier'?",
                "override: unknown option 'anything'; known options: " + String.join(", ",
                        LATENCY.options().keySet().stream().sorted().toList()));
        Path good = write("good-cinder.conf", "[DEFAULT]", "latency_weight_multiplier = -2", "debug = true");
        SchedulerConfig resolved = SchedulerConfig.builder().cinderConf(good).build().resolve(LATENCY);
        assertThat(resolved.isResolved()).isTrue();
        assertThat(resolved.undeclared()).isEmpty();
        assertThat(resolved.getDouble("latency_weight_multiplier")).isEqualTo(-2.0);
    }

    @Test
    void twoPluginsDeclaringOneOptionDifferentlyIsAnErrorNamingBothWhereTheOptionIsSet() {
        OptionCatalog clash = LATENCY.with("weigher SlowWeigher of plug-in slow",
                List.of(OptionDeclaration.ofInt("latency_weight_multiplier", 1, "Slow multiplier.")));
        OptionCatalog same = LATENCY.with("weigher Twin of plug-in twin",
                List.of(OptionDeclaration.ofDouble("latency_weight_multiplier", 1.0, "Other help text.")
                        .atLeast(-10)));

        assertThat(same.conflicts()).as("an identical declaration is shared").isEmpty();
        assertThat(SchedulerConfig.defaults().resolve(clash).getString("scheduler_driver"))
                .as("not set: the configuration resolves (start-up fails only if it selects either weigher)")
                .isEqualTo("filter");
        assertThat(invalid(() -> SchedulerConfig.builder().set("latency_weight_multiplier", "2", "test").build()
                .resolve(clash)).problems()).containsExactly(
                "option 'latency_weight_multiplier' is declared differently by weigher LatencyWeigher of plug-in "
                        + "latency as latency_weight_multiplier (float, default 1.0, at least -10.0) and by weigher "
                        + "SlowWeigher of plug-in slow as latency_weight_multiplier (int, default 1); the two must "
                        + "declare it identically, or one must rename it");
    }
}
