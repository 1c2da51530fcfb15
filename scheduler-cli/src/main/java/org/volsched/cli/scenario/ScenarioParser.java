package org.volsched.cli.scenario;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.volsched.core.host.ReportLint;
import org.volsched.python.Py;
import org.volsched.python.PyException;

/**
 * Reads scenario JSON into a {@link Scenario}, checking every field's type and reporting every
 * problem at once, each with the file, the field path ({@code backends[3].capabilities.pools[0]})
 * and what was expected.
 */
public final class ScenarioParser {
    /** Deepest JSON nesting accepted; deeper documents are refused with a clear message. */
    public static final int MAX_DEPTH = 200;

    private static final ObjectMapper MAPPER = JsonMapper.builder()
            .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
            .build();

    static {
        MAPPER.getFactory().setStreamReadConstraints(StreamReadConstraints.builder()
                .maxNestingDepth(MAX_DEPTH).maxNumberLength(1000).maxStringLength(10_000_000).build());
    }

    private final List<String> problems = new ArrayList<>();
    private final List<String> warnings = new ArrayList<>();
    private final String source;

    private ScenarioParser(String source) {
        this.source = source;
    }

    /** Reads a scenario file. */
    public static Scenario read(Path file) throws ScenarioException {
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            throw new ScenarioException(file + ": no such file");
        } catch (IOException e) {
            throw new ScenarioException(file + ": cannot read: " + e.getMessage());
        }
        return parse(text, file.toString(), nameOf(file));
    }

    /** {@code NAME} of {@code NAME.scenario.json} (or of {@code NAME.json}). */
    public static String nameOf(Path file) {
        String n = file.getFileName().toString();
        if (n.endsWith(".scenario.json")) {
            return n.substring(0, n.length() - ".scenario.json".length());
        }
        return n.endsWith(".json") ? n.substring(0, n.length() - 5) : n;
    }

    /** Parses scenario text; {@code source} names it in messages. */
    public static Scenario parse(String text, String source, String name) throws ScenarioException {
        JsonNode root;
        try {
            root = MAPPER.readTree(text);
        } catch (JsonProcessingException e) {
            String where = e.getLocation() == null ? "" : ":" + e.getLocation().getLineNr() + ":"
                    + e.getLocation().getColumnNr();
            throw new ScenarioException(source + where + ": not valid JSON: " + cleanJacksonMessage(e.getOriginalMessage()));
        }
        if (root == null || root.isMissingNode()) {
            throw new ScenarioException(source + ": empty file; expected a scenario object");
        }
        return new ScenarioParser(source).scenario(root, name);
    }

    /**
     * A location Jackson writes into a message: {@code [Source: (String)"[1, 2"; line: 1, column: 1]}.
     * The source description may itself hold brackets and semicolons (it quotes the input), so the
     * match ends at the last {@code ; line: N, column: N]}.
     */
    private static final Pattern JACKSON_LOCATION = Pattern.compile(
            "\\[Source: .*?; line: (\\d+), column: (\\d+)]", Pattern.DOTALL);

    /**
     * Jackson's message without the error's own location, which the caller gives ({@code file:line:column}),
     * and with the locations it names inside ({@code start marker at …}, {@code for Array starting at …})
     * as {@code line L, column C}: {@code Unexpected end-of-input: expected close marker for Array (start
     * marker at line 1, column 1)}.
     */
    static String cleanJacksonMessage(String message) {
        if (message == null) {
            return "unreadable";
        }
        Matcher m = JACKSON_LOCATION.matcher(message);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            m.appendReplacement(out, "line " + m.group(1) + ", column " + m.group(2));
        }
        m.appendTail(out);
        // The error's own location, when the message carries one: " at line L, column C" at its end.
        return out.toString().replaceAll("\\s+at line \\d+, column \\d+\\s*$", "").strip();
    }

    private Scenario scenario(JsonNode root, String name) throws ScenarioException {
        if (!root.isObject()) {
            throw new ScenarioException(source + ": expected a JSON object with config, backends and request, found "
                    + kind(root));
        }
        Map<String, Object> config = new LinkedHashMap<>();
        JsonNode c = root.get("config");
        if (c != null && !c.isNull()) {
            if (!c.isObject()) {
                problem("config", "an object of scheduler options", c);
            } else {
                for (Iterator<Map.Entry<String, JsonNode>> it = c.fields(); it.hasNext(); ) {
                    Map.Entry<String, JsonNode> e = it.next();
                    Object v = value(e.getValue());
                    if (v != null) {
                        config.put(e.getKey(), v);
                    }
                }
            }
        }
        for (Iterator<String> it = root.fieldNames(); it.hasNext(); ) {
            String field = it.next();
            if (!List.of("config", "backends", "request", "meta").contains(field)) {
                warnings.add(source + ": " + field + ": unknown top-level field; ignored (expected config, "
                        + "backends, request, meta)");
            }
        }
        List<Scenario.Backend> backends = new ArrayList<>();
        JsonNode b = root.get("backends");
        if (b == null || b.isNull()) {
            problem("backends", "a list of backends", b);
        } else if (!b.isArray()) {
            problem("backends", "a list of backends", b);
        } else {
            for (int i = 0; i < b.size(); i++) {
                Scenario.Backend backend = backend(b.get(i), "backends[" + i + "]");
                if (backend != null) {
                    backends.add(backend);
                }
            }
        }
        Scenario.Request request = request(root.get("request"));
        if (!problems.isEmpty()) {
            throw new ScenarioException(problems, warnings);
        }
        return new Scenario(name, config, backends, request, List.copyOf(warnings));
    }

    private Scenario.Backend backend(JsonNode n, String path) {
        if (n == null || !n.isObject()) {
            problem(path, "a backend object", n);
            return null;
        }
        String host = string(n, path, "host", true);
        String cluster = string(n, path, "cluster_name", false);
        String zone = string(n, path, "availability_zone", false);
        boolean up = bool(n, path, "up", true);
        boolean disabled = bool(n, path, "disabled", false);
        boolean frozen = bool(n, path, "frozen", false);
        Object count = null;
        JsonNode vc = n.get("volume_count");
        if (vc != null && !vc.isNull()) {
            if (vc.isIntegralNumber() && vc.canConvertToLong() && vc.asLong() >= 0) {
                count = vc.asLong();
            } else if (vc.isObject()) {
                Map<String, Object> perPool = new LinkedHashMap<>();
                for (Iterator<Map.Entry<String, JsonNode>> it = vc.fields(); it.hasNext(); ) {
                    Map.Entry<String, JsonNode> e = it.next();
                    if (e.getValue().isIntegralNumber() && e.getValue().canConvertToLong() && e.getValue().asLong() >= 0) {
                        perPool.put(e.getKey(), e.getValue().asLong());
                    } else {
                        problem(path + ".volume_count." + e.getKey(), "a non-negative integer", e.getValue());
                    }
                }
                count = perPool;
            } else {
                problem(path + ".volume_count", "a non-negative integer or an object {pool_name: count}", vc);
            }
        }
        Map<String, Object> caps = null;
        JsonNode cn = n.get("capabilities");
        if (cn != null && !cn.isNull()) {
            if (!cn.isObject()) {
                problem(path + ".capabilities", "an object (the driver's capability report) or null", cn);
            } else {
                caps = object(cn);
                checkReport(caps, path + ".capabilities");
            }
        }
        return host == null ? null : new Scenario.Backend(host, cluster, zone, up, disabled, frozen, count, caps);
    }

    /** Findings about reports that real drivers get wrong; Cinder tolerates or crashes, volsched warns. */
    private void checkReport(Map<String, Object> caps, String path) {
        Object pools = caps.get("pools");
        if (caps.containsKey("pools") && pools != null && !(pools instanceof List)) {
            warnings.add(source + ": " + path + ".pools: expected a list of pools, found " + Py.typeName(pools)
                    + "; the backend offers no pool (as in Cinder)");
        }
        if (pools instanceof List<?> list) {
            for (int i = 0; i < list.size(); i++) {
                Object p = list.get(i);
                String pp = path + ".pools[" + i + "]";
                if (!(p instanceof Map<?, ?> pm)) {
                    warnings.add(source + ": " + pp + ": expected a pool object, found " + Py.typeName(p)
                            + "; pool ignored");
                } else {
                    if (pm.get("pool_name") == null) {
                        warnings.add(source + ": " + pp + ".pool_name: missing; pool ignored (Cinder fails every "
                                + "request with KeyError)");
                    }
                    @SuppressWarnings("unchecked")
                    Map<String, Object> poolMap = (Map<String, Object>) pm;
                    checkCapacities(poolMap, pp);
                }
            }
        } else if (!caps.containsKey("pools")) {
            checkCapacities(caps, path);
        }
    }

    private void checkCapacities(Map<String, Object> report, String path) {
        for (ReportLint.Finding f : ReportLint.check(report)) {
            warnings.add(source + ": " + path + "." + f.key() + ": " + f.message());
        }
    }

    private Scenario.Request request(JsonNode n) {
        if (n == null || !n.isObject()) {
            problem("request", "a request object with request_spec and filter_properties", n);
            return null;
        }
        Map<String, Object> spec = optionalObject(n, "request", "request_spec");
        Map<String, Object> props = optionalObject(n, "request", "filter_properties");
        Map<String, Object> volume = optionalObject(n, "request", "volume");
        Map<String, Object> volumeHosts = optionalObject(n, "request", "volume_hosts");
        Map<String, Object> instanceHosts = optionalObject(n, "request", "instance_hosts");
        if (spec != null) {
            Object vp = spec.get("volume_properties");
            if (!(vp instanceof Map)) {
                problems.add(source + ": request.request_spec.volume_properties: expected an object with the "
                        + "volume's size, found " + describe(vp));
            } else if (!((Map<?, ?>) vp).containsKey("size")) {
                problems.add(source + ": request.request_spec.volume_properties.size: missing; expected the "
                        + "volume size in GB");
            } else if (!isInteger(((Map<?, ?>) vp).get("size"))) {
                problem("request.request_spec.volume_properties.size", "the volume size in GB, an integer such as "
                        + "10 (or a string of one, which Cinder converts)",
                        n.path("request_spec").path("volume_properties").path("size"));
            }
            Object vt = spec.get("volume_type");
            if (vt != null && !(vt instanceof Map)) {
                problems.add(source + ": request.request_spec.volume_type: expected an object or null, found "
                        + describe(vt));
            }
        } else if (volume == null) {
            problems.add(source + ": request: request_spec is null, so request.volume is required (the flow builds "
                    + "the spec from it)");
        }
        if (props != null) {
            Object retry = props.get("retry");
            if (retry != null && !(retry instanceof Map)) {
                problems.add(source + ": request.filter_properties.retry: expected an object, found "
                        + describe(retry));
            }
            Object hints = props.get("scheduler_hints");
            if (hints != null && !(hints instanceof Map)) {
                problems.add(source + ": request.filter_properties.scheduler_hints: expected an object, found "
                        + describe(hints));
            }
        }
        return new Scenario.Request(spec, props, volume, value(n.get("snapshot_id")), value(n.get("image_id")),
                value(n.get("backup_id")), volumeHosts == null ? Map.of() : volumeHosts,
                instanceHosts == null ? Map.of() : instanceHosts);
    }

    private Map<String, Object> optionalObject(JsonNode parent, String path, String field) {
        JsonNode n = parent.get(field);
        if (n == null || n.isNull()) {
            return null;
        }
        if (!n.isObject()) {
            problem(path + "." + field, "an object or null", n);
            return null;
        }
        return object(n);
    }

    private String string(JsonNode n, String path, String field, boolean required) {
        JsonNode v = n.get(field);
        if (v == null || v.isNull()) {
            if (required) {
                problems.add(source + ": " + path + "." + field + ": missing; expected a string such as "
                        + "\"node1@lvm\"");
            }
            return null;
        }
        if (!v.isTextual() || (required && v.asText().isEmpty())) {
            problem(path + "." + field, required ? "a non-empty string" : "a string or null", v);
            return null;
        }
        return v.asText();
    }

    private boolean bool(JsonNode n, String path, String field, boolean dflt) {
        JsonNode v = n.get(field);
        if (v == null || v.isNull()) {
            return dflt;
        }
        if (!v.isBoolean()) {
            problem(path + "." + field, "true or false", v);
            return dflt;
        }
        return v.asBoolean();
    }

    private void problem(String path, String expected, JsonNode found) {
        problems.add(source + ": " + path + ": expected " + expected + ", found " + kind(found));
    }

    private static String kind(JsonNode n) {
        if (n == null || n.isMissingNode()) {
            return "nothing (the field is missing)";
        }
        if (n.isNull()) {
            return "null";
        }
        String text = n.toString();
        if (text.length() > 60) {
            text = text.substring(0, 57) + "...";
        }
        String type = n.isObject() ? "an object" : n.isArray() ? "a list" : n.isTextual() ? "a string"
                : n.isBoolean() ? "a boolean" : n.isNumber() ? "a number" : n.getNodeType().toString();
        return type + " " + text;
    }

    /** Whether Cinder's RequestSpec converts {@code v} to an integer ({@code null} stays {@code None}). */
    private static boolean isInteger(Object v) {
        if (v == null) {
            return true;
        }
        try {
            Py.toInt(v);
            return true;
        } catch (PyException e) {
            return false;
        }
    }

    private static String describe(Object v) {
        return v == null ? "null" : Py.typeName(v) + " " + Py.repr(v);
    }

    /** A JSON object as a Python-like mapping. */
    static Map<String, Object> object(JsonNode n) {
        Map<String, Object> m = new LinkedHashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = n.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            m.put(e.getKey(), value(e.getValue()));
        }
        return m;
    }

    /** A JSON value as a Python-like value: Long (BigInteger when huge), Double, String, Boolean, List, Map. */
    static Object value(JsonNode n) {
        if (n == null || n.isNull() || n.isMissingNode()) {
            return null;
        }
        if (n.isObject()) {
            return object(n);
        }
        if (n.isArray()) {
            List<Object> l = new ArrayList<>(n.size());
            for (JsonNode e : n) {
                l.add(value(e));
            }
            return l;
        }
        if (n.isBoolean()) {
            return n.asBoolean();
        }
        if (n.isIntegralNumber()) {
            return n.canConvertToLong() ? (Object) n.asLong() : (Object) new BigInteger(n.asText());
        }
        if (n.isNumber()) {
            return n.doubleValue();
        }
        return n.asText();
    }
}
