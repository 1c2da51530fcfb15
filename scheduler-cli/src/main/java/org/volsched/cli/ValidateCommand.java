package org.volsched.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.function.UnaryOperator;
import org.volsched.cli.scenario.Scenario;
import org.volsched.cli.scenario.ScenarioException;
import org.volsched.cli.scenario.ScenarioParser;
import org.volsched.core.bootstrap.Scheduler;
import org.volsched.core.config.OptionCatalog;
import org.volsched.core.config.SchedulerConfig;
import org.volsched.spi.InvalidConfiguration;
import org.volsched.spi.SchedulerException;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code volsched validate}: every problem of scenarios and configuration files, without scheduling. */
@Command(name = "validate", mixinStandardHelpOptions = true,
        description = {"Checks scenarios and configuration files without scheduling, and reports every problem at "
                + "once with its field path.",
            "A FILE ending in .properties or .conf (a cinder.conf) is checked as configuration; any other FILE as a "
                + "scenario ('-' reads one from standard input).",
            "Errors: unreadable files, JSON that does not follow the scenario format, invalid option values "
                + "(volsched's and the plug-ins'), unknown option keys (in a cinder.conf: near misses of known "
                + "options), unknown driver, filter or weigher names, configured components that cannot be built.",
            "Warnings: what Cinder ignores or reads differently from how it looks: odd capability reports, extra specs and filter or goodness functions that hit known "
                + "Cinder quirks (each says what Cinder does)."},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:no errors (warnings are printed but allowed)",
            "2:at least one error (each names the file, the field and what is valid)",
            Main.EXIT_INTERNAL})
final class ValidateCommand implements Callable<Integer> {
    @Parameters(paramLabel = "FILE", arity = "1..*",
            description = "Scenario files, '-', or configuration files (.properties, cinder.conf).")
    List<String> files = new ArrayList<>();

    @Option(names = "--config", paramLabel = "FILE",
            description = "A .properties file or a cinder.conf applied over each scenario's config, as "
                    + "'schedule --config' does; checked too.")
    Path config;

    @Mixin
    PluginPathOption plugins = new PluginPathOption();

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    /** What one file's check found. */
    record Findings(String source, List<String> errors, List<String> warnings) {
        Findings(String source) {
            this(source, new ArrayList<>(), new ArrayList<>());
        }
    }

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        try {
            List<Findings> all = new ArrayList<>();
            Session session;
            try {
                session = Session.open(config, plugins);
            } catch (UserError e) {
                Findings f = new Findings(config == null ? "--plugin-path" : config.toString());
                f.errors().addAll(e.problems());
                print(List.of(f), out);
                return Main.BAD_INPUT;
            }
            try (session) {
                for (String file : files) {
                    Findings f = new Findings(ScenarioInput.source(file));
                    if (ConfigFiles.isConfigFile(file)) {
                        checkConfigFile(session, Path.of(file), f);
                    } else {
                        checkScenario(session, file, f);
                    }
                    all.add(f);
                }
            }
            print(all, out);
            return all.stream().anyMatch(f -> !f.errors().isEmpty()) ? Main.BAD_INPUT : Main.OK;
        } finally {
            out.flush();
        }
    }

    private static void checkConfigFile(Session session, Path file, Findings f) {
        Map<String, String> raw;
        try {
            raw = ConfigFiles.rawOptions(file, session.registry().options());
        } catch (UserError e) {
            f.errors().addAll(e.problems());
            return;
        }
        try {
            ConfigFiles.read(file, session.registry().options());
        } catch (InvalidConfiguration e) {
            f.errors().addAll(e.problems());
        }
        // The file-wide read above reported every value's problem; check the valid values further.
        OptionCheck.Result options = OptionCheck.check(raw, key -> file.toString(), session.registry().options());
        List<String> unknown = ComponentNames.unknown(session.registry(), options.usable(),
                new ComponentNames.Origins(null, List.of(), file.toString(), raw.keySet()));
        f.errors().addAll(unknown);
        if (ComponentNames.buildable(session.registry(), options.usable())) {
            buildScheduler(session, options.usable(), file.toString(), f, problem -> file + ": " + problem);
        }
    }

    @SuppressWarnings("unchecked")
    private static void checkScenario(Session session, String file, Findings f) {
        String source = f.source();
        String text;
        try {
            text = ScenarioInput.text(file);
        } catch (ScenarioException e) {
            f.errors().addAll(e.problems());
            return;
        }
        Scenario scenario = null;
        try {
            scenario = ScenarioParser.parse(text, source, ScenarioInput.name(file));
        } catch (ScenarioException e) {
            f.errors().addAll(e.problems());
        }
        Map<String, Object> root = JsonValues.objectOrNull(text);
        if (root == null) {
            return;
        }
        // Go on where the reader stopped: every option, name, extra spec and function is checked even when
        // another field of the document is wrong.
        Map<String, Object> config = root.get("config") instanceof Map<?, ?> m ? (Map<String, Object>) m : Map.of();
        Map<String, Object> raw = new LinkedHashMap<>();
        OptionCatalog catalog = session.registry().options();
        config.forEach((key, value) -> {
            if (catalog.isKnown(key)) {
                raw.put(key, value);
            } else {
                f.errors().add(catalog.unknown(key, source + ": config"));
            }
        });
        if (scenario != null) {
            scenario.warnings().stream().filter(w -> !w.startsWith(source + ": config."))
                    .forEach(f.warnings()::add);
        }
        raw.putAll(session.overrides());
        OptionCheck.Result options = OptionCheck.check(raw,
                key -> session.overrides().containsKey(key) ? session.configSource() : source + ": config",
                catalog);
        f.errors().addAll(options.problems());
        List<String> unknown = ComponentNames.unknown(session.registry(), options.usable(),
                new ComponentNames.Origins(source, raw.keySet(), session.configSource(), session.overrides().keySet()));
        f.errors().addAll(unknown);
        if (ComponentNames.buildable(session.registry(), options.usable())) {
            buildScheduler(session, options.usable(), source, f, problem -> session.locate(problem, source));
        }
        f.warnings().addAll(CinderQuirks.of(root, source, session.registry()));
    }

    /**
     * Builds (but does not run) the scheduler, for the checks only its start-up makes (the weight
     * handler, what the driver itself refuses). Unknown filters and weighers are already reported;
     * they are left out of the configuration built here, so that start-up (which stops at an
     * unknown filter, as Cinder's does) still checks everything else. An unknown driver stops
     * start-up, so it is not called then.
     */
    private static void buildScheduler(Session session, SchedulerConfig cfg, String source, Findings f,
                                       UnaryOperator<String> locate) {
        try {
            List<String> knownFilters = cfg.filters().stream()
                    .filter(session.registry().filters()::containsKey).toList();
            Scheduler.builder().config(cfg.with(Map.of("scheduler_default_filters", knownFilters)))
                    .registry(session.registry()).build();
        } catch (InvalidConfiguration e) {
            e.problems().forEach(p -> f.errors().add(locate.apply(p)));
        } catch (SchedulerException e) {
            f.errors().add(session.startupProblem(e, cfg, source));
        } catch (RuntimeException e) {
            f.errors().add(source + ": the scheduler cannot start with this configuration: " + e);
        }
    }

    private static void print(List<Findings> all, PrintWriter out) {
        int errors = 0;
        int warnings = 0;
        for (Findings f : all) {
            errors += f.errors().size();
            warnings += f.warnings().size();
            if (f.errors().isEmpty() && f.warnings().isEmpty()) {
                out.println(f.source() + ": OK");
                continue;
            }
            out.println(f.source() + ": " + count(f.errors().size(), "error") + ", "
                    + count(f.warnings().size(), "warning"));
            f.errors().forEach(e -> out.println("  error: " + e));
            f.warnings().forEach(w -> out.println("  warning: " + w));
        }
        out.println();
        out.println(count(all.size(), "file") + " checked: " + count(errors, "error") + ", "
                + count(warnings, "warning"));
    }

    private static String count(int n, String noun) {
        return n + " " + noun + (n == 1 ? "" : "s");
    }
}
