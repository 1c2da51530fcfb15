package org.volsched.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The packaged jar ({@code target/volsched.jar}), run after {@code package} as the README tells a
 * user to: every bundled driver and merged service file inside, the demo, and a plug-in dropped on
 * the plug-in path.
 */
class VolschedJarIT {
    private static final Path JAR = Path.of("target", "volsched.jar");

    @TempDir
    Path dir;

    private static Cli.Run volsched(String... args) {
        List<String> command = new java.util.ArrayList<>(List.of(Processes.java(), "-jar", JAR.toString()));
        command.addAll(List.of(args));
        return Processes.run(command, null);
    }

    @Test
    void theDemoRunsAsDesigned() {
        assertThat(JAR).exists();

        Cli.Run run = volsched("demo");

        assertThat(run.exitCode()).as(run.all()).isZero();
        assertThat(run.out()).contains("demo-fleet").contains("demo-thick").contains("demo-too-big")
                .contains("The demo ran as designed");
        assertThat(run.err()).as("quiet logging").isEmpty();
    }

    @Test
    void helpAndVersionComeFromTheJar() {
        Cli.Run help = volsched("--help");
        Cli.Run version = volsched("--version");

        assertThat(help.exitCode()).isZero();
        assertThat(help.out()).contains("Usage: volsched").contains("Exit codes:");
        assertThat(version.out()).startsWith("volsched 0.1.0-SNAPSHOT");
    }

    @Test
    void theJarHoldsEveryBundledDriverAndFindsADroppedInPlugin() {
        Path plugin = PluginJars.tierPlugin(dir);

        Cli.Run run = volsched("drivers", "--plugin-path", plugin.toString());

        assertThat(run.exitCode()).as(run.all()).isZero();
        assertThat(run.out()).containsPattern("filter +cinder\\.scheduler\\.filter_scheduler\\.FilterScheduler +"
                + ".*volsched\\.jar")
                .containsPattern("chance +cinder\\.scheduler\\.chance\\.ChanceScheduler +.*volsched\\.jar")
                .containsPattern("CapacityWeigher +\\S+ +.*volsched\\.jar")
                .containsPattern("TierFilter +\\S+ +.*tier-plugin\\.jar");
    }
}
