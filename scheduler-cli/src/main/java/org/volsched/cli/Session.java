package org.volsched.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.volsched.cli.scenario.DecisionJson;
import org.volsched.cli.scenario.Scenario;
import org.volsched.cli.scenario.ScenarioException;
import org.volsched.cli.scenario.ScenarioRunner;
import org.volsched.core.bootstrap.PluginRegistry;
import org.volsched.core.config.SchedulerConfig;
import org.volsched.spi.InvalidConfiguration;
import org.volsched.spi.SchedulerException;

/**
 * What the commands that run scenarios share for one invocation: the {@code --config} overrides,
 * the plug-in class loader of {@code --plugin-path}, the plug-in registry it discovers and a
 * {@link ScenarioRunner} over both. Close it when the command is done.
 */
final class Session implements AutoCloseable {
    private final Path configFile;
    private final Map<String, Object> overrides;
    private final PluginPathOption.PluginLoader loader;
    private final PluginRegistry registry;
    private final ScenarioRunner runner;

    private Session(Path configFile, PluginPathOption.PluginLoader loader) {
        this.configFile = configFile;
        this.loader = loader;
        try {
            this.registry = PluginRegistry.load(loader.classLoader());
            // Read after discovery: the file may set the options the plug-ins declare.
            this.overrides = Map.copyOf(ConfigFiles.read(configFile, registry.options()));
        } catch (InvalidConfiguration e) {
            loader.close();
            throw new UserError(e.problems());
        } catch (RuntimeException e) {
            loader.close();
            throw e;
        }
        this.runner = new ScenarioRunner(this.overrides, registry);
    }

    /**
     * Opens the plug-in path, discovers the plug-ins and reads {@code --config} (which may set their
     * options).
     *
     * @throws UserError every problem of the configuration file, or a bad plug-in directory
     */
    static Session open(Path configFile, PluginPathOption plugins) {
        return new Session(configFile, plugins.open());
    }

    ScenarioRunner runner() {
        return runner;
    }

    PluginRegistry registry() {
        return registry;
    }

    Map<String, Object> overrides() {
        return overrides;
    }

    /** How messages name the {@code --config} file. */
    String configSource() {
        return configFile == null ? "--config" : configFile.toString();
    }

    /**
     * The configuration {@code scenario} runs with (its {@code config} under {@code --config}).
     *
     * @throws InvalidConfiguration whose problems name the source and the field
     *     ({@code x.scenario.json: config.scheduler_max_attempts = 'abc': expected an integer, …})
     */
    SchedulerConfig configFor(Scenario scenario, String source) {
        SchedulerConfig.Builder b = SchedulerConfig.builder().catalog(registry.options());
        b.overrides(scenario.config(), source + ": config");
        b.overrides(overrides, configSource());
        try {
            return b.build();
        } catch (InvalidConfiguration e) {
            List<String> problems = new ArrayList<>();
            String prefix = source + ": config: ";
            for (String p : e.problems()) {
                problems.add(p.startsWith(prefix) && !p.startsWith(prefix + "unknown option") ? source + ": config." + p.substring(prefix.length()) : p);
            }
            throw new InvalidConfiguration(problems);
        }
    }

    /** The driver, filters and weighers {@code config} names that no plug-in provides, one message each. */
    List<String> unknownComponents(Scenario scenario, String source, SchedulerConfig config) {
        return ComponentNames.unknown(registry, config, new ComponentNames.Origins(source, scenario.config().keySet(),
                configSource(), overrides.keySet()));
    }

    /**
     * A configuration problem raised while building the scheduler, located: a problem that starts
     * with an option name ({@code scheduler_weight_handler: unknown …}) is prefixed with the field
     * that set it.
     */
    String locate(String problem, String source) {
        int colon = problem.indexOf(':');
        String field = colon < 0 ? "" : problem.substring(0, colon);
        String option = field.replaceFirst("\\[\\d+]$", "");
        if (registry.options().isKnown(option)) {
            if (overrides.containsKey(option) && configFile != null) {
                return configFile + ": " + problem;
            }
            return source + ": config." + problem;
        }
        return source + ": " + problem;
    }

    private static final Logger LOG = LoggerFactory.getLogger(Session.class);
    private static final Pattern QUOTED = Pattern.compile("'([A-Za-z0-9_]+)'");

    /**
     * What the driver refused when the scheduler started with {@code config} (Cinder's error), as a
     * configuration problem naming the option it is about when the message quotes one
     * ({@code x.scenario.json: config.scheduler_max_attempts = -1: refused by driver 'filter' when the
     * scheduler starts: InvalidParameterValue: Invalid value for 'scheduler_max_attempts', must be >=1}).
     */
    String startupProblem(SchedulerException refusal, SchedulerConfig config, String source) {
        String what = "refused by driver '" + config.schedulerDriver() + "' when the scheduler starts: "
                + DecisionJson.errorType(refusal) + ": " + refusal.getMessage();
        Matcher m = QUOTED.matcher(String.valueOf(refusal.getMessage()));
        while (m.find()) {
            String option = m.group(1);
            if (registry.options().isKnown(option)) {
                String setting = option + " = " + config.asMap().get(option) + ": " + what;
                return overrides.containsKey(option) && configFile != null ? configFile + ": " + setting
                        : source + ": config." + setting;
            }
        }
        return source + ": " + what;
    }

    /**
     * One scenario read, checked and decided.
     *
     * @param scenario {@code null} when it could not be read
     * @param config {@code null} when it is invalid
     * @param result {@code null} when nothing could be decided
     * @param exitCode {@link Main#OK}, {@link Main#SCHEDULING_FAILURE} or {@link Main#BAD_INPUT}
     */
    record Outcome(Scenario scenario, String source, SchedulerConfig config, ScheduleCommand.Result result,
                   int exitCode) {
        static Outcome badInput(Scenario scenario, String source, SchedulerConfig config) {
            return new Outcome(scenario, source, config, null, Main.BAD_INPUT);
        }
    }

    /** Reads {@code file} (or standard input for {@code -}) and decides it; problems go to {@code err}. */
    Outcome decide(String file, boolean explain, PrintWriter err) {
        String source = ScenarioInput.source(file);
        Scenario scenario;
        try {
            scenario = ScenarioInput.read(file);
        } catch (ScenarioException e) {
            e.problems().forEach(p -> err.println("volsched: " + p));
            return Outcome.badInput(null, source, null);
        }
        return decide(scenario, source, explain, err);
    }

    /**
     * Decides a scenario already read. Its warnings, configuration problems and unknown component
     * names go to {@code err}. An unknown filter or weigher still gives the decision Cinder would
     * make ({@code SchedulerHostFilterNotFound}, …), with exit code {@link Main#BAD_INPUT}.
     */
    Outcome decide(Scenario scenario, String source, boolean explain, PrintWriter err) {
        scenario.warnings().forEach(w -> err.println("volsched: warning: " + w));
        SchedulerConfig config;
        try {
            config = configFor(scenario, source);
        } catch (InvalidConfiguration e) {
            e.problems().forEach(p -> err.println("volsched: " + p));
            return Outcome.badInput(scenario, source, null);
        }
        List<String> unknown = unknownComponents(scenario, source, config);
        unknown.forEach(p -> err.println("volsched: " + p));
        if (!ComponentNames.buildable(registry, config)) {
            return Outcome.badInput(scenario, source, config);
        }
        ScheduleCommand.Result result;
        try {
            result = ScheduleCommand.decide(runner, scenario, explain);
        } catch (InvalidConfiguration e) {
            e.problems().forEach(p -> err.println("volsched: " + locate(p, source)));
            return Outcome.badInput(scenario, source, config);
        }
        if (result.startupRefusal() != null) {
            // Cinder's scheduler service would not start: a configuration error, not a decision.
            err.println("volsched: " + startupProblem(result.startupRefusal(), config, source));
            return Outcome.badInput(scenario, source, config);
        }
        if (result.exitCode() == Main.INTERNAL_ERROR) {
            RuntimeException failure = result.trace().failure();
            err.println("volsched: " + source + ": internal error: a plug-in or volsched threw "
                    + failure.getClass().getName() + ": " + failure.getMessage()
                    + " (the decision records it; run with --verbose for the stack trace)");
            LOG.debug("{}: the stack trace of {}", source, failure.getClass().getName(), failure);
            return new Outcome(scenario, source, config, result, Main.INTERNAL_ERROR);
        }
        return new Outcome(scenario, source, config, result, unknown.isEmpty() ? result.exitCode() : Main.BAD_INPUT);
    }

    @Override
    public void close() {
        loader.close();
    }
}
