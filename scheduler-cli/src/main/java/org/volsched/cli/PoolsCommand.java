package org.volsched.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.PrintWriter;
import java.math.BigInteger;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.volsched.cli.scenario.DecisionJson;
import org.volsched.cli.scenario.Scenario;
import org.volsched.cli.scenario.ScenarioException;
import org.volsched.cli.scenario.ScenarioRunner;
import org.volsched.core.config.SchedulerConfig;
import org.volsched.spi.InvalidConfiguration;
import org.volsched.spi.SchedulerException;
import org.volsched.spi.model.RequestContext;
import org.volsched.spi.model.VolumeType;
import org.volsched.python.Py;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code volsched pools}: Cinder's {@code get-pools --detail} over a scenario's backends. */
@Command(name = "pools", mixinStandardHelpOptions = true,
        description = {"Lists the pools the scheduler sees in a scenario's capability reports, as Cinder's "
                + "'cinder get-pools --detail' does: every pool of every backend that is up, enabled and has reported.",
            "--volume-type keeps the pools that pass the configured filters for that type (it must be the "
                + "scenario request's type, named by name or id); --filter KEY=VALUE keeps pools whose capability KEY "
                + "equals VALUE (after Cinder's conversion to the capability's type; 'name' matches the pool name).",
            "'-' reads the scenario from standard input."},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:the pools were listed (possibly none)",
            "2:the scenario could not be read, its configuration is invalid, or the volume type is unknown (a "
                + "message on standard error)",
            Main.EXIT_INTERNAL})
final class PoolsCommand implements Callable<Integer> {
    private static final JsonNodeFactory F = JsonNodeFactory.instance;

    /** Capabilities shown as columns of the table, with their headers. */
    private static final Map<String, String> COLUMNS = columns();

    @Parameters(index = "0", paramLabel = "FILE", description = "A scenario file (NAME.scenario.json), or '-'.")
    String file;

    @Option(names = "--volume-type", paramLabel = "NAME",
            description = "Only pools that pass the filters for the scenario's volume type NAME (name or id).")
    String volumeType;

    @Option(names = "--filter", paramLabel = "KEY=VALUE",
            description = "Only pools whose capability KEY equals VALUE ('name' is the pool name), compared as "
                    + "Cinder's get_pools does: a boolean capability parses VALUE, any other compares its text, so "
                    + "a list matches only its whole text (['iSCSI', 'iscsi']), not one element. Repeatable.")
    Map<String, String> filters = new LinkedHashMap<>();

    @Option(names = "--detail", description = "Print every capability of every pool instead of the summary table.")
    boolean detail;

    @Option(names = "--json", description = "Print {\"pools\": [{\"name\", \"capabilities\"}]} as Cinder's API does.")
    boolean json;

    @Option(names = "--config", paramLabel = "FILE",
            description = "A .properties file or a cinder.conf whose options override the scenario's config.")
    Path config;

    @Mixin
    PluginPathOption plugins = new PluginPathOption();

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    private static Map<String, String> columns() {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("storage_protocol", "PROTOCOL");
        m.put("total_capacity_gb", "TOTAL_GB");
        m.put("free_capacity_gb", "FREE_GB");
        m.put("allocated_capacity_gb", "ALLOCATED_GB");
        m.put("provisioned_capacity_gb", "PROVISIONED_GB");
        m.put("reserved_percentage", "RESERVED_%");
        m.put("thin_provisioning_support", "THIN");
        m.put("max_over_subscription_ratio", "MAX_OVERSUB");
        return m;
    }

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        try (Session session = Session.open(config, plugins)) {
            String source = ScenarioInput.source(file);
            Scenario scenario;
            try {
                scenario = ScenarioInput.read(file);
            } catch (ScenarioException e) {
                throw new UserError(e.problems());
            }
            scenario.warnings().forEach(w -> err.println("volsched: warning: " + w));
            SchedulerConfig cfg;
            try {
                cfg = session.configFor(scenario, source);
            } catch (InvalidConfiguration e) {
                throw new UserError(e.problems());
            }
            List<String> unknown = session.unknownComponents(scenario, source, cfg);
            if (!unknown.isEmpty()) {
                throw new UserError(unknown);
            }
            Map<String, Object> query = new LinkedHashMap<>(filters);
            VolumeType type = null;
            if (volumeType != null) {
                type = volumeType(scenario, source);
                query.put("volume_type", type);
            }
            List<Map<String, Object>> pools;
            List<String> why = List.of();
            try {
                ScenarioRunner.Prepared prepared = session.runner().prepare(scenario);
                RequestContext context = new RequestContext(null, null, "req-" + scenario.name() + "-pools", true);
                pools = prepared.scheduler().driver().getPools(context, query);
                if (pools.isEmpty() && !filters.isEmpty()) {
                    Map<String, Object> byName = new LinkedHashMap<>();
                    if (filters.containsKey("name")) {
                        byName.put("name", filters.get("name"));
                    }
                    why = listMismatches(filters, prepared.scheduler().driver().getPools(context, byName));
                }
            } catch (InvalidConfiguration e) {
                throw new UserError(e.problems().stream().map(p -> session.locate(p, source)).toList());
            } catch (ScenarioRunner.StartupRefused e) {
                throw new UserError(session.startupProblem(e, cfg, source), e);
            } catch (SchedulerException e) {
                throw new UserError(source + ": cannot list pools: " + DecisionJson.errorType(e) + ": "
                        + e.getMessage(), e);
            }
            if (type != null && pools.isEmpty() && type.extraSpecs() != null) {
                List<String> quirks = new ArrayList<>(why);
                String typeName = Py.repr(type.name());
                CinderQuirks.extraSpecs(type.extraSpecs(), session.registry(), cfg.filters())
                        .forEach(q -> quirks.add("the volume type " + typeName + " has an extra spec "
                                + "Cinder reads differently: " + q));
                why = quirks;
            }
            if (volumeType != null && pools.isEmpty() && cfg.filters().contains("CapacityFilter")) {
                err.println("volsched: note: as in Cinder, --volume-type runs the configured filters without a "
                        + "volume size, so CapacityFilter rejects every pool with a finite capacity (Cinder fails "
                        + "the call with TypeError); use --config with scheduler_default_filters without "
                        + "CapacityFilter, or 'volsched explain' for the request's own size");
            }
            if (json) {
                out.println(poolsJson(pools).toPrettyString());
                why.forEach(w -> err.println("volsched: note: no pools: " + w));
            } else if (pools.isEmpty() && !why.isEmpty()) {
                why.forEach(w -> out.println("No pools: " + w));
            } else if (detail) {
                printDetail(pools, out);
            } else {
                printTable(pools, out);
            }
            return Main.OK;
        } finally {
            out.flush();
            err.flush();
        }
    }

    /**
     * The scenario request's volume type, when {@code volumeType} is its name or id.
     *
     * @throws UserError naming the type the scenario has
     */
    @SuppressWarnings("unchecked")
    VolumeType volumeType(Scenario scenario, String source) {
        Scenario.Request r = scenario.request();
        Object raw = r.requestSpec() != null ? r.requestSpec().get("volume_type")
                : r.volume() == null ? null : r.volume().get("volume_type");
        if (!(raw instanceof Map<?, ?> m)) {
            throw new UserError(source + ": --volume-type " + volumeType + ": unknown volume type; the scenario's "
                    + "request has no volume type");
        }
        Map<String, Object> type = (Map<String, Object>) m;
        String id = type.get("id") == null ? null : Py.str(type.get("id"));
        String name = type.get("name") == null ? null : Py.str(type.get("name"));
        if (!volumeType.equals(name) && !volumeType.equals(id)) {
            throw new UserError(source + ": --volume-type " + volumeType + ": unknown volume type; the scenario's "
                    + "request has volume type " + Py.repr(name) + " (id " + Py.repr(id) + ")");
        }
        Map<String, Object> specs = null;
        if (type.get("extra_specs") instanceof Map<?, ?> es) {
            specs = new LinkedHashMap<>();
            for (Map.Entry<?, ?> e : es.entrySet()) {
                specs.put(String.valueOf(e.getKey()), e.getValue() == null ? null : Py.str(e.getValue()));
            }
        } else if (!type.containsKey("extra_specs")) {
            specs = Map.of();
        }
        Object qos = type.get("qos_specs_id");
        return new VolumeType(id, name, specs, qos == null ? null : Py.str(qos), type, false);
    }

    /**
     * Why no pool matched a {@code --filter KEY=VALUE} whose value is an element of a pool's list
     * capability (such as {@code storage_protocol}, which Cinder's host manager expands into its
     * variants): Cinder's get_pools (rule HM32) compares the value with the list's Python string form,
     * so it never matches an element. One line per such filter, naming the first pool and its list.
     *
     * @param candidates the pools before the capability filters (after the {@code name} filter)
     */
    static List<String> listMismatches(Map<String, String> filters, List<Map<String, Object>> candidates) {
        List<String> out = new ArrayList<>();
        for (Map.Entry<String, String> f : filters.entrySet()) {
            if (f.getKey().equals("name")) {
                continue;
            }
            String first = null;
            List<?> firstList = null;
            int count = 0;
            for (Map<String, Object> pool : candidates) {
                if (capabilities(pool).get(f.getKey()) instanceof List<?> l
                        && l.stream().anyMatch(e -> e != null && Py.str(e).equals(f.getValue()))) {
                    if (first == null) {
                        first = Py.str(pool.get("name"));
                        firstList = l;
                    }
                    count++;
                }
            }
            if (first != null) {
                String repr = Py.repr(firstList);
                String text = Py.str(firstList);
                out.add(f.getKey() + " of " + first + (count > 1 ? " (and " + (count - 1) + " more "
                        + (count == 2 ? "pool" : "pools") + ")" : "") + " is the list " + Py.repr(firstList)
                        + ", which contains " + Py.repr(f.getValue()) + ", but Cinder's get_pools compares the "
                        + "value with the list's whole text, \"" + text + "\", so --filter " + f.getKey() + "="
                        + f.getValue() + " does not match it; to match that list, use --filter \"" + f.getKey()
                        + "=" + text + "\"");
            }
        }
        return out;
    }

    private static void printTable(List<Map<String, Object>> pools, PrintWriter out) {
        if (pools.isEmpty()) {
            out.println("No pools.");
            return;
        }
        List<String> headers = new ArrayList<>();
        headers.add("NAME");
        headers.addAll(COLUMNS.values());
        TextTable table = TextTable.of(headers.toArray(new String[0])).right(2, 3, 4, 5, 6, 8);
        for (Map<String, Object> pool : pools) {
            Map<String, Object> caps = capabilities(pool);
            List<Object> row = new ArrayList<>();
            row.add(pool.get("name"));
            for (String key : COLUMNS.keySet()) {
                row.add(caps.containsKey(key) ? cell(caps.get(key)) : null);
            }
            table.row(row.toArray());
        }
        table.print(out, "");
        out.println(pools.size() + (pools.size() == 1 ? " pool" : " pools"));
    }

    private static void printDetail(List<Map<String, Object>> pools, PrintWriter out) {
        if (pools.isEmpty()) {
            out.println("No pools.");
            return;
        }
        boolean first = true;
        for (Map<String, Object> pool : pools) {
            if (!first) {
                out.println();
            }
            first = false;
            TextTable table = TextTable.of("PROPERTY", "VALUE");
            table.row("name", pool.get("name"));
            capabilities(pool).forEach((k, v) -> table.row(k, cell(v)));
            table.print(out, "");
        }
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> capabilities(Map<String, Object> pool) {
        return pool.get("capabilities") instanceof Map<?, ?> m ? (Map<String, Object>) m : Map.of();
    }

    private static String cell(Object v) {
        if (v instanceof List<?> l) {
            return String.join(",", l.stream().map(Py::str).toList());
        }
        return v == null ? "None" : Py.str(v);
    }

    static ObjectNode poolsJson(List<Map<String, Object>> pools) {
        ObjectNode root = F.objectNode();
        ArrayNode list = root.putArray("pools");
        for (Map<String, Object> pool : pools) {
            ObjectNode p = list.addObject();
            p.set("name", toJson(pool.get("name")));
            p.set("capabilities", toJson(pool.get("capabilities")));
        }
        return root;
    }

    /** A Python-like value as JSON (non-finite numbers as their names, other objects as their text). */
    static JsonNode toJson(Object v) {
        if (v == null) {
            return F.nullNode();
        }
        if (v instanceof Map<?, ?> m) {
            ObjectNode o = F.objectNode();
            m.forEach((k, val) -> o.set(String.valueOf(k), toJson(val)));
            return o;
        }
        if (v instanceof List<?> l) {
            ArrayNode a = F.arrayNode();
            l.forEach(e -> a.add(toJson(e)));
            return a;
        }
        if (v instanceof Boolean b) {
            return F.booleanNode(b);
        }
        if (v instanceof BigInteger b) {
            return F.numberNode(b);
        }
        if (v instanceof Long || v instanceof Integer) {
            return F.numberNode(((Number) v).longValue());
        }
        if (v instanceof Number n) {
            return DecisionJson.number(n.doubleValue());
        }
        return F.textNode(v instanceof String s ? s : Py.str(v));
    }
}
