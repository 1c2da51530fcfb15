package org.volsched.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** {@code volsched demo}, and the same demo from {@code volsched} and {@code volsched schedule} alone. */
class DemoCommandTest {
    @Test
    void runsTheBundledScenariosAndExplainsTheOneThatCannotBePlaced() {
        Cli.Run run = Cli.run("demo");

        assertThat(run.exitCode()).as(run.all()).isZero();
        assertThat(run.out())
                .startsWith("volsched demo: 3 create-volume requests against the bundled fleet of 36 backends\n")
                .containsPattern("SCENARIO +REQUEST +OUTCOME")
                .containsPattern("demo-fleet +100 GB gold-iscsi in az-3 +")
                .containsPattern("demo-thick +2048 GB gold-iscsi in az-1 +")
                .containsPattern("demo-too-big +614400 GB gold-iscsi in az-2 +")
                .containsPattern("-> stor-\\d\\d@\\w+#pool\\d \\(weight \\d")
                .containsPattern("NoValidBackend \\(\\w+Filter rejected the last \\d+ of 67 pools\\)")
                .containsPattern("Why demo-[a-z-]+ cannot be placed \\(volsched explain\\):")
                .contains("Outcome: NoValidBackend: No valid backend was found. No weighed backends available")
                .containsPattern("Why: \\w+Filter emptied the list")
                .contains("Most common rejection reasons:")
                .contains("Filters\n")
                .containsPattern("The demo ran as designed: \\d placed, \\d refused with NoValidBackend\\.\n$");
        assertThat(run.err()).isEmpty();
    }

    @Test
    void volschedAloneRunsTheDemo() {
        String demo = Cli.run("demo").out();

        Cli.Run alone = Cli.run();

        assertThat(alone.exitCode()).as(alone.all()).isZero();
        assertThat(alone.out()).isEqualTo(demo);
    }

    @Test
    void scheduleWithoutFileIsAUsageErrorNotTheDemo() {
        Cli.Run schedule = Cli.run("schedule");

        assertThat(schedule.exitCode()).as(schedule.all()).isEqualTo(Main.BAD_INPUT);
        assertThat(schedule.out()).as("no demo, no decision").isEmpty();
        assertThat(schedule.err()).startsWith("volsched: Missing required parameter: 'FILE'")
                .contains("Usage: volsched schedule [-hvV] [--config=FILE] [--out=DIR]").contains("FILE...")
                .contains("Try 'volsched schedule --help' for more information.");
    }

    @Test
    void theDemoNamesItsScenariosByFilesAUserCanOpen() {
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("Scenario demo-too-big \\(([^)]+)\\)")
                .matcher(Cli.run("demo").out());

        assertThat(m.find()).as("the explanation names its scenario").isTrue();
        assertThat(java.nio.file.Path.of("..").resolve(m.group(1))).as("a file of the repository").isRegularFile();
    }
}
