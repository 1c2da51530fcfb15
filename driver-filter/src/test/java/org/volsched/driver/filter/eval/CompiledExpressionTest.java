package org.volsched.driver.filter.eval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The compiled evaluator on the quirks of section 12, against the interpreter and known values. */
class CompiledExpressionTest {

    /** Evaluates both ways; asserts the same value (type included) or the same failure; returns the value. */
    private static Object both(String text, Map<String, Object> ns) {
        Expression e;
        try {
            e = Expression.parse(text);
        } catch (EvaluatorException ex) {
            throw new AssertionError(text + " does not parse", ex);
        }
        Namespaces namespaces = Namespaces.of(ns);
        Object expected = null;
        EvaluatorException expectedError = null;
        try {
            expected = e.evaluate(namespaces);
        } catch (EvaluatorException ex) {
            expectedError = ex;
        }
        if (expectedError != null) {
            EvaluatorException actual = catchThrowableOfType(EvaluatorException.class,
                    () -> e.compiled().evaluate(namespaces));
            assertThat(actual).as(text).isNotNull();
            assertThat(actual.getMessage()).as(text).isEqualTo(expectedError.getMessage());
            assertThat(actual.pythonType()).as(text).isEqualTo(expectedError.pythonType());
            return expectedError;
        }
        Object actual;
        try {
            actual = e.compiled().evaluate(namespaces);
        } catch (EvaluatorException ex) {
            throw new AssertionError(text + " failed compiled, not interpreted", ex);
        }
        assertThat(actual).as(text).isEqualTo(expected);
        assertThat(actual.getClass()).as(text).isEqualTo(expected.getClass());
        return actual;
    }

    private static boolean fast(String text, Map<String, Object> ns) throws EvaluatorException {
        CompiledExpression c = Expression.parse(text).compiled();
        Namespaces namespaces = Namespaces.of(ns);
        return c.evaluate(CompiledExpression.newFrame(), c.candidateOperands(namespaces),
                c.requestOperands(namespaces));
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "0.5 * (0 * -3)", "-0 * 1.0", "1.0 * -0", "-0.0", "0 - 0.0", "-(0 * 1.5)",
        "2 ^ 52", "2 ^ 52 + 1", "9007199254740990 + 1", "3 ^ 2 ^ 2", "2 ^ (0 - 1)", "(0 - 2) ^ 3", "-3 ^ 2",
        "max(1, 2.0, (1 < 2))", "max(1, (1 < 2))", "min((1 < 2), 1)", "max(nan, 1)", "max(1, nan)", "abs(0 - 3)", "abs(1 < 2)",
        "abs(0 - 2.5)", "not 3 == 1", "not (3 == 1)", "4 and 0", "4 and 7", "0 or 2.5", "0.0 or 0", "1 and 2 and 0",
        "1 ? 2 : 3 ? 4 : 5", "0 ? 2 : 3", "nan == nan", "nan != nan", "nan ? 1 : 2", "nan < 1", "inf > 10 ^ 15",
        "1 < 2 < 3", "3 > 2 > 2", "(1 < 2) + 1", "(1 < 2) * 2.5", "-(1 < 2)", "+(1 < 2)", "(1 < 2)", "!0", "!nan",
        "7 / 2", "8 / 2", "1 == 1.0", "1 <> 1", "capabilities.free_capacity_gb", "capabilities.count_str + 1",
        "capabilities.total_capacity_gb / stats.total_capacity_gb * 100", "stats.QoS_support + 1",
        "capabilities.thin_provisioning_support", "capabilities.nan_float", "capabilities.underscored * 2",
        "volume.size <= 4096 and stats.total_capacity_gb >= 1000", "100 - stats.allocated_capacity_gb / 3",
        "extra.min_iops * 2", "qos.maxIOPS > 100",
    })
    void fastPathMatchesTheInterpreter(String text) throws EvaluatorException {
        both(text, EvalSupport.namespaces());
        assertThat(fast(text, EvalSupport.namespaces())).as("fast path for %s", text).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "2 ^ 60", "2 ^ 53 + 1", "9007199254740991 + 1", "max(1, True)", "abs(True)", "1 / 0", "1 / (0 * -3)", "0 ^ (0 - 1)", "(0 - 2) ^ 0.5", "2 ^ 70", "99999999999999999999 - 1", "max(7)",
        "abs(1, 2)", "foo(1)", "1, 2", "max((1, 2), 3)", "'a' + 'b'", "volume.size * 'ab'", "'7' == 7", "foo",
        "True", "capabilities.word", "capabilities.nothing + 1", "capabilities.infinite_float", "capabilities.protocols",
        "capabilities.mapping", "capabilities.infinite < 1", "stats.updated", "stats.missing", "nope.x",
        "volume.size and stats.total_capacity_gb", "capabilities.nothing ? 1 : 2", "1 ? 2 : capabilities.nothing",
        "0 ? capabilities.nothing : 2", "a.b.c",
    })
    void everythingElseIsTheInterpreters(String text) throws EvaluatorException {
        both(text, EvalSupport.namespaces());
    }

    @Test
    void unchosenBranchesDoNotStopTheFastPath() throws EvaluatorException {
        assertThat(both("1 ? 2 : capabilities.nothing", EvalSupport.namespaces())).isEqualTo(2L);
        assertThat(fast("1 ? 2 : capabilities.nothing", EvalSupport.namespaces())).isTrue();
        assertThat(fast("0 ? 2 : capabilities.nothing", EvalSupport.namespaces())).isFalse();
    }

    @Test
    void variablesAreSplitIntoCandidateAndRequestOnes() throws EvaluatorException {
        CompiledExpression c = Expression.parse(
                "volume.size + stats.a + capabilities.b + volume.size + extra.c + qos.d + stats.a").compiled();
        assertThat(c.candidateVariables()).isEqualTo(2);
        assertThat(c.requestVariables()).isEqualTo(3);
        assertThat(c.candidateOnly()).isFalse();
        assertThat(Expression.parse("stats.a * capabilities.b").compiled().candidateOnly()).isTrue();
    }

    @Test
    void requestOperandsAreEqualExactlyWhenTheConvertedValuesAre() throws EvaluatorException {
        CompiledExpression c = Expression.parse("volume.size + extra.n").compiled();
        CompiledExpression.Operands a = c.requestOperands(Namespaces.of(Map.of("volume", Map.of("size", 10L),
                "extra", Map.of("n", "7"))));
        CompiledExpression.Operands b = c.requestOperands(Namespaces.of(Map.of("volume", Map.of("size", 10.9),
                "extra", Map.of("n", 7L))));
        CompiledExpression.Operands other = c.requestOperands(Namespaces.of(Map.of("volume", Map.of("size", 11L),
                "extra", Map.of("n", 7L))));
        CompiledExpression.Operands missing = c.requestOperands(Namespaces.of(Map.of("volume", Map.of("size", 10L),
                "extra", Map.of())));
        assertThat(a).isEqualTo(b).hasSameHashCodeAs(b);
        assertThat(a).isNotEqualTo(other).isNotEqualTo(missing);
    }
}
