package org.volsched.driver.capacity;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.ServiceLoader;
import org.junit.jupiter.api.Test;
import org.volsched.spi.ComponentFactory;
import org.volsched.spi.SchedulerPlugin;
import org.volsched.testing.Plugins;
import org.volsched.testing.TestContext;
import org.volsched.spi.WeigherFactory;

/** The plug-in is found by {@link ServiceLoader} and exposes the three weighers under their names. */
class CapacityWeigherPluginTest {
    @Test
    void serviceLoaderFindsExactlyThisModulesPlugin() {
        assertThat(Plugins.typesFromModuleOf(CapacityWeigherPlugin.class)).containsExactly(CapacityWeigherPlugin.class);
    }

    @Test
    void exposesTheWeighersWithCindersClassPathsAsAliases() {
        SchedulerPlugin plugin = Plugins.loaded(CapacityWeigherPlugin.class);

        assertThat(plugin.weigherFactories()).extracting(ComponentFactory::name)
                .containsExactly("CapacityWeigher", "AllocatedCapacityWeigher", "VolumeNumberWeigher");
        assertThat(plugin.weigherFactories()).extracting(ComponentFactory::aliases).containsExactly(
                List.of("cinder.scheduler.weights.capacity.CapacityWeigher"),
                List.of("cinder.scheduler.weights.capacity.AllocatedCapacityWeigher"),
                List.of("cinder.scheduler.weights.volume_number.VolumeNumberWeigher"));
        assertThat(plugin.driverFactories()).isEmpty();
        assertThat(plugin.filterFactories()).isEmpty();
        assertThat(plugin.guiceModule()).isEmpty();
    }

    @Test
    void eachWeigherDeclaresItsMultiplierWithCindersDefault() {
        List<WeigherFactory> factories = new CapacityWeigherPlugin().weigherFactories();

        assertThat(factories).extracting(f -> f.options().stream()
                        .map(o -> o.name() + " " + o.type() + " " + o.defaultValue()).toList())
                .containsExactly(List.of("capacity_weight_multiplier FLOAT 1.0"),
                        List.of("allocated_capacity_weight_multiplier FLOAT -1.0"),
                        List.of("volume_number_multiplier FLOAT -1.0"));
        assertThat(factories).allSatisfy(f -> assertThat(f.options().get(0).help()).contains(f.name()));
    }

    @Test
    void everyFactoryBuildsAWeigherWithItsOwnName() {
        TestContext context = new TestContext().declaring(new CapacityWeigherPlugin());

        for (var factory : new CapacityWeigherPlugin().weigherFactories()) {
            assertThat(factory.create(context).name()).isEqualTo(factory.name());
        }
    }

}
