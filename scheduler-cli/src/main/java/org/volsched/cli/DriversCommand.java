package org.volsched.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.PrintWriter;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.volsched.core.bootstrap.PluginRegistry;
import org.volsched.core.config.OptionCatalog;
import org.volsched.core.config.SchedulerConfig;
import org.volsched.spi.ComponentDeclaration;
import org.volsched.spi.SchedulerPlugin;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code volsched drivers}: every discovered driver, filter and weigher, its aliases and its jar. */
@Command(name = "drivers", mixinStandardHelpOptions = true,
        description = {"Lists every scheduler driver, filter and weigher the plug-ins provide, with the aliases "
                + "the configuration also accepts (Cinder's class paths) and the jar each came from, and the "
                + "options the plug-ins declare (name, type, default, declaring component, meaning).",
            "Plug-ins are the bundled drivers plus the jars of --plugin-path; plug-ins that failed to load are "
                + "listed with their jar and the reason, and names that two plug-ins provide with both jars."},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:listed",
            "2:a --plugin-path directory is unusable",
            Main.EXIT_INTERNAL})
final class DriversCommand implements Callable<Integer> {
    private static final JsonNodeFactory F = JsonNodeFactory.instance;

    @Option(names = "--json", description = "Print the lists as JSON.")
    boolean json;

    @Mixin
    PluginPathOption plugins = new PluginPathOption();

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        try (Session session = Session.open(null, plugins)) {
            PluginRegistry registry = session.registry();
            if (json) {
                out.println(json(registry).toPrettyString());
            } else {
                print(registry, out);
            }
            return Main.OK;
        } finally {
            out.flush();
        }
    }

    static void print(PluginRegistry registry, PrintWriter out) {
        section(out, "Drivers (scheduler_driver)", registry.drivers());
        out.println();
        section(out, "Filters (scheduler_default_filters)", registry.filters());
        out.println();
        section(out, "Weighers (scheduler_default_weighers)", registry.weighers());
        out.println();
        section(out, "Capacity ledgers (capacity_ledger)", registry.ledgers());
        out.println();
        options(registry, out);
        out.println();
        out.println("Plug-ins");
        TextTable table = TextTable.of("PLUG-IN", "SOURCE");
        for (SchedulerPlugin plugin : registry.plugins()) {
            table.row(plugin.pluginName(), PluginRegistry.sourceOf(plugin.getClass()));
        }
        table.print(out, "  ");
        if (!registry.broken().isEmpty()) {
            out.println();
            out.println("Plug-ins that failed to load (skipped)");
            TextTable broken = TextTable.of("PROVIDER", "SOURCE", "ERROR");
            registry.broken().forEach(b -> broken.row(b.provider(), b.source(), b.error()));
            broken.print(out, "  ");
        }
        if (!registry.conflicts().isEmpty()) {
            out.println();
            out.println("Names provided twice (selecting one fails; the first plug-in is listed above)");
            TextTable conflicts = TextTable.of("KIND", "NAME", "PLUG-IN", "SOURCE");
            for (PluginRegistry.Conflict c : registry.conflicts()) {
                for (PluginRegistry.Entry<?> e : c.providers()) {
                    conflicts.row(c.kind(), c.name(), e.pluginName(), e.source());
                }
            }
            conflicts.print(out, "  ");
        }
        List<String> optionConflicts = registry.options().conflicts();
        if (!optionConflicts.isEmpty()) {
            out.println();
            out.println("Options declared differently (setting one, or selecting a component that declares it, fails)");
            optionConflicts.forEach(c -> out.println("  " + c));
        }
    }

    /** The options the plug-ins' components declare (volsched's own: {@code volsched config}). */
    private static void options(PluginRegistry registry, PrintWriter out) {
        out.println("Options declared by plug-ins (volsched's own: volsched config)");
        TextTable table = TextTable.of("OPTION", "TYPE", "DEFAULT", "DECLARED BY", "MEANING");
        registry.options().options().values().stream()
                .filter(o -> !o.owner().equals(OptionCatalog.CORE))
                .forEach(o -> table.row(o.declaration().name(), ConfigCommand.type(o.declaration()),
                        SchedulerConfig.render(o.declaration().defaultValue()), ConfigCommand.owner(o.owner()), o.declaration().help()));
        if (table.isEmpty()) {
            out.println("  (none)");
            return;
        }
        table.print(out, "  ");
    }

    private static <T extends ComponentDeclaration> void section(PrintWriter out, String title,
                                                               Map<String, PluginRegistry.Entry<T>> byName) {
        out.println(title);
        List<PluginRegistry.Entry<T>> entries = PluginRegistry.distinct(byName);
        if (entries.isEmpty()) {
            out.println("  (none)");
            return;
        }
        TextTable table = TextTable.of("NAME", "ALIASES", "SOURCE");
        for (PluginRegistry.Entry<T> e : entries) {
            table.row(e.name(), e.aliases().isEmpty() ? null : String.join(", ", e.aliases()), e.source());
        }
        table.print(out, "  ");
    }

    static ObjectNode json(PluginRegistry registry) {
        ObjectNode root = F.objectNode();
        root.set("drivers", entries(registry.drivers()));
        root.set("filters", entries(registry.filters()));
        root.set("weighers", entries(registry.weighers()));
        root.set("capacity_ledgers", entries(registry.ledgers()));
        ArrayNode plugins = root.putArray("plugins");
        for (SchedulerPlugin plugin : registry.plugins()) {
            plugins.addObject().put("name", plugin.pluginName()).put("source",
                    PluginRegistry.sourceOf(plugin.getClass()));
        }
        ArrayNode broken = root.putArray("broken");
        registry.broken().forEach(b -> broken.addObject().put("provider", b.provider()).put("source", b.source())
                .put("error", b.error()));
        ArrayNode conflicts = root.putArray("conflicts");
        for (PluginRegistry.Conflict c : registry.conflicts()) {
            ObjectNode o = conflicts.addObject().put("kind", c.kind()).put("name", c.name());
            ArrayNode providers = o.putArray("providers");
            c.providers().forEach(e -> providers.addObject().put("plugin", e.pluginName()).put("source", e.source()));
        }
        ArrayNode optionConflicts = root.putArray("option_conflicts");
        for (OptionCatalog.Conflict c : registry.options().conflictRecords()) {
            ObjectNode o = optionConflicts.addObject().put("option", c.option()).put("message", c.message());
            c.owners().forEach(o.putArray("owners")::add);
        }
        return root;
    }

    private static <T extends ComponentDeclaration> ArrayNode entries(Map<String, PluginRegistry.Entry<T>> byName) {
        ArrayNode a = F.arrayNode();
        for (PluginRegistry.Entry<T> e : PluginRegistry.distinct(byName)) {
            ObjectNode o = a.addObject();
            o.put("name", e.name());
            ArrayNode aliases = o.putArray("aliases");
            e.aliases().forEach(aliases::add);
            o.put("plugin", e.pluginName());
            o.put("source", e.source());
            ArrayNode options = o.putArray("options");
            e.factory().options().forEach(d -> options.add(ConfigCommand.json(d, null)));
        }
        return a;
    }
}
