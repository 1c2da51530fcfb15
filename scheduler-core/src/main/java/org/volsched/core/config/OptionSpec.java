package org.volsched.core.config;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import org.volsched.spi.OptionDeclaration;
import org.volsched.python.Py;
import org.volsched.python.PyException;

/**
 * Parses a raw value of an {@link OptionDeclaration} (a string from a file, or a JSON value) into
 * the typed value, or explains what is wrong.
 */
final class OptionSpec {
    private final OptionDeclaration declaration;
    private final Pattern pattern;
    private final Double min;

    private OptionSpec(OptionDeclaration declaration) {
        this.declaration = declaration;
        this.pattern = declaration.pattern();
        this.min = declaration.minimum();
    }

    /** The typed value of {@code raw} ({@code null}: the default); throws {@link IllegalArgumentException} saying what is allowed. */
    static Object parse(OptionDeclaration declaration, Object raw) {
        return new OptionSpec(declaration).parse(raw);
    }

    private Object parse(Object raw) {
        if (raw == null) {
            return declaration.defaultValue();
        }
        Object value = switch (declaration.type()) {
            case STRING -> parseString(raw);
            case INT -> parseInt(raw);
            case LONG -> parseLong(raw);
            case FLOAT -> parseFloat(raw);
            case BOOL -> parseBool(raw);
            case LIST -> parseList(raw);
        };
        if (min != null && value instanceof Number n && n.doubleValue() < min) {
            throw new IllegalArgumentException("must be at least " + (min == Math.rint(min)
                    ? Py.str(min.longValue()) : Py.floatRepr(min)) + ", found " + Py.repr(raw));
        }
        return value;
    }

    private String parseString(Object raw) {
        if (raw instanceof List || raw instanceof java.util.Map) {
            throw new IllegalArgumentException("expected a string, found " + Py.typeName(raw));
        }
        String s = raw instanceof Double d ? Py.floatRepr(d) : Py.str(raw).strip();
        if (pattern != null && !pattern.matcher(s).matches()) {
            throw new IllegalArgumentException("must match " + pattern.pattern() + ", found " + Py.repr(s));
        }
        return s;
    }

    private Integer parseInt(Object raw) {
        if (raw instanceof Boolean || raw instanceof List || raw instanceof java.util.Map
                || (raw instanceof Double d && d != Math.rint(d))) {
            throw new IllegalArgumentException("expected an integer, found " + Py.repr(raw));
        }
        try {
            Number n = raw instanceof Double d ? (Number) (long) d.doubleValue() : Py.toInt(raw);
            long v = n.longValue();
            if (!(n instanceof Long) || v > Integer.MAX_VALUE || v < Integer.MIN_VALUE) {
                throw new IllegalArgumentException("expected an integer that fits 32 bits, found " + Py.repr(raw));
            }
            return (int) v;
        } catch (PyException e) {
            throw new IllegalArgumentException("expected an integer, found " + Py.repr(raw));
        }
    }

    private Long parseLong(Object raw) {
        if (raw instanceof Boolean || raw instanceof List || raw instanceof java.util.Map
                || (raw instanceof Double d && d != Math.rint(d))) {
            throw new IllegalArgumentException("expected an integer, found " + Py.repr(raw));
        }
        try {
            Number n = raw instanceof Double d ? (Number) (long) d.doubleValue() : Py.toInt(raw);
            if (!(n instanceof Long)) {
                throw new IllegalArgumentException("expected a 64-bit integer, found " + Py.repr(raw));
            }
            return n.longValue();
        } catch (PyException e) {
            throw new IllegalArgumentException("expected an integer, found " + Py.repr(raw));
        }
    }

    private Double parseFloat(Object raw) {
        if (raw instanceof Boolean || raw instanceof List || raw instanceof java.util.Map) {
            throw new IllegalArgumentException("expected a number, found " + Py.repr(raw));
        }
        try {
            double d = Py.toFloat(raw);
            if (Double.isNaN(d)) {
                throw new IllegalArgumentException("expected a number, found NaN");
            }
            return d;
        } catch (PyException e) {
            throw new IllegalArgumentException("expected a number, found " + Py.repr(raw));
        }
    }

    private Boolean parseBool(Object raw) {
        if (raw instanceof Boolean b) {
            return b;
        }
        String s = Py.str(raw).strip().toLowerCase(java.util.Locale.ROOT);
        return switch (s) {
            case "true", "1", "yes", "on" -> true;
            case "false", "0", "no", "off" -> false;
            default -> throw new IllegalArgumentException("expected true or false, found " + Py.repr(raw));
        };
    }

    private List<String> parseList(Object raw) {
        List<String> out = new ArrayList<>();
        if (raw instanceof List<?> l) {
            for (Object o : l) {
                if (!(o instanceof String s)) {
                    throw new IllegalArgumentException("expected a list of names, found element " + Py.repr(o));
                }
                out.add(s.strip());
            }
            return List.copyOf(out);
        }
        if (raw instanceof String s) {
            for (String part : s.split(",")) {
                if (!part.isBlank()) {
                    out.add(part.strip());
                }
            }
            return List.copyOf(out);
        }
        throw new IllegalArgumentException("expected a comma-separated list of names, found " + Py.repr(raw));
    }
}
