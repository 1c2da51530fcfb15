package org.volsched.driver.filter.eval;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.volsched.python.Py;
import org.volsched.python.PyException;

/** The regex-free EV6 conversion agrees with {@link Py#toInt} / {@link Py#toFloat}. */
class NumberSyntaxTest {

    /** Python: int(s), on ValueError float(s), on ValueError null. */
    private static Object reference(String s) {
        try {
            Number n = Py.toInt(s);
            long digits = s.chars().filter(c -> c >= '0' && c <= '9').count();
            if (digits <= NumberSyntax.PYTHON_INT_MAX_STR_DIGITS) {
                return n instanceof BigInteger b ? PyOps.normalise(b) : n;
            }
        } catch (PyException e) {
            assertThat(e.pythonType()).isEqualTo("ValueError");
        }
        try {
            return Py.toFloat(s);
        } catch (PyException e) {
            assertThat(e.pythonType()).isEqualTo("ValueError");
            return null;
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"0", "7", "-7", "+7", " 7 ", "\t7\n", "007", "1_000", "1__000", "_1", "1_", "1.5", ".5",
        "5.", "-.5", "+5.", "1e3", "1E-3", "1e+3", "1e", "e3", "1.5e3", "1_0.5", "1._5", "1.5_", "inf", "-inf",
        "+INF", "Infinity", "-infinity", "nan", "-NaN", "infinit", "nanx", "in f", "", " ", ".", "-", "+-1",
        "--1", "0x10", "1,000", "١٢", "9223372036854775807", "9223372036854775808", "-9223372036854775808",
        "-9223372036854775809", "123456789012345678", "1234567890123456789", "0.1", "1e400", "-1e400",
        "4.9e-324", "1e-400", "\u00a05\u2003", "\u001c5", "5\u0085", "iSCSI", "infinite", "'7'", "True", "null"})
    void agreesWithPy(String s) {
        Object expected = reference(s);
        Object actual = NumberSyntax.intOrFloat(s);
        if (expected instanceof Double d && d.isNaN()) {
            assertThat(actual).isInstanceOf(Double.class);
            assertThat((Double) actual).isNaN();
        } else {
            assertThat(actual).as("'%s'", s).isEqualTo(expected);
        }
    }

    @Test
    void agreesWithPyOnRandomStrings() {
        Random random = new Random(42);
        String alphabet = "0123456789_.eE+-infaINFAty x";
        List<String> mismatches = new ArrayList<>();
        for (int i = 0; i < 50_000; i++) {
            int length = random.nextInt(8);
            StringBuilder sb = new StringBuilder();
            for (int j = 0; j < length; j++) {
                sb.append(alphabet.charAt(random.nextInt(alphabet.length())));
            }
            String s = sb.toString();
            Object expected = reference(s);
            Object actual = NumberSyntax.intOrFloat(s);
            boolean same = expected == null ? actual == null
                    : expected instanceof Double d && d.isNaN() ? actual instanceof Double a && a.isNaN()
                    : expected.equals(actual);
            if (!same) {
                mismatches.add("'" + s + "': " + expected + " vs " + actual);
            }
        }
        assertThat(mismatches).isEmpty();
    }

    @Test
    void intStringsLongerThanPythonsLimitAreFloats() {
        assertThat(NumberSyntax.intOrFloat("9".repeat(4300))).isEqualTo(new BigInteger("9".repeat(4300)));
        assertThat(NumberSyntax.intOrFloat("9".repeat(4301))).isEqualTo(Double.POSITIVE_INFINITY);
        assertThat(NumberSyntax.intOrFloat("-" + "1_0".repeat(2150))).isEqualTo(new BigInteger("-" + "10".repeat(2150)));
        assertThat(NumberSyntax.intOrFloat("1" + "_0".repeat(4300))).isEqualTo(Double.POSITIVE_INFINITY);
    }

    @Test
    void toFloatAndIsFloatLiteral() {
        assertThat(NumberSyntax.toFloat(" 2.5 ")).isEqualTo(2.5);
        assertThat(NumberSyntax.toFloat("x")).isNaN();
        assertThat(NumberSyntax.isFloatLiteral("x")).isFalse();
        assertThat(NumberSyntax.isFloatLiteral(" nan ")).isTrue();
        assertThat(NumberSyntax.isFloatLiteral("")).isFalse();
    }
}
