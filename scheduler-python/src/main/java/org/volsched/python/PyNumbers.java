package org.volsched.python;

import java.math.BigInteger;

/**
 * Python's reading of a number from a string: what {@code int(s)} and {@code float(s)} accept
 * and the value they give, without regular expressions and without allocating for strings that
 * are not numbers, because the expression evaluator and the extra-specs matcher convert strings
 * on every pool they look at. {@link Py#toInt} and {@link Py#toFloat} are these plus Python's
 * exceptions.
 *
 * <p>What Python accepts: the literal may be surrounded by whitespace (as {@link Py#isPyWhitespace}
 * says) and start with one sign; digits are ASCII, and a single {@code _} may stand between two
 * digits. {@code int()} takes digits only (base 10). {@code float()} takes an optional integer
 * part, an optional fraction after a {@code .} (one of the two at least) and an optional
 * exponent, or the words {@code inf}, {@code infinity} and {@code nan} in any case. Since Python
 * 3.11 (and the security releases of 3.7 to 3.10), {@code int()} also refuses a string of more
 * than {@value #INT_MAX_STR_DIGITS} digits (underscores not counted) with a {@code ValueError},
 * the default of {@code sys.set_int_max_str_digits}; {@code float()} has no such limit.
 */
public final class PyNumbers {
    /** Python's default {@code sys.get_int_max_str_digits()}. */
    public static final int INT_MAX_STR_DIGITS = 4300;

    private PyNumbers() {
    }

    /**
     * Python {@code int(s)} in base 10: a {@link Long}, or a {@link BigInteger} when it does not
     * fit one; {@code null} where Python raises {@code ValueError}, the digit limit included.
     */
    public static Number parseInt(String s) {
        int start = Py.stripStart(s);
        int end = Py.stripEnd(s, start);
        return start == end ? null : parseInt(s, start, end);
    }

    /**
     * Python {@code float(s)}, or {@link Double#NaN} where Python raises {@code ValueError}; the
     * two NaNs are told apart by {@link #isFloatLiteral}, which only a NaN result needs.
     */
    public static double parseFloat(String s) {
        int start = Py.stripStart(s);
        int end = Py.stripEnd(s, start);
        return start == end ? Double.NaN : parseFloat(s, start, end);
    }

    /** Whether Python's {@code float(s)} accepts {@code s}. */
    public static boolean isFloatLiteral(String s) {
        int start = Py.stripStart(s);
        int end = Py.stripEnd(s, start);
        return start < end && (!Double.isNaN(parseFloat(s, start, end)) || isNanWord(s, start, end));
    }

    /**
     * Python {@code int(s)} if it succeeds, else {@code float(s)} if that succeeds, else
     * {@code null}: the usual Python way of reading "a number, integer if it is one", and rule
     * EV6's conversion of a string operand. A string of more digits than {@code int()} takes is
     * read by {@code float()}.
     */
    public static Number parseIntOrFloat(String s) {
        int start = Py.stripStart(s);
        int end = Py.stripEnd(s, start);
        if (start == end) {
            return null;
        }
        char first = s.charAt(start);
        if (!(isDigit(first) || first == '+' || first == '-' || first == '.' || first == 'i' || first == 'I'
                || first == 'n' || first == 'N')) {
            return null;
        }
        Number integer = parseInt(s, start, end);
        if (integer != null) {
            return integer;
        }
        double d = parseFloat(s, start, end);
        return Double.isNaN(d) && !isNanWord(s, start, end) ? null : (Number) d;
    }

    /**
     * How many digits an {@code int()} literal holds, or -1 when {@code s} is not one: what
     * {@link Py#toInt} needs to tell Python's two {@code ValueError} messages apart.
     */
    static int intLiteralDigits(String s) {
        int start = Py.stripStart(s);
        int end = Py.stripEnd(s, start);
        return start == end ? -1 : intLiteralDigits(s, start, end);
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }

    /** End of the longest match of {@code \d+(_\d+)*} at {@code i}, or {@code i} if none. */
    private static int digitRun(String s, int i, int end) {
        int j = i;
        while (j < end && isDigit(s.charAt(j))) {
            j++;
        }
        if (j == i) {
            return i;
        }
        while (j + 1 < end && s.charAt(j) == '_' && isDigit(s.charAt(j + 1))) {
            j += 2;
            while (j < end && isDigit(s.charAt(j))) {
                j++;
            }
        }
        return j;
    }

    /** The digits of the int literal s[start, end) (already stripped, not empty), or -1. */
    private static int intLiteralDigits(String s, int start, int end) {
        int i = afterSign(s, start);
        int j = digitRun(s, i, end);
        if (j == i || j != end) {
            return -1;
        }
        int digits = 0;
        for (int k = i; k < end; k++) {
            if (s.charAt(k) != '_') {
                digits++;
            }
        }
        return digits;
    }

    private static Number parseInt(String s, int start, int end) {
        int digits = intLiteralDigits(s, start, end);
        if (digits < 0 || digits > INT_MAX_STR_DIGITS) {
            return null;
        }
        boolean negative = s.charAt(start) == '-';
        int i = afterSign(s, start);
        if (digits <= 18 && digits == end - i) {
            long value = 0;
            for (int k = i; k < end; k++) {
                value = value * 10 + (s.charAt(k) - '0');
            }
            return negative ? -value : value;
        }
        StringBuilder sb = new StringBuilder(digits + 1);
        if (negative) {
            sb.append('-');
        }
        for (int k = i; k < end; k++) {
            char d = s.charAt(k);
            if (d != '_') {
                sb.append(d);
            }
        }
        return Py.normaliseInt(new BigInteger(sb.toString()));
    }

    /** The index after the sign that may start the (stripped, not empty) literal at {@code start}. */
    private static int afterSign(String s, int start) {
        char c = s.charAt(start);
        return c == '+' || c == '-' ? start + 1 : start;
    }

    private static boolean isNanWord(String s, int start, int end) {
        int i = afterSign(s, start);
        return end - i == 3 && s.regionMatches(true, i, "nan", 0, 3);
    }

    /** Python float() of s[start, end) (already stripped, not empty), NaN when not a float literal. */
    private static double parseFloat(String s, int start, int end) {
        boolean negative = s.charAt(start) == '-';
        int i = afterSign(s, start);
        int rest = end - i;
        if (rest == 3 && s.regionMatches(true, i, "inf", 0, 3)
                || rest == 8 && s.regionMatches(true, i, "infinity", 0, 8)) {
            return negative ? Double.NEGATIVE_INFINITY : Double.POSITIVE_INFINITY;
        }
        if (rest == 3 && s.regionMatches(true, i, "nan", 0, 3)) {
            return Double.NaN;
        }
        int j = digitRun(s, i, end);
        boolean hasInteger = j > i;
        boolean hasFraction = false;
        if (j < end && s.charAt(j) == '.') {
            int k = digitRun(s, j + 1, end);
            hasFraction = k > j + 1;
            j = k;
        }
        if (!hasInteger && !hasFraction) {
            return Double.NaN;
        }
        if (j < end && (s.charAt(j) == 'e' || s.charAt(j) == 'E')) {
            int k = j + 1;
            if (k < end && (s.charAt(k) == '+' || s.charAt(k) == '-')) {
                k++;
            }
            int m = digitRun(s, k, end);
            if (m == k) {
                return Double.NaN;
            }
            j = m;
        }
        if (j != end) {
            return Double.NaN;
        }
        String literal = start == 0 && end == s.length() ? s : s.substring(start, end);
        if (literal.indexOf('_') >= 0) {
            literal = literal.replace("_", "");
        }
        return Double.parseDouble(literal);
    }
}
