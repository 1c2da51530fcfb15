package org.volsched.driver.filter.eval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.volsched.driver.filter.eval.EvalSupport.assertPythonError;
import static org.volsched.driver.filter.eval.EvalSupport.assertWrapped;
import static org.volsched.driver.filter.eval.EvalSupport.eval;
import static org.volsched.driver.filter.eval.EvalSupport.failure;
import static org.volsched.driver.filter.eval.EvalSupport.namespaces;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.volsched.python.Py;

/** Section 12.3: what expressions compute (rules EV6-EV13). */
class ExpressionSemanticsTest {

    private static Map<String, Object> withCapability(String key, Object value) {
        Map<String, Object> ns = namespaces();
        @SuppressWarnings("unchecked")
        Map<String, Object> capabilities = (Map<String, Object>) ns.get("capabilities");
        capabilities.put(key, value);
        return ns;
    }

    @Nested
    class Ev6OperandValues {
        @Test
        void variablesAreLookedUpInTheirNamespace() {
            assertThat(eval("volume.size")).isEqualTo(10L);
            assertThat(eval("extra.tier")).isEqualTo("gold");
            assertThat(eval("stats.storage_protocol")).isEqualTo("iSCSI");
            assertThat(eval("qos.maxIOPS")).isEqualTo(5000L);
        }

        @Test
        void unknownNamespaceOrKeyIsAKeyError() {
            assertWrapped("capabilities.nope", "KeyError evaluating string");
            assertWrapped("nope.x", "KeyError evaluating string");
            assertWrapped("volume.size > 1 && capabilities.nope", "KeyError evaluating string");
        }

        @Test
        void aNamespaceThatIsNotAMappingIsATypeError() {
            Map<String, Object> ns = namespaces();
            ns.put("qos", null);
            assertWrapped("qos.maxIOPS", ns, "TypeError evaluating string");
            ns.put("qos", "a string");
            assertWrapped("qos.maxIOPS", ns, "TypeError evaluating string");
            ns.put("qos", List.of(1L));
            assertWrapped("qos.maxIOPS", ns, "TypeError evaluating string");
        }

        @Test
        void floatVariablesAreTruncated() {
            assertThat(eval("capabilities.free_capacity_gb")).isEqualTo(512L);
            assertThat(eval("stats.free_capacity_gb > 512")).isEqualTo(false);
            assertThat(eval("stats.free_capacity_gb == 512")).isEqualTo(true);
            assertThat(eval("capabilities.free_capacity_gb * 2")).isEqualTo(1024L);
            assertThat(eval("capabilities.x", withCapability("x", -2.9))).isEqualTo(-2L);
            assertThat(eval("capabilities.x", withCapability("x", 1e20)))
                    .isEqualTo(new BigInteger("100000000000000000000"));
            assertThat(eval("stats.total_capacity_gb")).isEqualTo(1000L);
        }

        @Test
        void booleansBecomeOneAndZero() {
            assertThat(eval("capabilities.thin_provisioning_support")).isEqualTo(1L);
            assertThat(eval("capabilities.thick_provisioning_support")).isEqualTo(0L);
            assertThat(eval("stats.QoS_support == 0")).isEqualTo(true);
        }

        @Test
        void numericStringsBecomeNumbers() {
            assertThat(eval("capabilities.max_over_subscription_ratio")).isEqualTo(20.0);
            assertThat(eval("extra.min_iops")).isEqualTo(100L);
            assertThat(eval("capabilities.count_str")).isEqualTo(7L);
            assertThat(eval("capabilities.underscored")).isEqualTo(1000L);
            assertThat(eval("capabilities.x", withCapability("x", "2.5"))).isEqualTo(2.5);
            assertThat(eval("capabilities.x", withCapability("x", "1e3"))).isEqualTo(1000.0);
            assertThat(eval("capabilities.x", withCapability("x", "-Infinity"))).isEqualTo(Double.NEGATIVE_INFINITY);
        }

        @Test
        void stringsTooLongForPythonsIntBecomeFloats() {
            assertThat(eval("capabilities.x", withCapability("x", "1".repeat(4300))))
                    .isEqualTo(new BigInteger("1".repeat(4300)));
            assertThat(eval("capabilities.x", withCapability("x", "1".repeat(4301))))
                    .isEqualTo(Double.POSITIVE_INFINITY);
        }

        @Test
        void otherStringsLoseAllTheirQuotes() {
            assertThat(eval("capabilities.pool_name")).isEqualTo("pool1");
            assertThat(eval("capabilities.word")).isEqualTo("its quoted");
            // quotes are removed only after the number conversions failed
            assertThat(eval("capabilities.quoted")).isEqualTo("7");
            assertThat(eval("capabilities.quoted == 7")).isEqualTo(false);
            assertThat(eval("capabilities.quoted == '7'")).isEqualTo(true);
            assertThat(eval("capabilities.infinite")).isEqualTo("infinite");
        }

        @Test
        void quotedLiteralsStayStrings() {
            assertThat(eval("\"7\"")).isEqualTo("7");
            assertThat(eval("\"7\" == 7")).isEqualTo(false);
            assertThat(eval("'inf'")).isEqualTo("inf");
            assertThat(eval("'2.5'")).isEqualTo("2.5");
        }

        @Test
        void bareWordsAreStringsThereAreNoBooleanLiterals() {
            assertThat(eval("foo")).isEqualTo("foo");
            assertThat(eval("True")).isEqualTo("True");
            assertThat(eval("False")).isEqualTo("False");
            assertThat(eval("None")).isEqualTo("None");
            assertThat(eval("extra.tier == gold")).isEqualTo(true);
            assertThat(eval("stats.storage_protocol == iSCSI")).isEqualTo(true);
        }

        @Test
        void bareWordsThatPythonFloatAcceptsAreFloats() {
            assertThat(eval("inf")).isEqualTo(Double.POSITIVE_INFINITY);
            assertThat(eval("-inf")).isEqualTo(Double.NEGATIVE_INFINITY);
            assertThat(eval("Infinity")).isEqualTo(Double.POSITIVE_INFINITY);
            assertThat(eval("INF")).isEqualTo(Double.POSITIVE_INFINITY);
            assertThat((Double) eval("nan")).isNaN();
            assertThat(eval("nan == nan")).isEqualTo(false);
            assertThat(eval("NaN != NaN")).isEqualTo(true);
        }

        @Test
        void dottedWordsThatAreNotVariablesAreStrings() {
            assertThat(eval("a.b.c")).isEqualTo("a.b.c");
            assertThat(eval("a.")).isEqualTo("a.");
            assertThat(eval(".a")).isEqualTo(".a");
        }

        @Test
        void typeErrorsFromIntPropagateUnwrapped() {
            assertPythonError("capabilities.nothing", "TypeError",
                    "int() argument must be a string, a bytes-like object or a real number, not 'NoneType'");
            assertPythonError("stats.cluster_name", "TypeError",
                    "int() argument must be a string, a bytes-like object or a real number, not 'NoneType'");
            assertPythonError("capabilities.protocols == 1", "TypeError",
                    "int() argument must be a string, a bytes-like object or a real number, not 'list'");
            assertPythonError("capabilities.mapping", "TypeError",
                    "int() argument must be a string, a bytes-like object or a real number, not 'dict'");
            assertPythonError("stats.updated", "TypeError",
                    "int() argument must be a string, a bytes-like object or a real number, not 'datetime.datetime'");
        }

        @Test
        void infiniteFloatVariablesOverflowAndNanStaysNan() {
            assertPythonError("capabilities.infinite_float", "OverflowError", "cannot convert float infinity to integer");
            assertThat((Double) eval("capabilities.nan_float")).isNaN();
        }

        /** An embedder's BigDecimal is a Python float (the double it rounds to); other Java ints are ints. */
        @Test
        void javaNumberTypesConvertAsThePythonNumbersTheyStandFor() {
            Map<String, Object> ns = namespaces();
            @SuppressWarnings("unchecked")
            Map<String, Object> capabilities = (Map<String, Object>) ns.get("capabilities");
            capabilities.put("decimal", new java.math.BigDecimal("2.99999999999999999999"));
            capabilities.put("small", 7);
            capabilities.put("single", 2.5f);
            capabilities.put("huge", BigInteger.TEN.pow(400));
            assertThat(eval("capabilities.decimal", ns)).as("int(3.0)").isEqualTo(3L);
            assertThat(eval("capabilities.small * 6", ns)).isEqualTo(42L);
            assertThat(eval("capabilities.single", ns)).isEqualTo(2L);
            assertThat(eval("abs(capabilities.small - 10)", ns)).isEqualTo(3L);
            EvaluatorException e = failure("capabilities.huge * 1.5", ns);
            assertThat(e.pythonType()).isEqualTo("OverflowError");
            assertThat(e.getMessage()).isEqualTo("OverflowError: int too large to convert to float");
        }
    }

    @Nested
    class Ev7Arithmetic {
        @ParameterizedTest(name = "{0} = {1}")
        @CsvSource(delimiter = '|', value = {
            "1 + 2 | 3",
            "1 + 2.5 | 3.5",
            "7 - 10 | -3",
            "6 * 7 | 42",
            "2 ^ 10 | 1024",
            "2 ^ 0.5 | 1.4142135623730951",
            "7 / 2 | 3.5",
            "8 / 4 | 2.0",
            "1 / 3 | 0.3333333333333333",
            "100 * capabilities.free_capacity_gb / capabilities.total_capacity_gb | 51.2",
        })
        void numbers(String text, String pythonRepr) {
            assertThat(Py.repr(eval(text))).isEqualTo(pythonRepr);
        }

        @Test
        void integersGrowBeyondSixtyFourBits() {
            assertThat(eval("9223372036854775807 + 1")).isEqualTo(new BigInteger("9223372036854775808"));
            assertThat(eval("2 ^ 64")).isEqualTo(new BigInteger("18446744073709551616"));
            assertThat(eval("(2 ^ 64) - (2 ^ 64) + 1")).isEqualTo(1L);
            assertThat(eval("0 - 9223372036854775807 - 1")).isEqualTo(Long.MIN_VALUE);
        }

        @Test
        void divisionIsAlwaysTrueDivisionByFloatOfTheRightHandSide() {
            assertThat(eval("4 / '2'")).isEqualTo(2.0);
            assertThat(eval("4 / \" 2.5 \"")).isEqualTo(1.6);
            assertThat(eval("4 / (1 == 1)")).isEqualTo(4.0);
            assertPythonError("4 / 'x'", "ValueError", "could not convert string to float: 'x'");
            assertPythonError("4 / (1, 2)", "TypeError",
                    "float() argument must be a string or a real number, not 'list'");
            assertPythonError("'4' / 2", "TypeError", "unsupported operand type(s) for /=: 'str' and 'float'");
        }

        @Test
        void divisionByZeroIsCindersZeroDivisionError() {
            assertWrapped("1 / 0", "ZeroDivisionError: float division by zero");
            assertWrapped("1 / 0.0", "ZeroDivisionError: float division by zero");
            assertWrapped("0 / (0 - 0.0)", "ZeroDivisionError: float division by zero");
            assertWrapped("capabilities.free_capacity_gb / (volume.size - 10)", "ZeroDivisionError: float division by zero");
        }

        @Test
        void stringsAndListsFollowPython() {
            assertThat(eval("'ab' * 2")).isEqualTo("abab");
            assertThat(eval("2 * 'ab'")).isEqualTo("abab");
            assertThat(eval("'ab' * 0")).isEqualTo("");
            assertThat(eval("'ab' * (1 == 1)")).isEqualTo("ab");
            assertThat(eval("'a' + 'b'")).isEqualTo("ab");
            assertThat(eval("(1, 2) + (3, 4)")).isEqualTo(List.of(1L, 2L, 3L, 4L));
            assertThat(eval("(1, 2) + 'ab'")).isEqualTo(List.of(1L, 2L, "a", "b"));
            assertThat(eval("(1, 2) * 2")).isEqualTo(List.of(1L, 2L, 1L, 2L));
        }

        @Test
        void unaryMinusAndPlusMultiplyByOneOrMinusOne() {
            assertThat(eval("-'abc'")).isEqualTo("");
            assertThat(eval("+'abc'")).isEqualTo("abc");
            assertThat(eval("-(1, 2)")).isEqualTo(List.of());
            assertThat(eval("+(1 == 1)")).isEqualTo(1L);
            assertThat(eval("-(1 == 1)")).isEqualTo(-1L);
            assertThat(eval("-2.5")).isEqualTo(-2.5);
        }

        @Test
        void mixingStringsAndNumbersIsATypeError() {
            assertPythonError("'a' + 1", "TypeError", "can only concatenate str (not \"int\") to str");
            assertPythonError("1 + 'a'", "TypeError", "unsupported operand type(s) for +=: 'int' and 'str'");
            assertPythonError("'2.5' + 1", "TypeError", "can only concatenate str (not \"int\") to str");
            assertPythonError("'a' - 'b'", "TypeError", "unsupported operand type(s) for -=: 'str' and 'str'");
            assertPythonError("'x' * 2.0", "TypeError", "can't multiply sequence by non-int of type 'float'");
            assertPythonError("'x' * 'y'", "TypeError", "can't multiply sequence by non-int of type 'str'");
            assertPythonError("(1, 2) + 3", "TypeError", "'int' object is not iterable");
            assertPythonError("'a' ^ 2", "TypeError", "unsupported operand type(s) for ** or pow(): 'str' and 'int'");
        }

        @Test
        void powerFollowsPython() {
            assertThat(eval("2 ^ (0 - 1)")).isEqualTo(0.5);
            assertThat(eval("(0 - 2) ^ 3")).isEqualTo(-8L);
            assertThat(eval("0 ^ 0")).isEqualTo(1L);
            assertThat(eval("(0 - 8.0) ^ 3")).isEqualTo(-512.0);
            assertThat(eval("10.0 ^ (0 - 400)")).isEqualTo(0.0);
            assertThat(eval("1 ^ nan")).isEqualTo(1.0);
            assertThat(eval("(1 == 1) ^ 5")).isEqualTo(1L);
            assertPythonError("0 ^ (0 - 1)", "ZeroDivisionError", "0.0 cannot be raised to a negative power");
            assertPythonError("10.0 ^ 400", "OverflowError", "(34, 'Numerical result out of range')");
        }

        @Test
        void aComplexResultIsNotSupported() {
            EvaluatorException e = failure("(0 - 8) ^ 0.5");
            assertThat(e.kind()).isEqualTo(EvaluatorException.Kind.UNSUPPORTED);
            assertThat(e.getMessage()).contains("complex");
        }
    }

    @Nested
    class Ev8Not {
        @Test
        void notReturnsABoolean() {
            assertThat(eval("not 0")).isEqualTo(true);
            assertThat(eval("not 5")).isEqualTo(false);
            assertThat(eval("not ''")).isEqualTo(true);
            assertThat(eval("not 'False'")).isEqualTo(false);
            assertThat(eval("not 0.0")).isEqualTo(true);
            assertThat(eval("not (1, 2)")).isEqualTo(false);
            assertThat(eval("not not 7")).isEqualTo(true);
            assertThat(eval("!capabilities.thin_provisioning_support")).isEqualTo(false);
        }
    }

    @Nested
    class Ev9Comparisons {
        @Test
        void resultsAreBooleans() {
            assertThat(eval("volume.size >= 10")).isEqualTo(true);
            assertThat(eval("volume.size < 10")).isEqualTo(false);
            assertThat(eval("1 == 1.0")).isEqualTo(true);
            assertThat(eval("(1 == 1) == 1")).isEqualTo(true);
        }

        @Test
        void comparisonsChainLikePython() {
            assertThat(eval("1 < 2 < 3")).isEqualTo(true);
            assertThat(eval("3 > 2 > 2")).isEqualTo(false);
            assertThat(eval("1 < 2 == 1")).isEqualTo(false);
            assertThat(eval("1 < volume.size <= 10")).isEqualTo(true);
        }

        @Test
        void aChainStopsAtTheFirstFalsePair() {
            assertThat(eval("2 < 1 < 'x'")).isEqualTo(false);
            assertThat(eval("2 < 1 < capabilities.nope")).isEqualTo(false);
            assertWrapped("1 < 2 < capabilities.nope", "KeyError evaluating string");
        }

        @Test
        void integersAndFloatsCompareExactlyAsInPython() {
            assertThat(eval("9007199254740993 == 9007199254740992.0")).isEqualTo(false);
            assertThat(eval("9007199254740993 > 9007199254740992.0")).isEqualTo(true);
            assertThat(eval("9007199254740992.0 < 9007199254740993")).isEqualTo(true);
            assertThat(eval("9223372036854775807 == 9223372036854775808.0")).isEqualTo(false);
            assertThat(eval("9223372036854775808 == 9223372036854775808.0")).isEqualTo(true);
            assertThat(eval("max(9007199254740992.0, 9007199254740993)")).isEqualTo(9007199254740993L);
            assertThat(eval("3 == 3.0")).isEqualTo(true);
            assertThat(eval("1 < inf")).isEqualTo(true);
        }

        @Test
        void angleBracketsMeanNotEqual() {
            assertThat(eval("1 <> 2")).isEqualTo(true);
            assertThat(eval("1 <> 1")).isEqualTo(false);
        }

        @Test
        void stringsCompareByCodePointAndNeverEqualNumbers() {
            assertThat(eval("'B' < 'a'")).isEqualTo(true);
            assertThat(eval("'10' < '9'")).isEqualTo(true);
            assertThat(eval("'5' == 5")).isEqualTo(false);
            assertThat(eval("'5' != 5")).isEqualTo(true);
        }

        @Test
        void orderingAStringAgainstANumberIsATypeError() {
            assertPythonError("'a' < 1", "TypeError", "'<' not supported between instances of 'str' and 'int'");
            assertPythonError("capabilities.infinite >= volume.size", "TypeError",
                    "'>=' not supported between instances of 'str' and 'int'");
        }
    }

    @Nested
    class Ev10ConditionalAndBooleanOperators {
        @Test
        void conditionalEvaluatesOnlyTheChosenBranch() {
            assertThat(eval("1 ? 7 : 1/0")).isEqualTo(7L);
            assertThat(eval("0 ? 1/0 : 7")).isEqualTo(7L);
            assertThat(eval("'False' ? 1 : 2")).isEqualTo(1L);
            assertThat(eval("'' ? 1 : 2")).isEqualTo(2L);
        }

        @Test
        void chainedConditionalsStopAfterTheFirst() {
            assertThat(eval("1 ? 2 : 0 ? 4 : 5")).isEqualTo(2L);
            assertThat(eval("0 ? 2 : 0 ? 4 : 5")).isEqualTo(0L);
            assertThat(eval("0 ? 2 : 1 ? 4 : 5")).isEqualTo(1L);
            assertThat(eval("0 ? 2 : (1 ? 4 : 5)")).isEqualTo(4L);
        }

        @Test
        void andOrReturnAnOperand() {
            assertThat(eval("4 and 0")).isEqualTo(0L);
            assertThat(eval("4 and 7")).isEqualTo(7L);
            assertThat(eval("0 and 7")).isEqualTo(0L);
            assertThat(eval("0 or 7")).isEqualTo(7L);
            assertThat(eval("5 or 7")).isEqualTo(5L);
            assertThat(eval("0 or 0.0")).isEqualTo(0.0);
            assertThat(eval("'' || 'x'")).isEqualTo("x");
        }

        @Test
        void bothOperandsAreAlwaysEvaluated() {
            assertWrapped("0 && 1/0", "ZeroDivisionError: float division by zero");
            assertWrapped("1 || 1/0", "ZeroDivisionError: float division by zero");
            assertWrapped("1/0 && 1", "ZeroDivisionError: float division by zero");
        }

        @Test
        void chainsOfThreeOrMoreEvaluateOnlyTheFirstTwo() {
            assertThat(eval("1 and 2 and 0")).isEqualTo(2L);
            assertThat(eval("1 && 2 && 1/0")).isEqualTo(2L);
            assertThat(eval("0 || 0 || 5")).isEqualTo(0L);
            assertThat(eval("0 || 0 || capabilities.nope || 1")).isEqualTo(0L);
            assertThat(eval("(1 && 2) && 0")).isEqualTo(0L);
        }
    }

    @Nested
    class Ev11Commas {
        @Test
        void commasBuildAFlatList() {
            assertThat(eval("4, 5, 6")).isEqualTo(List.of(4L, 5L, 6L));
            assertThat(eval("volume.size, extra.tier")).isEqualTo(List.of(10L, "gold"));
        }

        @Test
        void aListOnTheRightIsFlattenedOneLevelOnTheLeftItIsNot() {
            assertThat(eval("1, (2, 3)")).isEqualTo(List.of(1L, 2L, 3L));
            assertThat(eval("(1, 2), 3")).isEqualTo(List.of(List.of(1L, 2L), 3L));
            assertThat(eval("(1, 2), (3, 4)")).isEqualTo(List.of(List.of(1L, 2L), 3L, 4L));
            assertThat(eval("1, (2, (3, 4))")).isEqualTo(List.of(1L, 2L, 3L, 4L));
            assertThat(eval("1, ((2, 3), 4)")).isEqualTo(List.of(1L, List.of(2L, 3L), 4L));
        }

        @Test
        void resultListsAreFreshAndMutable() {
            Object first = eval("1, 2");
            assertThat(first).isInstanceOf(ArrayList.class);
            @SuppressWarnings("unchecked")
            List<Object> list = (List<Object>) first;
            list.add(3L);
            assertThat(eval("1, 2")).isEqualTo(List.of(1L, 2L));
        }
    }

    @Nested
    class Ev12Functions {
        @Test
        void absMaxMin() {
            assertThat(eval("abs(0 - 3)")).isEqualTo(3L);
            assertThat(eval("abs(-3)")).isEqualTo(3L);
            assertThat(eval("abs(-2.5)")).isEqualTo(2.5);
            assertThat(eval("abs(1 == 1)")).isEqualTo(1L);
            assertThat(eval("max(1, 2)")).isEqualTo(2L);
            assertThat(eval("max(3, 9, 4)")).isEqualTo(9L);
            assertThat(eval("min(3, 9, 4)")).isEqualTo(3L);
            assertThat(eval("max(volume.size, capabilities.free_capacity_gb)")).isEqualTo(512L);
            assertThat(eval("max(1 == 1, 0)")).isEqualTo(true);
            assertThat(eval("max(1, 1.0)")).isEqualTo(1L);
        }

        @Test
        void aListArgumentIsSpreadAnythingElseIsOneArgument() {
            assertPythonError("min(7)", "TypeError", "'int' object is not iterable");
            assertPythonError("max(2.5)", "TypeError", "'float' object is not iterable");
            assertPythonError("abs((1, 2))", "TypeError", "abs() takes exactly one argument (2 given)");
            assertPythonError("max(-(1, 2))", "TypeError", "max expected at least 1 argument, got 0");
            // a single string argument is iterated, as by Python's max
            assertThat(eval("max('abc')")).isEqualTo("c");
            assertThat(eval("min('abc')")).isEqualTo("a");
            assertPythonError("min('')", "ValueError", "min() arg is an empty sequence");
        }

        @Test
        void functionErrorsFollowPython() {
            assertPythonError("abs('x')", "TypeError", "bad operand type for abs(): 'str'");
            assertPythonError("abs(True)", "TypeError", "bad operand type for abs(): 'str'");
            assertPythonError("max(1, 'a')", "TypeError", "'>' not supported between instances of 'str' and 'int'");
            assertPythonError("min(1, 'a')", "TypeError", "'<' not supported between instances of 'str' and 'int'");
        }

        @Test
        void anyOtherFunctionNameIsAKeyError() {
            assertPythonError("foo(3)", "KeyError", "'foo'");
            assertPythonError("round(2.5)", "KeyError", "'round'");
            assertPythonError("Max(1, 2)", "KeyError", "'Max'");
        }
    }

    @Nested
    class Ev13ResultTypes {
        @Test
        void resultsAreIntFloatBoolStringOrList() {
            assertThat(eval("1")).isInstanceOf(Long.class);
            assertThat(eval("2 ^ 100")).isInstanceOf(BigInteger.class);
            assertThat(eval("1.5")).isInstanceOf(Double.class);
            assertThat(eval("1 < 2")).isInstanceOf(Boolean.class);
            assertThat(eval("x")).isInstanceOf(String.class);
            assertThat(eval("1, 2")).isInstanceOf(List.class);
        }

        @Test
        void theSameExpressionEvaluatesAgainstDifferentNamespaces() throws EvaluatorException {
            Expression e = Expression.parse("capabilities.free_capacity_gb >= volume.size * 2");
            Map<String, Object> small = new HashMap<>();
            small.put("capabilities", Map.of("free_capacity_gb", 15.9));
            small.put("volume", Map.of("size", 8L));
            Map<String, Object> large = new HashMap<>(small);
            large.put("capabilities", Map.of("free_capacity_gb", 16.0));
            assertThat(e.evaluate(Namespaces.of(small))).isEqualTo(false);
            assertThat(e.evaluate(Namespaces.of(large))).isEqualTo(true);
            assertThat(e.text()).isEqualTo("capabilities.free_capacity_gb >= volume.size * 2");
            assertThat(e).hasToString(e.text());
        }
    }
}
