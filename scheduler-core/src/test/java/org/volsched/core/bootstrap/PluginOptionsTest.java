package org.volsched.core.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.volsched.core.config.SchedulerConfig;
import org.volsched.spi.InvalidConfiguration;
import org.volsched.spi.OptionDeclaration;
import org.volsched.spi.SchedulerPlugin;
import org.volsched.spi.WeigherFactory;

/** The registry's option catalog: plug-ins' declarations merged with volsched's, conflicts named. */
class PluginOptionsTest {
    /** The registry's warnings, captured (and asserted where a test expects one) instead of printed. */
    private final ch.qos.logback.core.read.ListAppender<ch.qos.logback.classic.spi.ILoggingEvent> warnings =
            new ch.qos.logback.core.read.ListAppender<>();
    private final ch.qos.logback.classic.Logger registryLog =
            (ch.qos.logback.classic.Logger) org.slf4j.LoggerFactory.getLogger(PluginRegistry.class);

    @org.junit.jupiter.api.BeforeEach
    void captureWarnings() {
        warnings.start();
        registryLog.addAppender(warnings);
        registryLog.setAdditive(false);
    }

    @org.junit.jupiter.api.AfterEach
    void releaseWarnings() {
        registryLog.detachAppender(warnings);
        registryLog.setAdditive(true);
    }

    /** A plug-in of one weigher declaring {@code options}; the weigher is never built here. */
    private static SchedulerPlugin plugin(String pluginName, String weigher, OptionDeclaration... options) {
        return new SchedulerPlugin() {
            @Override
            public String pluginName() {
                return pluginName;
            }

            @Override
            public List<WeigherFactory> weigherFactories() {
                return List.of(WeigherFactory.of(weigher, List.of(), List.of(options), context -> {
                    throw new AssertionError("not selected, never built");
                }));
            }
        };
    }

    private static final OptionDeclaration LATENCY = OptionDeclaration.ofDouble("latency_weight_multiplier", 1.0,
            "LatencyWeigher multiplier.");

    @Test
    void theCatalogHoldsVolschedsOptionsAndEachPluginsWithItsOwner() {
        PluginRegistry registry = PluginRegistry.of(List.of(plugin("latency", "LatencyWeigher", LATENCY),
                plugin("twin", "TwinWeigher", OptionDeclaration.ofDouble("latency_weight_multiplier", 1.0,
                        "The same option, shared."))), List.of());

        assertThat(registry.options().options().get("latency_weight_multiplier").owner())
                .startsWith("weigher LatencyWeigher of plug-in latency (");
        assertThat(registry.options().options().get("service_down_time").owner()).isEqualTo("volsched");
        assertThat(registry.options().conflicts()).as("declared identically: one shared option").isEmpty();
    }

    private static final List<SchedulerPlugin> LATENCY_AND_SLOW = List.of(plugin("latency", "LatencyWeigher", LATENCY),
            plugin("slow", "SlowWeigher", OptionDeclaration.ofInt("latency_weight_multiplier", 1, "Slow.")));

    /** Builds a scheduler with {@code plugins} and {@code config}; the failure it gives, or null. */
    private static InvalidConfiguration startUp(List<SchedulerPlugin> plugins, SchedulerConfig config) {
        return catchThrowableOfType(InvalidConfiguration.class,
                () -> Scheduler.builder().plugins(plugins).config(config).build());
    }

    @Test
    void twoPluginsDeclaringAnOptionDifferentlyAreListedNamingBoth() {
        PluginRegistry registry = PluginRegistry.of(LATENCY_AND_SLOW, List.of());

        assertThat(warnings.list).as("logged once, as a warning").singleElement()
                .extracting(e -> e.getFormattedMessage()).asString()
                .startsWith("option 'latency_weight_multiplier' is declared differently")
                .endsWith("a configuration that sets it or selects either component fails until then");

        assertThat(registry.options().conflicts()).singleElement().asString()
                .startsWith("option 'latency_weight_multiplier' is declared differently by weigher LatencyWeigher "
                        + "of plug-in latency (")
                .contains("as latency_weight_multiplier (float, default 1.0) and by weigher SlowWeigher of plug-in "
                        + "slow (")
                .endsWith("as latency_weight_multiplier (int, default 1); the two must declare it identically, or "
                        + "one must rename it");
    }

    @Test
    void theConflictFailsAConfigurationThatSetsTheOption() {
        PluginRegistry registry = PluginRegistry.of(LATENCY_AND_SLOW, List.of());

        InvalidConfiguration e = catchThrowableOfType(InvalidConfiguration.class, () -> SchedulerConfig.builder()
                .catalog(registry.options()).set("latency_weight_multiplier", "2", "site.properties").build());

        assertThat(e).isNotNull();
        assertThat(e.problems()).singleElement().asString().startsWith("option 'latency_weight_multiplier' is "
                + "declared differently by weigher LatencyWeigher");
    }

    @Test
    void theConflictFailsTheStartUpOfAConfigurationThatSelectsEitherComponent() {
        InvalidConfiguration e = startUp(LATENCY_AND_SLOW, SchedulerConfig.builder()
                .set("scheduler_default_weighers", "SlowWeigher", "test").build());

        assertThat(e).isNotNull();
        assertThat(e.problems()).anySatisfy(p -> assertThat(p).startsWith("option 'latency_weight_multiplier' is "
                + "declared differently"));
    }

    @Test
    void theConflictDoesNotStopAConfigurationThatUsesNeither() {
        PluginRegistry registry = PluginRegistry.of(LATENCY_AND_SLOW, List.of());

        SchedulerConfig config = SchedulerConfig.builder().catalog(registry.options())
                .set("scheduler_default_weighers", "LatencyWeigherTwin", "test").build();

        assertThat(config.weighers()).containsExactly("LatencyWeigherTwin");
        assertThat(registry.optionConflictsFor("filter", List.of("CapacityFilter"), List.of("CapacityWeigher"),
                "memory")).isEmpty();
    }

    @Test
    void aPluginRedeclaringOneOfVolschedsOptionsFailsOnlyWhereItMatters() {
        List<SchedulerPlugin> hosty = List.of(plugin("hosty", "HostWeigher",
                OptionDeclaration.ofInt("host", 1, "A number.")));
        PluginRegistry registry = PluginRegistry.of(hosty, List.of());

        assertThat(registry.options().conflicts()).singleElement().asString()
                .startsWith("option 'host' is declared differently by volsched as host (string, default volsched) "
                        + "and by weigher HostWeigher of plug-in hosty (");
        assertThat(startUp(hosty, SchedulerConfig.builder().set("scheduler_default_weighers", "HostWeigher", "test")
                .build())).isNotNull();
    }

    @Test
    void theSchedulerResolvesAConfigurationBuiltBeforeThePluginsWereKnown() {
        SchedulerConfig early = SchedulerConfig.builder().set("latency_weight_multiplier", "-2.5", "embedding")
                .build();
        assertThat(early.undeclared()).extracting(SchedulerConfig.Setting::key)
                .containsExactly("latency_weight_multiplier");

        SchedulerConfig resolved = early.resolve(PluginRegistry.of(List.of(plugin("latency", "LatencyWeigher",
                LATENCY)), List.of()).options());

        assertThat(resolved.getDouble("latency_weight_multiplier")).isEqualTo(-2.5);
        assertThat(resolved.undeclared()).isEmpty();
    }
}
