package org.volsched.driver.filter.eval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.volsched.driver.filter.eval.EvalSupport.assertPythonError;
import static org.volsched.driver.filter.eval.EvalSupport.eval;
import static org.volsched.driver.filter.eval.EvalSupport.failure;
import static org.volsched.driver.filter.eval.EvalSupport.parseFailure;

import java.util.List;

import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Section 12.1-12.2: lexical rules, grammar and parse errors (rules EV1-EV5). */
class ExpressionSyntaxTest {

    @Nested
    class Ev1Lexical {
        @Test
        void whitespaceBetweenTokensIsIgnored() {
            assertThat(eval("1\t+\n2 \r* 3")).isEqualTo(7L);
            assertThat(eval("  volume.size  ")).isEqualTo(10L);
            assertThat(eval("1+2")).isEqualTo(3L);
        }

        @Test
        void tabsAreExpandedToEightColumnStopsBeforeParsingAsPyparsingDoes() throws EvaluatorException {
            assertThat(eval("'a\tb'")).isEqualTo("a      b");
            assertThat(eval("\t'\tx'")).isEqualTo("       x");
            Expression e = Expression.parse("x == 'a\tb'");
            assertThat(e.text()).isEqualTo("x == 'a\tb'");
            assertThat(e.evaluate(Namespaces.empty())).isEqualTo(false);
            assertThat(eval("1 ?\n'\tx' : 0")).isEqualTo("       x");
        }

        @Test
        void otherWhitespaceIsNotWhitespace() {
            parseFailure("1 +\f2");
            parseFailure("1\u00a0+ 2");
        }

        @Test
        void numbersAreDigitsOrDigitsDotDigits() {
            assertThat(eval("42")).isEqualTo(42L);
            assertThat(eval("007")).isEqualTo(7L);
            assertThat(eval("2.50")).isEqualTo(2.5);
            assertThat(eval("0.0")).isEqualTo(0.0);
            assertThat(eval("123456789012345678901234567890"))
                    .isEqualTo(new java.math.BigInteger("123456789012345678901234567890"));
        }

        @Test
        void numbersHaveNoExponentNoSignNoLeadingOrTrailingDot() {
            parseFailure("1e5");
            parseFailure("5.");
            parseFailure("1.5.5");
            // ".5" is the identifier "." applied as a function to 5
            assertPythonError(".5", "KeyError", "'.'");
            // signs are operators
            assertThat(eval("-3")).isEqualTo(-3L);
            assertThat(eval("- 3")).isEqualTo(-3L);
        }

        @Test
        void identifiersAreLettersUnderscoresAndDots() {
            assertThat(eval("stats.free_capacity_gb")).isEqualTo(512L);
            assertThat(eval("_")).isEqualTo("_");
            assertThat(eval("a_b")).isEqualTo("a_b");
            assertThat(eval(".")).isEqualTo(".");
            assertThat(eval("..x")).isEqualTo("..x");
        }

        @Test
        void identifiersCannotHoldDigits() {
            // "volume.size2" is volume.size applied to 2 (EV4)
            assertPythonError("volume.size2", "KeyError", "'volume.size'");
            parseFailure("x1y");
        }

        @Test
        void quotedStringsInEitherQuote() {
            assertThat(eval("'abc'")).isEqualTo("abc");
            assertThat(eval("\"abc\"")).isEqualTo("abc");
            assertThat(eval("''")).isEqualTo("");
            assertThat(eval("\"it's\"")).isEqualTo("its");
            assertThat(eval("'say \"hi\"'")).isEqualTo("say hi");
        }

        @Test
        void quotedStringsAllowDoubledQuotesAndBackslashEscapesVerbatim() {
            assertThat(eval("'it''s'")).isEqualTo("its");
            assertThat(eval("'a\\'b'")).isEqualTo("a\\b");
            assertThat(eval("'\\x41'")).isEqualTo("\\x41");
        }

        @ParameterizedTest
        @ValueSource(strings = {"'abc", "\"abc", "'a\nb'", "'a''", "'\\x'", "'\\", "\"a'"})
        void unterminatedQuotedStringsDoNotParse(String text) {
            parseFailure(text);
        }

        @Test
        void everyOperatorIsRecognised() {
            assertThat(eval("1 + 2 - 3 * 4 / 2 ^ 1")).isEqualTo(-3.0);
            assertThat(eval("1 < 2")).isEqualTo(true);
            assertThat(eval("1 <= 2")).isEqualTo(true);
            assertThat(eval("1 > 2")).isEqualTo(false);
            assertThat(eval("1 >= 2")).isEqualTo(false);
            assertThat(eval("1 == 2")).isEqualTo(false);
            assertThat(eval("1 != 2")).isEqualTo(true);
            assertThat(eval("1 <> 2")).isEqualTo(true);
            assertThat(eval("1 ? 2 : 3")).isEqualTo(2L);
            assertThat(eval("1 , 2")).isEqualTo(List.of(1L, 2L));
            assertThat(eval("(1)")).isEqualTo(1L);
            assertThat(eval("1 AND 2")).isEqualTo(2L);
            assertThat(eval("1 and 2")).isEqualTo(2L);
            assertThat(eval("1 && 2")).isEqualTo(2L);
            assertThat(eval("0 OR 2")).isEqualTo(2L);
            assertThat(eval("0 or 2")).isEqualTo(2L);
            assertThat(eval("0 || 2")).isEqualTo(2L);
            assertThat(eval("NOT 0")).isEqualTo(true);
            assertThat(eval("not 0")).isEqualTo(true);
            assertThat(eval("!0")).isEqualTo(true);
        }

        @ParameterizedTest
        @ValueSource(strings = {"7 % 2", "1 = 1", "volume.size = 10", "1 =< 2", "1 => 2", "1 < = 2", "1 & 2",
            "1 | 2", "1 ** 2", "1 # 2", "é", "1 $ 2", "[1]", "{1}", "1 >< 2", "1 Or 2", "1 aNd 2"})
        void anythingElseIsAParseError(String text) {
            parseFailure(text);
        }
    }

    @Nested
    class Ev2PrecedenceAndAssociativity {
        @ParameterizedTest(name = "{0} = {1}")
        @CsvSource(delimiter = '|', value = {
            "2*3+4 | 10",
            "2+3*4 | 14",
            "2*3^2 | 18",
            "2^3*2 | 16",
            "10-2-3 | 5",
            "2^3^2 | 512",
            "2^2^3 | 256",
            "(2^2)^3 | 64",
            "-3^2 | -9",
            "(-3)^2 | 9",
            "- - 2 | 2",
            "-+-2 | 2",
            "+ -3 | -3",
            "2 * -3 | -6",
            "2 - -3 | 5",
            "2--3 | 5",
            "abs 0-5 | -5",
            "abs abs (0-3) | 3",
        })
        void arithmeticLevels(String text, long expected) {
            assertThat(eval(text)).isEqualTo(expected);
        }

        @Test
        void divisionIsLeftAssociative() {
            assertThat(eval("100/10/5")).isEqualTo(2.0);
            assertThat(eval("2*3/4")).isEqualTo(1.5);
        }

        @Test
        void unaryMinusBindsLooserThanPowerAndNoSignAfterCaret() {
            assertThat(eval("-3^2")).isEqualTo(-9L);
            assertThat(eval("-2^2")).isEqualTo(-4L);
            EvaluatorException e = parseFailure("2^-2");
            assertThat(e.position()).isEqualTo(2);
            assertThat(eval("2^(0-2)")).isEqualTo(0.25);
        }

        @Test
        void comparisonsBindTighterThanConditionalWhichBindsTighterThanAndOr() {
            assertThat(eval("1 == 1 ? 5 : 6")).isEqualTo(5L);
            assertThat(eval("0 ? 1 : 2 && 0")).isEqualTo(0L);
            assertThat(eval("1 ? 0 : 2 || 7")).isEqualTo(7L);
        }

        @Test
        void andBindsTighterThanOr() {
            assertThat(eval("1 || 0 && 0")).isEqualTo(1L);
            assertThat(eval("0 && 1 || 1")).isEqualTo(1L);
        }

        @Test
        void commaIsTheLoosest() {
            assertThat(eval("1, 2 && 0")).isEqualTo(List.of(1L, 0L));
            assertThat(eval("1 ? 2 : 3, 4")).isEqualTo(List.of(2L, 4L));
            assertThat(eval("max (1, 2), 3")).isEqualTo(List.of(2L, 3L));
        }

        @Test
        void functionApplicationIsTheTightest() {
            assertThat(eval("abs max(0-7, 0-9)")).isEqualTo(7L);
            assertThat(eval("max(3, 9, 4) * 2")).isEqualTo(18L);
            // "abs -5" is the string 'abs' minus 5: no sign may follow a function name
            assertPythonError("abs -5", "TypeError", "unsupported operand type(s) for -=: 'str' and 'int'");
        }
    }

    @Nested
    class Ev3NotBindsLooserThanArithmeticTighterThanComparison {
        @Test
        void notBindsTighterThanComparison() {
            assertThat(eval("not 3 == 1")).isEqualTo(false);
            assertThat(eval("not (3 == 1)")).isEqualTo(true);
            assertThat(eval("!0 == 1")).isEqualTo(true);
            assertThat(eval("NOT 5 < 3")).isEqualTo(true);
        }

        @Test
        void notBindsLooserThanArithmetic() {
            assertThat(eval("not 0 + 1")).isEqualTo(false);
            assertThat(eval("not 1 - 1")).isEqualTo(true);
        }

        @Test
        void notMayStartAComparisonOperandButNotAnArithmeticOne() {
            assertThat(eval("1 == not 0")).isEqualTo(true);
            assertPythonError("1 + not 0", "KeyError", "'not'");
        }

        @Test
        void notWithoutOperandIsAnOrdinaryWord() {
            assertThat(eval("not")).isEqualTo("not");
            assertThat(eval("not * 2")).isEqualTo("notnot");
            assertThat(eval("not + 1")).isEqualTo(false);
        }
    }

    @Nested
    class Ev4FunctionApplicationQuirks {
        @Test
        void wordOperatorsAfterAnIdentifierAreFunctionCalls() {
            assertPythonError("volume.size and 1", "KeyError", "'and'");
            assertPythonError("volume.size or 1", "KeyError", "'or'");
            assertPythonError("volume.size and stats.host", "KeyError", "'and'");
            assertPythonError("x or y", "KeyError", "'or'");
            assertPythonError("True and False", "KeyError", "'and'");
        }

        @Test
        void wordOperatorsWorkAfterANumberOrAParenthesis() {
            assertThat(eval("4 and 7")).isEqualTo(7L);
            assertThat(eval("(volume.size) and 1")).isEqualTo(1L);
            assertThat(eval("(0)and 5")).isEqualTo(0L);
            assertThat(eval("'x' or 5")).isEqualTo("x");
        }

        @Test
        void symbolFormsAlwaysWork() {
            assertThat(eval("volume.size && 1")).isEqualTo(1L);
            assertThat(eval("volume.size || 1")).isEqualTo(10L);
            assertThat(eval("!volume.size")).isEqualTo(false);
        }

        @Test
        void identifiersWithDigitsSplitAndFail() {
            assertPythonError("volume.size2", "KeyError", "'volume.size'");
            assertPythonError("stats.free_capacity_gb3 > 1", "KeyError", "'stats.free_capacity_gb'");
        }

        @Test
        void theArgumentIsEvaluatedBeforeTheFunctionIsLookedUp() {
            EvaluatorException e = failure("foo (1/0)");
            assertThat(e.getMessage()).isEqualTo("ZeroDivisionError: float division by zero");
            assertPythonError("foo 3", "KeyError", "'foo'");
        }

        @Test
        void wordOperatorsAreMatchedAtTheStartOfLongerWords() {
            assertThat(eval("nothing")).isEqualTo(false);
            assertThat(eval("NOTE")).isEqualTo(false);
            assertThat(eval("4 andy")).isEqualTo("y");
            assertThat(eval("1 orange")).isEqualTo(1L);
            assertThat(eval("0 orange")).isEqualTo("ange");
            assertPythonError("1 andand 2", "KeyError", "'and'");
        }
    }

    @Nested
    class Ev5ParseErrors {
        @ParameterizedTest
        @ValueSource(strings = {"", " ", "\n\t", "1 +", "+", "(1 + 2", "1 + 2)", "()", "1 2", "abs 1 2", "1 ? 2",
            "1 ? 2 :", "? 1 : 2", ",", "1,", ", 1", "&& 1", "1 &&", "==", "1 == == 2", "2^-2", "1 * * 2", "(", ")"})
        void unparsableTextsRaiseEvaluatorParseException(String text) {
            parseFailure(text);
        }

        @Test
        void theMessageLocatesTheProblemLikePyparsing() {
            assertThat(parseFailure("").getMessage())
                    .isEqualTo("ParseException: Expected an operand, found end of text (at char 0), (line:1, col:1)");
            assertThat(parseFailure("2^-2").getMessage())
                    .isEqualTo("ParseException: Expected an operand, found '-' (at char 2), (line:1, col:3)");
            assertThat(parseFailure("1 + 2 )").getMessage())
                    .isEqualTo("ParseException: Expected end of text, found ')' (at char 6), (line:1, col:7)");
            assertThat(parseFailure("(1 + 2").getMessage())
                    .isEqualTo("ParseException: Expected ')', found end of text (at char 6), (line:1, col:7)");
            assertThat(parseFailure("1 +\n* 2").getMessage())
                    .isEqualTo("ParseException: Expected an operand, found '*' (at char 4), (line:2, col:1)");
            assertThat(parseFailure("1 % 2").position()).isEqualTo(2);
        }
    }
}
