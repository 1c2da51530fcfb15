package org.volsched.core.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.google.inject.Key;
import com.google.inject.Module;
import com.google.inject.TypeLiteral;
import com.google.inject.multibindings.OptionalBinder;
import java.io.IOException;
import java.net.URLClassLoader;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.volsched.core.bootstrap.fixtures.AcmePlugin;
import org.volsched.core.bootstrap.fixtures.BrokenPlugin;
import org.volsched.core.bootstrap.fixtures.CopycatPlugin;
import org.volsched.core.config.SchedulerConfig;
import org.volsched.spi.CapacityLedger;
import org.volsched.spi.OptionDeclaration;
import org.volsched.spi.CapacityLedgerFactory;
import org.volsched.core.host.InMemoryCapacityLedger;
import org.volsched.core.memory.InMemoryFailureNotifier;
import org.volsched.core.memory.InMemoryUserMessages;
import org.volsched.core.memory.InMemoryVolumeCounter;
import org.volsched.core.memory.InMemoryVolumeDispatcher;
import org.volsched.core.memory.InMemoryVolumeLookup;
import org.volsched.core.memory.InMemoryVolumeStore;
import org.volsched.spi.FailureNotifier;
import org.volsched.spi.InstanceLookup;
import org.volsched.spi.InvalidConfiguration;
import org.volsched.spi.NoValidBackend;
import org.volsched.spi.SchedulerException;
import org.volsched.spi.SchedulerPlugin;
import org.volsched.spi.UserMessages;
import org.volsched.spi.VolumeCounter;
import org.volsched.spi.VolumeDispatcher;
import org.volsched.spi.VolumeLookup;
import org.volsched.spi.VolumeStore;
import org.volsched.spi.WeigherFactory;
import org.volsched.spi.model.DecisionTrace;
import org.volsched.spi.model.FilterProperties;
import org.volsched.spi.model.RequestContext;
import org.volsched.spi.model.RequestSpec;
import org.volsched.spi.model.ServiceInfo;
import org.volsched.spi.model.Volume;
import org.volsched.testing.LogCapture;
import org.volsched.testing.Plugins;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.volsched.core.flow.LoggingFlowListener;
import org.volsched.core.flow.ScheduleCreateVolumeTask;
import org.volsched.testing.CapturedLogs;

/**
 * Plug-in discovery and wiring: fixture plug-ins found through {@link java.util.ServiceLoader}
 * from {@code fixture-plugins/<case>/META-INF/services}, which is not on the default test class
 * path, selected by configuration and used by {@link Scheduler#createVolume}.
 */
class BootstrapTest {
    private static final Instant NOW = Instant.parse("2024-05-01T12:00:00Z");
    private static final RequestContext CONTEXT = new RequestContext("p1", "u1", "req-1", false);
    private static final String NODE1 = "node1@lvm";

    private final List<URLClassLoader> loaders = new ArrayList<>();

    /** Requests that fail are logged by the flow; the tests that make them assert what was logged. */
    @RegisterExtension
    final CapturedLogs flowLogs = CapturedLogs.of(ScheduleCreateVolumeTask.class, LoggingFlowListener.class).expecting(
            "Failed to run task cinder\\.scheduler\\.flows\\.create_volume\\.ScheduleCreateVolumeTask;volume:create: .+",
            "Task 'cinder\\.scheduler\\.flows\\.create_volume\\.ScheduleCreateVolumeTask;volume:create' of flow "
                    + "'volume_create_scheduler' went to FAILURE: .+");

    @AfterEach
    void closeLoaders() throws IOException {
        for (URLClassLoader loader : loaders) {
            loader.close();
        }
    }

    // --- fixtures ------------------------------------------------------------------------------

    /** A class loader that sees the services file of fixture case {@code name} and the test classes. */
    private ClassLoader fixturePlugins(String name) {
        URLClassLoader loader = Plugins.withServicesFrom("fixture-plugins/" + name, BootstrapTest.class.getClassLoader());
        loaders.add(loader);
        return loader;
    }

    private static SchedulerConfig config(Object... keysAndValues) {
        Map<String, Object> overrides = new LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            overrides.put((String) keysAndValues[i], keysAndValues[i + 1]);
        }
        return SchedulerConfig.builder().overrides(overrides, "test").build();
    }

    /** A scheduler over the third-party fixture, with the ACME driver, filter and weigher selected. */
    private Scheduler.Builder acme(Object... extraConfig) {
        List<Object> settings = new ArrayList<>(List.of(
                "scheduler_driver", AcmePlugin.DRIVER,
                "scheduler_default_filters", List.of(AcmePlugin.FILTER),
                "scheduler_default_weighers", List.of(AcmePlugin.WEIGHER)));
        settings.addAll(List.of(extraConfig));
        return Scheduler.builder()
                .classLoader(fixturePlugins("third-party"))
                .config(config(settings.toArray()))
                .clock(Clock.fixed(NOW, ZoneOffset.UTC));
    }

    /** Backend {@code node1@lvm}, up, with pools a (certified, score 1), b (certified, 5), c (not, 9). */
    private static void acmeFleet(Scheduler scheduler) {
        scheduler.hostManager().updateService(new ServiceInfo(NODE1, null, "nova", false, false, NOW));
        scheduler.hostManager().updateServiceCapabilities("volume", NODE1, null, Map.of("pools", List.of(
                pool("a", true, 1L), pool("b", true, 5L), pool("c", false, 9L))), NOW);
    }

    private static Map<String, Object> pool(String name, boolean certified, long score) {
        return Map.of("pool_name", name, "total_capacity_gb", 100L, "free_capacity_gb", 100L,
                "acme_certified", certified, "acme_score", score);
    }

    private static DecisionTrace createVolume(Scheduler scheduler, String volumeId) {
        RequestSpec spec = RequestSpec.of(volumeId, 10, "nova", null);
        Volume volume = new Volume(volumeId, 10L, "nova", null, null, "p1", "u1");
        return scheduler.createVolume(CONTEXT, spec, new FilterProperties(), volume, null, null, null,
                DecisionTrace.outcomeOnly());
    }

    private static AcmePlugin acmePlugin(Scheduler scheduler) {
        return scheduler.registry().plugins().stream().filter(AcmePlugin.class::isInstance)
                .map(AcmePlugin.class::cast).findFirst().orElseThrow();
    }

    private static InMemoryVolumeDispatcher dispatcher(Scheduler scheduler) {
        return (InMemoryVolumeDispatcher) scheduler.injector().getInstance(VolumeDispatcher.class);
    }

    private static InMemoryVolumeStore volumes(Scheduler scheduler) {
        return (InMemoryVolumeStore) scheduler.injector().getInstance(VolumeStore.class);
    }

    // --- discovery -------------------------------------------------------------------------------

    @Test
    void theFixturePluginsAreNotOnTheDefaultClassPath() {
        assertThat(PluginRegistry.load(BootstrapTest.class.getClassLoader()).plugins()).isEmpty();
    }

    @Test
    void aThirdPartyDriverSelectedByNameSchedulesTheVolume() {
        Scheduler scheduler = acme().build();
        acmeFleet(scheduler);

        DecisionTrace trace = createVolume(scheduler, "vol-1");

        assertThat(scheduler.driver().name()).isEqualTo(AcmePlugin.DRIVER);
        assertThat(trace.failure()).isNull();
        assertThat(trace.selected().backend()).isEqualTo("node1@lvm#b");
        assertThat(dispatcher(scheduler).dispatched()).singleElement().satisfies(dispatch -> {
            assertThat(dispatch.volumeId()).isEqualTo("vol-1");
            assertThat(dispatch.host()).isEqualTo("node1@lvm#b");
        });
        assertThat(volumes(scheduler).volume("vol-1").host()).isEqualTo("node1@lvm#b");
    }

    @Test
    void aThirdPartyDriverSelectedByItsAlias() {
        Scheduler scheduler = acme("scheduler_driver", AcmePlugin.DRIVER_ALIAS).build();
        acmeFleet(scheduler);

        createVolume(scheduler, "vol-1");

        assertThat(scheduler.driver().name()).isEqualTo(AcmePlugin.DRIVER);
        assertThat(dispatcher(scheduler).dispatched()).extracting(InMemoryVolumeDispatcher.Dispatch::host)
                .containsExactly("node1@lvm#b");
    }

    @Test
    void aThirdPartyDriverSelectedByTheClassNameOfItsClassPath() {
        Scheduler scheduler = acme("scheduler_driver", "AcmeScheduler").build();
        acmeFleet(scheduler);

        createVolume(scheduler, "vol-1");

        assertThat(scheduler.driver().name()).isEqualTo(AcmePlugin.DRIVER);
    }

    @Test
    void aClassNameTwoComponentsDeriveClashesOnlyWhenSelectedAndAnExplicitNameWins() {
        SchedulerPlugin twins = new SchedulerPlugin() {
            @Override
            public String pluginName() {
                return "twins";
            }

            @Override
            public List<WeigherFactory> weigherFactories() {
                return List.of(
                        WeigherFactory.of("One", List.of("a.Same"), context -> { throw new AssertionError(); }),
                        WeigherFactory.of("Two", List.of("b.Same", "b.One"), context -> { throw new AssertionError(); }));
            }
        };
        ch.qos.logback.classic.Logger log =
                (ch.qos.logback.classic.Logger) org.slf4j.LoggerFactory.getLogger(PluginRegistry.class);
        ch.qos.logback.core.read.ListAppender<ch.qos.logback.classic.spi.ILoggingEvent> warnings =
                new ch.qos.logback.core.read.ListAppender<>();
        warnings.start();
        log.addAppender(warnings);
        log.setAdditive(false);
        PluginRegistry registry;
        try {
            registry = PluginRegistry.of(List.of(twins), List.of());
        } finally {
            log.detachAppender(warnings);
            log.setAdditive(true);
        }

        assertThat(warnings.list).singleElement().extracting(e -> e.getFormattedMessage()).asString()
                .startsWith("the weigher name 'Same' is provided twice");
        assertThat(registry.weighers().get("One").name()).as("an explicit name is not taken by a derived one")
                .isEqualTo("One");
        assertThat(registry.conflicts()).singleElement().satisfies(c -> {
            assertThat(c.name()).isEqualTo("Same");
            assertThat(c.providers()).extracting(PluginRegistry.Entry::name).containsExactly("One", "Two");
            assertThat(c.describe()).as("one plug-in twice: its components are named")
                    .contains("by component 'One' of plug-in twins (").contains("and by component 'Two' of plug-in twins (");
        });
        assertThat(registry.conflictsIn("scheduler_default_weighers", "weigher", List.of("Same"))).hasSize(1);
        assertThat(registry.conflictsIn("scheduler_default_weighers", "weigher", List.of("One"))).isEmpty();
    }

    @ParameterizedTest(name = "filter {0}, weigher {1}")
    @CsvSource({
        "AcmeFilter, com.acme.weights.AcmeWeigher",
        "com.acme.filters.AcmeFilter, AcmeWeigher",
    })
    void aThirdPartyFilterAndWeigherSelectedByNameOrAlias(String filter, String weigher) {
        Scheduler scheduler = acme("scheduler_default_filters", List.of(filter),
                "scheduler_default_weighers", List.of(weigher)).build();
        acmeFleet(scheduler);

        DecisionTrace trace = createVolume(scheduler, "vol-1");

        assertThat(trace.filtered()).extracting(p -> p.poolName()).containsExactly("a", "b");
        assertThat(trace.weighed()).extracting(w -> w.pool().poolName()).containsExactly("b", "a");
        assertThat(dispatcher(scheduler).dispatched()).extracting(InMemoryVolumeDispatcher.Dispatch::host)
                .containsExactly("node1@lvm#b");
    }

    @Test
    void theRegistryListsEveryComponentByNameAndAlias() {
        PluginRegistry registry = PluginRegistry.load(fixturePlugins("third-party"));

        assertThat(registry.plugins()).extracting(p -> p.pluginName()).containsExactly(AcmePlugin.PLUGIN_NAME);
        assertThat(registry.drivers()).as("the class at the end of an alias's class path is an alias too")
                .containsOnlyKeys(AcmePlugin.DRIVER, AcmePlugin.DRIVER_ALIAS, "AcmeScheduler",
                        AcmePlugin.UNSELECTED_DRIVER);
        assertThat(registry.filters()).containsOnlyKeys(AcmePlugin.FILTER, AcmePlugin.FILTER_ALIAS);
        assertThat(registry.weighers()).containsOnlyKeys(AcmePlugin.WEIGHER, AcmePlugin.WEIGHER_ALIAS);
        assertThat(registry.drivers().get(AcmePlugin.DRIVER_ALIAS).name()).isEqualTo(AcmePlugin.DRIVER);
        assertThat(PluginRegistry.distinct(registry.drivers())).extracting(PluginRegistry.Entry::name)
                .containsExactly(AcmePlugin.DRIVER, AcmePlugin.UNSELECTED_DRIVER);
        assertThat(registry.broken()).isEmpty();
    }

    @Test
    void onlyTheSelectedComponentsAreConstructedAndEachOnce() {
        Scheduler scheduler = acme().build();
        AcmePlugin plugin = acmePlugin(scheduler);

        assertThat(plugin.timesCreated(AcmePlugin.DRIVER)).isEqualTo(1);
        assertThat(plugin.timesCreated(AcmePlugin.UNSELECTED_DRIVER)).isZero();
        assertThat(plugin.timesCreated(AcmePlugin.FILTER)).as("the configured filters are built at start-up")
                .isEqualTo(1);
        assertThat(plugin.timesCreated(AcmePlugin.WEIGHER)).as("and the configured weighers").isEqualTo(1);

        acmeFleet(scheduler);
        createVolume(scheduler, "vol-1");
        createVolume(scheduler, "vol-2");

        assertThat(plugin.timesCreated(AcmePlugin.DRIVER)).isEqualTo(1);
        assertThat(plugin.timesCreated(AcmePlugin.UNSELECTED_DRIVER)).isZero();
        assertThat(plugin.timesCreated(AcmePlugin.FILTER)).isEqualTo(1);
        assertThat(plugin.timesCreated(AcmePlugin.WEIGHER)).isEqualTo(1);
    }

    @Test
    void aPluginsOwnModuleIsInstalled() {
        Scheduler scheduler = acme().build();
        assertThat(scheduler.injector().getInstance(AcmePlugin.AcmeSettings.class).tier()).isEqualTo("gold");
    }

    // --- names that do not resolve -------------------------------------------------------------------

    @Test
    void anUnknownDriverFailsListingTheAvailableNamesSorted() {
        InvalidConfiguration e = catchThrowableOfType(InvalidConfiguration.class,
                () -> acme("scheduler_driver", "nope").build());

        assertThat(e).isNotNull();
        assertThat(e.getMessage()).isEqualTo("scheduler_driver: unknown driver 'nope'; available: acme, acme-spare");
    }

    @Test
    void anUnknownDriverCloseToAKnownNameGetsASuggestion() {
        InvalidConfiguration e = catchThrowableOfType(InvalidConfiguration.class,
                () -> acme("scheduler_driver", "acme-spar").build());

        assertThat(e.getMessage()).isEqualTo("scheduler_driver: unknown driver 'acme-spar'; available: acme, "
                + "acme-spare; did you mean 'acme-spare'?");
    }

    @Test
    void anUnknownWeightHandlerFailsAtStartUp() {
        InvalidConfiguration e = catchThrowableOfType(InvalidConfiguration.class,
                () -> acme("scheduler_weight_handler", "FancyHostWeightHandler").build());

        assertThat(e.getMessage()).isEqualTo("scheduler_weight_handler: unknown weight handler "
                + "'FancyHostWeightHandler'; available: OrderedHostWeightHandler, StochasticHostWeightHandler");
    }

    @Test
    void theWeightHandlersAreFoundByShortNameAndCinderClassPath() {
        for (String handler : List.of("OrderedHostWeightHandler", "cinder.scheduler.weights.OrderedHostWeightHandler",
                "StochasticHostWeightHandler", "cinder.scheduler.weights.stochastic.StochasticHostWeightHandler")) {
            Scheduler scheduler = acme("scheduler_weight_handler", handler).build();
            acmeFleet(scheduler);
            assertThat(createVolume(scheduler, "vol-1").failure()).as(handler).isNull();
        }
    }

    @Test
    void anUnknownFilterFailsEveryRequestWithCindersMessage() {
        Scheduler scheduler = acme("scheduler_default_filters", List.of(AcmePlugin.FILTER, "RetryFilter",
                "NoSuchFilter")).build();
        acmeFleet(scheduler);

        SchedulerException e = catchThrowableOfType(SchedulerException.class, () -> createVolume(scheduler, "vol-1"));

        assertThat(e).isNotNull().isNotInstanceOf(NoValidBackend.class);
        assertThat(e.type()).isEqualTo("SchedulerHostFilterNotFound");
        assertThat(e.getMessage()).isEqualTo("Scheduler Host Filter RetryFilter, NoSuchFilter could not be found.");
        assertThat(e.getCause()).isInstanceOf(InvalidConfiguration.class).hasMessageStartingWith(
                "scheduler_default_filters: unknown filter 'RetryFilter, NoSuchFilter'; available: AcmeFilter");
        assertThat(volumes(scheduler).volume("vol-1").errored()).isTrue();
        assertThat(dispatcher(scheduler).dispatched()).isEmpty();
        assertThat(flowLogs.errors()).singleElement().asString()
                .endsWith(": Scheduler Host Filter RetryFilter, NoSuchFilter could not be found.");
        assertThat(flowLogs.warnings()).singleElement().asString().endsWith("went to FAILURE: "
                + "org.volsched.spi.SchedulerException: Scheduler Host Filter RetryFilter, NoSuchFilter could not be found.");
    }

    @Test
    void anUnknownWeigherFailsOnlyOnceSomethingPassedTheFilters() {
        Scheduler scheduler = acme("scheduler_default_weighers", List.of(AcmePlugin.WEIGHER, "NoSuchWeigher"))
                .build();

        DecisionTrace nothingToWeigh = createVolume(scheduler, "vol-1");
        assertThat(nothingToWeigh.failure()).isInstanceOf(NoValidBackend.class)
                .hasMessage("No valid backend was found. No weighed backends available");

        acmeFleet(scheduler);
        SchedulerException e = catchThrowableOfType(SchedulerException.class, () -> createVolume(scheduler, "vol-2"));

        assertThat(e).isNotNull();
        assertThat(e.type()).isEqualTo("SchedulerHostWeigherNotFound");
        assertThat(e.getMessage()).isEqualTo("Scheduler Host Weigher NoSuchWeigher could not be found.");
        assertThat(e.getCause()).isInstanceOf(InvalidConfiguration.class).hasMessageStartingWith(
                "scheduler_default_weighers: unknown weigher 'NoSuchWeigher'; available: AcmeWeigher");
        assertThat(volumes(scheduler).volume("vol-2").errored()).isTrue();
        assertThat(flowLogs.errors()).hasSize(2);
        assertThat(flowLogs.errors().get(0)).endsWith(": No valid backend was found. No weighed backends available");
        assertThat(flowLogs.errors().get(1)).endsWith(": Scheduler Host Weigher NoSuchWeigher could not be found.");
    }

    @Test
    void anEmbedderCanRequireKnownNamesAtStartUpInstead() {
        InvalidConfiguration e = catchThrowableOfType(InvalidConfiguration.class, () -> acme(
                "scheduler_default_filters", List.of(AcmePlugin.FILTER, "AcmeFiltr"),
                "scheduler_default_weighers", List.of("NoSuchWeigher", AcmePlugin.WEIGHER))
                .requireKnownComponents().build());

        assertThat(e).isNotNull();
        assertThat(e.problems()).containsExactly(
                "scheduler_default_filters[1]: unknown filter 'AcmeFiltr'; available: AcmeFilter; "
                        + "did you mean 'AcmeFilter'?",
                "scheduler_default_weighers[0]: unknown weigher 'NoSuchWeigher'; available: AcmeWeigher");
        assertThat(acme().requireKnownComponents().build().context().unknownComponents()).isEmpty();
    }

    // --- broken and clashing plug-ins --------------------------------------------------------------------

    @Test
    void aNameProvidedTwiceFailsOnlyAConfigurationThatSelectsItNamingBothPluginsAndTheirSources() {
        String both = "the filter name 'AcmeFilter' is provided twice: by plug-in acme ("
                + PluginRegistry.sourceOf(AcmePlugin.class) + ") and by plug-in copycat ("
                + PluginRegistry.sourceOf(CopycatPlugin.class) + ")";
        try (LogCapture log = LogCapture.of(PluginRegistry.class)) {
            InvalidConfiguration e = catchThrowableOfType(InvalidConfiguration.class,
                    () -> acme().classLoader(fixturePlugins("duplicate")).build());

            assertThat(e).isNotNull();
            assertThat(e.getMessage()).isEqualTo("scheduler_default_filters: " + both
                    + "; remove one of the jars or rename one component");
            assertThat(log.warnings()).containsExactly(both + "; selecting it fails until one of the jars is "
                    + "removed or one component renamed");
        }
        assertThat(PluginRegistry.sourceOf(CopycatPlugin.class)).contains("test-classes");
    }

    @Test
    void aNameProvidedTwiceIsListedAsAConflictAndDoesNotStopAConfigurationThatDoesNotUseIt() {
        try (LogCapture log = LogCapture.of(PluginRegistry.class)) {
            PluginRegistry registry = PluginRegistry.load(fixturePlugins("duplicate"));
            Scheduler scheduler = acme("scheduler_default_filters", List.of()).registry(registry).build();
            acmeFleet(scheduler);

            assertThat(createVolume(scheduler, "vol-1").failure()).isNull();
            assertThat(registry.plugins()).extracting(p -> p.pluginName())
                    .containsExactly(AcmePlugin.PLUGIN_NAME, CopycatPlugin.PLUGIN_NAME);
            assertThat(registry.conflicts()).singleElement().satisfies(c -> {
                assertThat(c.kind()).isEqualTo("filter");
                assertThat(c.name()).isEqualTo(AcmePlugin.FILTER);
                assertThat(c.providers()).extracting(PluginRegistry.Entry::pluginName)
                        .containsExactly(AcmePlugin.PLUGIN_NAME, CopycatPlugin.PLUGIN_NAME);
            });
            assertThat(registry.filters().get(AcmePlugin.FILTER).pluginName()).isEqualTo(AcmePlugin.PLUGIN_NAME);
            assertThat(log.warnings()).as("reported once, when the registry is loaded").hasSize(1);
        }
    }

    @Test
    void aBrokenProviderIsLoggedOnceWithItsSourceAndSkippedAndTheOthersStillLoad() throws Exception {
        String fixture = Path.of(BootstrapTest.class.getResource("/fixture-plugins/broken/").toURI()) + "/";
        try (LogCapture log = LogCapture.of(PluginRegistry.class)) {
            PluginRegistry registry = PluginRegistry.load(fixturePlugins("broken"));

            assertThat(registry.plugins()).extracting(p -> p.pluginName()).containsExactly(AcmePlugin.PLUGIN_NAME);
            assertThat(registry.drivers()).containsKey(AcmePlugin.DRIVER);
            assertThat(registry.broken()).containsExactly(
                    new PluginRegistry.BrokenPlugin(BrokenPlugin.class.getName(),
                            PluginRegistry.sourceOf(BrokenPlugin.class),
                            "its construction failed: java.lang.IllegalStateException: " + BrokenPlugin.FAILURE),
                    new PluginRegistry.BrokenPlugin("org.volsched.core.bootstrap.fixtures.NoSuchPlugin", fixture,
                            "Provider org.volsched.core.bootstrap.fixtures.NoSuchPlugin not found"));
            assertThat(log.warnings()).containsExactly(
                    "Skipping scheduler plug-in " + registry.broken().get(0).describe(),
                    "Skipping scheduler plug-in " + registry.broken().get(1).describe());
        }
    }

    @Test
    void aPluginWhoseFactoriesThrowIsBrokenNotHalfRegistered() {
        SchedulerPlugin throwing = new SchedulerPlugin() {
            @Override
            public String pluginName() {
                return "throwing";
            }

            @Override
            public List<org.volsched.spi.FilterFactory> filterFactories() {
                throw new IllegalStateException("no filters today");
            }
        };
        try (LogCapture log = LogCapture.of(PluginRegistry.class)) {
            PluginRegistry registry = PluginRegistry.of(List.of(throwing), List.of());

            assertThat(registry.plugins()).isEmpty();
            assertThat(registry.broken()).singleElement().satisfies(b -> {
                assertThat(b.provider()).isEqualTo(throwing.getClass().getName());
                assertThat(b.error()).isEqualTo("its filterFactories() failed: java.lang.IllegalStateException: "
                        + "no filters today");
            });
            assertThat(log.warnings()).hasSize(1);
        }
    }

    @Test
    void theWorkingPluginsOfABrokenSetStillSchedule() {
        try (LogCapture log = LogCapture.of(PluginRegistry.class)) {
            Scheduler scheduler = acme().classLoader(fixturePlugins("broken")).build();
            acmeFleet(scheduler);

            createVolume(scheduler, "vol-1");

            assertThat(dispatcher(scheduler).dispatched()).extracting(InMemoryVolumeDispatcher.Dispatch::host)
                    .containsExactly("node1@lvm#b");
            assertThat(log.warnings()).hasSize(2);
        }
    }

    @Test
    void selectingANameThatIsNotFoundMentionsTheBrokenPlugins() {
        InvalidConfiguration e;
        try (LogCapture log = LogCapture.of(PluginRegistry.class)) {
            e = catchThrowableOfType(InvalidConfiguration.class,
                    () -> acme("scheduler_driver", "broken").classLoader(fixturePlugins("broken")).build());
            assertThat(log.warnings()).hasSize(2).allSatisfy(w -> assertThat(w).startsWith("Skipping scheduler plug-in "));
        }

        assertThat(e).isNotNull();
        assertThat(e.getMessage()).startsWith("scheduler_driver: unknown driver 'broken'; available: acme, acme-spare"
                + " (plug-ins that failed to load: " + BrokenPlugin.class.getName() + " ("
                + PluginRegistry.sourceOf(BrokenPlugin.class) + "): its construction failed: "
                + "java.lang.IllegalStateException: " + BrokenPlugin.FAILURE + ", ")
                .contains("NoSuchPlugin")
                .endsWith(")");
    }

    // --- Guice wiring ----------------------------------------------------------------------------------

    @Test
    void everyIntegrationPointHasAnInMemoryDefault() {
        Scheduler scheduler = acme().build();
        var injector = scheduler.injector();

        assertThat(injector.getInstance(VolumeStore.class)).isInstanceOf(InMemoryVolumeStore.class);
        assertThat(injector.getInstance(VolumeDispatcher.class)).isInstanceOf(InMemoryVolumeDispatcher.class);
        assertThat(injector.getInstance(FailureNotifier.class)).isInstanceOf(InMemoryFailureNotifier.class);
        assertThat(injector.getInstance(UserMessages.class)).isInstanceOf(InMemoryUserMessages.class);
        assertThat(injector.getInstance(VolumeLookup.class)).isInstanceOf(InMemoryVolumeLookup.class);
        assertThat(injector.getInstance(VolumeCounter.class)).isInstanceOf(InMemoryVolumeCounter.class);
        assertThat(injector.getInstance(CapacityLedger.class)).isInstanceOf(InMemoryCapacityLedger.class);
        assertThat(injector.getInstance(Key.get(new TypeLiteral<Optional<InstanceLookup>>() { }))).isEmpty();
        assertThat(scheduler.context().instanceLookup()).isNull();
        assertThat(injector.getInstance(VolumeStore.class)).as("singletons")
                .isSameAs(injector.getInstance(VolumeStore.class))
                .isSameAs(scheduler.context().volumeStore());
        assertThat(scheduler.context().volumeDispatcher()).isSameAs(injector.getInstance(VolumeDispatcher.class));
        assertThat(injector.getInstance(Clock.class).instant()).as("the builder's clock").isEqualTo(NOW);
    }

    // --- capacity ledgers -------------------------------------------------------------------------

    private static final OptionDeclaration LEDGER_LABEL = OptionDeclaration.ofString("recording_ledger_label",
            "none", "A label the recording ledger keeps.");

    /** The in-memory ledger, recording what was claimed and the option it was made with. */
    static final class LabelledLedger implements CapacityLedger {
        final String label;
        final List<String> claimed = new java.util.concurrent.CopyOnWriteArrayList<>();
        private final InMemoryCapacityLedger ledger = new InMemoryCapacityLedger();

        LabelledLedger(String label) {
            this.label = label;
        }

        @Override
        public Claims claim(String poolKey, long expectedVersion, double gb, Instant at) {
            claimed.add(poolKey + " " + gb);
            return ledger.claim(poolKey, expectedVersion, gb, at);
        }

        @Override
        public Claims claims(String poolKey) {
            return ledger.claims(poolKey);
        }

        @Override
        public Claims reportArrived(String poolKey, Instant reportTime) {
            return ledger.reportArrived(poolKey, reportTime);
        }

        @Override
        public void forget(String poolKey) {
            ledger.forget(poolKey);
        }
    }

    private static SchedulerPlugin ledgerPlugin() {
        return new SchedulerPlugin() {
            @Override
            public String pluginName() {
                return "labelled-ledger";
            }

            @Override
            public List<CapacityLedgerFactory> capacityLedgerFactories() {
                return List.of(CapacityLedgerFactory.of("labelled", List.of(LEDGER_LABEL),
                        options -> new LabelledLedger(options.getString("recording_ledger_label"))));
            }
        };
    }

    private Scheduler.Builder acmeWithLedgerPlugin(Object... ledgerConfig) {
        List<Object> settings = new ArrayList<>(List.of(
                "scheduler_driver", AcmePlugin.DRIVER,
                "scheduler_default_filters", List.of(AcmePlugin.FILTER),
                "scheduler_default_weighers", List.of(AcmePlugin.WEIGHER)));
        settings.addAll(List.of(ledgerConfig));
        return Scheduler.builder().plugins(List.of(new AcmePlugin(), ledgerPlugin()))
                .config(config(settings.toArray())).clock(Clock.fixed(NOW, ZoneOffset.UTC));
    }

    @Test
    void aPluginsLedgerSelectedByNameIsMadeWithItsOptionAndTakesTheClaims() {
        Scheduler scheduler = acmeWithLedgerPlugin("capacity_ledger", "labelled", "recording_ledger_label", "blue")
                .build();
        acmeFleet(scheduler);

        DecisionTrace trace = createVolume(scheduler, "vol-1");

        assertThat(trace.failure()).isNull();
        LabelledLedger ledger = (LabelledLedger) scheduler.injector().getInstance(CapacityLedger.class);
        assertThat(ledger.label).isEqualTo("blue");
        assertThat(ledger.claimed).containsExactly(trace.selected().backend() + " 10.0");
        assertThat(scheduler.registry().options().options().get("recording_ledger_label").owner())
                .startsWith("capacity ledger labelled of plug-in labelled-ledger (");
    }

    @Test
    void withoutTheOptionTheLedgerIsVolschedsInMemoryOne() {
        Scheduler scheduler = acmeWithLedgerPlugin().build();

        assertThat(scheduler.injector().getInstance(CapacityLedger.class)).isExactlyInstanceOf(InMemoryCapacityLedger.class);
        assertThat(scheduler.registry().ledgers()).containsKeys("memory", "labelled");
        assertThat(scheduler.registry().ledgers().get("memory").pluginName()).isEqualTo(CorePlugin.NAME);
    }

    @Test
    void anUnknownLedgerFailsAtStartUpListingTheKnownOnes() {
        InvalidConfiguration e = catchThrowableOfType(InvalidConfiguration.class,
                () -> acmeWithLedgerPlugin("capacity_ledger", "labeled").build());

        assertThat(e).isNotNull();
        assertThat(e.problems()).singleElement().asString().isEqualTo("capacity_ledger: unknown capacity ledger "
                + "'labeled'; available: labelled, memory; did you mean 'labelled'?");
    }

    @Test
    void withoutAClockTheSystemClockIsTheDefault() {
        Scheduler scheduler = Scheduler.builder().classLoader(fixturePlugins("third-party"))
                .config(config("scheduler_driver", AcmePlugin.DRIVER)).build();
        assertThat(scheduler.injector().getInstance(Clock.class)).isEqualTo(Clock.systemUTC());
    }

    @Test
    void theIntegratorsModuleReplacesTheVolumeStore() {
        RecordingVolumeStore store = new RecordingVolumeStore();
        Module integrator = binder -> OptionalBinder.newOptionalBinder(binder, VolumeStore.class).setBinding()
                .toInstance(store);
        Scheduler scheduler = acme().module(integrator).build();
        acmeFleet(scheduler);

        createVolume(scheduler, "vol-1");

        assertThat(scheduler.injector().getInstance(VolumeStore.class)).isSameAs(store);
        assertThat(scheduler.context().volumeStore()).isSameAs(store);
        assertThat(store.hosts()).containsExactly(Map.entry("vol-1", "node1@lvm#b"));
    }

    @Test
    void theIntegratorsStoreAlsoRecordsFailures() {
        RecordingVolumeStore store = new RecordingVolumeStore();
        Scheduler scheduler = acme("scheduler_default_filters", List.of("NoSuchFilter"))
                .module(binder -> OptionalBinder.newOptionalBinder(binder, VolumeStore.class).setBinding()
                        .toInstance(store))
                .build();
        acmeFleet(scheduler);

        catchThrowableOfType(SchedulerException.class, () -> createVolume(scheduler, "vol-1"));

        assertThat(store.errors()).containsOnlyKeys("vol-1");
        assertThat(flowLogs.errors()).singleElement().asString()
                .endsWith(": Scheduler Host Filter NoSuchFilter could not be found.");
    }

    @Test
    void explicitPluginsBypassDiscovery() {
        Scheduler scheduler = Scheduler.builder().plugins(List.of(new AcmePlugin()))
                .config(config("scheduler_driver", AcmePlugin.DRIVER_ALIAS)).build();
        assertThat(scheduler.driver().name()).isEqualTo(AcmePlugin.DRIVER);
        assertThat(scheduler.registry().plugins()).singleElement().isInstanceOf(AcmePlugin.class);
    }
}
