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
                .containsPattern("2 +invalid input or configuration")
                .containsPattern("3 +internal error: a plug-in or volsched threw an exception");
    }

    @Test
    void everyCommandsHelpAndTheReadmeAndCliDocAgreeOnTheExitCodes() throws Exception {
        for (String command : List.of("schedule", "explain", "pools", "drivers", "config", "validate", "demo",
                "bench", "trace", "replay")) {
            String help = Cli.run(command, "--help").out();
            assertThat(help).as(command).containsPattern("\\n  0 ").containsPattern("\\n  2 ")
                    .containsPattern("\\n  3 +internal error: a plug-in or volsched threw an exception");
        }
        for (String command : List.of("schedule", "explain")) {
            assertThat(Cli.run(command, "--help").out()).as(command)
                    .containsPattern("\\n  1 +[^\\n]*scheduling failure: NoValidBackend or another")
                    .containsPattern("\\n  2 +invalid input or configuration");
        }
        String readme = java.nio.file.Files.readString(java.nio.file.Path.of("..", "README.md"));
        assertThat(readme).contains("`0` a backend was selected for every scenario; `1` a scheduling failure")
                .contains("`2` invalid input or\nconfiguration").contains("`3` a plug-in or volsched threw an\nexception");
        String cli = java.nio.file.Files.readString(java.nio.file.Path.of("..", "docs", "cli.md"));
        assertThat(cli).contains("| 1 | a scheduling failure").contains("| 2 | invalid input or configuration")
                .contains("| 3 | internal error: a plug-in or volsched threw an exception");
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
