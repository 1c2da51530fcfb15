package org.volsched.python;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.MathContext;
import java.math.RoundingMode;
import java.time.temporal.TemporalAccessor;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * Python 3 value semantics over the values a capability report or a request carries once parsed
 * from JSON: {@code null}, {@link Boolean}, {@link Long} (and other integral {@link Number}s),
 * {@link Double}, {@link String}, {@link List} and {@link Map}.
 *
 * <p>Cinder is dynamically typed and many of its rules depend on Python's truthiness, equality,
 * ordering and conversions (rules P1-P5 of the semantics document). Every filter, weigher and the
 * expression evaluator go through this class (and {@link PyNumbers} for numbers written as
 * strings) so that they behave the same everywhere.
 *
 * <p>What is a number: a {@link Boolean} is a Python {@code int} (Python's {@code bool} is a
 * subclass of {@code int}: {@code True + 1 == 2}, {@code True == 1.0}); {@link Long},
 * {@link Integer}, {@link Short}, {@link Byte} and {@link BigInteger} are Python {@code int}s,
 * which have no size limit; {@link Double}, {@link Float} and {@link BigDecimal} are Python
 * {@code float}s, that is, the double they round to (Python has no exact decimal floats). A
 * string is never a number, whatever it holds: {@code "5" != 5} and {@code "5" < 6} is a
 * {@code TypeError}; only the explicit conversions {@link #toInt} and {@link #toFloat} read one.
 * Integer results are {@link Long} whenever they fit one, {@link BigInteger} only beyond.
 */
public final class Py {
    private Py() {
    }

    /** P1: Python truthiness. */
    public static boolean truthy(Object value) {
        if (value == null) {
            return false;
        }
        if (value instanceof Boolean b) {
            return b;
        }
        if (value instanceof Double d) {
            return d != 0.0;
        }
        if (value instanceof Float f) {
            return f != 0.0f;
        }
        if (value instanceof BigInteger bi) {
            return bi.signum() != 0;
        }
        if (value instanceof BigDecimal bd) {
            return bd.signum() != 0;
        }
        if (value instanceof Number n) {
            return n.longValue() != 0;
        }
        if (value instanceof CharSequence s) {
            return s.length() > 0;
        }
        if (value instanceof List<?> l) {
            return !l.isEmpty();
        }
        if (value instanceof Map<?, ?> m) {
            return !m.isEmpty();
        }
        return true;
    }

    /** True for Python numbers, booleans included. */
    public static boolean isNumber(Object value) {
        return value instanceof Number || value instanceof Boolean;
    }

    /** True for Python {@code int} values (booleans included, as in Python). */
    public static boolean isIntegral(Object value) {
        return value instanceof Long || value instanceof Integer || value instanceof Short
                || value instanceof Byte || value instanceof BigInteger || value instanceof Boolean;
    }

    /** True for Python {@code float} values: the numbers that are not {@link #isIntegral}. */
    public static boolean isFloat(Object value) {
        return value instanceof Double || (value instanceof Number && !isIntegral(value));
    }

    /**
     * The numeric value of a Python number as a double, for arithmetic that Cinder does in
     * floats. An int too large for a double comes out infinite, where Python's conversion
     * ({@link #toFloat}) raises {@code OverflowError}.
     */
    public static double asDouble(Object number) {
        if (number instanceof Boolean b) {
            return b ? 1.0 : 0.0;
        }
        return ((Number) number).doubleValue();
    }

    /**
     * A Python {@code int} ({@link #isIntegral}) as a {@link BigInteger}.
     *
     * @throws ClassCastException for anything else
     */
    public static BigInteger bigInteger(Object integral) {
        if (integral instanceof BigInteger bi) {
            return bi;
        }
        if (integral instanceof Boolean b) {
            return b ? BigInteger.ONE : BigInteger.ZERO;
        }
        if (integral instanceof Long || integral instanceof Integer || integral instanceof Short
                || integral instanceof Byte) {
            return BigInteger.valueOf(((Number) integral).longValue());
        }
        throw new ClassCastException(typeName(integral) + " is not a Python int");
    }

    /** An int result as this class gives ints: a {@link Long} when it fits, else the {@link BigInteger}. */
    public static Number normaliseInt(BigInteger big) {
        return big.bitLength() < 64 ? (Number) big.longValue() : big;
    }

    /** P2: Python {@code ==}; never throws. */
    public static boolean eq(Object a, Object b) {
        if (a instanceof Long x && b instanceof Long y) {
            return x.longValue() == y.longValue();
        }
        if (a == b) {
            return !(a instanceof Double d && d.isNaN());
        }
        if (a == null || b == null) {
            return false;
        }
        if (isNumber(a) && isNumber(b)) {
            if (isIntegral(a) && isIntegral(b)) {
                return bigInteger(a).equals(bigInteger(b));
            }
            if (isIntegral(a) || isIntegral(b)) {
                return isIntegral(a) ? compareIntFloat(a, asDouble(b)) == 0 : compareIntFloat(b, asDouble(a)) == 0;
            }
            return asDouble(a) == asDouble(b);
        }
        if (a instanceof CharSequence && b instanceof CharSequence) {
            return a.toString().equals(b.toString());
        }
        if (a instanceof List<?> la && b instanceof List<?> lb) {
            if (la.size() != lb.size()) {
                return false;
            }
            Iterator<?> ia = la.iterator();
            Iterator<?> ib = lb.iterator();
            while (ia.hasNext()) {
                if (!eq(ia.next(), ib.next())) {
                    return false;
                }
            }
            return true;
        }
        if (a instanceof Map<?, ?> ma && b instanceof Map<?, ?> mb) {
            if (ma.size() != mb.size()) {
                return false;
            }
            for (Map.Entry<?, ?> e : ma.entrySet()) {
                if (!mb.containsKey(e.getKey()) || !eq(e.getValue(), mb.get(e.getKey()))) {
                    return false;
                }
            }
            return true;
        }
        return a.equals(b);
    }

    /**
     * P3: Python ordering. Returns a negative number, zero or a positive number.
     *
     * @throws PyException {@code TypeError} when Python cannot order the two values
     *     (a string against a number, dicts, {@code None})
     */
    public static int compare(Object a, Object b) {
        return compare(a, b, "<");
    }

    /** {@link #compare(Object, Object)} naming {@code operator} in the TypeError, as Python does. */
    public static int compare(Object a, Object b, String operator) {
        if (a instanceof Long x && b instanceof Long y) {
            return Long.compare(x, y);
        }
        if (isNumber(a) && isNumber(b)) {
            if (isIntegral(a) && isIntegral(b)) {
                return bigInteger(a).compareTo(bigInteger(b));
            }
            if (isIntegral(a) != isIntegral(b)) {
                int c = isIntegral(a) ? compareIntFloat(a, asDouble(b)) : compareIntFloat(b, asDouble(a));
                return c == NAN_UNORDERED || isIntegral(a) ? c : -c;
            }
            double x = asDouble(a);
            double y = asDouble(b);
            if (Double.isNaN(x) || Double.isNaN(y)) {
                return NAN_UNORDERED;
            }
            return Double.compare(x == 0.0 ? 0.0 : x, y == 0.0 ? 0.0 : y);
        }
        if (a instanceof CharSequence && b instanceof CharSequence) {
            return compareCodePoints(a.toString(), b.toString());
        }
        if (a instanceof List<?> la && b instanceof List<?> lb) {
            Iterator<?> ia = la.iterator();
            Iterator<?> ib = lb.iterator();
            while (ia.hasNext() && ib.hasNext()) {
                Object x = ia.next();
                Object y = ib.next();
                if (!eq(x, y)) {
                    return compare(x, y, operator);
                }
            }
            return Integer.compare(la.size(), lb.size());
        }
        throw PyException.typeError("'" + operator + "' not supported between instances of '" + typeName(a)
                + "' and '" + typeName(b) + "'");
    }

    /**
     * Python's exact comparison of an int with a float: the int is not rounded to a double, so
     * {@code 2**53 + 1 != 2.0**53} and {@code 2**63 - 1 < 9.223372036854776e18}.
     */
    private static int compareIntFloat(Object integral, double d) {
        if (Double.isNaN(d)) {
            return NAN_UNORDERED;
        }
        if (Double.isInfinite(d)) {
            return d > 0 ? -1 : 1;
        }
        if (!(integral instanceof BigInteger)) {
            long l = integral instanceof Boolean bool ? (bool ? 1L : 0L) : ((Number) integral).longValue();
            if (l > -(1L << 53) && l < (1L << 53)) {
                return Double.compare((double) l, d == 0.0 ? 0.0 : d);
            }
        }
        return new BigDecimal(bigInteger(integral)).compareTo(new BigDecimal(d));
    }

    /** Marker returned by {@link #compare} when a NaN is involved: every ordering test is false. */
    public static final int NAN_UNORDERED = Integer.MIN_VALUE;

    /** Python {@code a < b}. */
    public static boolean lt(Object a, Object b) {
        int c = compare(a, b, "<");
        return c != NAN_UNORDERED && c < 0;
    }

    /** Python {@code a <= b}. */
    public static boolean le(Object a, Object b) {
        int c = compare(a, b, "<=");
        return c != NAN_UNORDERED && c <= 0;
    }

    /** Python {@code a > b}. */
    public static boolean gt(Object a, Object b) {
        int c = compare(a, b, ">");
        return c != NAN_UNORDERED && c > 0;
    }

    /** Python {@code a >= b}. */
    public static boolean ge(Object a, Object b) {
        int c = compare(a, b, ">=");
        return c != NAN_UNORDERED && c >= 0;
    }

    private static int compareCodePoints(String a, String b) {
        int i = 0;
        int j = 0;
        while (i < a.length() && j < b.length()) {
            int ca = a.codePointAt(i);
            int cb = b.codePointAt(j);
            if (ca != cb) {
                return Integer.compare(ca, cb);
            }
            i += Character.charCount(ca);
            j += Character.charCount(cb);
        }
        return Integer.compare(a.length() - i, b.length() - j);
    }

    /**
     * P4: Python {@code float(x)}, which is also the conversion Python applies to an int met by
     * a float in arithmetic ({@code 10**400 * 1.5} fails as {@code float(10**400)} does).
     *
     * @throws PyException {@code ValueError} for a string that is not a float literal
     *     ({@link PyNumbers} says which are), {@code OverflowError} for an int beyond the largest
     *     double, {@code TypeError} for {@code None}, lists and mappings
     */
    public static double toFloat(Object value) {
        if (value instanceof Double d) {
            return d;
        }
        if (value instanceof Boolean || value instanceof Number) {
            double d = asDouble(value);
            if (Double.isInfinite(d) && value instanceof BigInteger) {
                throw new PyException("OverflowError", "int too large to convert to float");
            }
            return d;
        }
        if (value instanceof CharSequence cs) {
            String s = cs.toString();
            double d = PyNumbers.parseFloat(s);
            if (Double.isNaN(d) && !PyNumbers.isFloatLiteral(s)) {
                throw PyException.valueError("could not convert string to float: " + repr(s));
            }
            return d;
        }
        throw PyException.typeError("float() argument must be a string or a real number, not '"
                + typeName(value) + "'");
    }

    /**
     * P4: Python {@code int(x)}: truncation for floats, decimal literals for strings.
     * Results are {@link Long} when they fit one, {@link BigInteger} otherwise.
     *
     * @throws PyException {@code ValueError} for a non-integer string or one of more digits than
     *     Python converts ({@link PyNumbers#INT_MAX_STR_DIGITS}) and for NaN,
     *     {@code OverflowError} for infinities, {@code TypeError} for {@code None}, lists and
     *     mappings
     */
    public static Number toInt(Object value) {
        if (value instanceof Long l) {
            return l;
        }
        if (value instanceof Boolean b) {
            return b ? 1L : 0L;
        }
        if (value instanceof BigInteger big) {
            return normaliseInt(big);
        }
        if (value instanceof Integer || value instanceof Short || value instanceof Byte) {
            return ((Number) value).longValue();
        }
        if (value instanceof Number n) {
            double d = n.doubleValue();
            if (Double.isInfinite(d)) {
                throw new PyException("OverflowError", "cannot convert float infinity to integer");
            }
            if (Double.isNaN(d)) {
                throw PyException.valueError("cannot convert float NaN to integer");
            }
            if (Math.abs(d) < 9.0e18) {
                return (long) d;
            }
            return normaliseInt(new BigDecimal(d).toBigInteger());
        }
        if (value instanceof CharSequence cs) {
            String s = cs.toString();
            Number n = PyNumbers.parseInt(s);
            if (n != null) {
                return n;
            }
            int digits = PyNumbers.intLiteralDigits(s);
            if (digits > PyNumbers.INT_MAX_STR_DIGITS) {
                throw PyException.valueError("Exceeds the limit (" + PyNumbers.INT_MAX_STR_DIGITS
                        + " digits) for integer string conversion: value has " + digits
                        + " digits; use sys.set_int_max_str_digits() to increase the limit");
            }
            throw PyException.valueError("invalid literal for int() with base 10: " + repr(s));
        }
        throw PyException.typeError("int() argument must be a string, a bytes-like object or a real number, not '"
                + typeName(value) + "'");
    }

    /**
     * oslo's {@code bool_from_string} (non-strict): booleans as they are, anything else through
     * {@code str()}, stripped and lower-cased, true for {@code 1}, {@code t}, {@code true},
     * {@code on}, {@code y} and {@code yes} only. Python lower-cases no other character to one of
     * these ASCII letters, so comparing ASCII letters without case is the same test; strings are
     * read in place, since extra-spec matching asks this of every pool.
     */
    public static boolean boolFromString(Object value) {
        if (value instanceof Boolean b) {
            return b;
        }
        String s = value instanceof String text ? text : str(value);
        int start = stripStart(s);
        switch (stripEnd(s, start) - start) {
            case 1:
                return regionIs(s, start, "1") || regionIs(s, start, "t") || regionIs(s, start, "y");
            case 2:
                return regionIs(s, start, "on");
            case 3:
                return regionIs(s, start, "yes");
            case 4:
                return regionIs(s, start, "true");
            default:
                return false;
        }
    }

    /** Whether {@code s} holds {@code word} (lower-case ASCII) at {@code start}, ignoring ASCII case. */
    private static boolean regionIs(String s, int start, String word) {
        for (int i = 0; i < word.length(); i++) {
            char c = s.charAt(start + i);
            if (c >= 'A' && c <= 'Z') {
                c = (char) (c + ('a' - 'A'));
            }
            if (c != word.charAt(i)) {
                return false;
            }
        }
        return true;
    }

    /** Python's {@code str.strip()}: removes the characters Python counts as whitespace from both ends. */
    public static String pyStrip(String s) {
        int start = stripStart(s);
        return s.substring(start, stripEnd(s, start));
    }

    /** Where {@link #pyStrip} would start {@code s}: the index of its first non-whitespace character. */
    static int stripStart(String s) {
        int start = 0;
        while (start < s.length() && isPyWhitespace(s.charAt(start))) {
            start++;
        }
        return start;
    }

    /** Where {@link #pyStrip} would end {@code s} (exclusive), given its {@link #stripStart}. */
    static int stripEnd(String s, int start) {
        int end = s.length();
        while (end > start && isPyWhitespace(s.charAt(end - 1))) {
            end--;
        }
        return end;
    }

    /**
     * Python's {@code str.isspace()} for one code point (a {@code char} will do: every whitespace
     * character is in the Basic Multilingual Plane): Java's whitespace (which has the separators
     * U+001C to U+001F that Python counts too), the no-break spaces Java leaves out, and U+0085.
     */
    public static boolean isPyWhitespace(int codePoint) {
        return Character.isWhitespace(codePoint) || Character.isSpaceChar(codePoint) || codePoint == 0x85;
    }

    /** Python {@code str(x)}. */
    public static String str(Object value) {
        if (value == null) {
            return "None";
        }
        if (value instanceof Boolean b) {
            return b ? "True" : "False";
        }
        if (value instanceof Double || value instanceof Float) {
            return floatRepr(((Number) value).doubleValue());
        }
        if (value instanceof CharSequence cs) {
            return cs.toString();
        }
        if (value instanceof Number n) {
            return n.toString();
        }
        return repr(value);
    }

    /** Python {@code repr(x)}. */
    public static String repr(Object value) {
        if (value instanceof CharSequence cs) {
            return reprString(cs.toString());
        }
        if (value instanceof List<?> l) {
            StringBuilder sb = new StringBuilder("[");
            for (Object o : l) {
                if (sb.length() > 1) {
                    sb.append(", ");
                }
                sb.append(repr(o));
            }
            return sb.append(']').toString();
        }
        if (value instanceof Map<?, ?> m) {
            StringBuilder sb = new StringBuilder("{");
            for (Map.Entry<?, ?> e : m.entrySet()) {
                if (sb.length() > 1) {
                    sb.append(", ");
                }
                sb.append(repr(e.getKey())).append(": ").append(repr(e.getValue()));
            }
            return sb.append('}').toString();
        }
        return str(value);
    }

    /**
     * Python's {@code repr(str)}: double quotes only when the text holds a {@code '} and no
     * {@code "}; backslashes and the quote escaped; tab, newline and carriage return as their
     * escapes; characters Python does not print (controls, separators other than the space, format,
     * private-use, unassigned, lone surrogates) as hexadecimal escapes, as Python writes them.
     */
    private static String reprString(String s) {
        char quote = s.indexOf('\'') >= 0 && s.indexOf('"') < 0 ? '"' : '\'';
        StringBuilder sb = new StringBuilder(s.length() + 2).append(quote);
        for (int i = 0; i < s.length(); ) {
            int cp = s.codePointAt(i);
            i += Character.charCount(cp);
            if (cp == quote || cp == '\\') {
                sb.append('\\').appendCodePoint(cp);
            } else if (cp == '\t') {
                sb.append("\\t");
            } else if (cp == '\n') {
                sb.append("\\n");
            } else if (cp == '\r') {
                sb.append("\\r");
            } else if (cp == ' ' || isPrintable(cp)) {
                sb.appendCodePoint(cp);
            } else if (cp < 0x100) {
                sb.append(String.format("\\x%02x", cp));
            } else if (cp < 0x10000) {
                sb.append(String.format("\\u%04x", cp));
            } else {
                sb.append(String.format("\\U%08x", cp));
            }
        }
        return sb.append(quote).toString();
    }

    /** Python's {@code str.isprintable()} for one code point (the space is handled by the caller). */
    private static boolean isPrintable(int cp) {
        return switch (Character.getType(cp)) {
            case Character.CONTROL, Character.FORMAT, Character.SURROGATE, Character.PRIVATE_USE,
                    Character.UNASSIGNED, Character.LINE_SEPARATOR, Character.PARAGRAPH_SEPARATOR,
                    Character.SPACE_SEPARATOR -> false;
            default -> true;
        };
    }

    /** Python's {@code repr(float)}: shortest round-trip digits, exponent form below 1e-4 and from 1e16. */
    public static String floatRepr(double d) {
        if (Double.isNaN(d)) {
            return "nan";
        }
        if (Double.isInfinite(d)) {
            return d > 0 ? "inf" : "-inf";
        }
        if (d == 0.0) {
            return (1.0 / d < 0) ? "-0.0" : "0.0";
        }
        BigDecimal bd = shortestDecimal(d);
        String digits = bd.unscaledValue().abs().toString();
        int exponent = digits.length() - 1 - bd.scale();
        String sign = d < 0 ? "-" : "";
        if (exponent < -4 || exponent >= 16) {
            String mantissa = digits.length() == 1 ? digits : digits.charAt(0) + "." + digits.substring(1);
            return sign + mantissa + "e" + (exponent < 0 ? "-" : "+")
                    + (Math.abs(exponent) < 10 ? "0" : "") + Math.abs(exponent);
        }
        String plain = bd.abs().toPlainString();
        if (!plain.contains(".")) {
            plain = plain + ".0";
        }
        return sign + plain;
    }

    /**
     * The shortest decimal that reads back as {@code d}, the nearest to {@code d} among those: the
     * digits of Python's repr. Before Java 19, {@link Double#toString} is not always shortest
     * (JDK-4511638: {@code 2.0E23} prints as {@code 1.9999999999999998E23}), so its length is only
     * where the search starts. If some decimal of {@code p} digits reads back, so does one of the
     * two that bracket the exact value, which is what {@link #nearestReadingBack} tries.
     */
    private static BigDecimal shortestDecimal(double d) {
        BigDecimal exact = new BigDecimal(d);
        int precision = new BigDecimal(Double.toString(d)).stripTrailingZeros().precision();
        BigDecimal best = nearestReadingBack(exact, d, precision);
        if (best == null) {
            return new BigDecimal(Double.toString(d)).stripTrailingZeros();
        }
        while (precision > 1) {
            BigDecimal shorter = nearestReadingBack(exact, d, precision - 1);
            if (shorter == null) {
                break;
            }
            best = shorter;
            precision--;
        }
        return best.stripTrailingZeros();
    }

    /** The {@code precision}-digit decimal nearest to {@code exact} that reads back as {@code d}, or null. */
    private static BigDecimal nearestReadingBack(BigDecimal exact, double d, int precision) {
        BigDecimal nearest = exact.round(new MathContext(precision, RoundingMode.HALF_EVEN));
        if (nearest.doubleValue() == d) {
            return nearest;
        }
        RoundingMode away = nearest.compareTo(exact) > 0 ? RoundingMode.FLOOR : RoundingMode.CEILING;
        BigDecimal other = exact.round(new MathContext(precision, away));
        return other.doubleValue() == d ? other : null;
    }

    /**
     * Python's name of a value's type, as its error messages print it: {@code datetime.datetime}
     * for Java's date-time values (Cinder's time stamps are datetimes), and the Java class's
     * simple name for anything Python would not hold.
     */
    public static String typeName(Object value) {
        if (value == null) {
            return "NoneType";
        }
        if (value instanceof Boolean) {
            return "bool";
        }
        if (value instanceof Double || value instanceof Float || value instanceof BigDecimal) {
            return "float";
        }
        if (value instanceof Number) {
            return "int";
        }
        if (value instanceof CharSequence) {
            return "str";
        }
        if (value instanceof List) {
            return "list";
        }
        if (value instanceof Map) {
            return "dict";
        }
        if (value instanceof TemporalAccessor) {
            return "datetime.datetime";
        }
        return value.getClass().getSimpleName();
    }

    /** Python {@code x in container}: substring for strings, membership for lists, keys for mappings. */
    public static boolean contains(Object container, Object item) {
        if (container instanceof CharSequence cs) {
            if (!(item instanceof CharSequence)) {
                throw PyException.typeError("'in <string>' requires string as left operand, not "
                        + typeName(item));
            }
            return cs.toString().contains(item.toString());
        }
        if (container instanceof List<?> l) {
            for (Object o : l) {
                if (eq(o, item)) {
                    return true;
                }
            }
            return false;
        }
        if (container instanceof Map<?, ?> m) {
            for (Object k : m.keySet()) {
                if (eq(k, item)) {
                    return true;
                }
            }
            return false;
        }
        throw PyException.typeError("argument of type '" + typeName(container) + "' is not iterable");
    }
}
