package org.volsched.core.host;

import java.util.Map;

/**
 * What one report said of one pool, flattened so that the next report can be compared with it
 * exactly and cheaply: a backend re-sends the same pool entry every minute, and telling a repeat
 * is most of what applying such a report costs.
 *
 * <p>The image keeps the entry's keys in its iteration order and each value either as bits
 * (booleans, {@code Integer}, {@code Long} and {@code Double}, each with its own kind, so that
 * {@code 1}, {@code 1L}, {@code 1.0} and {@code true} stay apart as {@link Map#equals} keeps them)
 * or as the value itself. A comparison then reads three small arrays, laid out one after the
 * other, instead of a map's table, its entries and a boxed object per value, which on a large
 * fleet are all out of the cache by the time the backend reports again.
 *
 * <p>{@link #matches} is exact and conservative: it says yes only when the entry has the same
 * keys, in the same order, with values {@link Object#equals equal} to the image's; an entry with
 * equal contents in another order counts as changed (the caller then builds the pool's state
 * again, which is always correct). Values that are not bits are kept by reference, as the map copy
 * this replaces kept them.
 */
final class ReportImage {
    private static final byte OTHER = 0;
    private static final byte FALSE = 1;
    private static final byte TRUE = 2;
    private static final byte INT = 3;
    private static final byte LONG = 4;
    private static final byte DOUBLE = 5;

    private final Object[] keys;
    private final byte[] kinds;
    private final long[] bits;
    /** Values of kind {@link #OTHER} (strings, lists, nulls...); {@code null} where the value is bits. */
    private final Object[] others;

    private ReportImage(int n) {
        keys = new Object[n];
        kinds = new byte[n];
        bits = new long[n];
        others = new Object[n];
    }

    /** The image of a pool entry as it is now. */
    static ReportImage of(Map<?, ?> entry) {
        ReportImage image = new ReportImage(entry.size());
        int i = 0;
        for (Map.Entry<?, ?> e : entry.entrySet()) {
            image.keys[i] = e.getKey();
            Object v = e.getValue();
            byte kind = kindOf(v);
            image.kinds[i] = kind;
            if (kind == OTHER) {
                image.others[i] = v;
            } else {
                image.bits[i] = bitsOf(kind, v);
            }
            i++;
        }
        return image;
    }

    /** Whether {@code entry} says exactly what the imaged entry said, keys in the same order. */
    boolean matches(Map<?, ?> entry) {
        if (entry.size() != keys.length) {
            return false;
        }
        int i = 0;
        for (Map.Entry<?, ?> e : entry.entrySet()) {
            if (i == keys.length) {
                return false;
            }
            Object k = e.getKey();
            Object mine = keys[i];
            if (k != mine && (k == null || !k.equals(mine))) {
                return false;
            }
            Object v = e.getValue();
            byte kind = kindOf(v);
            if (kind != kinds[i]) {
                return false;
            }
            if (kind == OTHER) {
                Object other = others[i];
                if (v != other && (v == null || !v.equals(other))) {
                    return false;
                }
            } else if (bitsOf(kind, v) != bits[i]) {
                return false;
            }
            i++;
        }
        return i == keys.length;
    }

    private static byte kindOf(Object v) {
        if (v instanceof Boolean b) {
            return b ? TRUE : FALSE;
        }
        if (v instanceof Integer) {
            return INT;
        }
        if (v instanceof Long) {
            return LONG;
        }
        if (v instanceof Double) {
            return DOUBLE;
        }
        return OTHER;
    }

    /** The value's bits; {@code Double}'s as {@link Double#equals} compares them (every NaN alike). */
    private static long bitsOf(byte kind, Object v) {
        return switch (kind) {
            case INT -> (Integer) v;
            case LONG -> (Long) v;
            case DOUBLE -> Double.doubleToLongBits((Double) v);
            default -> 0L;
        };
    }
}
