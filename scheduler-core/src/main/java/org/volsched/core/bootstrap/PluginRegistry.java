package org.volsched.core.bootstrap;

import java.net.URL;
import java.security.CodeSource;
import java.util.ArrayList;
import java.util.Comparator;
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
import org.volsched.spi.ComponentFactory;
import org.volsched.spi.DriverFactory;
import org.volsched.spi.FilterFactory;
import org.volsched.spi.InvalidConfiguration;
import org.volsched.spi.OptionDeclaration;
import org.volsched.spi.SchedulerPlugin;
import org.volsched.spi.WeigherFactory;

/**
 * Every plug-in {@link ServiceLoader} finds, and their drivers, filters and weighers by name.
 *
 * <p>Discovery is deterministic (plug-ins sorted by name) and robust: a provider that cannot be
 * loaded or constructed is logged and skipped, and remembered so that selecting something it
 * would have provided explains why it is missing. Names are strict both ways: a name provided
 * twice fails naming both sources; an unknown name fails listing the known names, sorted.
 */
public final class PluginRegistry {
    private static final Logger LOG = LoggerFactory.getLogger(PluginRegistry.class);

    /** A factory with where it came from. */
    public record Entry<T extends ComponentFactory<?>>(String name, List<String> aliases, T factory,
                                                       String pluginName, String source) {
    }

    /** A provider that could not be loaded. */
    public record BrokenPlugin(String provider, String error) {
    }

    private final List<SchedulerPlugin> plugins;
    private final List<BrokenPlugin> broken;
    private final Map<String, Entry<DriverFactory>> drivers;
    private final Map<String, Entry<FilterFactory>> filters;
    private final Map<String, Entry<WeigherFactory>> weighers;
    private final OptionCatalog options;

    private PluginRegistry(List<SchedulerPlugin> plugins, List<BrokenPlugin> broken) {
        this.plugins = List.copyOf(plugins);
        this.broken = List.copyOf(broken);
        List<String> problems = new ArrayList<>();
        this.drivers = index("driver", SchedulerPlugin::driverFactories, problems);
        this.filters = index("filter", SchedulerPlugin::filterFactories, problems);
        this.weighers = index("weigher", SchedulerPlugin::weigherFactories, problems);
        this.options = catalog();
        problems.addAll(options.conflicts());
        if (!problems.isEmpty()) {
            throw new InvalidConfiguration(problems);
        }
    }

    /** Loads every {@link SchedulerPlugin} visible to {@code classLoader}. */
    public static PluginRegistry load(ClassLoader classLoader) {
        List<SchedulerPlugin> found = new ArrayList<>();
        List<BrokenPlugin> broken = new ArrayList<>();
        ServiceLoader<SchedulerPlugin> loader = ServiceLoader.load(SchedulerPlugin.class, classLoader);
        var it = loader.stream().iterator();
        while (true) {
            ServiceLoader.Provider<SchedulerPlugin> provider;
            try {
                if (!it.hasNext()) {
                    break;
                }
                provider = it.next();
            } catch (ServiceConfigurationError e) {
                LOG.warn("Skipping a scheduler plug-in that cannot be loaded: {}", e.getMessage());
                broken.add(new BrokenPlugin("?", e.getMessage()));
                continue;
            }
            try {
                found.add(provider.get());
            } catch (ServiceConfigurationError | RuntimeException | LinkageError e) {
                Throwable cause = e.getCause() != null ? e.getCause() : e;
                LOG.warn("Skipping scheduler plug-in {}: its construction failed: {}", provider.type().getName(),
                        cause.toString());
                broken.add(new BrokenPlugin(provider.type().getName(), cause.toString()));
            }
        }
        return of(found, broken);
    }

    /** A registry of the given plug-ins (tests, embedding without ServiceLoader). */
    public static PluginRegistry of(List<SchedulerPlugin> plugins, List<BrokenPlugin> broken) {
        List<SchedulerPlugin> sorted = new ArrayList<>(plugins);
        sorted.sort(Comparator.comparing(SchedulerPlugin::pluginName));
        return new PluginRegistry(sorted, broken);
    }

    private <T extends ComponentFactory<?>> Map<String, Entry<T>> index(
            String kind, Function<SchedulerPlugin, List<T>> factories, List<String> problems) {
        Map<String, Entry<T>> byName = new TreeMap<>();
        for (SchedulerPlugin plugin : plugins) {
            List<T> list;
            try {
                list = factories.apply(plugin);
            } catch (RuntimeException e) {
                LOG.warn("Skipping the {}s of plug-in {}: {}", kind, plugin.pluginName(), e.toString());
                continue;
            }
            for (T factory : list) {
                Entry<T> entry = new Entry<>(factory.name(), List.copyOf(factory.aliases()), factory,
                        plugin.pluginName(), sourceOf(plugin.getClass()));
                for (String name : names(entry)) {
                    Entry<T> previous = byName.putIfAbsent(name, entry);
                    if (previous != null && previous != entry) {
                        problems.add("the " + kind + " name '" + name + "' is provided twice: by "
                                + describe(previous) + " and by " + describe(entry)
                                + "; remove one of the jars or rename one component");
                    }
                }
            }
        }
        return byName;
    }

    /** volsched's options and every registered component's, each owned by its component and plug-in. */
    private OptionCatalog catalog() {
        OptionCatalog catalog = OptionCatalog.core();
        catalog = declare(catalog, "driver", distinct(drivers));
        catalog = declare(catalog, "filter", distinct(filters));
        return declare(catalog, "weigher", distinct(weighers));
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

    public List<BrokenPlugin> broken() {
        return broken;
    }

    /** Drivers by every accepted name (short names and aliases). */
    public Map<String, Entry<DriverFactory>> drivers() {
        return drivers;
    }

    public Map<String, Entry<FilterFactory>> filters() {
        return filters;
    }

    public Map<String, Entry<WeigherFactory>> weighers() {
        return weighers;
    }

    /** Each registered component once (by its short name), sorted. */
    public static <T extends ComponentFactory<?>> List<Entry<T>> distinct(Map<String, Entry<T>> byName) {
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
            sb.append(String.join(", ", broken.stream().map(b -> b.provider() + ": " + b.error()).toList()));
            sb.append(')');
        }
        return sb.toString();
    }
}
