package org.volsched.driver.chance;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URISyntaxException;
import java.nio.file.Path;
import java.security.CodeSource;
import java.util.List;
import java.util.Random;
import java.util.ServiceLoader;
import org.junit.jupiter.api.Test;
import org.volsched.spi.ComponentFactory;
import org.volsched.spi.SchedulerPlugin;

/** The plug-in is found by {@link ServiceLoader} and exposes the driver and the weigher under their names. */
class ChancePluginTest {
    @Test
    void serviceLoaderFindsExactlyThisModulesPlugin() {
        Path thisModule = location(ChancePlugin.class);

        List<Class<? extends SchedulerPlugin>> fromThisModule = ServiceLoader.load(SchedulerPlugin.class).stream()
                .map(ServiceLoader.Provider::type)
                .filter(type -> location(type).equals(thisModule))
                .toList();

        assertThat(fromThisModule).containsExactly(ChancePlugin.class);
    }

    @Test
    void exposesTheDriverAndWeigherWithCindersClassPathsAsAliases() {
        SchedulerPlugin plugin = ServiceLoader.load(SchedulerPlugin.class).stream()
                .filter(p -> p.type() == ChancePlugin.class)
                .findFirst().orElseThrow().get();

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
        TestingSchedulerContext context = new TestingSchedulerContext(new TestingBackendStates(), new Random(1));
        ChancePlugin plugin = new ChancePlugin();

        assertThat(plugin.driverFactories().get(0).create(context).name()).isEqualTo("chance");
        assertThat(plugin.weigherFactories().get(0).create(context).name()).isEqualTo("ChanceWeigher");
    }

    private static Path location(Class<?> type) {
        CodeSource source = type.getProtectionDomain().getCodeSource();
        try {
            return source == null ? Path.of("") : Path.of(source.getLocation().toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }
}
