package org.volsched.core.config;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.io.Reader;
import java.io.StringReader;
import org.volsched.core.config.OptionSpec.Type;
import org.volsched.spi.InvalidConfiguration;
import org.volsched.spi.Options;
import org.volsched.spi.py.Py;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The scheduler's typed configuration, with Cinder's option names and defaults.
 *
 * <p>Sources, applied in order, later ones winning: a {@code .properties} file, the
 * {@code [DEFAULT]} section of a {@code cinder.conf}, and programmatic overrides. All problems of
 * all sources are collected and reported together in one {@link InvalidConfiguration}; an unknown
 * key in a properties file or an override is an error with a "did you mean" suggestion, while a
 * {@code cinder.conf}, which holds every Cinder service's options, contributes only the scheduler
 * options it sets.
 */
public final class SchedulerConfig implements Options {
    private static final Logger LOG = LoggerFactory.getLogger(SchedulerConfig.class);

    static final Map<String, OptionSpec> OPTIONS = specs();

    private final Map<String, Object> values;

    private SchedulerConfig(Map<String, Object> values) {
        this.values = Collections.unmodifiableMap(values);
    }

    private static Map<String, OptionSpec> specs() {
        Map<String, OptionSpec> m = new LinkedHashMap<>();
        add(m, OptionSpec.of("scheduler_driver", Type.STRING, "filter",
                "The driver: a short name (filter, chance) or Cinder's class path."));
        add(m, OptionSpec.of("scheduler_default_filters", Type.LIST,
                List.of("AvailabilityZoneFilter", "CapacityFilter", "CapabilitiesFilter"),
                "Filters, in the order they run."));
        add(m, OptionSpec.of("scheduler_default_weighers", Type.LIST, List.of("CapacityWeigher"),
                "Weighers, in the order they run."));
        add(m, OptionSpec.of("scheduler_weight_handler", Type.STRING, "OrderedHostWeightHandler",
                "OrderedHostWeightHandler or StochasticHostWeightHandler (or their Cinder class paths)."));
        add(m, OptionSpec.of("scheduler_max_attempts", Type.INT, 3,
                "Attempts to schedule a volume before giving up; 1 disables rescheduling."));
        add(m, OptionSpec.of("capacity_weight_multiplier", Type.FLOAT, 1.0,
                "CapacityWeigher multiplier; negative stacks volumes instead of spreading them."));
        add(m, OptionSpec.of("allocated_capacity_weight_multiplier", Type.FLOAT, -1.0,
                "AllocatedCapacityWeigher multiplier; negative spreads volumes."));
        add(m, OptionSpec.of("volume_number_multiplier", Type.FLOAT, -1.0,
                "VolumeNumberWeigher multiplier; negative spreads volumes."));
        add(m, OptionSpec.of("max_over_subscription_ratio", Type.STRING, "20.0",
                "Over-subscription ratio for thin pools that report none: a number or 'auto'.")
                .matching("auto|\\d*\\.\\d+|\\d+"));
        add(m, OptionSpec.of("reserved_percentage", Type.INT, 0,
                "Volume driver option; accepted for cinder.conf compatibility, no effect on scheduling."));
        add(m, OptionSpec.of("storage_availability_zone", Type.STRING, "nova",
                "Zone of backends that name none."));
        add(m, OptionSpec.of("default_availability_zone", Type.STRING, null,
                "API option; accepted for cinder.conf compatibility, no effect on scheduling."));
        add(m, OptionSpec.of("service_down_time", Type.INT, 60,
                "Seconds since a service's last heartbeat after which it is down.").atLeast(1));
        add(m, OptionSpec.of("scheduler_driver_init_wait_time", Type.INT, 60,
                "Seconds the scheduler waits at start-up for capability reports.").atLeast(1));
        add(m, OptionSpec.of("scheduler_json_config_location", Type.STRING, "",
                "A JSON file whose content filters receive as config_options."));
        add(m, OptionSpec.of("message_ttl", Type.INT, 2592000,
                "Seconds a user message lives.").atLeast(0));
        add(m, OptionSpec.of("notification_driver", Type.LIST, List.of("messagingv2"),
                "Notification drivers; 'noop' alone disables the scheduler.create_volume error notification."));
        add(m, OptionSpec.of("random_seed", Type.LONG, null,
                "Seed of the chance driver, ChanceWeigher and the stochastic handler; random when unset."));
        add(m, OptionSpec.of("host", Type.STRING, "volsched",
                "This scheduler's host name, used in notification publisher ids."));
        return Collections.unmodifiableMap(m);
    }

    private static OptionSpec add(Map<String, OptionSpec> m, OptionSpec spec) {
        m.put(spec.name(), spec);
        return spec;
    }

    /** Every option volsched knows, with its default and description. */
    public static Map<String, String> describeOptions() {
        Map<String, String> out = new LinkedHashMap<>();
        OPTIONS.forEach((name, spec) -> out.put(name, "default " + render(spec.defaultValue()) + ": " + spec.help()));
        return out;
    }

    /** The default of an option. */
    public static Object defaultOf(String name) {
        OptionSpec spec = OPTIONS.get(name);
        return spec == null ? null : spec.defaultValue();
    }

    public static boolean isKnown(String name) {
        return OPTIONS.containsKey(name);
    }

    private static String render(Object v) {
        if (v == null) {
            return "unset";
        }
        if (v instanceof List<?> l) {
            return String.join(",", l.stream().map(String::valueOf).toList());
        }
        return Py.str(v);
    }

    public static SchedulerConfig defaults() {
        return builder().build();
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Every option's value (defaults included). */
    public Map<String, Object> asMap() {
        return values;
    }

    @Override
    public Object get(String name) {
        if (!OPTIONS.containsKey(name)) {
            throw new IllegalArgumentException("unknown option " + name);
        }
        return values.get(name);
    }

    @Override
    public double getDouble(String name) {
        return ((Number) get(name)).doubleValue();
    }

    @Override
    public int getInt(String name) {
        return ((Number) get(name)).intValue();
    }

    @Override
    public String getString(String name) {
        Object v = get(name);
        return v == null ? null : v.toString();
    }

    @Override
    @SuppressWarnings("unchecked")
    public List<String> getList(String name) {
        return (List<String>) get(name);
    }

    public String schedulerDriver() {
        return getString("scheduler_driver");
    }

    public List<String> filters() {
        return getList("scheduler_default_filters");
    }

    public List<String> weighers() {
        return getList("scheduler_default_weighers");
    }

    public Long randomSeed() {
        return (Long) get("random_seed");
    }

    /** A copy with {@code overrides} applied on top (validated as programmatic overrides are). */
    public SchedulerConfig with(Map<String, ?> overrides) {
        Builder b = builder();
        b.raw.putAll(values);
        b.overrides(overrides, "override");
        return b.build();
    }

    @Override
    public String toString() {
        return "SchedulerConfig" + values;
    }

    /** Collects sources and problems; {@link #build()} validates everything at once. */
    public static final class Builder {
        private final Map<String, Object> raw = new LinkedHashMap<>();
        private final Map<String, String> origin = new LinkedHashMap<>();
        private final List<String> problems = new ArrayList<>();

        private Builder() {
        }

        /** Reads a {@code .properties} file; unknown keys are errors. */
        public Builder propertiesFile(Path file) {
            String text = read(file);
            if (text == null) {
                return this;
            }
            Properties p = new Properties();
            try (Reader r = new StringReader(text)) {
                p.load(r);
            } catch (IOException | IllegalArgumentException e) {
                problems.add(file + ": not a valid properties file: " + e.getMessage());
                return this;
            }
            List<String> keys = new ArrayList<>(p.stringPropertyNames());
            Collections.sort(keys);
            Map<String, Object> entries = new LinkedHashMap<>();
            for (String k : keys) {
                entries.put(k, p.getProperty(k));
            }
            return overrides(entries, file.toString());
        }

        /**
         * Reads the {@code [DEFAULT]} section of a {@code cinder.conf}. Options of other Cinder
         * services are ignored; a key that looks like a misspelt scheduler option is an error.
         */
        public Builder cinderConf(Path file) {
            String text = read(file);
            if (text == null) {
                return this;
            }
            String section = "DEFAULT";
            int lineNo = 0;
            for (String line : text.split("\\R")) {
                lineNo++;
                String t = line.strip();
                if (t.isEmpty() || t.startsWith("#") || t.startsWith(";")) {
                    continue;
                }
                if (t.startsWith("[")) {
                    if (!t.endsWith("]")) {
                        problems.add(file + ":" + lineNo + ": malformed section header " + Py.repr(t)
                                + " (expected [NAME])");
                        continue;
                    }
                    section = t.substring(1, t.length() - 1).strip();
                    continue;
                }
                int eq = indexOfSeparator(t);
                if (eq < 0) {
                    problems.add(file + ":" + lineNo + ": expected 'key = value', found " + Py.repr(t));
                    continue;
                }
                if (!section.equals("DEFAULT")) {
                    continue;
                }
                String key = t.substring(0, eq).strip();
                String value = t.substring(eq + 1).strip();
                String where = file + ":" + lineNo;
                if (OPTIONS.containsKey(key)) {
                    set(key, value, where);
                } else {
                    String suggestion = FuzzyMatch.closest(key, OPTIONS.keySet());
                    if (suggestion != null && key.startsWith("scheduler")) {
                        problems.add(where + ": unknown scheduler option '" + key + "'; did you mean '"
                                + suggestion + "'?");
                    } else {
                        LOG.debug("{}: ignoring '{}', not a scheduler option", where, key);
                    }
                }
            }
            return this;
        }

        private static int indexOfSeparator(String t) {
            int eq = t.indexOf('=');
            int colon = t.indexOf(':');
            if (eq < 0) {
                return colon;
            }
            return colon < 0 ? eq : Math.min(eq, colon);
        }

        /** Programmatic overrides; {@code where} names the source in messages. Unknown keys are errors. */
        public Builder overrides(Map<String, ?> entries, String where) {
            for (Map.Entry<String, ?> e : entries.entrySet()) {
                String key = e.getKey();
                if (!OPTIONS.containsKey(key)) {
                    problems.add(unknownKey(key, where));
                    continue;
                }
                set(key, e.getValue(), where);
            }
            return this;
        }

        /** Like {@link #overrides} but unknown keys are returned, not errors (a scenario's {@code config}). */
        public List<String> lenientOverrides(Map<String, ?> entries, String where) {
            List<String> unknown = new ArrayList<>();
            for (Map.Entry<String, ?> e : entries.entrySet()) {
                if (OPTIONS.containsKey(e.getKey())) {
                    set(e.getKey(), e.getValue(), where);
                } else {
                    unknown.add(unknownKey(e.getKey(), where));
                }
            }
            return unknown;
        }

        public Builder set(String key, Object value, String where) {
            raw.put(key, value);
            origin.put(key, where);
            return this;
        }

        private static String unknownKey(String key, String where) {
            String suggestion = FuzzyMatch.closest(key, OPTIONS.keySet());
            return where + ": unknown option '" + key + "'"
                    + (suggestion != null ? "; did you mean '" + suggestion + "'?" : "; known options: "
                    + String.join(", ", OPTIONS.keySet().stream().sorted().toList()));
        }

        private String read(Path file) {
            try {
                return Files.readString(file, StandardCharsets.UTF_8);
            } catch (NoSuchFileException e) {
                problems.add(file + ": no such configuration file");
            } catch (IOException e) {
                problems.add(file + ": cannot read configuration file: " + e.getMessage());
            }
            return null;
        }

        /** Validates every value; throws one {@link InvalidConfiguration} listing every problem. */
        public SchedulerConfig build() {
            List<String> all = new ArrayList<>(problems);
            Map<String, Object> values = new LinkedHashMap<>();
            for (OptionSpec spec : OPTIONS.values()) {
                Object value = raw.get(spec.name());
                try {
                    values.put(spec.name(), spec.parse(value));
                } catch (IllegalArgumentException e) {
                    all.add(origin.getOrDefault(spec.name(), "config") + ": " + spec.name() + " = "
                            + Py.repr(value) + ": " + e.getMessage());
                }
            }
            if (!all.isEmpty()) {
                throw new InvalidConfiguration(all);
            }
            return new SchedulerConfig(values);
        }
    }
}
