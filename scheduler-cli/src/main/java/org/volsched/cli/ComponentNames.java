package org.volsched.cli;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.volsched.core.bootstrap.PluginRegistry;
import org.volsched.core.config.SchedulerConfig;

/**
 * Checks that the driver, filters and weighers a configuration names are provided by a discovered
 * plug-in, before anything is scheduled, so that a typo is reported with the field that holds it
 * ({@code demo.scenario.json: config.scheduler_default_filters[1]}), the names available and a
 * "did you mean …?".
 */
final class ComponentNames {
    /**
     * Where the options come from.
     *
     * @param scenarioSource the scenario file as named in messages, or {@code null} when checking a
     *     configuration file alone
     * @param scenarioKeys the options the scenario's {@code config} sets
     * @param configSource the {@code --config} file as named in messages, or {@code null}
     * @param configKeys the options the {@code --config} file sets (they win)
     */
    record Origins(String scenarioSource, Iterable<String> scenarioKeys, String configSource,
                   Iterable<String> configKeys) {
        String where(String key, String index) {
            for (String k : configKeys) {
                if (k.equals(key)) {
                    return configSource + ": " + key + index;
                }
            }
            if (scenarioSource == null) {
                return configSource + ": " + key + index;
            }
            for (String k : scenarioKeys) {
                if (k.equals(key)) {
                    return scenarioSource + ": config." + key + index;
                }
            }
            return scenarioSource + ": config." + key + index + " (default)";
        }
    }

    private ComponentNames() {
    }

    /**
     * Whether a scheduler can be built to check the rest: its driver and its capacity ledger are
     * known (an unknown filter or weigher only fails the requests that reach it, and is reported).
     */
    static boolean buildable(PluginRegistry registry, SchedulerConfig config) {
        return registry.drivers().containsKey(config.schedulerDriver())
                && registry.ledgers().containsKey(config.getString("capacity_ledger"));
    }

    /** One message per unknown name; empty when every name is known. */
    static List<String> unknown(PluginRegistry registry, SchedulerConfig config, Origins origins) {
        List<String> problems = new ArrayList<>();
        String driver = config.schedulerDriver();
        if (!registry.drivers().containsKey(driver)) {
            problems.add(message(registry, origins.where("scheduler_driver", ""), "driver", driver,
                    registry.drivers()));
        }
        String ledger = config.getString("capacity_ledger");
        if (!registry.ledgers().containsKey(ledger)) {
            problems.add(message(registry, origins.where("capacity_ledger", ""), "capacity ledger", ledger,
                    registry.ledgers()));
        }
        check(registry, config.filters(), "scheduler_default_filters", "filter", registry.filters(), origins,
                problems);
        check(registry, config.weighers(), "scheduler_default_weighers", "weigher", registry.weighers(), origins,
                problems);
        return problems;
    }

    private static void check(PluginRegistry registry, List<String> names, String option, String kind,
                              Map<String, ? extends PluginRegistry.Entry<?>> known, Origins origins,
                              List<String> problems) {
        for (int i = 0; i < names.size(); i++) {
            String name = names.get(i);
            if (!known.containsKey(name)) {
                problems.add(message(registry, origins.where(option, "[" + i + "]"), kind, name, known));
            }
        }
    }

    /** {@code where: unknown KIND 'NAME'; available: …; did you mean '…'?}. */
    private static String message(PluginRegistry registry, String where, String kind, String name,
                                  Map<String, ? extends PluginRegistry.Entry<?>> known) {
        String text = registry.unknown("", kind, name, known);
        return where + text;
    }
}
