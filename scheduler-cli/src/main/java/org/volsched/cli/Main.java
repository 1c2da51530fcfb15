package org.volsched.cli;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** The {@code volsched} command. */
@Command(name = "volsched", mixinStandardHelpOptions = true, versionProvider = Main.Version.class,
        description = "Decides which storage backend a new volume goes to, as OpenStack Cinder's scheduler does.",
        subcommands = {ScheduleCommand.class, BenchCommand.class, CommandLine.HelpCommand.class},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:a backend was selected for every scenario",
            "1:at least one scenario's decision is a scheduling failure (its decision is still written)",
            "2:an input could not be read or the configuration is invalid"})
public final class Main implements Runnable {
    /** Exit code: every decision selected a backend. */
    public static final int OK = 0;
    /** Exit code: a decision is a scheduling failure. */
    public static final int SCHEDULING_FAILURE = 1;
    /** Exit code: bad input or configuration. */
    public static final int BAD_INPUT = 2;

    @Option(names = {"-v", "--verbose"}, description = "Log debug detail to standard error, and show stack traces.",
            scope = CommandLine.ScopeType.INHERIT)
    void setVerbose(boolean verbose) {
        Main.verbose = verbose;
        ((Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME)).setLevel(verbose ? Level.DEBUG : Level.WARN);
    }

    static boolean verbose;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        new ScheduleCommand().runDemo(spec.commandLine());
    }

    public static void main(String[] args) {
        System.exit(commandLine().execute(args));
    }

    /** The command line, for tests that run it in-process. */
    public static CommandLine commandLine() {
        CommandLine cl = new CommandLine(new Main());
        cl.setExecutionExceptionHandler((ex, commandLine, parseResult) -> {
            commandLine.getErr().println("volsched: " + ex.getMessage());
            if (verbose) {
                ex.printStackTrace(commandLine.getErr());
            }
            return BAD_INPUT;
        });
        cl.setParameterExceptionHandler((ex, args) -> {
            ex.getCommandLine().getErr().println("volsched: " + ex.getMessage());
            ex.getCommandLine().usage(ex.getCommandLine().getErr());
            return BAD_INPUT;
        });
        return cl;
    }

    /** Version from the jar manifest. */
    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            String v = Main.class.getPackage().getImplementationVersion();
            return new String[] {"volsched " + (v == null ? "development build" : v)};
        }
    }
}
