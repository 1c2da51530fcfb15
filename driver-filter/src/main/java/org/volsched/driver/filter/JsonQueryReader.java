package org.volsched.driver.filter;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.volsched.python.PyException;

/**
 * A small strict JSON reader for {@code JsonFilter} queries, accepting what Python's
 * {@code json.loads} accepts: any value at the top level surrounded by JSON whitespace, the
 * literals {@code NaN}, {@code Infinity} and {@code -Infinity}, integers of any size, and no
 * control characters inside strings. Values come out as {@code null}, {@link Boolean},
 * {@link Long} (or {@link BigInteger} when it does not fit), {@link Double}, {@link String},
 * {@link List} and {@link Map} (insertion-ordered; a repeated key keeps its first position and
 * takes the last value, as a Python dict built from pairs does).
 *
 * <p>Errors are reported as Python's {@code JSONDecodeError} with the character offset.
 */
final class JsonQueryReader {
    /** Deeper nesting fails as Python's recursion limit would. */
    static final int MAX_DEPTH = 500;
    /** One NaN object for every {@code NaN} literal, as Python's decoder shares one (identity matters to {@code in}). */
    private static final Double NAN = Double.NaN;

    private final String text;
    private int pos;

    private JsonQueryReader(String text) {
        this.text = text;
    }

    /**
     * Parses one JSON document.
     *
     * @throws PyException {@code JSONDecodeError} for malformed text, {@code RecursionError} for
     *     nesting deeper than {@link #MAX_DEPTH}
     */
    static Object parse(String text) {
        JsonQueryReader reader = new JsonQueryReader(text);
        reader.skipWhitespace();
        Object value = reader.value(0);
        reader.skipWhitespace();
        if (reader.pos != text.length()) {
            throw reader.error("Extra data");
        }
        return value;
    }

    private Object value(int depth) {
        if (pos >= text.length()) {
            throw error("Expecting value");
        }
        char c = text.charAt(pos);
        switch (c) {
            case '{':
                return object(depth + 1);
            case '[':
                return array(depth + 1);
            case '"':
                return string();
            case 'n':
                return literal("null", null);
            case 't':
                return literal("true", Boolean.TRUE);
            case 'f':
                return literal("false", Boolean.FALSE);
            case 'N':
                return literal("NaN", NAN);
            case 'I':
                return literal("Infinity", Double.POSITIVE_INFINITY);
            default:
                if (c == '-' && text.startsWith("-Infinity", pos)) {
                    pos += "-Infinity".length();
                    return Double.NEGATIVE_INFINITY;
                }
                if (c == '-' || (c >= '0' && c <= '9')) {
                    return number();
                }
                throw error("Expecting value");
        }
    }

    private Object literal(String word, Object value) {
        if (!text.startsWith(word, pos)) {
            throw error("Expecting value");
        }
        pos += word.length();
        return value;
    }

    private Object number() {
        int start = pos;
        if (text.charAt(pos) == '-') {
            pos++;
        }
        if (pos >= text.length() || !isDigit(text.charAt(pos))) {
            pos = start;
            throw error("Expecting value");
        }
        if (text.charAt(pos) == '0') {
            pos++;
        } else {
            while (pos < text.length() && isDigit(text.charAt(pos))) {
                pos++;
            }
        }
        boolean integral = true;
        if (pos + 1 < text.length() && text.charAt(pos) == '.' && isDigit(text.charAt(pos + 1))) {
            integral = false;
            pos++;
            while (pos < text.length() && isDigit(text.charAt(pos))) {
                pos++;
            }
        }
        if (pos < text.length() && (text.charAt(pos) == 'e' || text.charAt(pos) == 'E')) {
            int mark = pos;
            int p = pos + 1;
            if (p < text.length() && (text.charAt(p) == '+' || text.charAt(p) == '-')) {
                p++;
            }
            if (p < text.length() && isDigit(text.charAt(p))) {
                while (p < text.length() && isDigit(text.charAt(p))) {
                    p++;
                }
                pos = p;
                integral = false;
            } else {
                pos = mark;
            }
        }
        String literal = text.substring(start, pos);
        if (!integral) {
            return Double.parseDouble(literal);
        }
        BigInteger big = new BigInteger(literal);
        return big.bitLength() < 64 ? (Object) big.longValue() : big;
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }

    private String string() {
        int start = pos;
        pos++;
        StringBuilder sb = new StringBuilder();
        while (true) {
            if (pos >= text.length()) {
                pos = start;
                throw error("Unterminated string starting at");
            }
            char c = text.charAt(pos);
            if (c == '"') {
                pos++;
                return sb.toString();
            }
            if (c < 0x20) {
                throw error("Invalid control character at");
            }
            if (c != '\\') {
                sb.append(c);
                pos++;
                continue;
            }
            if (pos + 1 >= text.length()) {
                pos = start;
                throw error("Unterminated string starting at");
            }
            char e = text.charAt(pos + 1);
            switch (e) {
                case '"' -> sb.append('"');
                case '\\' -> sb.append('\\');
                case '/' -> sb.append('/');
                case 'b' -> sb.append('\b');
                case 'f' -> sb.append('\f');
                case 'n' -> sb.append('\n');
                case 'r' -> sb.append('\r');
                case 't' -> sb.append('\t');
                case 'u' -> {
                    if (pos + 6 > text.length() || !isHex4(pos + 2)) {
                        throw error("Invalid \\uXXXX escape");
                    }
                    sb.append((char) Integer.parseInt(text.substring(pos + 2, pos + 6), 16));
                    pos += 4;
                }
                default -> throw error("Invalid \\escape");
            }
            pos += 2;
        }
    }

    private boolean isHex4(int from) {
        for (int i = from; i < from + 4; i++) {
            char c = text.charAt(i);
            boolean hex = (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
            if (!hex) {
                return false;
            }
        }
        return true;
    }

    private List<Object> array(int depth) {
        checkDepth(depth);
        pos++;
        List<Object> list = new ArrayList<>();
        skipWhitespace();
        if (pos < text.length() && text.charAt(pos) == ']') {
            pos++;
            return list;
        }
        while (true) {
            skipWhitespace();
            list.add(value(depth));
            skipWhitespace();
            if (pos >= text.length()) {
                throw error("Expecting ',' delimiter");
            }
            char c = text.charAt(pos);
            if (c == ']') {
                pos++;
                return list;
            }
            if (c != ',') {
                throw error("Expecting ',' delimiter");
            }
            pos++;
        }
    }

    private Map<String, Object> object(int depth) {
        checkDepth(depth);
        pos++;
        Map<String, Object> map = new LinkedHashMap<>();
        skipWhitespace();
        if (pos < text.length() && text.charAt(pos) == '}') {
            pos++;
            return map;
        }
        while (true) {
            skipWhitespace();
            if (pos >= text.length() || text.charAt(pos) != '"') {
                throw error("Expecting property name enclosed in double quotes");
            }
            String key = string();
            skipWhitespace();
            if (pos >= text.length() || text.charAt(pos) != ':') {
                throw error("Expecting ':' delimiter");
            }
            pos++;
            skipWhitespace();
            map.put(key, value(depth));
            skipWhitespace();
            if (pos >= text.length()) {
                throw error("Expecting ',' delimiter");
            }
            char c = text.charAt(pos);
            if (c == '}') {
                pos++;
                return map;
            }
            if (c != ',') {
                throw error("Expecting ',' delimiter");
            }
            pos++;
        }
    }

    private void checkDepth(int depth) {
        if (depth > MAX_DEPTH) {
            throw new PyException("RecursionError", "maximum recursion depth exceeded while decoding a JSON "
                    + "document (nesting deeper than " + MAX_DEPTH + ")");
        }
    }

    private void skipWhitespace() {
        while (pos < text.length()) {
            char c = text.charAt(pos);
            if (c != ' ' && c != '\t' && c != '\n' && c != '\r') {
                return;
            }
            pos++;
        }
    }

    private PyException error(String message) {
        return new PyException("JSONDecodeError", message + ": char " + pos);
    }
}
