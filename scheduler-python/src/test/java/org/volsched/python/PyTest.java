package org.volsched.python;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Rules P1-P4 of the semantics document, plus {@code str}/{@code repr} and oslo's {@code bool_from_string}. */
class PyTest {
    private static final double NAN = Double.NaN;

    /** A Python list literal, as the JSON reader produces it (nulls allowed). */
    private static List<Object> list(Object... items) {
        return new ArrayList<>(Arrays.asList(items));
    }

    /** A Python dict literal, in insertion order. */
    private static Map<String, Object> dict(Object... keysAndValues) {
        Map<String, Object> m = new LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            m.put((String) keysAndValues[i], keysAndValues[i + 1]);
        }
        return m;
    }

    private static PyException pyError(ThrowingCallable call) {
        PyException e = catchThrowableOfType(PyException.class, call);
        assertThat(e).as("expected a Python exception").isNotNull();
        return e;
    }

    @Nested
    class Truthiness {
        @Test
        void falseValuesAreNoneFalseZeroEmptyStringEmptyListAndEmptyDict() {
            for (Object falsy : list(null, false, 0L, 0, 0.0, -0.0, "", list(), dict(), BigInteger.ZERO)) {
                assertThat(Py.truthy(falsy)).as("truthy(%s)", Py.repr(falsy)).isFalse();
            }
        }

        @Test
        void everythingElseIsTrueIncludingFalseLookingStringsAndAListHoldingFalse() {
            for (Object truthy : list(true, 1L, -1L, 0.5, NAN, Double.POSITIVE_INFINITY, "False", "0", "0.0", " ",
                    list(false), list((Object) null), dict("a", null), BigInteger.TEN)) {
                assertThat(Py.truthy(truthy)).as("truthy(%s)", Py.repr(truthy)).isTrue();
            }
        }
    }

    @Nested
    class Equality {
        @Test
        void numbersCompareByValueAcrossIntFloatAndBool() {
            assertThat(Py.eq(1L, 1.0)).isTrue();
            assertThat(Py.eq(2.0, 2L)).isTrue();
            assertThat(Py.eq(true, 1L)).isTrue();
            assertThat(Py.eq(false, 0L)).isTrue();
            assertThat(Py.eq(false, 0.0)).isTrue();
            assertThat(Py.eq(true, 1.0)).isTrue();
            assertThat(Py.eq(true, 2L)).isFalse();
            assertThat(Py.eq(1, 1L)).as("Integer and Long are both Python ints").isTrue();
            assertThat(Py.eq(BigInteger.TWO.pow(70), BigInteger.TWO.pow(70))).isTrue();
            assertThat(Py.eq(0.1 + 0.2, 0.3)).isFalse();
            assertThat(Py.eq(-0.0, 0L)).isTrue();
        }

        @Test
        void aStringNeverEqualsANumber() {
            assertThat(Py.eq("5", 5L)).isFalse();
            assertThat(Py.eq(5L, "5")).isFalse();
            assertThat(Py.eq("True", true)).isFalse();
            assertThat(Py.eq("1.0", 1.0)).isFalse();
        }

        @Test
        void noneEqualsOnlyNone() {
            assertThat(Py.eq(null, null)).isTrue();
            assertThat(Py.eq(null, 0L)).isFalse();
            assertThat(Py.eq("", null)).isFalse();
            assertThat(Py.eq(null, list())).isFalse();
        }

        @Test
        void nanIsNotEqualToItself() {
            Double nan = NAN;
            assertThat(Py.eq(nan, nan)).isFalse();
            assertThat(Py.eq(NAN, NAN)).isFalse();
        }

        @Test
        void listsAndDictsCompareStructurally() {
            assertThat(Py.eq(list(1L, "a", list(true)), list(1.0, "a", list(1L)))).isTrue();
            assertThat(Py.eq(list(1L, 2L), list(2L, 1L))).isFalse();
            assertThat(Py.eq(list(1L), list(1L, 1L))).isFalse();
            assertThat(Py.eq(dict("a", 1L, "b", list("x")), dict("b", list("x"), "a", 1.0))).isTrue();
            assertThat(Py.eq(dict("a", 1L), dict("a", "1"))).isFalse();
            assertThat(Py.eq(dict("a", 1L), dict("b", 1L))).isFalse();
            assertThat(Py.eq(list(), dict())).isFalse();
        }

        @Test
        void equalityNeverThrowsWhateverTheTypes() {
            List<Object> values = list(null, true, 3L, 2.5, NAN, "s", list(1L, "x"), dict("k", list()));
            for (Object a : values) {
                for (Object b : values) {
                    assertThat(Py.eq(a, b)).isEqualTo(Py.eq(b, a));
                }
            }
        }
    }

    @Nested
    class Ordering {
        @Test
        void numbersIncludingBooleansCompareNumerically() {
            assertThat(Py.lt(1L, 1.5)).isTrue();
            assertThat(Py.le(2.0, 2L)).isTrue();
            assertThat(Py.gt(true, 0L)).isTrue();
            assertThat(Py.lt(false, true)).isTrue();
            assertThat(Py.ge(-1L, -1.0)).isTrue();
            assertThat(Py.lt(Long.MAX_VALUE - 1, Long.MAX_VALUE)).isTrue();
            assertThat(Py.lt(BigInteger.TWO.pow(64), BigInteger.TWO.pow(65))).isTrue();
            assertThat(Py.lt(-0.0, 0L)).isFalse();
            assertThat(Py.le(-0.0, 0L)).isTrue();
        }

        @Test
        void everyOrderingWithNanIsFalse() {
            assertThat(Py.lt(NAN, 1L)).isFalse();
            assertThat(Py.le(NAN, 1L)).isFalse();
            assertThat(Py.gt(NAN, 1L)).isFalse();
            assertThat(Py.ge(1L, NAN)).isFalse();
        }

        @Test
        void stringsCompareByCodePoint() {
            assertThat(Py.lt("B", "a")).isTrue();
            assertThat(Py.lt("10", "9")).isTrue();
            assertThat(Py.lt("abc", "abd")).isTrue();
            assertThat(Py.lt("ab", "abc")).isTrue();
            assertThat(Py.le("abc", "abc")).isTrue();
            assertThat(Py.gt("é", "z")).isTrue();
            // U+FF5E is below U+1F600 by code point, although its UTF-16 unit is above the surrogate's.
            assertThat(Py.lt("\uFF5E", "\uD83D\uDE00")).isTrue();
        }

        @Test
        void listsCompareLexicographicallyElementByElement() {
            assertThat(Py.lt(list(1L, 2L), list(1L, 3L))).isTrue();
            assertThat(Py.lt(list(1L), list(1L, 0L))).isTrue();
            assertThat(Py.gt(list(2L), list(1L, 99L))).isTrue();
            assertThat(Py.le(list("a", 1L), list("a", 1.0))).isTrue();
            assertThat(Py.lt(list(), list(list()))).isTrue();
        }

        @Test
        void aStringAgainstANumberIsATypeErrorNamingTheOperator() {
            PyException lt = pyError(() -> Py.lt("10", 5L));
            assertThat(lt.pythonType()).isEqualTo("TypeError");
            assertThat(lt.getMessage()).isEqualTo("'<' not supported between instances of 'str' and 'int'");

            PyException ge = pyError(() -> Py.ge(5.0, "10"));
            assertThat(ge.pythonType()).isEqualTo("TypeError");
            assertThat(ge.getMessage()).isEqualTo("'>=' not supported between instances of 'float' and 'str'");

            assertThat(pyError(() -> Py.gt("infinite", 1L)).getMessage())
                    .isEqualTo("'>' not supported between instances of 'str' and 'int'");
            assertThat(pyError(() -> Py.le(true, "x")).getMessage())
                    .isEqualTo("'<=' not supported between instances of 'bool' and 'str'");
        }

        @Test
        void dictsNoneAndMixedContainersCannotBeOrdered() {
            assertThat(pyError(() -> Py.lt(dict("a", 1L), dict("a", 2L))).pythonType()).isEqualTo("TypeError");
            assertThat(pyError(() -> Py.lt(null, 1L)).getMessage())
                    .isEqualTo("'<' not supported between instances of 'NoneType' and 'int'");
            assertThat(pyError(() -> Py.lt(list(1L), "1")).pythonType()).isEqualTo("TypeError");
            assertThat(pyError(() -> Py.lt(list(1L, "a"), list(1L, 2L))).getMessage())
                    .isEqualTo("'<' not supported between instances of 'str' and 'int'");
        }

        @Test
        void listsDecidedBeforeAnIncomparablePairDoNotThrow() {
            assertThat(Py.lt(list(1L, "a"), list(2L, 2L))).isTrue();
            assertThat(Py.lt(list(1L), list(1L, "a"))).isTrue();
        }
    }

    @Nested
    class IntConversion {
        @Test
        void floatsAreTruncatedTowardZero() {
            assertThat(Py.toInt(2.9)).isEqualTo(2L);
            assertThat(Py.toInt(-2.9)).isEqualTo(-2L);
            assertThat(Py.toInt(0.99)).isEqualTo(0L);
            assertThat(Py.toInt(1e20)).isEqualTo(new BigInteger("100000000000000000000"));
        }

        @Test
        void booleansAndIntsAreInts() {
            assertThat(Py.toInt(true)).isEqualTo(1L);
            assertThat(Py.toInt(false)).isEqualTo(0L);
            assertThat(Py.toInt(7)).isEqualTo(7L);
            assertThat(Py.toInt(7L)).isEqualTo(7L);
        }

        @ParameterizedTest(name = "int({0}) == {1}")
        @CsvSource(delimiter = '|', quoteCharacter = '"', value = {
            "5|5", "\" 5 \"|5", "\"\t-5\n\"|-5", "+5|5", "5_000|5000", "1_2_3|123", "007|7",
            "123456789012345678901234567890|123456789012345678901234567890"})
        void decimalIntegerStrings(String literal, String expected) {
            assertThat(new BigInteger(Py.toInt(literal).toString())).isEqualTo(new BigInteger(expected));
        }

        @ParameterizedTest(name = "int({0}) raises ValueError")
        @CsvSource(delimiter = '|', quoteCharacter = '"', value = {
            "2.5", "5.", "1e3", "_5", "5_", "5__0", "\"\"", "\"  \"", "five", "0x10", "5 0", "inf"})
        void nonIntegerStringsAreValueErrors(String literal) {
            PyException e = pyError(() -> Py.toInt(literal));
            assertThat(e.pythonType()).isEqualTo("ValueError");
            assertThat(e.getMessage()).isEqualTo("invalid literal for int() with base 10: " + Py.repr(literal));
        }

        @Test
        void noneListsAndDictsAreTypeErrorsNotValueErrors() {
            assertThat(pyError(() -> Py.toInt(null)).pythonType()).isEqualTo("TypeError");
            assertThat(pyError(() -> Py.toInt(null)).getMessage())
                    .isEqualTo("int() argument must be a string, a bytes-like object or a real number, not 'NoneType'");
            assertThat(pyError(() -> Py.toInt(list(1L))).pythonType()).isEqualTo("TypeError");
            assertThat(pyError(() -> Py.toInt(dict())).pythonType()).isEqualTo("TypeError");
        }

        @Test
        void infinityOverflowsAndNanIsAValueError() {
            assertThat(pyError(() -> Py.toInt(Double.POSITIVE_INFINITY)).pythonType()).isEqualTo("OverflowError");
            assertThat(pyError(() -> Py.toInt(NAN)).pythonType()).isEqualTo("ValueError");
        }
    }

    @Nested
    class FloatConversion {
        @ParameterizedTest(name = "float({0}) == {1}")
        @CsvSource(delimiter = '|', quoteCharacter = '"', value = {
            "2.5|2.5", "1e3|1000", "\" 1E-2 \"|0.01", ".5|0.5", "5.|5", "-7|-7", "+7|7", "1_000.5|1000.5",
            "1e1_0|1e10", "\"\n3\t\"|3"})
        void decimalFloatStrings(String literal, double expected) {
            assertThat(Py.toFloat(literal)).isEqualTo(expected);
        }

        @Test
        void infinityAndNanWordsInAnyCase() {
            assertThat(Py.toFloat("inf")).isEqualTo(Double.POSITIVE_INFINITY);
            assertThat(Py.toFloat("Infinity")).isEqualTo(Double.POSITIVE_INFINITY);
            assertThat(Py.toFloat(" -INF ")).isEqualTo(Double.NEGATIVE_INFINITY);
            assertThat(Py.toFloat("+iNfInItY")).isEqualTo(Double.POSITIVE_INFINITY);
            assertThat(Py.toFloat("nan")).isNaN();
            assertThat(Py.toFloat("-NaN")).isNaN();
        }

        @Test
        void numbersAndBooleansConvertToTheirValue() {
            assertThat(Py.toFloat(3L)).isEqualTo(3.0);
            assertThat(Py.toFloat(true)).isEqualTo(1.0);
            assertThat(Py.toFloat(false)).isEqualTo(0.0);
            assertThat(Py.toFloat(2.25)).isEqualTo(2.25);
        }

        @ParameterizedTest(name = "float({0}) raises ValueError")
        @CsvSource(delimiter = '|', quoteCharacter = '"', value = {
            "infinite", "unknown", "1e", "e3", "1.2.3", "_1", "1__0", "0x10", "1d", "1f", "\"\"", "\"   \"", "1 0",
            "in f"})
        void nonNumericStringsAreValueErrors(String literal) {
            PyException e = pyError(() -> Py.toFloat(literal));
            assertThat(e.pythonType()).isEqualTo("ValueError");
            assertThat(e.getMessage()).isEqualTo("could not convert string to float: " + Py.repr(literal));
        }

        @Test
        void noneListsAndDictsAreTypeErrors() {
            assertThat(pyError(() -> Py.toFloat(null)).pythonType()).isEqualTo("TypeError");
            assertThat(pyError(() -> Py.toFloat(null)).getMessage())
                    .isEqualTo("float() argument must be a string or a real number, not 'NoneType'");
            assertThat(pyError(() -> Py.toFloat(list())).pythonType()).isEqualTo("TypeError");
            assertThat(pyError(() -> Py.toFloat(dict("a", 1L))).pythonType()).isEqualTo("TypeError");
        }
    }

    /**
     * Where the expression evaluator's own copy of these rules (PyOps, NumberSyntax) and this
     * class disagreed before they were merged: the behaviour kept, and the Python fact behind it.
     */
    @Nested
    class WhatANumberIs {
        @Test
        void intOfAStringOfMoreThan4300DigitsIsAValueErrorSincePython311() {
            assertThat(Py.toInt("9".repeat(4300))).isEqualTo(new BigInteger("9".repeat(4300)));
            PyException e = pyError(() -> Py.toInt(" -" + "9".repeat(4301) + " "));
            assertThat(e.pythonType()).isEqualTo("ValueError");
            assertThat(e.getMessage()).isEqualTo("Exceeds the limit (4300 digits) for integer string conversion: "
                    + "value has 4301 digits; use sys.set_int_max_str_digits() to increase the limit");
            assertThat(Py.toInt("1" + "_0".repeat(4299))).as("underscores are not digits")
                    .isEqualTo(BigInteger.TEN.pow(4299));
            assertThat(Py.toFloat("9".repeat(4301))).as("float() has no such limit")
                    .isEqualTo(Double.POSITIVE_INFINITY);
        }

        @Test
        void anIntBeyondTheLargestDoubleCannotBecomeAFloat() {
            BigInteger huge = BigInteger.TEN.pow(400);
            PyException e = pyError(() -> Py.toFloat(huge));
            assertThat(e.pythonType()).isEqualTo("OverflowError");
            assertThat(e.getMessage()).isEqualTo("int too large to convert to float");
            assertThat(Py.toFloat(BigInteger.TWO.pow(1023))).isEqualTo(0x1p1023);
            assertThat(Py.lt(huge, Double.POSITIVE_INFINITY)).as("comparison is exact, no conversion").isTrue();
            assertThat(Py.gt(huge, Double.MAX_VALUE)).isTrue();
        }

        @Test
        void intResultsAreLongsWhenTheyFit() {
            assertThat(Py.toInt(BigInteger.valueOf(42))).isEqualTo(42L);
            assertThat(Py.toInt(BigInteger.TWO.pow(63))).isEqualTo(BigInteger.TWO.pow(63));
            assertThat(Py.toInt("-9223372036854775808")).isEqualTo(Long.MIN_VALUE);
            assertThat(Py.normaliseInt(BigInteger.TWO.pow(63).negate())).isEqualTo(Long.MIN_VALUE);
        }

        @Test
        void aBigDecimalIsAPythonFloatSoIntTruncatesTheDoubleItRoundsTo() {
            BigDecimal nearlyThree = new BigDecimal("2.99999999999999999999");
            assertThat(Py.isFloat(nearlyThree)).isTrue();
            assertThat(Py.isIntegral(nearlyThree)).isFalse();
            assertThat(Py.eq(nearlyThree, 3L)).isTrue();
            assertThat(Py.toInt(nearlyThree)).as("int(2.99999999999999999999) == int(3.0) == 3").isEqualTo(3L);
            assertThat(Py.toInt(new BigDecimal("-2.5"))).isEqualTo(-2L);
        }

        @Test
        void everyJavaIntegerTypeIsAPythonIntAndBooleansAreInts() {
            for (Object i : list(7, (short) 7, (byte) 7, 7L, BigInteger.valueOf(7))) {
                assertThat(Py.isIntegral(i)).isTrue();
                assertThat(Py.isFloat(i)).isFalse();
                assertThat(Py.toInt(i)).isEqualTo(7L);
                assertThat(Py.bigInteger(i)).isEqualTo(BigInteger.valueOf(7));
            }
            assertThat(Py.isIntegral(true)).isTrue();
            assertThat(Py.bigInteger(true)).isEqualTo(BigInteger.ONE);
            for (Object f : list(7.0, 7.0f, new BigDecimal("7"))) {
                assertThat(Py.isFloat(f)).isTrue();
                assertThat(Py.isIntegral(f)).isFalse();
            }
            assertThat(Py.isNumber("7")).isFalse();
            assertThat(Py.isFloat("7.0")).isFalse();
        }

        @Test
        void aDateTimeIsNamedAsPythonNamesADatetime() {
            java.time.OffsetDateTime t = java.time.OffsetDateTime.parse("2024-05-01T12:00:00Z");
            assertThat(Py.typeName(t)).isEqualTo("datetime.datetime");
            assertThat(pyError(() -> Py.lt(t, 1L)).getMessage())
                    .isEqualTo("'<' not supported between instances of 'datetime.datetime' and 'int'");
            assertThat(pyError(() -> Py.toInt(t)).getMessage()).isEqualTo(
                    "int() argument must be a string, a bytes-like object or a real number, not 'datetime.datetime'");
        }

        @Test
        void whitespaceIsPythonsForCodePointsAndChars() {
            for (int cp : new int[] {' ', '\t', '\n', 0x0b, 0x0c, '\r', 0x1c, 0x1f, 0x85, 0xa0, 0x1680, 0x2000,
                0x2007, 0x200a, 0x2028, 0x2029, 0x202f, 0x205f, 0x3000}) {
                assertThat(Py.isPyWhitespace(cp)).as("U+%04X", cp).isTrue();
            }
            for (int cp : new int[] {'x', 0, 0x1b, 0x200b, 0x180e, 0xfeff, 0x1f600}) {
                assertThat(Py.isPyWhitespace(cp)).as("U+%04X", cp).isFalse();
            }
            assertThat(Py.boolFromString("\u00a0Yes\u2003")).isTrue();
        }
    }

    @Nested
    class FloatRepr {
        @ParameterizedTest(name = "repr({0}) == {1}")
        @CsvSource(delimiter = '|', value = {
            // value as Java reads it | Python 3's repr of the same double
            "0.1|0.1",
            "1e16|1e+16",
            "1.5e-05|1.5e-05",
            "123456789012345.0|123456789012345.0",
            "-0.0|-0.0",
            "0.0|0.0",
            "100|100.0",
            "0.3|0.3",
            "0.6666666666666666|0.6666666666666666",
            "1e-4|0.0001",
            "1e-5|1e-05",
            "-2.5e-7|-2.5e-07",
            "4.35e-5|4.35e-05",
            "1e15|1000000000000000.0",
            "9007199254740993|9007199254740992.0",
            "12345678.9|12345678.9",
            "1e22|1e+22",
            "1e23|1e+23",
            "2e23|2e+23",
            "2.82879384806159e17|2.82879384806159e+17",
            "-2.681447534367114e18|-2.681447534367114e+18",
            "5.722351919331477e17|5.722351919331477e+17",
            "-9.700506271502651e16|-9.700506271502651e+16",
            "1.6460676079539272e18|1.6460676079539272e+18",
            "5e-324|5e-324",
            "2.2250738585072014e-308|2.2250738585072014e-308",
            "1.7976931348623157e308|1.7976931348623157e+308",
        })
        void matchesPythonsRepr(double value, String python) {
            assertThat(Py.floatRepr(value)).isEqualTo(python);
        }

        @Test
        void nonFiniteValues() {
            assertThat(Py.floatRepr(Double.POSITIVE_INFINITY)).isEqualTo("inf");
            assertThat(Py.floatRepr(Double.NEGATIVE_INFINITY)).isEqualTo("-inf");
            assertThat(Py.floatRepr(NAN)).isEqualTo("nan");
        }

        /**
         * Python's repr is the shortest digit string that reads back as the same double. For random
         * doubles of every magnitude, the repr must read back exactly, and no string with one digit
         * fewer may (the nearest such strings, rounded down and up, are checked).
         */
        @Test
        void isTheShortestStringThatReadsBackForRandomDoubles() {
            SplittableRandom random = new SplittableRandom(20240501L);
            for (int i = 0; i < 5_000; i++) {
                double d = Double.longBitsToDouble(random.nextLong());
                if (!Double.isFinite(d) || d == 0) {
                    continue;
                }
                String repr = Py.floatRepr(d);
                assertThat(Double.parseDouble(repr)).as("repr %s of %s reads back", repr, d).isEqualTo(d);
                BigDecimal digits = new BigDecimal(repr);
                int precision = digits.stripTrailingZeros().precision();
                if (precision > 1) {
                    BigDecimal exact = new BigDecimal(d);
                    for (java.math.RoundingMode mode : List.of(java.math.RoundingMode.FLOOR,
                            java.math.RoundingMode.CEILING)) {
                        BigDecimal shorter = exact.round(new java.math.MathContext(precision - 1, mode));
                        assertThat(shorter.doubleValue()).as("repr %s of %s is not the shortest: %s also reads back",
                                repr, d, shorter).isNotEqualTo(d);
                    }
                }
            }
        }
    }

    @Nested
    class StrAndRepr {
        @Test
        void strOfEachKindOfValue() {
            assertThat(Py.str(null)).isEqualTo("None");
            assertThat(Py.str(true)).isEqualTo("True");
            assertThat(Py.str(false)).isEqualTo("False");
            assertThat(Py.str(5L)).isEqualTo("5");
            assertThat(Py.str(1.1)).isEqualTo("1.1");
            assertThat(Py.str(5.0)).isEqualTo("5.0");
            assertThat(Py.str("text")).isEqualTo("text");
            assertThat(Py.str(list("a", 1L, null, 2.0))).isEqualTo("['a', 1, None, 2.0]");
            assertThat(Py.str(dict("k", list(true)))).isEqualTo("{'k': [True]}");
        }

        @Test
        void reprQuotesStringsAsPythonDoes() {
            assertThat(Py.repr("abc")).isEqualTo("'abc'");
            assertThat(Py.repr("it's")).isEqualTo("\"it's\"");
            assertThat(Py.repr("both ' and \"")).isEqualTo("'both \\' and \"'");
        }

        @Test
        void reprEscapesBackslashesAndUnprintableCharactersInEitherQuoting() {
            assertThat(Py.repr("back\\slash")).isEqualTo("'back\\\\slash'");
            assertThat(Py.repr("it's \\ here")).isEqualTo("\"it's \\\\ here\"");
            assertThat(Py.repr("a\nb\tc\rd")).isEqualTo("'a\\nb\\tc\\rd'");
            assertThat(Py.repr("\u0001\u007f\u0085\u00a0")).isEqualTo("'\\x01\\x7f\\x85\\xa0'");
            assertThat(Py.repr("\u2028")).isEqualTo("'\\u2028'");
            assertThat(Py.repr("caf\u00e9 \uD83D\uDE00")).as("printable non-ASCII is kept")
                    .isEqualTo("'caf\u00e9 \uD83D\uDE00'");
            assertThat(Py.str(list("a\nb", "it's"))).isEqualTo("['a\\nb', \"it's\"]");
        }
    }

    @Nested
    class BoolFromString {
        @Test
        void booleansAreReturnedAsTheyAre() {
            assertThat(Py.boolFromString(true)).isTrue();
            assertThat(Py.boolFromString(false)).isFalse();
        }

        @ParameterizedTest(name = "bool_from_string({0}) is True")
        @CsvSource(delimiter = '|', quoteCharacter = '"', value = {
            "1", "t", "T", "true", "True", "TRUE", "on", "On", "y", "Y", "yes", "YES", "\" yes \"", "\"\ttrue\n\""})
        void trueWords(String word) {
            assertThat(Py.boolFromString(word)).isTrue();
        }

        @ParameterizedTest(name = "bool_from_string({0}) is False")
        @CsvSource(delimiter = '|', quoteCharacter = '"', value = {
            "0", "f", "false", "False", "off", "n", "no", "maybe", "2", "1.0", "yes please", "\"\"", "\" \""})
        void everyOtherStringIsFalse(String word) {
            assertThat(Py.boolFromString(word)).isFalse();
        }

        @Test
        void otherValuesGoThroughStr() {
            assertThat(Py.boolFromString(1L)).as("str(1) == '1'").isTrue();
            assertThat(Py.boolFromString(0L)).isFalse();
            assertThat(Py.boolFromString(1.0)).as("str(1.0) == '1.0'").isFalse();
            assertThat(Py.boolFromString(null)).as("str(None) == 'None'").isFalse();
            assertThat(Py.boolFromString(list("yes"))).isFalse();
        }
    }
}
