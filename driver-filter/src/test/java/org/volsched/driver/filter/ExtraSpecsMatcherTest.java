package org.volsched.driver.filter;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.volsched.driver.filter.fixtures.Pools.list;
import static org.volsched.driver.filter.fixtures.Pools.map;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.volsched.driver.filter.ExtraSpecsMatcher.Kind;
import org.volsched.python.Py;
import org.volsched.python.PyException;

/** Cinder's {@code extra_specs_ops.match} (rules ESO1-ESO9, pitfalls 8 and 9). */
class ExtraSpecsMatcherTest {
    private static boolean match(Object value, Object requirement) {
        return ExtraSpecsMatcher.compile(requirement).matches(value);
    }

    // ESO1

    @Test
    void noneRequirementMatchesOnlyNone() {
        assertThat(match(null, null)).isTrue();
        assertThat(match("x", null)).isFalse();
        assertThat(match(false, null)).isFalse();
        assertThat(match("", null)).isFalse();
    }

    // ESO2

    @Test
    void plainRequirementIsTypeSensitiveEquality() {
        assertThat(match("gold", "gold")).isTrue();
        assertThat(match("Gold", "gold")).isFalse();
        assertThat(match(true, "True")).as("pitfall 8: a boolean never equals 'True'").isFalse();
        assertThat(match(5L, "5")).as("an int never equals '5'").isFalse();
        assertThat(match(5.0, "5")).isFalse();
        assertThat(match(null, "gold")).isFalse();
    }

    @Test
    void plainRequirementComparesTheWholeString() {
        assertThat(match("abc def", "abc def")).isTrue();
        assertThat(match("abc", "abc def")).isFalse();
        assertThat(ExtraSpecsMatcher.compile("abc def").kind()).isEqualTo(Kind.EQUALS);
    }

    @Test
    void blankRequirementIsPlainEquality() {
        assertThat(match("", "")).isTrue();
        assertThat(match(" ", " ")).isTrue();
        assertThat(match("", " ")).isFalse();
        assertThat(ExtraSpecsMatcher.compile("   ").kind()).isEqualTo(Kind.EQUALS);
    }

    @Test
    void greaterAndLessAloneAreNotOperators() {
        assertThat(ExtraSpecsMatcher.compile("> 5").kind()).isEqualTo(Kind.EQUALS);
        assertThat(ExtraSpecsMatcher.compile("< 5").kind()).isEqualTo(Kind.EQUALS);
        assertThat(match(10L, "> 5")).isFalse();
        assertThat(match(1L, "< 5")).isFalse();
        assertThat(match("> 5", "> 5")).as("only the literal string matches").isTrue();
    }

    @Test
    void allInIsNotAnOperator() {
        assertThat(ExtraSpecsMatcher.compile("<all-in> iSCSI iscsi").kind()).isEqualTo(Kind.EQUALS);
        assertThat(match("iSCSI", "<all-in> iSCSI")).isFalse();
        assertThat(match(list("iSCSI", "iscsi"), "<all-in> iSCSI iscsi")).isFalse();
    }

    @Test
    void operatorWordsAreCaseAndSpellingExact() {
        assertThat(ExtraSpecsMatcher.compile("<IN> gold").kind()).isEqualTo(Kind.EQUALS);
        assertThat(ExtraSpecsMatcher.compile("S== gold").kind()).isEqualTo(Kind.EQUALS);
        assertThat(ExtraSpecsMatcher.compile("=>  5").kind()).isEqualTo(Kind.EQUALS);
    }

    @Test
    void wordsAreSplitOnAnyWhitespaceRun() {
        assertThat(match("gold", "  <in>\t\n old  ")).isTrue();
        assertThat(match(5L, "\u00a0>=\u00a05")).as("Python's split() treats no-break space as whitespace").isTrue();
    }

    // ESO3

    @Test
    void recognisedOperatorNeverMatchesNone() {
        for (String req : List.of("= 1", "== 1", "!= 1", ">= 1", "<= 1", "s== a", "s!= a", "s< a", "<in> a",
                "<is> False", "<or> a", "<or>")) {
            assertThat(match(null, req)).as(req).isFalse();
        }
    }

    // ESO4

    @Test
    void onlyTheFirstOperandWordCounts() {
        assertThat(match("Gold", "<in> Gold Tier")).isTrue();
        assertThat(match("Tier", "<in> Gold Tier")).isFalse();
        assertThat(match(5L, "= 5 100")).isTrue();
        assertThat(match("a", "s== a b")).isTrue();
        assertThat(ExtraSpecsMatcher.compile("<in> Gold Tier").operand()).isEqualTo("Gold");
    }

    @Test
    void operatorWithoutOperandNeverMatches() {
        for (String req : List.of("=", "==", "!=", ">=", "<=", "s==", "s!=", "s<", "<in>", "<is>")) {
            assertThat(ExtraSpecsMatcher.compile(req).kind()).as(req).isEqualTo(Kind.NO_OPERAND);
            assertThat(match("x", req)).as(req).isFalse();
            assertThat(match(5L, req)).as(req).isFalse();
        }
    }

    // ESO5

    @Test
    void singleEqualsMeansAtLeast() {
        assertThat(match(10L, "= 5")).as("pitfall 8: = N means >= N").isTrue();
        assertThat(match(5L, "= 5")).isTrue();
        assertThat(match(4.99, "= 5")).isFalse();
    }

    @Test
    void doubleEqualsIsNumericEquality() {
        assertThat(match(5L, "== 5")).isTrue();
        assertThat(match(5.0, "== 5")).isTrue();
        assertThat(match("5", "== 5.0")).as("numeric strings are converted").isTrue();
        assertThat(match(1000L, "== 1e3")).isTrue();
        assertThat(match(true, "== 1")).as("True is 1.0").isTrue();
        assertThat(match(6L, "== 5")).isFalse();
    }

    @Test
    void notEqualsIsNumeric() {
        assertThat(match(6L, "!= 5")).isTrue();
        assertThat(match("5.0", "!= 5")).isFalse();
        assertThat(match(Double.NaN, "!= nan")).as("nan != nan").isTrue();
    }

    @Test
    void greaterOrEqualAndLessOrEqualAreNumeric() {
        assertThat(match(10L, ">= 5")).isTrue();
        assertThat(match(5L, ">= 5")).isTrue();
        assertThat(match(4L, ">= 5")).isFalse();
        assertThat(match(4L, "<= 5")).isTrue();
        assertThat(match(6L, "<= 5")).isFalse();
        assertThat(match("10", ">= 9")).as("numeric, not lexicographic").isTrue();
        assertThat(match(1e300, "<= 1e400")).as("1e400 is inf").isTrue();
        assertThat(match(" 1_000 ", ">= 999")).as("Python float() strips and accepts underscores").isTrue();
    }

    @Test
    void nonNumericStringUnderNumericOperatorDoesNotMatch() {
        assertThat(match("infinite", ">= 5")).isFalse();
        assertThat(match("abc", "= 0")).isFalse();
        assertThat(match(10L, ">= abc")).as("a non-numeric operand is a ValueError too").isFalse();
        assertThat(match("1__0", ">= 1")).isFalse();
        assertThat(match("1.", ">= 1")).isTrue();
        assertThat(match("inf", ">= 1e308")).isTrue();
    }

    @Test
    void mappingOrListUnderNumericOperatorRaisesTypeError() {
        assertThatThrownBy(() -> match(map("a", 1L), ">= 5")).isInstanceOf(PyException.class)
                .satisfies(e -> assertThat(((PyException) e).pythonType()).isEqualTo("TypeError"));
        assertThatThrownBy(() -> match(list(1L), "= 5")).isInstanceOf(PyException.class);
        assertThatThrownBy(() -> match(map(), ">= abc"))
                .as("float(value) is evaluated before float(operand)").isInstanceOf(PyException.class);
    }

    /** float(value) and float(operand) are Python's, including in the requirement's operand. */
    @Test
    void floatLiteralsFollowPythonFloat() {
        List<String> samples = List.of("5", "5.0", ".5", "5.", "1e3", "1E-3", "+2", "-2.5", "1_000", "1_0.5_0",
                "inf", "-Infinity", "NaN", "nan", "1__0", "_1", "1_", "1e", "e1", ".", "", "0x10", "1.5e+2_0",
                "infinite", "--1", "1.2.3", "\u0661", " 7 ", "\u00a07\u2003");
        for (String s : samples) {
            Double expected;
            try {
                expected = Py.toFloat(s);
            } catch (PyException e) {
                expected = null;
            }
            boolean number = expected != null && !expected.isNaN();
            assertThat(match(s, ">= -inf")).as("'%s' >= -inf", s).isEqualTo(number);
            assertThat(match(s, "!= 0.125")).as("'%s' != 0.125: a NaN is unequal, a non-number false", s)
                    .isEqualTo(expected != null);
            if (number) {
                assertThat(match(s, "== " + Py.floatRepr(expected))).as("'%s' == its float", s).isTrue();
            }
            if (!s.isBlank()) {
                assertThat(match(0.125, "!= " + s)).as("0.125 != '%s'", s).isEqualTo(expected != null);
            }
        }
    }

    // ESO6

    @Test
    void stringEqualityOnRawValues() {
        assertThat(match("NetApp", "s== NetApp")).isTrue();
        assertThat(match("netapp", "s== NetApp")).isFalse();
        assertThat(match(5L, "s== 5")).as("a non-string is simply unequal").isFalse();
        assertThat(match(5L, "s!= 5")).as("and therefore s!= holds").isTrue();
        assertThat(match("silver", "s!= silver")).isFalse();
    }

    @Test
    void stringOrderingIsByCodePoint() {
        assertThat(match("bronze", "s< silver")).isTrue();
        assertThat(match("silver", "s<= silver")).isTrue();
        assertThat(match("silver", "s> bronze")).isTrue();
        assertThat(match("gold", "s>= gold")).isTrue();
        assertThat(match("B", "s< a")).as("upper case sorts first").isTrue();
        assertThat(match("10", "s< 9")).as("lexicographic, not numeric").isTrue();
        assertThat(match("1.10.0", "s>= 1.9.0")).isFalse();
    }

    @Test
    void stringOrderingOfNonStringRaisesTypeError() {
        for (String op : List.of("s<", "s<=", "s>", "s>=")) {
            assertThatThrownBy(() -> match(5L, op + " 10")).as(op).isInstanceOf(PyException.class)
                    .hasMessageContaining("'" + op.substring(1) + "' not supported between instances of 'int' and 'str'");
            assertThatThrownBy(() -> match(true, op + " a")).as(op).isInstanceOf(PyException.class);
        }
    }

    // ESO7

    @Test
    void inIsASubstringTestForStrings() {
        assertThat(match("iSCSI", "<in> iSC")).isTrue();
        assertThat(match("gold", "<in> old")).isTrue();
        assertThat(match("bronze", "<in> gold")).isFalse();
        assertThat(match("", "<in> a")).isFalse();
    }

    @Test
    void inIsMembershipForListsAndKeysForMappings() {
        assertThat(match(list("a", "b"), "<in> a")).isTrue();
        assertThat(match(list("ab"), "<in> a")).as("list membership is equality, not substring").isFalse();
        assertThat(match(map("gold", 1L), "<in> gold")).isTrue();
        assertThat(match(map("x", "gold"), "<in> gold")).isFalse();
    }

    @Test
    void inOnNumberOrBooleanRaisesTypeError() {
        assertThatThrownBy(() -> match(5L, "<in> 5")).isInstanceOf(PyException.class)
                .hasMessageContaining("not iterable");
        assertThatThrownBy(() -> match(true, "<in> True")).isInstanceOf(PyException.class);
    }

    // ESO8

    @Test
    void isComparesBoolFromString() {
        assertThat(match(true, "<is> True")).isTrue();
        assertThat(match(true, "<is> yes")).isTrue();
        assertThat(match(true, "<is> 1")).isTrue();
        assertThat(match("on", "<is> t")).isTrue();
        assertThat(match(" TRUE ", "<is> y")).isTrue();
        assertThat(match(false, "<is> False")).isTrue();
        assertThat(match(false, "<is> 0")).isTrue();
        assertThat(match(false, "<is> maybe")).as("garbage is False").isTrue();
        assertThat(match("maybe", "<is> no")).isTrue();
        assertThat(match(true, "<is> no")).isFalse();
        assertThat(match(1L, "<is> True")).as("str(1) is '1'").isTrue();
        assertThat(match(1.0, "<is> True")).as("str(1.0) is '1.0', not true").isFalse();
    }

    // ESO9

    @Test
    void orMatchesAnyOddWordWithPythonEquality() {
        assertThat(match("iscsi", "<or> iscsi <or> fibre_channel <or> nvmeof")).isTrue();
        assertThat(match("nvmeof", "<or> iscsi <or> fibre_channel <or> nvmeof")).isTrue();
        assertThat(match("ceph", "<or> iscsi <or> fibre_channel")).isFalse();
        assertThat(match("gold", "<or> gold")).as("a single candidate").isTrue();
        assertThat(match("bronze", "<or> gold")).isFalse();
    }

    @Test
    void orSeparatorsAreNotChecked() {
        assertThat(match("bronze", "<or> gold silver bronze")).as("3rd word is a candidate").isTrue();
        assertThat(match("silver", "<or> gold silver bronze")).as("2nd word is a separator").isFalse();
        assertThat(match("<or>", "<or> x <or> y")).isFalse();
    }

    @Test
    void orTrailingSeparatorIsHarmless() {
        assertThat(match("a", "<or> a <or>")).isTrue();
        assertThat(match("b", "<or> a <or>")).isFalse();
    }

    @Test
    void orNeverMatchesNonStrings() {
        assertThat(match(true, "<or> True <or> False")).isFalse();
        assertThat(match(5L, "<or> 5 <or> 6")).isFalse();
    }

    @Test
    void bareOrRaisesIndexErrorForAValue() {
        assertThatThrownBy(() -> match("x", "<or>")).isInstanceOf(PyException.class)
                .satisfies(e -> assertThat(((PyException) e).pythonType()).isEqualTo("IndexError"));
        assertThat(match(null, "<or>")).isFalse();
    }

    @Test
    void nonStringRequirementFailsLikeCinder() {
        assertThatThrownBy(() -> match("x", 5L)).isInstanceOf(PyException.class)
                .satisfies(e -> assertThat(((PyException) e).pythonType()).isEqualTo("AttributeError"));
    }

    @Test
    void compiledFormExposesOperatorAndOperand() {
        ExtraSpecsMatcher m = ExtraSpecsMatcher.compile("  s>=   1.10.0 extra");
        assertThat(m.kind()).isEqualTo(Kind.STR_GE);
        assertThat(m.operator()).isEqualTo("s>=");
        assertThat(m.operand()).isEqualTo("1.10.0");
        assertThat(m.requirement()).isEqualTo("  s>=   1.10.0 extra");
        assertThat(ExtraSpecsMatcher.compile(null)).hasToString("None");
    }
}
