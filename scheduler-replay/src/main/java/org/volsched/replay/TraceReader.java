package org.volsched.replay;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import java.io.BufferedReader;
import java.io.Closeable;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads a trace one line at a time ({@code docs/trace-format.md}): each line is parsed with Jackson's
 * streaming parser straight into a {@link TraceEvent}, with no JSON tree in between, so a trace of
 * millions of events is read in constant memory. Every problem is a {@link TraceFormatException} naming
 * the line and the field path.
 */
public final class TraceReader implements Closeable {
    private static final JsonFactory JSON = JsonFactory.builder()
            .streamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(200).build()).build();
    private static final Set<String> EVENTS = Set.of("report", "service", "create", "delete");
    private static final List<String> REPORT_FIELDS = List.of("t", "event", "host", "capabilities");
    private static final List<String> SERVICE_FIELDS = List.of("t", "event", "host", "cluster_name", "zone", "up",
            "disabled", "frozen");
    private static final List<String> CREATE_FIELDS = List.of("t", "event", "id", "size", "volume_type", "zone",
            "request_spec", "filter_properties", "volume", "volume_hosts", "instance_hosts");
    private static final List<String> DELETE_FIELDS = List.of("t", "event", "id");

    private final BufferedReader in;
    private final String source;
    private long line;
    private long charsRead;
    private double lastT;
    private TraceHeader header = TraceHeader.empty();
    private TraceEvent pending;
    private boolean started;

    /**
     * @param source how messages name the trace (its path)
     */
    public TraceReader(BufferedReader in, String source) {
        this.in = in;
        this.source = source;
    }

    /** The header, once {@link #next()} has been called at least once (an empty one when the trace has none). */
    public TraceHeader header() {
        start();
        return header;
    }

    /** Characters read so far (with line ends), for progress reports. */
    public long charsRead() {
        return charsRead;
    }

    /** How messages name the trace. */
    public String source() {
        return source;
    }

    /** The line of the last event returned. */
    public long line() {
        return line;
    }

    /**
     * The next event, or {@code null} at the end.
     *
     * @throws TraceFormatException for a line that is not a valid event
     * @throws UncheckedIOException when the trace cannot be read
     */
    public TraceEvent next() {
        start();
        if (pending != null) {
            TraceEvent e = pending;
            pending = null;
            return e;
        }
        String text;
        while ((text = readLine()) != null) {
            if (!text.isBlank()) {
                return event(text);
            }
        }
        return null;
    }

    private void start() {
        if (started) {
            return;
        }
        started = true;
        String text;
        while ((text = readLine()) != null) {
            if (text.isBlank()) {
                continue;
            }
            if (text.contains("\"volsched_trace\"")) {
                header = header(text);
            } else {
                pending = event(text);
            }
            return;
        }
    }

    private String readLine() {
        try {
            String s = in.readLine();
            if (s != null) {
                line++;
                charsRead += s.length() + 1;
            }
            return s;
        } catch (IOException e) {
            throw new UncheckedIOException(source + ": cannot read the trace: " + e.getMessage(), e);
        }
    }

    private TraceFormatException problem(String field, String message) {
        return new TraceFormatException(source, line, field, message);
    }

    // --- the header -------------------------------------------------------------------------------

    @SuppressWarnings("unchecked")
    private TraceHeader header(String text) {
        Map<String, Object> m;
        try (JsonParser p = JSON.createParser(text)) {
            if (p.nextToken() != JsonToken.START_OBJECT) {
                throw problem("", "expected a JSON object, found " + describe(p));
            }
            m = (Map<String, Object>) value(p, JsonToken.START_OBJECT, "");
            if (p.nextToken() != null) {
                throw problem("", "unexpected text after the JSON object");
            }
        } catch (JsonProcessingException e) {
            throw problem("", "not valid JSON: " + e.getOriginalMessage() + " (column " + e.getLocation().getColumnNr() + ")");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        for (String k : m.keySet()) {
            if (!List.of("volsched_trace", "volume_types", "meta").contains(k)) {
                throw problem(k, "unknown header field; the header has volsched_trace, volume_types and meta");
            }
        }
        if (!(m.get("volsched_trace") instanceof Long v) || v != TraceHeader.VERSION) {
            throw problem("volsched_trace", "expected " + TraceHeader.VERSION + " (the trace format version this "
                    + "volsched reads), found " + show(m.get("volsched_trace")));
        }
        Map<String, Map<String, Object>> types = new LinkedHashMap<>();
        Object rawTypes = m.get("volume_types");
        if (rawTypes != null) {
            if (!(rawTypes instanceof Map<?, ?> tm)) {
                throw problem("volume_types", "expected an object of volume types by name, found " + show(rawTypes));
            }
            for (Map.Entry<?, ?> e : tm.entrySet()) {
                String path = "volume_types." + e.getKey();
                if (!(e.getValue() instanceof Map<?, ?> type)) {
                    throw problem(path, "expected a volume type object ({\"id\": …, \"extra_specs\": {…}}), found "
                            + show(e.getValue()));
                }
                Object specs = type.get("extra_specs");
                if (specs != null && !(specs instanceof Map)) {
                    throw problem(path + ".extra_specs", "expected an object of strings, found " + show(specs));
                }
                Map<String, Object> t = new LinkedHashMap<>((Map<String, Object>) type);
                t.putIfAbsent("name", e.getKey());
                t.putIfAbsent("id", e.getKey());
                types.put((String) e.getKey(), t);
            }
        }
        Object meta = m.get("meta");
        if (meta != null && !(meta instanceof Map)) {
            throw problem("meta", "expected an object, found " + show(meta));
        }
        return new TraceHeader(types, (Map<String, Object>) meta);
    }

    // --- events -----------------------------------------------------------------------------------

    @SuppressWarnings("unchecked")
    private TraceEvent event(String text) {
        Double t = null;
        String event = null;
        String host = null;
        String id = null;
        Object size = null;
        boolean sizeSet = false;
        String volumeType = null;
        String zone = null;
        String clusterName = null;
        Map<String, Object> capabilities = null;
        Map<String, Object> requestSpec = null;
        Map<String, Object> filterProperties = null;
        Map<String, Object> volume = null;
        Map<String, Object> volumeHosts = null;
        Map<String, Object> instanceHosts = null;
        Boolean up = null;
        Boolean disabled = null;
        Boolean frozen = null;
        List<String> seen = new ArrayList<>(6);
        try (JsonParser p = JSON.createParser(text)) {
            if (p.nextToken() != JsonToken.START_OBJECT) {
                throw problem("", "expected a JSON object (one event per line), found " + describe(p));
            }
            JsonToken tok;
            while ((tok = p.nextToken()) == JsonToken.FIELD_NAME) {
                String f = p.currentName();
                JsonToken v = p.nextToken();
                seen.add(f);
                switch (f) {
                    case "t" -> {
                        if (!v.isNumeric()) {
                            throw problem("t", "expected the event's time in seconds since the trace's start (a number), found "
                                    + describe(p));
                        }
                        t = p.getDoubleValue();
                    }
                    case "event" -> event = string(p, v, "event");
                    case "host" -> host = string(p, v, "host");
                    case "cluster_name" -> clusterName = v == JsonToken.VALUE_NULL ? null : string(p, v, "cluster_name");
                    case "id" -> id = string(p, v, "id");
                    case "volume_type" -> volumeType = v == JsonToken.VALUE_NULL ? null : string(p, v, "volume_type");
                    case "zone" -> zone = v == JsonToken.VALUE_NULL ? null : string(p, v, "zone");
                    case "size" -> {
                        size = value(p, v, "size");
                        sizeSet = true;
                    }
                    case "up" -> up = bool(p, v, "up");
                    case "disabled" -> disabled = bool(p, v, "disabled");
                    case "frozen" -> frozen = bool(p, v, "frozen");
                    case "capabilities" -> capabilities = object(p, v, "capabilities", true);
                    case "request_spec" -> requestSpec = object(p, v, "request_spec", true);
                    case "filter_properties" -> filterProperties = object(p, v, "filter_properties", true);
                    case "volume" -> volume = object(p, v, "volume", true);
                    case "volume_hosts" -> volumeHosts = object(p, v, "volume_hosts", true);
                    case "instance_hosts" -> instanceHosts = object(p, v, "instance_hosts", true);
                    default -> {
                        value(p, v, f);
                    }
                }
            }
            if (tok != JsonToken.END_OBJECT || p.nextToken() != null) {
                throw problem("", "unexpected text after the JSON object (one event per line)");
            }
        } catch (JsonProcessingException e) {
            throw problem("", "not valid JSON: " + e.getOriginalMessage() + " (column " + e.getLocation().getColumnNr()
                    + ")");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        if (event == null) {
            throw problem("event", "missing; expected one of create, delete, report, service");
        }
        if (!EVENTS.contains(event)) {
            throw problem("event", "expected one of create, delete, report, service, found '" + event + "'");
        }
        List<String> allowed = switch (event) {
            case "report" -> REPORT_FIELDS;
            case "service" -> SERVICE_FIELDS;
            case "create" -> CREATE_FIELDS;
            default -> DELETE_FIELDS;
        };
        for (String f : seen) {
            if (!allowed.contains(f)) {
                throw problem(f, "not a field of a " + event + " event; it has " + String.join(", ", allowed));
            }
        }
        if (t == null) {
            throw problem("t", "missing; expected the event's time in seconds since the trace's start");
        }
        if (!(t >= 0) || Double.isInfinite(t)) {
            throw problem("t", "expected a finite number of seconds of at least 0, found " + t);
        }
        if (t < lastT) {
            throw problem("t", "events must be in time order: " + t + " is before the previous event's " + lastT);
        }
        lastT = t;
        switch (event) {
            case "report" -> {
                return new TraceEvent.Report(t, required(host, "host", "the reporting service's host"), capabilities);
            }
            case "service" -> {
                return new TraceEvent.Service(t, required(host, "host", "the service's host"), clusterName, zone, up,
                        disabled, frozen);
            }
            case "delete" -> {
                return new TraceEvent.Delete(t, required(id, "id", "the id of a volume a create event made"));
            }
            default -> {
                required(id, "id", "the new volume's id");
                boolean full = requestSpec != null || volume != null;
                if (full) {
                    if (volumeType != null || zone != null) {
                        throw problem(volumeType != null ? "volume_type" : "zone", "give either the shorthand (size, "
                                + "volume_type, zone) or the full form (request_spec, filter_properties, volume), not both");
                    }
                    if (requestSpec != null && !(requestSpec.get("volume_properties") instanceof Map)) {
                        throw problem("request_spec.volume_properties", "expected an object (with the size), found "
                                + show(requestSpec.get("volume_properties")));
                    }
                    long s = sizeSet ? size(size) : 0;
                    if (!sizeSet) {
                        Object raw = requestSpec != null
                                ? ((Map<String, Object>) requestSpec.get("volume_properties")).get("size")
                                : volume.get("size");
                        s = raw instanceof Long l && l >= 0 ? l : 0;
                    }
                    return new TraceEvent.Create(t, id, s, null, null, requestSpec, filterProperties, volume,
                            volumeHosts, instanceHosts);
                }
                if (filterProperties != null || volumeHosts != null || instanceHosts != null) {
                    throw problem(filterProperties != null ? "filter_properties"
                            : volumeHosts != null ? "volume_hosts" : "instance_hosts",
                            "only the full form (with request_spec) takes it");
                }
                if (!sizeSet) {
                    throw problem("size", "missing; a create event gives the size in GB (or a request_spec)");
                }
                long s = size(size);
                if (volumeType != null && !header.volumeTypes().containsKey(volumeType)) {
                    throw problem("volume_type", "'" + volumeType + "' is not a volume type of the trace's header"
                            + (header.volumeTypes().isEmpty() ? " (the trace has no header line with volume_types)"
                            : "; it has " + String.join(", ", header.volumeTypes().keySet())));
                }
                return TraceEvent.Create.shorthand(t, id, s, volumeType, zone);
            }
        }
    }

    private long size(Object size) {
        if (size instanceof Long l && l >= 0) {
            return l;
        }
        throw problem("size", "expected a whole number of GB of at least 0, found " + show(size));
    }

    private String required(String value, String field, String what) {
        if (value == null) {
            throw problem(field, "missing; expected " + what);
        }
        return value;
    }

    private String string(JsonParser p, JsonToken v, String field) throws IOException {
        if (v != JsonToken.VALUE_STRING) {
            throw problem(field, "expected a string, found " + describe(p));
        }
        return p.getText();
    }

    private Boolean bool(JsonParser p, JsonToken v, String field) throws IOException {
        if (v == JsonToken.VALUE_NULL) {
            return null;
        }
        if (v != JsonToken.VALUE_TRUE && v != JsonToken.VALUE_FALSE) {
            throw problem(field, "expected true or false, found " + describe(p));
        }
        return v == JsonToken.VALUE_TRUE;
    }

    @SuppressWarnings("unchecked")
    private Map<String, Object> object(JsonParser p, JsonToken v, String field, boolean nullable) throws IOException {
        if (v == JsonToken.VALUE_NULL && nullable) {
            return null;
        }
        if (v != JsonToken.START_OBJECT) {
            throw problem(field, "expected an object, found " + describe(p));
        }
        return (Map<String, Object>) value(p, v, field);
    }

    /** The value at the parser, Python-like: Long (BigInteger when huge), Double, String, Boolean, List, Map. */
    private Object value(JsonParser p, JsonToken v, String path) throws IOException {
        switch (v) {
            case START_OBJECT -> {
                Map<String, Object> m = new LinkedHashMap<>();
                while (p.nextToken() == JsonToken.FIELD_NAME) {
                    String k = p.currentName();
                    m.put(k, value(p, p.nextToken(), path + "." + k));
                }
                return m;
            }
            case START_ARRAY -> {
                List<Object> l = new ArrayList<>();
                JsonToken tok;
                while ((tok = p.nextToken()) != JsonToken.END_ARRAY) {
                    l.add(value(p, tok, path + "[" + l.size() + "]"));
                }
                return l;
            }
            case VALUE_STRING -> {
                return p.getText();
            }
            case VALUE_NUMBER_INT -> {
                return p.getNumberType() == JsonParser.NumberType.BIG_INTEGER ? p.getBigIntegerValue()
                        : (Object) p.getLongValue();
            }
            case VALUE_NUMBER_FLOAT -> {
                return p.getDoubleValue();
            }
            case VALUE_TRUE -> {
                return Boolean.TRUE;
            }
            case VALUE_FALSE -> {
                return Boolean.FALSE;
            }
            case VALUE_NULL -> {
                return null;
            }
            default -> throw problem(path, "unexpected " + v);
        }
    }

    private static String describe(JsonParser p) throws IOException {
        JsonToken v = p.currentToken();
        if (v == null) {
            return "nothing";
        }
        return switch (v) {
            case START_OBJECT -> "an object";
            case START_ARRAY -> "a list";
            case VALUE_STRING -> "\"" + p.getText() + "\"";
            case VALUE_NULL -> "null";
            default -> p.getText();
        };
    }

    private static String show(Object v) {
        if (v == null) {
            return "null";
        }
        if (v instanceof String s) {
            return "\"" + s + "\"";
        }
        if (v instanceof Map) {
            return "an object";
        }
        if (v instanceof List) {
            return "a list";
        }
        return String.valueOf(v);
    }

    @Override
    public void close() {
        try {
            in.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
