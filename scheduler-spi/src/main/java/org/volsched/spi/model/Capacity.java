package org.volsched.spi.model;

import org.volsched.python.Py;
import org.volsched.python.PyException;

/**
 * A capacity as a volume driver reports it: a number of GiB, {@code "infinite"},
 * {@code "unknown"}, absent ({@code None}), or something else that is not a number.
 * The raw reported value is kept for display and for the expression namespaces; the parsed
 * value is computed once per report so that the hot path never parses.
 *
 * @param kind what the driver reported
 * @param value the number of GiB when {@code kind} is {@link Kind#NUMBER}, else NaN
 * @param raw the reported value, unchanged
 */
public record Capacity(Kind kind, double value, Object raw) {
    /** What a capacity field holds. */
    public enum Kind {
        NUMBER, INFINITE, UNKNOWN, NONE, INVALID
    }

    public static final Capacity NONE = new Capacity(Kind.NONE, Double.NaN, null);

    /** Parses a reported value: numbers (booleans count as numbers, as in Python), numeric strings, the two words. */
    public static Capacity of(Object raw) {
        if (raw == null) {
            return NONE;
        }
        if ("infinite".equals(raw)) {
            return new Capacity(Kind.INFINITE, Double.NaN, raw);
        }
        if ("unknown".equals(raw)) {
            return new Capacity(Kind.UNKNOWN, Double.NaN, raw);
        }
        if (Py.isNumber(raw)) {
            return new Capacity(Kind.NUMBER, Py.asDouble(raw), raw);
        }
        if (raw instanceof String s) {
            try {
                return new Capacity(Kind.NUMBER, Py.toFloat(s), raw);
            } catch (PyException e) {
                return new Capacity(Kind.INVALID, Double.NaN, raw);
            }
        }
        return new Capacity(Kind.INVALID, Double.NaN, raw);
    }

    public static Capacity of(double gb) {
        return new Capacity(Kind.NUMBER, gb, gb);
    }

    /** True for {@code "infinite"} and {@code "unknown"}: capacities the scheduler cannot count. */
    public boolean isUnbounded() {
        return kind == Kind.INFINITE || kind == Kind.UNKNOWN;
    }

    public boolean isNumber() {
        return kind == Kind.NUMBER;
    }

    @Override
    public String toString() {
        return kind == Kind.NUMBER ? Py.str(raw) : String.valueOf(raw);
    }
}
