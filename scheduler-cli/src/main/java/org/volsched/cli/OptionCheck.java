package org.volsched.cli;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import org.volsched.core.config.OptionCatalog;
import org.volsched.core.config.SchedulerConfig;
import org.volsched.spi.InvalidConfiguration;

/**
 * Checks scheduler options one at a time, so that one bad value hides neither the others' problems
 * nor the checks that need a whole configuration: the result is every value's problem plus a
 * configuration of the valid values (defaults elsewhere) to go on checking with.
 */
final class OptionCheck {
    /**
     * @param usable the valid values over the defaults
     * @param problems one message per invalid value ({@code x.scenario.json: config.scheduler_max_attempts =
     *     'three': expected an integer, found 'three'})
     */
    record Result(SchedulerConfig usable, List<String> problems) {
    }

    private OptionCheck() {
    }

    /**
     * @param raw the options as set, later entries winning; keys {@code catalog} does not know are
     *     skipped (they are reported by whoever read them)
     * @param origin where each key was set, as messages name it ({@code x.scenario.json: config}, a file name)
     */
    static Result check(Map<String, ?> raw, UnaryOperator<String> origin, OptionCatalog catalog) {
        Map<String, Object> valid = new LinkedHashMap<>();
        List<String> problems = new ArrayList<>();
        for (Map.Entry<String, ?> e : raw.entrySet()) {
            String key = e.getKey();
            if (!catalog.isKnown(key) || e.getValue() == null) {
                continue;
            }
            String where = origin.apply(key);
            try {
                SchedulerConfig one = SchedulerConfig.builder().catalog(catalog).set(key, e.getValue(), where).build();
                valid.put(key, one.asMap().get(key));
            } catch (InvalidConfiguration ex) {
                String prefix = where + ": ";
                for (String p : ex.problems()) {
                    // "x.scenario.json: config: key = …" reads better as "x.scenario.json: config.key = …".
                    problems.add(where.endsWith(": config") && p.startsWith(prefix)
                            ? where + "." + p.substring(prefix.length()) : p);
                }
            }
        }
        return new Result(SchedulerConfig.builder().catalog(catalog).overrides(valid, "validated").build(), problems);
    }
}
