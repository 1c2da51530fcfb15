package org.volsched.driver.chance;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Random;
import java.util.ServiceLoader;
import org.junit.jupiter.api.Test;
import org.volsched.spi.ComponentFactory;
import org.volsched.spi.SchedulerPlugin;
import org.volsched.testing.Plugins;
import org.volsched.testing.TestContext;

/** The plug-in is found by {@link ServiceLoader} and exposes the driver and the weigher under their names. */
class ChancePluginTest {
    @Test
    void serviceLoaderFindsExactlyThisModulesPlugin() {
        assertThat(Plugins.typesFromModuleOf(ChancePlugin.class)).containsExactly(ChancePlugin.class);
    }

    @Test
    void exposesTheDriverAndWeigherWithCindersClassPathsAsAliases() {
        SchedulerPlugin plugin = Plugins.loaded(ChancePlugin.class);

        assertThat(plugin.driverFactories()).extracting(ComponentFactory::name).containsExactly("chance");
        assertThat(plugin.driverFactories()).extracting(ComponentFactory::aliases)
                .containsExactly(List.of("cinder.scheduler.chance.ChanceScheduler"));
        assertThat(plugin.weigherFactories()).extracting(ComponentFactory::name).containsExactly("ChanceWeigher");
        assertThat(plugin.weigherFactories()).extracting(ComponentFactory::aliases)
                .containsExactly(List.of("cinder.scheduler.weights.chance.ChanceWeigher"));
        assertThat(plugin.filterFactories()).isEmpty();
        assertThat(plugin.guiceModule()).isEmpty();
    }

    @Test
    void factoriesBuildComponentsWithTheirOwnNames() {
        TestContext context = new TestContext().declaring(new ChancePlugin()).withOption("scheduler_driver", "chance")
                .withBackendStates(new TestingBackendStates()).withRandom(new Random(1));
        ChancePlugin plugin = new ChancePlugin();

        assertThat(plugin.driverFactories().get(0).create(context).name()).isEqualTo("chance");
        assertThat(plugin.weigherFactories().get(0).create(context).name()).isEqualTo("ChanceWeigher");
    }

}
