package org.volsched.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.volsched.core.bootstrap.PluginRegistry;
import org.volsched.spi.FilterFactory;
import org.volsched.spi.InputQuirks;
import org.volsched.spi.SchedulerPlugin;
import org.volsched.spi.WeigherFactory;

/**
 * What {@code validate} does with the components' {@link InputQuirks}: asks every registered one about
 * each extra-spec mapping and capability report of the scenario, and says where each finding is. What
 * the bundled components find is tested with them, in driver-filter.
 */
class CinderQuirksTest {
    /** Flags every value "odd" in extra specs and reports ({@code KEY: odd}), and nothing else. */
    private static final InputQuirks ODD = new InputQuirks() {
        @Override
        public List<String> extraSpecs(Map<String, ?> extraSpecs) {
            return odd(extraSpecs);
        }

        @Override
        public List<String> capabilities(Map<String, ?> report) {
            return odd(report);
        }

        private List<String> odd(Map<String, ?> values) {
            return values.entrySet().stream().filter(e -> "odd".equals(e.getValue()))
                    .map(e -> e.getKey() + ": odd").toList();
        }
    };

    private static final InputQuirks BROKEN = new InputQuirks() {
        @Override
        public List<String> capabilities(Map<String, ?> report) {
            throw new IllegalStateException("boom");
        }
    };

    private static final SchedulerPlugin PLUGIN = new SchedulerPlugin() {
        @Override
        public String pluginName() {
            return "quirky";
        }

        @Override
        public List<FilterFactory> filterFactories() {
            return List.of(FilterFactory.of("OddFilter", List.of("com.example.OddFilter"), c -> null).withQuirks(ODD),
                    FilterFactory.of("PlainFilter", List.of(), c -> null),
                    FilterFactory.of("BrokenFilter", List.of(), c -> null).withQuirks(BROKEN),
                    new FilterFactory() {
                        @Override
                        public String name() {
                            return "WorseFilter";
                        }

                        @Override
                        public InputQuirks quirks() {
                            throw new UnsupportedOperationException("no quirks here");
                        }

                        @Override
                        public org.volsched.spi.BackendFilter create(org.volsched.spi.SchedulerContext context) {
                            return null;
                        }
                    });
        }

        @Override
        public List<WeigherFactory> weigherFactories() {
            // the same checks on a second component: a finding both make is given once
            return List.of(WeigherFactory.of("OddWeigher", List.of(), c -> null).withQuirks(ODD));
        }
    };

    private static final Map<String, Object> SCENARIO = Map.of(
            "request", Map.of(
                    "request_spec", Map.of("volume_type", Map.of("extra_specs", Map.of("tier", "odd"))),
                    "volume", Map.of("volume_type", Map.of("extra_specs", Map.of("tier", "even")))),
            "backends", List.of(
                    Map.of("capabilities", Map.of("vendor", "odd", "pools", List.of(Map.of("x", 1L),
                            Map.of("pool_name", "odd")))),
                    "not a backend",
                    Map.of("host", "no capabilities")));

    @Test
    void everyMappingIsAskedAndEachFindingSaysWhereItIs() {
        PluginRegistry registry = PluginRegistry.of(List.of(PLUGIN), List.of());

        List<String> findings = CinderQuirks.of(SCENARIO, "s.json", registry);

        String owner = "filter BrokenFilter of plug-in quirky (" + PluginRegistry.sourceOf(PLUGIN.getClass()) + ")";
        assertThat(findings).containsExactly(
                "s.json: the Cinder quirk checks of filter WorseFilter of plug-in quirky ("
                        + PluginRegistry.sourceOf(PLUGIN.getClass())
                        + ") failed: java.lang.UnsupportedOperationException: no quirks here",
                "s.json: request.request_spec.volume_type.extra_specs.tier: odd",
                "s.json: the Cinder quirk check of " + owner + " failed on backends[0].capabilities: "
                        + "java.lang.IllegalStateException: boom",
                "s.json: backends[0].capabilities.vendor: odd",
                "s.json: the Cinder quirk check of " + owner + " failed on backends[0].capabilities.pools[0]: "
                        + "java.lang.IllegalStateException: boom",
                "s.json: the Cinder quirk check of " + owner + " failed on backends[0].capabilities.pools[1]: "
                        + "java.lang.IllegalStateException: boom",
                "s.json: backends[0].capabilities.pools[1].pool_name: odd");
    }

    @Test
    void theBundledComponentsAreAskedEvenWhenTheConfigurationSelectsNone() {
        PluginRegistry registry = PluginRegistry.load(CinderQuirksTest.class.getClassLoader());
        Map<String, Object> scenario = Map.of(
                "config", Map.of("scheduler_default_filters", List.of("AvailabilityZoneFilter")),
                "request", Map.of("request_spec", Map.of("volume_type", Map.of("extra_specs",
                        Map.of("disk", "= 100")))),
                "backends", List.of(Map.of("capabilities", Map.of(
                        "filter_function", "volume.size < 10 and volume.size > 1 and volume.size != 5",
                        "goodness_function", "((", "pools", List.of()))));

        List<String> findings = CinderQuirks.of(scenario, "s.json", registry);

        assertThat(findings).hasSize(3);
        assertThat(findings.get(0)).startsWith("s.json: request.request_spec.volume_type.extra_specs.disk: '= 100': "
                + "'=' means at least in Cinder");
        assertThat(findings.get(1)).startsWith("s.json: backends[0].capabilities.filter_function: char 0: AND chain "
                + "with 3 operands");
        assertThat(findings.get(2)).startsWith("s.json: backends[0].capabilities.goodness_function: '((' cannot be "
                + "evaluated");
    }
}
