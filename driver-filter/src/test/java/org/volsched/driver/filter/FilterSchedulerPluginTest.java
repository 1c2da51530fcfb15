package org.volsched.driver.filter;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import org.junit.jupiter.api.Test;
import org.volsched.core.bootstrap.Scheduler;
import org.volsched.core.config.SchedulerConfig;
import org.volsched.driver.filter.fixtures.Pools;
import org.volsched.spi.ComponentFactory;
import org.volsched.spi.SchedulerPlugin;
import org.volsched.testing.Plugins;
import org.volsched.spi.model.DecisionTrace;
import org.volsched.spi.model.FilterProperties;
import org.volsched.spi.model.RequestContext;
import org.volsched.spi.model.RequestSpec;
import org.volsched.spi.model.ServiceInfo;
import org.volsched.spi.model.VolumeType;

/**
 * {@link FilterSchedulerPlugin} is found by {@link ServiceLoader} and exposes the filter driver,
 * the nine Cinder filters and {@link GoodnessWeigher} under Cinder's class names, with Cinder's
 * dotted class paths as aliases.
 */
class FilterSchedulerPluginTest {
    private static final String FILTERS = "cinder.scheduler.filters.";
    private static final List<String> FILTER_NAMES = List.of("AvailabilityZoneFilter", "CapacityFilter",
            "CapabilitiesFilter", "DifferentBackendFilter", "SameBackendFilter", "DriverFilter",
            "IgnoreAttemptedHostsFilter", "InstanceLocalityFilter", "JsonFilter");
    private static final List<List<String>> FILTER_ALIASES = List.of(
            List.of(FILTERS + "availability_zone_filter.AvailabilityZoneFilter"),
            List.of(FILTERS + "capacity_filter.CapacityFilter"),
            List.of(FILTERS + "capabilities_filter.CapabilitiesFilter"),
            List.of(FILTERS + "affinity_filter.DifferentBackendFilter"),
            List.of(FILTERS + "affinity_filter.SameBackendFilter"),
            List.of(FILTERS + "driver_filter.DriverFilter"),
            List.of(FILTERS + "ignore_attempted_hosts_filter.IgnoreAttemptedHostsFilter"),
            List.of(FILTERS + "instance_locality_filter.InstanceLocalityFilter"),
            List.of(FILTERS + "json_filter.JsonFilter"));

    private static SchedulerPlugin loaded() {
        return Plugins.loaded(FilterSchedulerPlugin.class);
    }

    @Test
    void serviceLoaderFindsExactlyFilterSchedulerPlugin() {
        assertThat(Plugins.types()).containsExactly(FilterSchedulerPlugin.class);
    }

    @Test
    void exposesTheFilterDriverWithCindersClassPath() {
        SchedulerPlugin plugin = loaded();

        assertThat(plugin.pluginName()).isEqualTo("volsched-driver-filter");
        assertThat(plugin.driverFactories()).extracting(ComponentFactory::name).containsExactly("filter");
        assertThat(plugin.driverFactories()).extracting(ComponentFactory::aliases)
                .containsExactly(List.of("cinder.scheduler.filter_scheduler.FilterScheduler"));
        assertThat(plugin.guiceModule()).isEmpty();
    }

    @Test
    void theFilterDriverDeclaresSchedulerMaxAttemptsWithCindersDefault() {
        SchedulerPlugin plugin = loaded();

        assertThat(plugin.driverFactories().get(0).options())
                .extracting(o -> o.name() + " " + o.type() + " " + o.defaultValue() + " min " + o.minimum())
                .as("no minimum: below 1 is Cinder's InvalidParameterValue when the driver is built")
                .containsExactly("scheduler_max_attempts INT 3 min null");
        assertThat(Scheduler.builder().build().config().getInt("scheduler_max_attempts")).isEqualTo(3);
    }

    @Test
    void exposesTheNineFiltersWithCindersClassPaths() {
        SchedulerPlugin plugin = loaded();

        assertThat(plugin.filterFactories()).extracting(ComponentFactory::name)
                .containsExactlyElementsOf(FILTER_NAMES);
        assertThat(plugin.filterFactories()).extracting(ComponentFactory::aliases)
                .containsExactlyElementsOf(FILTER_ALIASES);
    }

    @Test
    void exposesGoodnessWeigherWithCindersClassPath() {
        SchedulerPlugin plugin = loaded();

        assertThat(plugin.weigherFactories()).extracting(ComponentFactory::name).containsExactly("GoodnessWeigher");
        assertThat(plugin.weigherFactories()).extracting(ComponentFactory::aliases)
                .containsExactly(List.of("cinder.scheduler.weights.goodness.GoodnessWeigher"));
    }

    @Test
    void everyFactoryBuildsAComponentWithItsOwnName() {
        Scheduler scheduler = Scheduler.builder().build();
        FilterSchedulerPlugin plugin = new FilterSchedulerPlugin();

        for (var factory : plugin.driverFactories()) {
            assertThat(factory.create(scheduler.context()).name()).isEqualTo(factory.name());
        }
        for (var factory : plugin.filterFactories()) {
            assertThat(factory.create(scheduler.context()).name()).isEqualTo(factory.name());
        }
        for (var factory : plugin.weigherFactories()) {
            assertThat(factory.create(scheduler.context()).name()).isEqualTo(factory.name());
        }
    }

    @Test
    void aSchedulerConfiguredWithCindersClassPathsSchedules() {
        Instant now = Instant.parse("2025-03-01T10:00:00Z");
        Scheduler scheduler = Scheduler.builder()
                .config(SchedulerConfig.builder().overrides(Map.of(
                        "scheduler_driver", "cinder.scheduler.filter_scheduler.FilterScheduler",
                        "scheduler_default_filters", FILTERS + "availability_zone_filter.AvailabilityZoneFilter,"
                                + FILTERS + "capacity_filter.CapacityFilter,"
                                + FILTERS + "capabilities_filter.CapabilitiesFilter",
                        "scheduler_default_weighers", "cinder.scheduler.weights.goodness.GoodnessWeigher"), "test")
                        .build())
                .clock(Clock.fixed(now, ZoneOffset.UTC))
                .build();
        scheduler.hostManager().updateService(new ServiceInfo("node1@lvm", null, "nova", false, false, now));
        scheduler.hostManager().updateServiceCapabilities("volume", "node1@lvm", null, Pools.map(
                "volume_backend_name", "lvm", "total_capacity_gb", 100L, "free_capacity_gb", 100L), now);

        DecisionTrace trace = DecisionTrace.outcomeOnly();
        scheduler.driver().scheduleCreateVolume(RequestContext.of("p1", "u1"),
                RequestSpec.of("vol-1", 10, "nova", VolumeType.of("t", Map.of())), new FilterProperties(), trace);

        assertThat(scheduler.driver().name()).isEqualTo("filter");
        assertThat(trace.selected().backend()).isEqualTo("node1@lvm#lvm");
    }
}
