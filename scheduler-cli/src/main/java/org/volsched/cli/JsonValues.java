package org.volsched.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * JSON as the Python-like values the scheduler works with (Long, BigInteger, Double, String,
 * Boolean, List, Map, null), for checks that must go on where the scenario reader stops.
 */
final class JsonValues {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private JsonValues() {
    }

    /** The document as a mapping, or {@code null} when it is not valid JSON or not an object. */
    @SuppressWarnings("unchecked")
    static Map<String, Object> objectOrNull(String text) {
        try {
            JsonNode root = MAPPER.readTree(text);
            return root != null && root.isObject() ? (Map<String, Object>) value(root) : null;
        } catch (JsonProcessingException e) {
            return null;
        }
    }

    static Object value(JsonNode n) {
        if (n == null || n.isNull() || n.isMissingNode()) {
            return null;
        }
        if (n.isObject()) {
            Map<String, Object> m = new LinkedHashMap<>();
            for (Map.Entry<String, JsonNode> e : n.properties()) {
                m.put(e.getKey(), value(e.getValue()));
            }
            return m;
        }
        if (n.isArray()) {
            List<Object> l = new ArrayList<>(n.size());
            n.forEach(e -> l.add(value(e)));
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
