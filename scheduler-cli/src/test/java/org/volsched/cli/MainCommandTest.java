package org.volsched.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The {@code volsched} command itself: help, exit codes, usage errors, completion, verbosity. */
class MainCommandTest {
    private static final List<String> COMMANDS = List.of("schedule", "explain", "pools", "drivers", "validate",
            "demo");

    @Test
    void helpListsEveryCommandAndTheExitCodes() {
        Cli.Run run = Cli.run("--help");

        assertThat(run.exitCode()).isZero();
        for (String command : COMMANDS) {
            assertThat(run.out()).containsPattern("\\n  " + command + " ");
        }
        assertThat(run.out()).contains("generate-completion").contains("Exit codes:")
                .containsPattern("0 +success")
                .containsPattern("1 +a scheduling failure")
                .containsPattern("2 +bad input")
                .containsPattern("3 +internal error");
    }

    @Test
    void everyCommandDocumentsItsExitCodes() {
        for (String command : COMMANDS) {
            Cli.Run run = Cli.run(command, "--help");
            assertThat(run.exitCode()).as(command).isZero();
            assertThat(run.out()).as(command).contains("Exit codes:").containsPattern("\\n  0 ");
        }
        assertThat(Cli.run("help", "validate").out()).contains("Usage: volsched validate");
    }

    @Test
    void versionNamesTheProgram() {
        Cli.Run run = Cli.run("--version");

        assertThat(run.exitCode()).isZero();
        assertThat(run.out()).startsWith("volsched ").contains("Java ");
    }

    @Test
    void aMistypedCommandIsAUsageErrorWithASuggestion() {
        Cli.Run run = Cli.run("shedule", "x.json");

        assertThat(run.exitCode()).isEqualTo(Main.BAD_INPUT);
        assertThat(run.err()).contains("volsched: Unmatched arguments from index 0: 'shedule', 'x.json'")
                .contains("Did you mean: volsched schedule");
    }

    @Test
    void anUnknownOptionIsAUsageErrorPointingToHelp() {
        Cli.Run run = Cli.run("schedule", "--outt", "dir");

        assertThat(run.exitCode()).isEqualTo(Main.BAD_INPUT);
        assertThat(run.err()).startsWith("volsched: Unknown option: '--outt'");
    }

    @Test
    void generatesAShellCompletionScript() {
        Cli.Run run = Cli.run("generate-completion");

        assertThat(run.exitCode()).as(run.all()).isZero();
        assertThat(run.out()).contains("volsched Bash Completion").contains("complete -F")
                .contains("explain").contains("--plugin-path");
    }

    @Test
    void stackTracesOnlyWithVerbose() {
        Cli.Run quiet = Cli.run("drivers", "--plugin-path", "/nonexistent/volsched-plugins");
        Cli.Run verbose = Cli.run("--verbose", "drivers", "--plugin-path", "/nonexistent/volsched-plugins");
        Cli.Run inherited = Cli.run("drivers", "-v", "--plugin-path", "/nonexistent/volsched-plugins");

        assertThat(quiet.exitCode()).isEqualTo(Main.BAD_INPUT);
        assertThat(quiet.err()).doesNotContain("\tat ");
        assertThat(verbose.exitCode()).isEqualTo(Main.BAD_INPUT);
        assertThat(verbose.err()).contains("--plugin-path /nonexistent/volsched-plugins: no such directory")
                .contains("UserError").contains("\tat ");
        assertThat(inherited.err()).contains("\tat ");
    }
}
