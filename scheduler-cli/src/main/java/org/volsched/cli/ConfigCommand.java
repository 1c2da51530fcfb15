package org.volsched.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.PrintWriter;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.volsched.core.config.OptionCatalog;
import org.volsched.core.config.SchedulerConfig;
import org.volsched.spi.OptionDeclaration;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code volsched config}: every option a configuration may set, volsched's own and the discovered
 * plug-ins', with its type, default, owner and help. A command of its own (so that
 * {@code volsched help config} is its usage, as for every other command) rather than a topic of
 * picocli's {@code help}, which only shows commands' usage.
 */
@Command(name = "config", mixinStandardHelpOptions = true,
        description = {"Lists every option a configuration may set (a scenario's config, a .properties file, a "
                + "cinder.conf's [DEFAULT] section): volsched's own and those the plug-ins declare, with type, "
                + "default, the plug-in that declares it and what it means.",
            "Plug-ins are the bundled drivers plus the jars of --plugin-path."},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:listed",
            "2:a --plugin-path directory is unusable (plug-ins that conflict are listed, not refused: see "
                + "volsched drivers)",
            Main.EXIT_INTERNAL})
final class ConfigCommand implements Callable<Integer> {
    private static final JsonNodeFactory F = JsonNodeFactory.instance;
    private static final ObjectMapper MAPPER = new ObjectMapper();

    @Option(names = "--json", description = "Print the options as a JSON list.")
    boolean json;

    @Mixin
    PluginPathOption plugins = new PluginPathOption();

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        try (Session session = Session.open(null, plugins)) {
            OptionCatalog catalog = session.registry().options();
            if (json) {
                ArrayNode list = F.arrayNode();
                catalog.options().values().forEach(o -> list.add(json(o.declaration(), o.owner())));
                out.println(list.toPrettyString());
                return Main.OK;
            }
            TextTable table = TextTable.of("OPTION", "TYPE", "DEFAULT", "DECLARED BY", "MEANING");
            catalog.options().values().forEach(o -> table.row(o.declaration().name(), type(o.declaration()),
                    SchedulerConfig.render(o.declaration().defaultValue()), ConfigCommand.owner(o.owner()), o.declaration().help()));
            table.print(out, "");
            return Main.OK;
        } finally {
            out.flush();
        }
    }

    /** The owner without its jar ({@code volsched drivers} shows each component's jar). */
    static String owner(String owner) {
        return owner.replaceFirst(" \\([^()]*\\)$", "");
    }

    /** {@code float}, {@code int (at least 1)}, {@code string (matching …)}. */
    static String type(OptionDeclaration d) {
        String t = d.type().name().toLowerCase(Locale.ROOT);
        if (d.minimum() != null) {
            double m = d.minimum();
            t += " (at least " + (m == Math.rint(m) ? String.valueOf((long) m) : String.valueOf(m)) + ")";
        }
        if (d.pattern() != null) {
            t += " (matching " + d.pattern().pattern() + ")";
        }
        return t;
    }

    static ObjectNode json(OptionDeclaration d, String owner) {
        ObjectNode o = F.objectNode();
        o.put("name", d.name());
        o.put("type", d.type().name().toLowerCase(Locale.ROOT));
        o.set("default", MAPPER.valueToTree(d.defaultValue()));
        if (d.minimum() != null) {
            o.put("minimum", d.minimum());
        }
        if (d.pattern() != null) {
            o.put("pattern", d.pattern().pattern());
        }
        if (owner != null) {
            o.put("declared_by", owner(owner));
        }
        o.put("help", d.help());
        return o;
    }
}
