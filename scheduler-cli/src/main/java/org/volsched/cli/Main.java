package org.volsched.cli;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.Callable;
import org.slf4j.LoggerFactory;
import org.volsched.core.flow.ScheduleCreateVolumeTask;
import org.volsched.spi.InvalidConfiguration;
import picocli.AutoComplete;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * The {@code volsched} command: schedules, explains and validates scenarios, lists pools and
 * plug-ins, runs the bundled demo. Every subcommand prints through picocli's writers, so tests run
 * it in-process with {@link #commandLine()}.
 */
@Command(name = "volsched", mixinStandardHelpOptions = true, versionProvider = Main.Version.class,
        description = {"Decides which storage backend a new volume goes to, as OpenStack Cinder's scheduler does.",
            "Without a command, runs the bundled demo ('volsched demo')."},
        subcommands = {
            ScheduleCommand.class,
            ExplainCommand.class,
            PoolsCommand.class,
            DriversCommand.class,
            ConfigCommand.class,
            ValidateCommand.class,
            DemoCommand.class,
            BenchCommand.class,
            TraceCommand.class,
            ReplayCommand.class,
            AutoComplete.GenerateCompletion.class,
            CommandLine.HelpCommand.class,
        },
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:success: every scenario was placed, the demo ran as designed, the files are valid",
            "1:a scheduling failure: at least one decision selected no backend (NoValidBackend or another "
                + "Cinder error; the decision is still written)",
            Main.EXIT_INVALID, Main.EXIT_INTERNAL})
public final class Main implements Callable<Integer> {
    /** Exit code: every decision selected a backend. */
    public static final int OK = 0;
    /** Exit code: a decision is a scheduling failure. */
    public static final int SCHEDULING_FAILURE = 1;
    /** Exit code: bad input or configuration. */
    public static final int BAD_INPUT = 2;
    /** Exit code: a bug. */
    public static final int INTERNAL_ERROR = 3;

    /** Every command's {@code --help} line for exit code 2. */
    static final String EXIT_INVALID = "2:invalid input or configuration: a file could not be read or is not valid "
            + "JSON, a field has the wrong type, the configuration is invalid (a value the driver refuses "
            + "included) or names an unknown driver, filter or weigher, an option is wrong; a message on standard "
            + "error names the file, the field and what is valid (other files are still processed)";
    /** Every command's {@code --help} line for exit code 3. */
    static final String EXIT_INTERNAL = "3:internal error: a plug-in or volsched threw an exception (run with "
            + "--verbose for the stack trace)";

    private boolean verbose;

    @Option(names = {"-v", "--verbose"}, description = "Log debug detail to standard error, and show stack traces.",
            scope = CommandLine.ScopeType.INHERIT)
    void setVerbose(boolean verbose) {
        this.verbose = verbose;
    }

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        try (Session session = Session.open(null, new PluginPathOption())) {
            return DemoCommand.run(session, out, err);
        } finally {
            out.flush();
            err.flush();
        }
    }

    public static void main(String[] args) {
        System.exit(commandLine().execute(args));
    }

    /** The command line, for tests that run it in-process (set its out and err writers to capture). */
    public static CommandLine commandLine() {
        Main main = new Main();
        CommandLine cl = new CommandLine(main);
        cl.getSubcommands().get("generate-completion").getCommandSpec().usageMessage().hidden(false);
        cl.setExecutionStrategy(parseResult -> {
            configureLogging(main.verbose);
            return new CommandLine.RunLast().execute(parseResult);
        });
        cl.setExecutionExceptionHandler((ex, commandLine, parseResult) -> {
            PrintWriter err = commandLine.getErr();
            int code;
            if (ex instanceof UserError e) {
                e.problems().forEach(p -> err.println("volsched: " + p));
                code = BAD_INPUT;
            } else if (ex instanceof InvalidConfiguration e) {
                e.problems().forEach(p -> err.println("volsched: " + p));
                code = BAD_INPUT;
            } else {
                err.println("volsched: internal error: " + ex
                        + (main.verbose ? "" : " (run with --verbose for the stack trace)"));
                code = INTERNAL_ERROR;
            }
            if (main.verbose) {
                ex.printStackTrace(err);
            }
            err.flush();
            return code;
        });
        cl.setParameterExceptionHandler((ex, args) -> {
            CommandLine failed = ex.getCommandLine();
            PrintWriter err = failed.getErr();
            err.println("volsched: " + ex.getMessage());
            if (ex instanceof CommandLine.MissingParameterException) {
                err.print("Usage: " + failed.getHelp().synopsis(0));
            }
            if (!CommandLine.UnmatchedArgumentException.printSuggestions(ex, err)) {
                err.println("Try '" + failed.getCommandSpec().qualifiedName() + " --help' for more information.");
            }
            err.flush();
            return BAD_INPUT;
        });
        return cl;
    }

    /**
     * Warnings only by default, everything with {@code --verbose}. The entrypoint flow's log lines
     * about a failed request are silenced unless verbose: the command reports that failure itself, in
     * the decision or the explanation. So are ZooKeeper's and Curator's.
     */
    private static void configureLogging(boolean verbose) {
        if (LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME) instanceof Logger root) {
            root.setLevel(verbose ? Level.DEBUG : Level.WARN);
        }
        if (LoggerFactory.getLogger(ScheduleCreateVolumeTask.class.getPackageName()) instanceof Logger flow) {
            flow.setLevel(verbose ? null : Level.OFF);
        }
        // The ZooKeeper client's and Curator's own connection chatter (with stack traces): the
        // capacity ledger says what matters (a suspended or lost session, a claim that failed).
        for (String library : List.of("org.apache.zookeeper", "org.apache.curator")) {
            if (LoggerFactory.getLogger(library) instanceof Logger l) {
                l.setLevel(verbose ? null : Level.OFF);
            }
        }
    }

    /** Version from the jar manifest. */
    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            String v = Main.class.getPackage().getImplementationVersion();
            return new String[] {"volsched " + (v == null ? "development build" : v),
                "Java " + System.getProperty("java.version") + " (" + System.getProperty("java.vendor") + ")"};
        }
    }
}
