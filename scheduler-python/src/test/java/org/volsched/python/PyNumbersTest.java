package org.volsched.python;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The scanner of {@link PyNumbers} agrees with Python's grammar of {@code int()} and
 * {@code float()} literals, written here a second way, as regular expressions, for the test only.
 */
class PyNumbersTest {
    private static final Pattern INT_LITERAL = Pattern.compile("[+-]?\\d+(_\\d+)*");
    private static final Pattern FLOAT_LITERAL = Pattern.compile(
            "[+-]?((\\d+(_\\d+)*)?\\.\\d+(_\\d+)*|\\d+(_\\d+)*\\.?)([eE][+-]?\\d+(_\\d+)*)?");

    /** Python's {@code int(s)}, or null for its ValueError. */
    private static Number referenceInt(String s) {
        String t = Py.pyStrip(s);
        if (!INT_LITERAL.matcher(t).matches()) {
            return null;
        }
        String digits = t.replace("_", "").replace("+", "").replace("-", "");
        if (digits.length() > PyNumbers.INT_MAX_STR_DIGITS) {
            return null;
        }
        return Py.normaliseInt(new BigInteger(t.replace("_", "")));
    }

    /** Python's {@code float(s)}, or null for its ValueError. */
    private static Double referenceFloat(String s) {
        String t = Py.pyStrip(s);
        String lower = t.toLowerCase(Locale.ROOT);
        String unsigned = lower.startsWith("+") || lower.startsWith("-") ? lower.substring(1) : lower;
        if (unsigned.equals("inf") || unsigned.equals("infinity")) {
            return lower.startsWith("-") ? Double.NEGATIVE_INFINITY : Double.POSITIVE_INFINITY;
        }
        if (unsigned.equals("nan")) {
            return Double.NaN;
        }
        return FLOAT_LITERAL.matcher(t).matches() ? Double.parseDouble(t.replace("_", "")) : null;
    }

    /** Python: int(s), on ValueError float(s), on ValueError null. */
    private static Object reference(String s) {
        Number n = referenceInt(s);
        return n != null ? n : referenceFloat(s);
    }

    private static boolean same(Object expected, Object actual) {
        return expected == null ? actual == null
                : expected instanceof Double d && d.isNaN() ? actual instanceof Double a && a.isNaN()
                : expected.equals(actual);
    }

    private static void check(String s, List<String> mismatches) {
        Object expected = reference(s);
        Object actual = PyNumbers.parseIntOrFloat(s);
        if (!same(expected, actual)) {
            mismatches.add("parseIntOrFloat('" + s + "'): " + expected + " vs " + actual);
        }
        Number expectedInt = referenceInt(s);
        if (!same(expectedInt, PyNumbers.parseInt(s))) {
            mismatches.add("parseInt('" + s + "'): " + expectedInt + " vs " + PyNumbers.parseInt(s));
        }
        Double expectedFloat = referenceFloat(s);
        double parsed = PyNumbers.parseFloat(s);
        boolean literal = PyNumbers.isFloatLiteral(s);
        if (literal != (expectedFloat != null)
                || expectedFloat != null && Double.compare(expectedFloat, parsed) != 0
                || expectedFloat == null && !Double.isNaN(parsed)) {
            mismatches.add("parseFloat('" + s + "'): " + expectedFloat + " vs " + parsed
                    + " (literal " + literal + ")");
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"0", "7", "-7", "+7", " 7 ", "\t7\n", "007", "1_000", "1__000", "_1", "1_", "1.5", ".5",
        "5.", "-.5", "+5.", "1e3", "1E-3", "1e+3", "1e", "e3", "1.5e3", "1_0.5", "1._5", "1.5_", "inf", "-inf",
        "+INF", "Infinity", "-infinity", "nan", "-NaN", "infinit", "nanx", "in f", "", " ", ".", "-", "+-1",
        "--1", "0x10", "1,000", "١٢", "9223372036854775807", "9223372036854775808", "-9223372036854775808",
        "-9223372036854775809", "123456789012345678", "1234567890123456789", "0.1", "1e400", "-1e400",
        "4.9e-324", "1e-400", "\u00a05\u2003", "\u001c5", "5\u0085", "iSCSI", "infinite", "'7'", "True", "null"})
    void agreesWithPythonsGrammar(String s) {
        List<String> mismatches = new ArrayList<>();
        check(s, mismatches);
        assertThat(mismatches).isEmpty();
    }

    @Test
    void agreesWithPythonsGrammarOnRandomStrings() {
        Random random = new Random(42);
        String alphabet = "0123456789_.eE+-infaINFAty x";
        List<String> mismatches = new ArrayList<>();
        for (int i = 0; i < 50_000; i++) {
            int length = random.nextInt(8);
            StringBuilder sb = new StringBuilder();
            for (int j = 0; j < length; j++) {
                sb.append(alphabet.charAt(random.nextInt(alphabet.length())));
            }
            check(sb.toString(), mismatches);
        }
        assertThat(mismatches).isEmpty();
    }

    @Test
    void integersThatFitALongAreLongs() {
        assertThat(PyNumbers.parseInt("-9223372036854775808")).isEqualTo(Long.MIN_VALUE);
        assertThat(PyNumbers.parseInt("1_000_000_000_000_000_000")).isEqualTo(1_000_000_000_000_000_000L);
        assertThat(PyNumbers.parseInt("1_000_000_000_000_000_000_000"))
                .isEqualTo(new BigInteger("1000000000000000000000"));
        assertThat(PyNumbers.parseInt("0_0")).isEqualTo(0L);
    }

    @Test
    void intStringsLongerThanPythonsLimitAreFloats() {
        assertThat(PyNumbers.parseIntOrFloat("9".repeat(4300))).isEqualTo(new BigInteger("9".repeat(4300)));
        assertThat(PyNumbers.parseIntOrFloat("9".repeat(4301))).isEqualTo(Double.POSITIVE_INFINITY);
        assertThat(PyNumbers.parseIntOrFloat("-" + "1_0".repeat(2150)))
                .isEqualTo(new BigInteger("-" + "10".repeat(2150)));
        assertThat(PyNumbers.parseIntOrFloat("1" + "_0".repeat(4300))).isEqualTo(Double.POSITIVE_INFINITY);
        assertThat(PyNumbers.parseInt("9".repeat(4301))).isNull();
    }

    @Test
    void parseFloatAndIsFloatLiteral() {
        assertThat(PyNumbers.parseFloat(" 2.5 ")).isEqualTo(2.5);
        assertThat(PyNumbers.parseFloat("x")).isNaN();
        assertThat(PyNumbers.isFloatLiteral("x")).isFalse();
        assertThat(PyNumbers.isFloatLiteral(" nan ")).isTrue();
        assertThat(PyNumbers.isFloatLiteral("")).isFalse();
    }
}
