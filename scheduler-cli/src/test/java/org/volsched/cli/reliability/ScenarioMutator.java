package org.volsched.cli.reliability;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ContainerNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;

/**
 * Mutations of a scenario's JSON tree. Each names what it does and where by small integers
 * (taken modulo the number of places available), so that jqwik can shrink a failing list of
 * mutations and a failure report reproduces exactly.
 */
final class ScenarioMutator {
    static final List<String> POOL_FIELDS = List.of("total_capacity_gb", "free_capacity_gb",
            "allocated_capacity_gb", "provisioned_capacity_gb", "reserved_percentage", "max_over_subscription_ratio",
            "thin_provisioning_support", "thick_provisioning_support", "pool_name", "QoS_support", "multiattach",
            "volume_backend_name", "storage_protocol");
    static final List<String> CAPACITY_FIELDS = POOL_FIELDS.subList(0, 6);
    /** Every option of volsched and of the bundled plug-ins. */
    static final List<String> OPTIONS = List.copyOf(org.volsched.core.bootstrap.PluginRegistry
            .load(ScenarioMutator.class.getClassLoader()).options().options().keySet());

    /** What a mutation does. */
    enum Kind {
        /** Replace any value anywhere. */
        REPLACE_ANY,
        /** Remove a field of any object. */
        REMOVE_FIELD,
        /** Add a field with an odd key to any object. */
        ADD_FIELD,
        /** Put a value in any field of a pool (or of a legacy report). */
        POOL_FIELD,
        /** Put an odd capacity in a capacity field of a pool (or of a legacy report). */
        CAPACITY,
        /** Set a scheduler option. */
        CONFIG,
        /** Set {@code scheduler_hints.query} and enable JsonFilter. */
        QUERY,
        /** Set a pool's filter or goodness function and enable DriverFilter and GoodnessWeigher. */
        FUNCTION,
        /** Replace the volume type's extra specs. */
        EXTRA_SPECS,
        /** Wrap any value in a list or an object. */
        WRAP,
        /** Append a copy of a backend (same host) or of a pool (same pool_name). */
        DUPLICATE,
        /** Set the volume size. */
        SIZE,
        /** Set a retry state or a scheduler hint. */
        RETRY_OR_HINT
    }

    /**
     * @param where which place (modulo the places available)
     * @param which which field or option (modulo)
     * @param value the value to put, when the kind puts one
     * @param text the text to put (queries, functions), when the kind puts one
     */
    record Mutation(Kind kind, int where, int which, JsonNode value, String text) {
        @Override
        public String toString() {
            String v = value == null ? "" : " " + Bounded.shorten(value.toString());
            String t = text == null ? "" : " \"" + Bounded.shorten(text) + "\"";
            return kind + "@" + where + "/" + which + v + t;
        }
    }

    private ScenarioMutator() {
    }

    static Arbitrary<Mutation> mutations() {
        Arbitrary<Integer> small = Arbitraries.integers().between(0, 10_000);
        return Arbitraries.of(Kind.values()).flatMap(kind -> {
            Arbitrary<JsonNode> value = switch (kind) {
                case CAPACITY -> OddValues.capacities();
                case EXTRA_SPECS -> OddValues.extraSpecs();
                case REMOVE_FIELD, WRAP, QUERY, FUNCTION -> Arbitraries.just(null);
                default -> OddValues.values();
            };
            Arbitrary<String> text = switch (kind) {
                case QUERY -> OddValues.jsonQueries();
                case FUNCTION -> OddValues.expressions();
                case ADD_FIELD -> OddValues.keys();
                default -> Arbitraries.just(null);
            };
            return Combinators.combine(small, small, value, text).as((w, f, v, t) -> new Mutation(kind, w, f, v, t));
        });
    }

    /** Applies the mutations to a copy of {@code tree} and returns the JSON text. */
    static String apply(ObjectNode tree, List<Mutation> mutations) {
        for (Mutation m : mutations) {
            apply(tree, m);
        }
        try {
            return Seeds.MAPPER.writeValueAsString(tree);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private record Slot(ContainerNode<?> parent, String field, int index) {
        JsonNode get() {
            return parent instanceof ObjectNode o ? o.get(field) : ((ArrayNode) parent).get(index);
        }

        void set(JsonNode value) {
            if (parent instanceof ObjectNode o) {
                o.set(field, value);
            } else {
                ((ArrayNode) parent).set(index, value);
            }
        }
    }

    static void apply(ObjectNode root, Mutation m) {
        switch (m.kind()) {
            case REPLACE_ANY -> {
                List<Slot> slots = slots(root);
                pick(slots, m.where()).set(m.value());
            }
            case REMOVE_FIELD -> {
                List<Slot> fields = slots(root).stream().filter(s -> s.parent() instanceof ObjectNode).toList();
                Slot s = pick(fields, m.where());
                ((ObjectNode) s.parent()).remove(s.field());
            }
            case ADD_FIELD -> {
                List<ObjectNode> objects = objects(root);
                pick(objects, m.where()).set(m.text(), m.value());
            }
            case POOL_FIELD, CAPACITY -> {
                List<String> fields = m.kind() == Kind.CAPACITY ? CAPACITY_FIELDS : POOL_FIELDS;
                List<ObjectNode> pools = pools(root);
                if (!pools.isEmpty()) {
                    pick(pools, m.where()).set(fields.get(Math.floorMod(m.which(), fields.size())), m.value());
                }
            }
            case CONFIG -> {
                ObjectNode config = object(root, "config");
                if (config != null) {
                    config.set(OPTIONS.get(Math.floorMod(m.which(), OPTIONS.size())), m.value());
                }
            }
            case QUERY -> {
                ObjectNode hints = object(object(object(root, "request"), "filter_properties"), "scheduler_hints");
                if (hints != null) {
                    hints.put("query", m.text());
                }
                enable(root, "scheduler_default_filters", "JsonFilter");
            }
            case FUNCTION -> {
                List<ObjectNode> pools = pools(root);
                if (!pools.isEmpty()) {
                    pick(pools, m.where()).put(Math.floorMod(m.which(), 2) == 0 ? "filter_function" : "goodness_function", m.text());
                }
                enable(root, "scheduler_default_filters", "DriverFilter");
                enable(root, "scheduler_default_weighers", "GoodnessWeigher");
            }
            case EXTRA_SPECS -> {
                ObjectNode spec = object(object(root, "request"), "request_spec");
                ObjectNode type = spec == null ? null : object(spec, "volume_type");
                if (type != null) {
                    type.set("extra_specs", m.value());
                }
            }
            case WRAP -> {
                Slot s = pick(slots(root), m.where());
                JsonNode v = s.get();
                s.set(Math.floorMod(m.which(), 2) == 0 ? OddValues.F.arrayNode().add(v) : OddValues.F.objectNode().set("v", v));
            }
            case DUPLICATE -> {
                JsonNode backends = root.get("backends");
                if (Math.floorMod(m.which(), 2) == 0 && backends instanceof ArrayNode list && !list.isEmpty()) {
                    list.add(list.get(Math.floorMod(m.where(), list.size())).deepCopy());
                } else {
                    List<ArrayNode> poolLists = poolLists(root);
                    if (!poolLists.isEmpty()) {
                        ArrayNode list = pick(poolLists, m.where());
                        if (!list.isEmpty()) {
                            list.add(list.get(Math.floorMod(m.which(), list.size())).deepCopy());
                        }
                    }
                }
            }
            case SIZE -> {
                ObjectNode spec = object(object(root, "request"), "request_spec");
                ObjectNode props = spec == null ? null : object(spec, "volume_properties");
                if (props != null) {
                    props.set("size", m.value());
                }
            }
            case RETRY_OR_HINT -> {
                ObjectNode props = object(object(root, "request"), "filter_properties");
                if (props == null) {
                    return;
                }
                switch (Math.floorMod(m.which(), 5)) {
                    case 0 -> {
                        ObjectNode retry = OddValues.F.objectNode();
                        retry.set("num_attempts", m.value());
                        retry.putArray("backends").add(anyBackendName(root, m.where()));
                        props.set("retry", retry);
                    }
                    case 1 -> props.set("retry", m.value());
                    case 2 -> {
                        ObjectNode hints = object(props, "scheduler_hints");
                        if (hints != null) {
                            hints.set("different_host", m.value());
                        }
                    }
                    case 3 -> {
                        ObjectNode hints = object(props, "scheduler_hints");
                        if (hints != null) {
                            hints.set("same_host", m.value());
                        }
                    }
                    default -> {
                        ObjectNode hints = object(props, "scheduler_hints");
                        if (hints != null) {
                            hints.set("local_to_instance", m.value());
                        }
                    }
                }
            }
            default -> throw new IllegalStateException(m.kind().toString());
        }
    }

    private static String anyBackendName(ObjectNode root, int where) {
        List<String> names = new ArrayList<>();
        if (root.get("backends") instanceof ArrayNode list) {
            for (JsonNode b : list) {
                if (b.path("host").isTextual()) {
                    names.add(b.get("host").asText() + "#pool0");
                }
            }
        }
        return names.isEmpty() ? "nowhere@x#y" : names.get(Math.floorMod(where, names.size()));
    }

    /** Adds {@code name} to the list option {@code option} (creating it from Cinder's default). */
    private static void enable(ObjectNode root, String option, String name) {
        ObjectNode config = object(root, "config");
        if (config == null) {
            return;
        }
        JsonNode current = config.get(option);
        ArrayNode list;
        if (current instanceof ArrayNode a) {
            list = a;
        } else if (current == null || current.isNull()) {
            list = config.putArray(option);
            if (option.equals("scheduler_default_filters")) {
                list.add("AvailabilityZoneFilter").add("CapacityFilter").add("CapabilitiesFilter");
            } else {
                list.add("CapacityWeigher");
            }
        } else {
            return;
        }
        for (JsonNode n : list) {
            if (n.asText().equals(name)) {
                return;
            }
        }
        list.add(name);
    }

    /** The child object {@code field} of {@code parent}, created when missing or null; null when it is something else. */
    static ObjectNode object(ObjectNode parent, String field) {
        if (parent == null) {
            return null;
        }
        JsonNode n = parent.get(field);
        if (n == null || n.isNull()) {
            return parent.putObject(field);
        }
        return n instanceof ObjectNode o ? o : null;
    }

    /** Pool reports, and legacy reports (capabilities without a pools list). */
    static List<ObjectNode> pools(ObjectNode root) {
        List<ObjectNode> out = new ArrayList<>();
        if (!(root.get("backends") instanceof ArrayNode backends)) {
            return out;
        }
        for (JsonNode b : backends) {
            JsonNode caps = b.get("capabilities");
            if (!(caps instanceof ObjectNode c)) {
                continue;
            }
            if (c.get("pools") instanceof ArrayNode pools) {
                for (JsonNode p : pools) {
                    if (p instanceof ObjectNode po) {
                        out.add(po);
                    }
                }
            } else {
                out.add(c);
            }
        }
        return out;
    }

    private static List<ArrayNode> poolLists(ObjectNode root) {
        List<ArrayNode> out = new ArrayList<>();
        if (root.get("backends") instanceof ArrayNode backends) {
            for (JsonNode b : backends) {
                if (b.path("capabilities").get("pools") instanceof ArrayNode pools) {
                    out.add(pools);
                }
            }
        }
        return out;
    }

    private static List<ObjectNode> objects(JsonNode root) {
        List<ObjectNode> out = new ArrayList<>();
        collect(root, out, 0);
        return out;
    }

    private static void collect(JsonNode n, List<ObjectNode> out, int depth) {
        if (depth > 50) {
            return;
        }
        if (n instanceof ObjectNode o) {
            out.add(o);
        }
        for (JsonNode child : n) {
            collect(child, out, depth + 1);
        }
    }

    private static List<Slot> slots(JsonNode root) {
        List<Slot> out = new ArrayList<>();
        slots(root, out, 0);
        return out;
    }

    private static void slots(JsonNode n, List<Slot> out, int depth) {
        if (depth > 50) {
            return;
        }
        if (n instanceof ObjectNode o) {
            for (Iterator<Map.Entry<String, JsonNode>> it = o.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                out.add(new Slot(o, e.getKey(), -1));
                slots(e.getValue(), out, depth + 1);
            }
        } else if (n instanceof ArrayNode a) {
            for (int i = 0; i < a.size(); i++) {
                out.add(new Slot(a, null, i));
                slots(a.get(i), out, depth + 1);
            }
        }
    }

    private static <T> T pick(List<T> list, int where) {
        return list.get(Math.floorMod(where, list.size()));
    }
}
