package org.volsched.core.config;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.volsched.spi.InvalidConfiguration;
import org.volsched.spi.OptionDeclaration;

/**
 * Every option a configuration may set: volsched's own (what the core reads) and those the
 * discovered plug-ins declare ({@link org.volsched.spi.ComponentFactory#options()}), each with its
 * owner. Immutable; {@link #with} adds a plug-in's declarations. Two owners may declare the same
 * option only identically (same type, default and validation); otherwise the catalog records a
 * conflict naming both, reported by {@link #conflicts()}.
 */
public final class OptionCatalog {
    /** The owner of volsched's own options. */
    public static final String CORE = "volsched";

    /** A declaration and who declared it ({@code volsched}, or a plug-in's component and jar). */
    public record Owned(OptionDeclaration declaration, String owner) {
    }

    private static final OptionCatalog CORE_CATALOG = new OptionCatalog(coreOptions(), List.of());

    private final Map<String, Owned> options;
    /** An option declared differently by two owners, and the message that says so. */
    public record Conflict(String option, List<String> owners, String message) {
    }

    private final List<Conflict> conflicts;

    private OptionCatalog(Map<String, Owned> options, List<Conflict> conflicts) {
        this.options = Collections.unmodifiableMap(options);
        this.conflicts = List.copyOf(conflicts);
    }

    /** volsched's own options: the ones the core reads. */
    public static OptionCatalog core() {
        return CORE_CATALOG;
    }

    private static Map<String, Owned> coreOptions() {
        Map<String, Owned> m = new LinkedHashMap<>();
        for (OptionDeclaration d : List.of(
                OptionDeclaration.ofString("scheduler_driver", "filter",
                        "The driver: a short name (filter, chance), Cinder's class path or its class name (FilterScheduler)."),
                OptionDeclaration.ofString("capacity_ledger", "memory",
                        "Where capacity claims are kept between a decision and the pool's next report: memory "
                                + "(this process only) or a plug-in's ledger, shared by several schedulers."),
                OptionDeclaration.ofList("scheduler_default_filters",
                        List.of("AvailabilityZoneFilter", "CapacityFilter", "CapabilitiesFilter"),
                        "Filters, in the order they run."),
                OptionDeclaration.ofList("scheduler_default_weighers", List.of("CapacityWeigher"),
                        "Weighers, in the order they run."),
                OptionDeclaration.ofString("scheduler_weight_handler", "OrderedHostWeightHandler",
                        "OrderedHostWeightHandler or StochasticHostWeightHandler (or their Cinder class paths)."),
                OptionDeclaration.ofString("max_over_subscription_ratio", "20.0",
                        "Over-subscription ratio for thin pools that report none: a number or 'auto'.")
                        .matching("auto|\\d*\\.\\d+|\\d+"),
                OptionDeclaration.ofInt("reserved_percentage", 0,
                        "Volume driver option; accepted for cinder.conf compatibility, no effect on scheduling."),
                OptionDeclaration.ofString("storage_availability_zone", "nova",
                        "Zone of backends that name none."),
                OptionDeclaration.ofString("default_availability_zone", null,
                        "API option; accepted for cinder.conf compatibility, no effect on scheduling."),
                OptionDeclaration.ofInt("service_down_time", 60,
                        "Seconds since a service's last heartbeat after which it is down.").atLeast(1),
                OptionDeclaration.ofInt("scheduler_driver_init_wait_time", 60,
                        "Seconds the scheduler waits at start-up for capability reports.").atLeast(1),
                OptionDeclaration.ofString("scheduler_json_config_location", "",
                        "A JSON file whose content filters receive as config_options."),
                OptionDeclaration.ofInt("message_ttl", 2592000, "Seconds a user message lives.").atLeast(0),
                OptionDeclaration.ofList("notification_driver", List.of("messagingv2"),
                        "Notification drivers; 'noop' alone disables the scheduler.create_volume error notification."),
                OptionDeclaration.ofLong("random_seed", null,
                        "Seed of the chance driver, ChanceWeigher and the stochastic handler; random when unset."),
                OptionDeclaration.ofString("host", "volsched",
                        "This scheduler's host name, used in notification publisher ids."))) {
            m.put(d.name(), new Owned(d, CORE));
        }
        return m;
    }

    /** This catalog with {@code declarations} of {@code owner} added (conflicts are recorded, not thrown). */
    public OptionCatalog with(String owner, Collection<OptionDeclaration> declarations) {
        Map<String, Owned> m = new LinkedHashMap<>(options);
        List<Conflict> problems = new ArrayList<>(conflicts);
        for (OptionDeclaration d : declarations) {
            Owned previous = m.get(d.name());
            if (previous == null) {
                m.put(d.name(), new Owned(d, owner));
            } else if (!previous.declaration().sameAs(d)) {
                problems.add(new Conflict(d.name(), List.of(previous.owner(), owner), "option '" + d.name()
                        + "' is declared differently by " + previous.owner() + " as " + previous.declaration()
                        + " and by " + owner + " as " + d + "; the two must declare it identically, or one must "
                        + "rename it"));
            }
        }
        return new OptionCatalog(m, problems);
    }

    /** Every option by name, volsched's first, then the plug-ins' in discovery order. */
    public Map<String, Owned> options() {
        return options;
    }

    public boolean isKnown(String name) {
        return options.containsKey(name);
    }

    /** The declaration of {@code name}, or {@code null}. */
    public OptionDeclaration declaration(String name) {
        Owned o = options.get(name);
        return o == null ? null : o.declaration();
    }

    /** One message per option two owners declare differently, naming both. */
    public List<String> conflicts() {
        return conflicts.stream().map(Conflict::message).toList();
    }

    /** The conflicts with the option and the owners of each. */
    public List<Conflict> conflictRecords() {
        return conflicts;
    }

    /** Throws an {@link InvalidConfiguration} listing the {@link #conflicts()}, if any. */
    public OptionCatalog requireConsistent() {
        if (!conflicts.isEmpty()) {
            throw new InvalidConfiguration(conflicts());
        }
        return this;
    }

    /**
     * {@code WHERE: unknown option 'KEY'; did you mean 'K'?} (or the known options, sorted, when none
     * is close): how every source reports a key nobody declares.
     */
    public String unknown(String key, String where) {
        String suggestion = closest(key);
        return where + ": unknown option '" + key + "'"
                + (suggestion != null ? "; did you mean '" + suggestion + "'?" : "; known options: "
                + String.join(", ", options.keySet().stream().sorted().toList()));
    }

    /** The known option closest to {@code key} ("did you mean"), or {@code null}. */
    public String closest(String key) {
        return FuzzyMatch.closest(key, options.keySet());
    }
}
