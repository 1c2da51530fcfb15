package org.volsched.core.bootstrap;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.security.CodeSource;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Enumeration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;
import java.util.TreeMap;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.volsched.core.config.OptionCatalog;
import org.volsched.spi.CapacityLedgerFactory;
import org.volsched.spi.ComponentDeclaration;
import org.volsched.spi.DriverFactory;
import org.volsched.spi.FilterFactory;
import org.volsched.spi.InvalidConfiguration;
import org.volsched.spi.OptionDeclaration;
import org.volsched.spi.SchedulerPlugin;
import org.volsched.spi.WeigherFactory;

/**
 * Every plug-in {@link ServiceLoader} finds, and their drivers, filters and weighers by name.
 *
 * <p>Discovery is deterministic (plug-ins sorted by name) and tells the truth once: a provider that
 * cannot be loaded or constructed, or whose factory methods throw, is logged once with the jar that
 * named it and the reason, skipped, and remembered ({@link #broken()}) so that selecting something
 * it would have provided explains why it is missing. A name provided by two plug-ins is logged once
 * naming both jars and remembered ({@link #conflicts()}); it fails only a configuration that selects
 * it ({@link #conflictsIn}). An unknown name fails listing the known names, sorted.
 */
public final class PluginRegistry {
    private static final Logger LOG = LoggerFactory.getLogger(PluginRegistry.class);
    private static final String SERVICE_FILE = "META-INF/services/" + SchedulerPlugin.class.getName();

    /** A factory with where it came from. */
    public record Entry<T extends ComponentDeclaration>(String name, List<String> aliases, T factory,
                                                       String pluginName, String source) {
    }

    /**
     * A provider that could not be used.
     *
     * @param provider the class its service file names
     * @param source the jar (or directory) it came from, or {@code unknown location}
     * @param error why it was skipped
     */
    public record BrokenPlugin(String provider, String source, String error) {
        /** {@code PROVIDER (SOURCE): ERROR}, as messages name it. */
        public String describe() {
            return provider + " (" + source + "): " + error;
        }
    }

    /**
     * One name that two or more plug-ins provide.
     *
     * @param kind {@code driver}, {@code filter} or {@code weigher}
     * @param name the name (a short name or an alias)
     * @param providers every entry that claims it, in plug-in order; the first is the one listed
     */
    public record Conflict(String kind, String name, List<Entry<?>> providers) {
        /**
         * {@code the filter name 'X' is provided twice: by plug-in a (jar) and by plug-in b (jar)};
         * when one plug-in provides it twice (two of its components whose class names end alike), the
         * components are named: {@code by component 'a.X' of plug-in p (jar) and by component 'b.X' …}.
         */
        public String describe() {
            List<String> plugins = providers.stream().map(PluginRegistry::describe).toList();
            boolean samePlugin = plugins.stream().distinct().count() < plugins.size();
            List<String> by = samePlugin
                    ? providers.stream().map(e -> "component '" + e.name() + "' of " + PluginRegistry.describe(e))
                            .toList()
                    : plugins;
            return "the " + kind + " name '" + name + "' is provided " + (by.size() == 2 ? "twice" : by.size() + " times")
                    + ": by " + String.join(" and by ", by);
        }
    }

    private final List<SchedulerPlugin> plugins;
    private final List<BrokenPlugin> broken;
    private final List<Conflict> conflicts = new ArrayList<>();
    private final Map<String, Entry<DriverFactory>> drivers;
    private final Map<String, Entry<FilterFactory>> filters;
    private final Map<String, Entry<WeigherFactory>> weighers;
    private final Map<String, Entry<CapacityLedgerFactory>> ledgers;
    private final OptionCatalog options;

    private PluginRegistry(List<SchedulerPlugin> candidates, List<BrokenPlugin> broken) {
        List<BrokenPlugin> skipped = new ArrayList<>(broken);
        List<Contribution> usable = new ArrayList<>();
        List<SchedulerPlugin> all = new ArrayList<>();
        all.add(new CorePlugin());
        candidates.stream().filter(p -> !(p instanceof CorePlugin)).forEach(all::add);
        for (SchedulerPlugin plugin : all) {
            Contribution c = Contribution.of(plugin, skipped);
            if (c != null) {
                usable.add(c);
            }
        }
        // volsched's own components are registered like a plug-in's, but it is not listed as one.
        this.plugins = usable.stream().map(Contribution::plugin).filter(p -> !(p instanceof CorePlugin)).toList();
        this.broken = List.copyOf(skipped);
        this.drivers = index("driver", usable, Contribution::drivers);
        this.filters = index("filter", usable, Contribution::filters);
        this.weighers = index("weigher", usable, Contribution::weighers);
        this.ledgers = index("capacity ledger", usable, Contribution::ledgers);
        this.options = catalog();
        for (String c : options.conflicts()) {
            LOG.warn("{}; a configuration that sets it or selects either component fails until then", c);
        }
        for (Conflict c : conflicts) {
            LOG.warn("{}; selecting it fails until one of the jars is removed or one component renamed",
                    c.describe());
        }
    }

    /** A plug-in's factories, asked for once. */
    private record Contribution(SchedulerPlugin plugin, List<DriverFactory> drivers, List<FilterFactory> filters,
                                List<WeigherFactory> weighers, List<CapacityLedgerFactory> ledgers) {
        /** The plug-in's factories, or {@code null} (and a broken entry, logged) when asking for them fails. */
        static Contribution of(SchedulerPlugin plugin, List<BrokenPlugin> broken) {
            String method = "driverFactories()";
            try {
                List<DriverFactory> d = List.copyOf(plugin.driverFactories());
                method = "filterFactories()";
                List<FilterFactory> f = List.copyOf(plugin.filterFactories());
                method = "weigherFactories()";
                List<WeigherFactory> w = List.copyOf(plugin.weigherFactories());
                method = "capacityLedgerFactories()";
                List<CapacityLedgerFactory> l = List.copyOf(plugin.capacityLedgerFactories());
                return new Contribution(plugin, d, f, w, l);
            } catch (RuntimeException | LinkageError e) {
                broken.add(skip(plugin.getClass().getName(), sourceOf(plugin.getClass()),
                        "its " + method + " failed: " + e));
                return null;
            }
        }
    }

    /** Loads every {@link SchedulerPlugin} visible to {@code classLoader}; broken providers are logged once. */
    public static PluginRegistry load(ClassLoader classLoader) {
        List<SchedulerPlugin> found = new ArrayList<>();
        List<BrokenPlugin> broken = new ArrayList<>();
        Map<String, String> namedBy = serviceFiles(classLoader, broken);
        // ServiceLoader reads the same files in the same order: the providers not reached yet, in order.
        List<String> pending = new ArrayList<>(namedBy.keySet());
        ServiceLoader<SchedulerPlugin> loader = ServiceLoader.load(SchedulerPlugin.class, classLoader);
        var it = loader.stream().iterator();
        while (true) {
            ServiceLoader.Provider<SchedulerPlugin> provider;
            try {
                if (!it.hasNext()) {
                    break;
                }
                provider = it.next();
            } catch (ServiceConfigurationError | LinkageError e) {
                // The error names the provider (a missing class, not a SchedulerPlugin), or only a class it
                // needs (a missing superclass): then it is the next provider ServiceLoader had to reach.
                String name = providerIn(e, pending);
                if (name == null && !pending.isEmpty()) {
                    name = pending.get(0);
                }
                pending.remove(name);
                broken.add(skip(name == null ? "?" : name,
                        name == null ? "unknown location" : namedBy.get(name), reason(e)));
                continue;
            }
            String name = provider.type().getName();
            pending.remove(name);
            try {
                found.add(provider.get());
            } catch (ServiceConfigurationError | RuntimeException | LinkageError e) {
                Throwable cause = e.getCause() != null ? e.getCause() : e;
                broken.add(skip(name, sourceOf(provider.type()), "its construction failed: " + cause));
            }
        }
        return of(found, broken);
    }

    private static BrokenPlugin skip(String provider, String source, String error) {
        BrokenPlugin b = new BrokenPlugin(provider, source, error);
        LOG.warn("Skipping scheduler plug-in {}", b.describe());
        return b;
    }

    /**
     * Every provider class named by a service file {@code classLoader} sees, with the jar (or
     * directory) of the first file that names it, as {@link ServiceLoader} reads them.
     */
    private static Map<String, String> serviceFiles(ClassLoader classLoader, List<BrokenPlugin> broken) {
        Map<String, String> namedBy = new LinkedHashMap<>();
        Enumeration<URL> files;
        try {
            files = classLoader.getResources(SERVICE_FILE);
        } catch (IOException e) {
            LOG.debug("Cannot list the {} files: {}", SERVICE_FILE, e.toString());
            return namedBy;
        }
        while (files.hasMoreElements()) {
            URL file = files.nextElement();
            try (BufferedReader in = new BufferedReader(new InputStreamReader(file.openStream(),
                    StandardCharsets.UTF_8))) {
                String line;
                while ((line = in.readLine()) != null) {
                    int hash = line.indexOf('#');
                    String name = (hash < 0 ? line : line.substring(0, hash)).strip();
                    if (!name.isEmpty()) {
                        namedBy.putIfAbsent(name, jarOf(file));
                    }
                }
            } catch (IOException e) {
                LOG.debug("Cannot read {}: {}", file, e.toString());
            }
        }
        return namedBy;
    }

    /** The jar or directory a service file's URL is in. */
    private static String jarOf(URL serviceFile) {
        String url = serviceFile.toString();
        String path = url.startsWith("jar:") ? url.substring(4, Math.max(4, url.indexOf("!/"))) : url;
        if (!url.startsWith("jar:") && path.endsWith(SERVICE_FILE)) {
            path = path.substring(0, path.length() - SERVICE_FILE.length());
        }
        try {
            return new URI(path).getPath();
        } catch (URISyntaxException | IllegalArgumentException e) {
            return path;
        }
    }

    /** The provider a {@link ServiceLoader} error is about, among the names the service files list. */
    private static String providerIn(Throwable e, List<String> names) {
        String message = String.valueOf(e.getMessage());
        String found = null;
        for (String name : names) {
            String slashed = name.replace('.', '/');
            if ((mentions(message, name) || mentions(message, slashed))
                    && (found == null || name.length() > found.length())) {
                found = name;
            }
        }
        return found;
    }

    /** Whether {@code message} names {@code name} as a whole word (not as a prefix of a longer name). */
    private static boolean mentions(String message, String name) {
        for (int i = message.indexOf(name); i >= 0; i = message.indexOf(name, i + 1)) {
            int end = i + name.length();
            if (end == message.length() || !Character.isJavaIdentifierPart(message.charAt(end))
                    && message.charAt(end) != '.' && message.charAt(end) != '/') {
                return true;
            }
        }
        return false;
    }

    private static String reason(Throwable e) {
        String message = e.getMessage() == null ? e.toString() : e.getMessage();
        String prefix = SchedulerPlugin.class.getName() + ": ";
        String text = message.startsWith(prefix) ? message.substring(prefix.length()) : message;
        if (e instanceof LinkageError) {
            return "its class cannot be loaded: " + e;
        }
        return e.getCause() == null ? text : text + ": " + e.getCause();
    }

    /** A registry of the given plug-ins (tests, embedding without ServiceLoader). */
    public static PluginRegistry of(List<SchedulerPlugin> plugins, List<BrokenPlugin> broken) {
        List<SchedulerPlugin> sorted = new ArrayList<>(plugins);
        sorted.sort(Comparator.comparing(SchedulerPlugin::pluginName));
        return new PluginRegistry(sorted, broken);
    }

    private <T extends ComponentDeclaration> Map<String, Entry<T>> index(
            String kind, List<Contribution> contributions, Function<Contribution, List<T>> factories) {
        Map<String, Entry<T>> byName = new TreeMap<>();
        Map<String, Conflict> clashes = new LinkedHashMap<>();
        for (Contribution c : contributions) {
            SchedulerPlugin plugin = c.plugin();
            for (T factory : factories.apply(c)) {
                Entry<T> entry = new Entry<>(factory.name(), List.copyOf(factory.aliases()), factory,
                        plugin.pluginName(), sourceOf(plugin.getClass()));
                for (String name : names(entry)) {
                    Entry<T> previous = byName.putIfAbsent(name, entry);
                    if (previous != null && previous != entry) {
                        Conflict conflict = clashes.computeIfAbsent(name,
                                n -> new Conflict(kind, n, new ArrayList<>(List.of(previous))));
                        conflict.providers().add(entry);
                    }
                }
            }
        }
        // The class name at the end of a Cinder class path is an alias too (operators write
        // `ChanceScheduler` for cinder.scheduler.chance.ChanceScheduler), unless a component is
        // registered under that name: explicit names win, and two components deriving the same one clash.
        Map<String, Entry<T>> derived = new TreeMap<>();
        for (Entry<T> entry : new java.util.LinkedHashSet<>(byName.values())) {
            for (String alias : entry.aliases()) {
                String last = lastComponent(alias);
                if (last == null || byName.containsKey(last)) {
                    continue;
                }
                Entry<T> previous = derived.putIfAbsent(last, entry);
                if (previous != null && previous != entry) {
                    Conflict conflict = clashes.computeIfAbsent(last,
                            n -> new Conflict(kind, n, new ArrayList<>(List.of(previous))));
                    if (!conflict.providers().contains(entry)) {
                        conflict.providers().add(entry);
                    }
                }
            }
        }
        derived.forEach(byName::putIfAbsent);
        clashes.values().forEach(c -> conflicts.add(new Conflict(c.kind(), c.name(), List.copyOf(c.providers()))));
        return byName;
    }

    /** volsched's options and every registered component's, each owned by its component and plug-in. */
    private OptionCatalog catalog() {
        OptionCatalog catalog = OptionCatalog.core();
        catalog = declare(catalog, "driver", distinct(drivers));
        catalog = declare(catalog, "filter", distinct(filters));
        catalog = declare(catalog, "weigher", distinct(weighers));
        return declare(catalog, "capacity ledger", distinct(ledgers));
    }

    private static OptionCatalog declare(OptionCatalog catalog, String kind, List<? extends Entry<?>> entries) {
        OptionCatalog out = catalog;
        for (Entry<?> e : entries) {
            List<OptionDeclaration> declared;
            try {
                declared = e.factory().options();
            } catch (RuntimeException ex) {
                LOG.warn("Ignoring the options of {} {} of plug-in {}: {}", kind, e.name(), e.pluginName(),
                        ex.toString());
                continue;
            }
            if (declared != null && !declared.isEmpty()) {
                out = out.with(owner(kind, e), declared);
            }
        }
        return out;
    }

    /** {@code weigher CapacityWeigher of plug-in P (jar)}, as option listings and conflicts name an owner. */
    public static String owner(String kind, Entry<?> e) {
        return kind + " " + e.name() + " of " + describe(e);
    }

    /**
     * Every option a configuration may set: volsched's own and those the registered drivers, filters
     * and weighers declare, each with its owner.
     */
    public OptionCatalog options() {
        return options;
    }

    /** The last component of a dotted class path ({@code a.b.ChanceScheduler}), or null for a plain name. */
    static String lastComponent(String alias) {
        int dot = alias.lastIndexOf('.');
        return dot < 0 || dot == alias.length() - 1 ? null : alias.substring(dot + 1);
    }

    private static List<String> names(Entry<?> entry) {
        List<String> names = new ArrayList<>();
        names.add(entry.name());
        names.addAll(entry.aliases());
        return names;
    }

    private static String describe(Entry<?> e) {
        return "plug-in " + e.pluginName() + " (" + e.source() + ")";
    }

    /** Where a class was loaded from: its jar or directory. */
    public static String sourceOf(Class<?> type) {
        try {
            CodeSource cs = type.getProtectionDomain().getCodeSource();
            URL location = cs == null ? null : cs.getLocation();
            return location == null ? "unknown location" : location.getPath();
        } catch (SecurityException e) {
            return "unknown location";
        }
    }

    public List<SchedulerPlugin> plugins() {
        return plugins;
    }

    /** The providers that were skipped, in discovery order. */
    public List<BrokenPlugin> broken() {
        return broken;
    }

    /** The names two or more plug-ins provide (drivers, then filters, then weighers). */
    public List<Conflict> conflicts() {
        return List.copyOf(conflicts);
    }

    /**
     * One message for each of {@code names} that two plug-ins provide:
     * {@code OPTION: the filter name 'X' is provided twice: by plug-in a (jar) and by plug-in b (jar); …}.
     *
     * @param option the option that names them ({@code scheduler_default_filters})
     * @param kind {@code driver}, {@code filter} or {@code weigher}
     */
    public List<String> conflictsIn(String option, String kind, List<String> names) {
        List<String> problems = new ArrayList<>();
        for (Conflict c : conflicts) {
            if (c.kind().equals(kind) && names.contains(c.name())) {
                problems.add(option + ": " + c.describe() + "; remove one of the jars or rename one component");
            }
        }
        return problems;
    }

    /** Drivers by every accepted name (short names and aliases). */
    public Map<String, Entry<DriverFactory>> drivers() {
        return drivers;
    }

    public Map<String, Entry<FilterFactory>> filters() {
        return filters;
    }

    /**
     * The option conflicts ({@link OptionCatalog#conflictRecords()}) of the components a
     * configuration selects. (Those of an option it sets are reported by the configuration itself;
     * the others stay warnings: a jar that nobody uses does not stop the scheduler.)
     */
    public List<String> optionConflictsFor(String driver, List<String> filterNames, List<String> weigherNames,
                                           String ledger) {
        java.util.Set<String> selected = new java.util.HashSet<>();
        addOwner(selected, "driver", drivers.get(driver));
        filterNames.forEach(n -> addOwner(selected, "filter", filters.get(n)));
        weigherNames.forEach(n -> addOwner(selected, "weigher", weighers.get(n)));
        addOwner(selected, "capacity ledger", ledgers.get(ledger));
        List<String> out = new ArrayList<>();
        for (OptionCatalog.Conflict c : options.conflictRecords()) {
            if (c.owners().stream().anyMatch(selected::contains)) {
                out.add(c.message());
            }
        }
        return out;
    }

    private static void addOwner(java.util.Set<String> owners, String kind, Entry<?> e) {
        if (e != null) {
            owners.add(owner(kind, e));
        }
    }

    /** Capacity ledgers by name, volsched's {@code memory} among them. */
    public Map<String, Entry<CapacityLedgerFactory>> ledgers() {
        return ledgers;
    }

    /** The ledger the {@code capacity_ledger} option names; an unknown name is an {@link InvalidConfiguration}. */
    public Entry<CapacityLedgerFactory> ledger(String name) {
        Entry<CapacityLedgerFactory> e = ledgers.get(name);
        if (e == null) {
            throw new InvalidConfiguration(unknown("capacity_ledger", "capacity ledger", name, ledgers));
        }
        return e;
    }

    public Map<String, Entry<WeigherFactory>> weighers() {
        return weighers;
    }

    /** Each registered component once (by its short name), sorted. */
    public static <T extends ComponentDeclaration> List<Entry<T>> distinct(Map<String, Entry<T>> byName) {
        Map<String, Entry<T>> out = new TreeMap<>();
        byName.values().forEach(e -> out.putIfAbsent(e.name(), e));
        return List.copyOf(out.values());
    }

    /** The driver named {@code name}, or an {@link InvalidConfiguration} listing the known ones. */
    public Entry<DriverFactory> driver(String name) {
        Entry<DriverFactory> e = drivers.get(name);
        if (e == null) {
            throw new InvalidConfiguration(unknown("scheduler_driver", "driver", name, drivers));
        }
        return e;
    }

    /** The message for an unknown name: what was asked, the known names sorted, broken plug-ins. */
    public String unknown(String option, String kind, String name, Map<String, ? extends Entry<?>> known) {
        List<String> shortNames = new ArrayList<>(new LinkedHashMap<>(known).values().stream()
                .map(Entry::name).distinct().sorted().toList());
        StringBuilder sb = new StringBuilder(option + ": unknown " + kind + " '" + name + "'; available: "
                + (shortNames.isEmpty() ? "none" : String.join(", ", shortNames)));
        String suggestion = org.volsched.core.config.FuzzyMatch.closest(name, known.keySet());
        if (suggestion != null) {
            sb.append("; did you mean '").append(suggestion).append("'?");
        }
        if (!broken.isEmpty()) {
            sb.append(" (plug-ins that failed to load: ");
            sb.append(String.join(", ", broken.stream().map(BrokenPlugin::describe).toList()));
            sb.append(')');
        }
        return sb.toString();
    }
}
