package org.volsched.driver.filter.eval;

import java.math.BigInteger;

import org.volsched.python.Py;

/**
 * Python's {@code int(str)} and {@code float(str)} without regular expressions, for the operand
 * conversion of rule EV6 that runs on every string variable at every evaluation.
 *
 * <p>Accepts the same strings as {@link Py#toInt} and {@link Py#toFloat} (surrounding Python
 * whitespace, a sign, {@code _} between
 * digits, {@code inf}/{@code infinity}/{@code nan} in any case for floats), plus Python 3.11's
 * limit on integer string conversion: {@code int()} of a string with more than
 * {@value #PYTHON_INT_MAX_STR_DIGITS} digits raises {@code ValueError}, so such a string becomes a
 * float, as it does in Cinder.
 */
final class NumberSyntax {
    /** Python 3.11+'s default {@code sys.get_int_max_str_digits()}. */
    static final int PYTHON_INT_MAX_STR_DIGITS = 4300;

    private NumberSyntax() {
    }

    /**
     * Python {@code int(s)} if it succeeds, else {@code float(s)} if that succeeds, else
     * {@code null}. Integers are {@link Long}, or {@link BigInteger} when they do not fit.
     */
    static Object intOrFloat(String s) {
        int start = 0;
        int end = s.length();
        while (start < end && Py.isPyWhitespace(s.charAt(start))) {
            start++;
        }
        while (end > start && Py.isPyWhitespace(s.charAt(end - 1))) {
            end--;
        }
        if (start == end) {
            return null;
        }
        char first = s.charAt(start);
        if (!(isDigit(first) || first == '+' || first == '-' || first == '.' || first == 'i' || first == 'I'
                || first == 'n' || first == 'N')) {
            return null;
        }
        Object integer = parseInt(s, start, end);
        if (integer != null) {
            return integer;
        }
        double d = parseFloat(s, start, end);
        return Double.isNaN(d) && !isNanLiteral(s, start, end) ? null : (Object) d;
    }

    /**
     * Python {@code float(s)} for a string, or {@link Double#NaN} when {@code s} is not a float
     * literal; use {@link #isFloatLiteral} to tell a real NaN from a failure.
     */
    static double toFloat(String s) {
        int start = 0;
        int end = s.length();
        while (start < end && Py.isPyWhitespace(s.charAt(start))) {
            start++;
        }
        while (end > start && Py.isPyWhitespace(s.charAt(end - 1))) {
            end--;
        }
        return start == end ? Double.NaN : parseFloat(s, start, end);
    }

    /** Whether Python's {@code float(s)} accepts {@code s}. */
    static boolean isFloatLiteral(String s) {
        int start = 0;
        int end = s.length();
        while (start < end && Py.isPyWhitespace(s.charAt(start))) {
            start++;
        }
        while (end > start && Py.isPyWhitespace(s.charAt(end - 1))) {
            end--;
        }
        return start < end && (!Double.isNaN(parseFloat(s, start, end)) || isNanLiteral(s, start, end));
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

    private static Object parseInt(String s, int start, int end) {
        int i = start;
        boolean negative = false;
        char c = s.charAt(i);
        if (c == '+' || c == '-') {
            negative = c == '-';
            i++;
        }
        int j = digitRun(s, i, end);
        if (j == i || j != end) {
            return null;
        }
        int digits = 0;
        for (int k = i; k < end; k++) {
            if (s.charAt(k) != '_') {
                digits++;
            }
        }
        if (digits > PYTHON_INT_MAX_STR_DIGITS) {
            return null;
        }
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
        return PyOps.normalise(new BigInteger(sb.toString()));
    }

    private static boolean isNanLiteral(String s, int start, int end) {
        int i = start;
        char c = s.charAt(i);
        if (c == '+' || c == '-') {
            i++;
        }
        return end - i == 3 && s.regionMatches(true, i, "nan", 0, 3);
    }

    /** Python float() of s[start, end) (already stripped), NaN when not a float literal. */
    private static double parseFloat(String s, int start, int end) {
        int i = start;
        boolean negative = false;
        char c = s.charAt(i);
        if (c == '+' || c == '-') {
            negative = c == '-';
            i++;
        }
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
        String literal = s.substring(start, end);
        if (literal.indexOf('_') >= 0) {
            literal = literal.replace("_", "");
        }
        return Double.parseDouble(literal);
    }
}
