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
import org.volsched.spi.InvalidConfiguration;
import org.volsched.spi.OptionDeclaration;
import org.volsched.spi.Options;
import org.volsched.python.Py;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The scheduler's typed configuration: volsched's options (Cinder's names and defaults) and the
 * options the plug-ins declare ({@link org.volsched.spi.ComponentFactory#options()}).
 *
 * <p>Sources, applied in order, later ones winning: a {@code .properties} file, the
 * {@code [DEFAULT]} section of a {@code cinder.conf}, and programmatic overrides. All problems of
 * all sources are collected and reported together in one {@link InvalidConfiguration}. Every source
 * is strict: an unknown key is an error naming the source (file and line where there is one), the
 * key and a "did you mean" among every known option. A {@code cinder.conf}, which holds every Cinder
 * service's options, is the one lenient source: a key that is no option and is not close to one is
 * ignored, a near miss is an error.
 *
 * <p>Which options exist depends on the plug-ins. A builder given the complete {@link OptionCatalog}
 * ({@link Builder#catalog}) checks every key when it builds; without one it knows volsched's own
 * options only and keeps the other keys, with their sources, as <em>undeclared</em>: they are typed,
 * or reported as unknown, when the scheduler resolves the configuration against the discovered
 * plug-ins' declarations ({@link SchedulerConfig#resolve}). Nothing set is ever dropped silently.
 */
public final class SchedulerConfig implements Options {
    private static final Logger LOG = LoggerFactory.getLogger(SchedulerConfig.class);

    /** One key as a source set it. {@code lenient}: from a cinder.conf (ignored when not near an option). */
    public record Setting(String key, Object value, String where, boolean lenient) {
    }

    private final OptionCatalog catalog;
    private final boolean resolved;
    private final Map<String, Object> values;
    private final List<Setting> settings;
    private final List<Setting> undeclared;

    private SchedulerConfig(OptionCatalog catalog, boolean resolved, Map<String, Object> values,
                            List<Setting> settings, List<Setting> undeclared) {
        this.catalog = catalog;
        this.resolved = resolved;
        this.values = Collections.unmodifiableMap(values);
        this.settings = List.copyOf(settings);
        this.undeclared = List.copyOf(undeclared);
    }

    /** Every option of volsched's own (not the plug-ins'), with its default and description. */
    public static Map<String, String> describeOptions() {
        return describeOptions(OptionCatalog.core());
    }

    /** Every option of {@code catalog}, with its default and description. */
    public static Map<String, String> describeOptions(OptionCatalog catalog) {
        Map<String, String> out = new LinkedHashMap<>();
        catalog.options().forEach((name, o) -> out.put(name, "default " + render(o.declaration().defaultValue())
                + ": " + o.declaration().help()));
        return out;
    }

    /** The default of one of volsched's own options ({@code null} for others). */
    public static Object defaultOf(String name) {
        OptionDeclaration d = OptionCatalog.core().declaration(name);
        return d == null ? null : d.defaultValue();
    }

    /** True for volsched's own options; the plug-ins' are in {@code PluginRegistry.options()}. */
    public static boolean isKnown(String name) {
        return OptionCatalog.core().isKnown(name);
    }

    /** A value as configuration files write it ({@code unset}, {@code a,b}, {@code 1.0}). */
    public static String render(Object v) {
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

    /** Every declared option's value (defaults included). */
    public Map<String, Object> asMap() {
        return values;
    }

    /** The options this configuration was checked against. */
    public OptionCatalog catalog() {
        return catalog;
    }

    /** True when it was checked against a complete catalog (volsched's and the plug-ins' options). */
    public boolean isResolved() {
        return resolved;
    }

    /** Keys set that volsched's own options do not include, awaiting {@link SchedulerConfig#resolve}; empty once resolved. */
    public List<Setting> undeclared() {
        return undeclared;
    }

    /** Every key as its source set it, in order (later ones win). */
    public List<Setting> settings() {
        return settings;
    }

    /**
     * This configuration checked against {@code complete} (volsched's options and every discovered
     * plug-in's): plug-ins' options are typed and validated, an unknown key is an error naming its
     * source with a "did you mean".
     *
     * @throws InvalidConfiguration every problem, and every conflict between declarations of an
     *     option it sets
     */
    public SchedulerConfig resolve(OptionCatalog complete) {
        if (resolved && complete == catalog) {
            return this;
        }
        Builder b = builder().catalog(complete);
        b.settings.addAll(settings);
        return b.build();
    }

    @Override
    public Object get(String name) {
        if (!catalog.isKnown(name)) {
            throw new IllegalArgumentException("unknown option '" + name + "': neither volsched nor a discovered "
                    + "plug-in declares it (a component declares the options it reads in its factory's options())"
                    + (resolved ? "" : "; this configuration was not resolved against the plug-ins' declarations, "
                    + "use the scheduler's configuration or SchedulerConfig.resolve"));
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
        if (resolved) {
            b.catalog(catalog);
        }
        b.settings.addAll(settings);
        b.overrides(overrides, "override");
        return b.build();
    }

    @Override
    public String toString() {
        return "SchedulerConfig" + values + (undeclared.isEmpty() ? "" : " undeclared " + undeclared);
    }

    /** Collects sources and problems; {@link #build()} validates everything at once. */
    public static final class Builder {
        private final List<Setting> settings = new ArrayList<>();
        private final List<String> problems = new ArrayList<>();
        private OptionCatalog catalog = OptionCatalog.core();
        private boolean complete;

        private Builder() {
        }

        /**
         * The complete set of options (volsched's and every plug-in's, see
         * {@code PluginRegistry.options()}): {@link #build()} then reports every unknown key.
         * Without it only volsched's own options are known, and other keys wait for {@link SchedulerConfig#resolve}.
         */
        public Builder catalog(OptionCatalog complete) {
            this.catalog = java.util.Objects.requireNonNull(complete, "catalog");
            this.complete = true;
            return this;
        }

        /** Reads a {@code .properties} file; unknown keys are errors naming the file and line. */
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
            Map<String, Integer> lines = propertyLines(text);
            List<String> keys = new ArrayList<>(p.stringPropertyNames());
            Collections.sort(keys);
            for (String k : keys) {
                Integer line = lines.get(k);
                set(k, p.getProperty(k), line == null ? file.toString() : file + ":" + line);
            }
            return this;
        }

        /** The line each key is (last) set on, for the simple {@code key = value} lines of a properties file. */
        static Map<String, Integer> propertyLines(String text) {
            Map<String, Integer> lines = new LinkedHashMap<>();
            boolean continued = false;
            int lineNo = 0;
            for (String line : text.split("\\R", -1)) {
                lineNo++;
                String t = line.stripLeading();
                boolean wasContinued = continued;
                continued = !t.isEmpty() && endsWithOddBackslashes(line);
                if (wasContinued || t.isEmpty() || t.startsWith("#") || t.startsWith("!")) {
                    continue;
                }
                int end = 0;
                while (end < t.length() && "=: \t\f".indexOf(t.charAt(end)) < 0 && t.charAt(end) != '\\') {
                    end++;
                }
                if (end > 0 && (end == t.length() || t.charAt(end) != '\\')) {
                    lines.put(t.substring(0, end), lineNo);
                }
            }
            return lines;
        }

        private static boolean endsWithOddBackslashes(String line) {
            int n = 0;
            for (int i = line.length() - 1; i >= 0 && line.charAt(i) == '\\'; i--) {
                n++;
            }
            return n % 2 == 1;
        }

        /**
         * Reads the {@code [DEFAULT]} section of a {@code cinder.conf}. Options of other Cinder
         * services are ignored; a key close to a known option (a misspelling) is an error.
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
                settings.add(new Setting(key, value, file + ":" + lineNo, true));
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
                set(e.getKey(), e.getValue(), where);
            }
            return this;
        }

        /** Sets one option; {@code where} names the source in messages. An unknown key is an error. */
        public Builder set(String key, Object value, String where) {
            settings.add(new Setting(key, value, where, false));
            return this;
        }

        private String unknownKey(String key, String where) {
            return catalog.unknown(key, where);
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
            if (complete) {
                // An option two plug-ins declare differently is an error where it is set; where it is
                // not, only a configuration selecting one of its components fails (at start-up).
                java.util.Set<String> keys = new java.util.HashSet<>();
                settings.forEach(st -> keys.add(st.key()));
                catalog.conflictRecords().stream().filter(c -> keys.contains(c.option()))
                        .forEach(c -> all.add(c.message()));
            }
            Map<String, Setting> last = new LinkedHashMap<>();
            List<Setting> undeclared = new ArrayList<>();
            for (Setting s : settings) {
                if (catalog.isKnown(s.key())) {
                    last.put(s.key(), s);
                } else if (!complete) {
                    undeclared.add(s);
                } else if (!s.lenient()) {
                    all.add(unknownKey(s.key(), s.where()));
                } else if (catalog.closest(s.key()) != null) {
                    all.add(s.where() + ": unknown option '" + s.key() + "'; did you mean '"
                            + catalog.closest(s.key()) + "'?");
                } else {
                    LOG.debug("{}: ignoring '{}', not an option of volsched or of its plug-ins", s.where(), s.key());
                }
            }
            Map<String, Object> values = new LinkedHashMap<>();
            for (OptionCatalog.Owned o : catalog.options().values()) {
                OptionDeclaration d = o.declaration();
                Setting s = last.get(d.name());
                Object value = s == null ? null : s.value();
                try {
                    values.put(d.name(), OptionSpec.parse(d, value));
                } catch (IllegalArgumentException e) {
                    all.add((s == null ? "config" : s.where()) + ": " + d.name() + " = " + Py.repr(value) + ": "
                            + e.getMessage());
                }
            }
            if (!all.isEmpty()) {
                throw new InvalidConfiguration(all);
            }
            return new SchedulerConfig(catalog, complete, values, settings, undeclared);
        }
    }
}
