package org.volsched.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.volsched.cli.TestScenarios.placeable;
import static org.volsched.cli.TestScenarios.tooBig;
import static org.volsched.cli.TestScenarios.write;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The real {@code main()} in its own JVM: what the shell sees as exit codes, standard output and
 * standard error (logging quiet by default, no stack traces), and {@code -} reading a pipe.
 */
class MainProcessTest {
    @TempDir
    Path dir;

    @Test
    void exitCodesSeenByTheShell() {
        Path ok = write(dir, "ok.scenario.json", placeable());
        Path big = write(dir, "big.scenario.json", tooBig());

        Cli.Run selected = Processes.main(null, "schedule", ok.toString());
        Cli.Run failed = Processes.main(null, "explain", big.toString());
        Cli.Run bad = Processes.main(null, "schedule", ok.toString(), dir.resolve("missing.scenario.json").toString());

        assertThat(selected.exitCode()).as(selected.all()).isZero();
        assertThat(selected.out()).contains("\"backend\" : \"node1@lvm#big\"");
        assertThat(selected.err()).as("quiet logging").isEmpty();
        assertThat(failed.exitCode()).as(failed.all()).isEqualTo(1);
        assertThat(failed.out()).contains("Why: CapacityFilter emptied the list");
        assertThat(failed.err()).as("quiet logging").isEmpty();
        assertThat(bad.exitCode()).as(bad.all()).isEqualTo(2);
        assertThat(bad.out()).as("two FILEs: JSON Lines, the missing one has no line")
                .startsWith("{\"scenario\":\"" + ok + "\",\"selected\":{\"backend\":\"node1@lvm#big\"")
                .hasLineCount(1);
        assertThat(bad.err()).isEqualTo("volsched: " + dir.resolve("missing.scenario.json") + ": no such file\n");
    }

    @Test
    void readsAScenarioFromAPipe() {
        Cli.Run run = Processes.main(placeable(), "schedule", "-");

        assertThat(run.exitCode()).as(run.all()).isZero();
        assertThat(run.out()).contains("\"backend\" : \"node1@lvm#big\"");
    }

    @Test
    void aUsageErrorExitsTwoWithoutAStackTrace() {
        Cli.Run run = Processes.main(null, "pools");

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).startsWith("volsched: Missing required parameter: 'FILE'").doesNotContain("\tat ");
    }
}
