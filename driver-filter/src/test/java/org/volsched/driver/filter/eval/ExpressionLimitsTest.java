package org.volsched.driver.filter.eval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.volsched.driver.filter.eval.EvalSupport.eval;
import static org.volsched.driver.filter.eval.EvalSupport.failure;

import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.volsched.python.PyNumbers;

/** Hostile texts: every one fails with a clear exception, quickly, and never overflows the stack. */
@Timeout(60)
class ExpressionLimitsTest {

    private static EvaluatorException limit(String text) {
        EvaluatorException e = catchThrowableOfType(EvaluatorException.class, () -> Expression.parse(text));
        assertThat(e).as("limit for a text of %s characters", text.length()).isNotNull();
        assertThat(e.kind()).isEqualTo(EvaluatorException.Kind.LIMIT);
        assertThat(e.pythonType()).isEqualTo(EvaluatorException.NOT_A_PYTHON_ERROR);
        return e;
    }

    @Test
    void hundredThousandNestedParentheses() {
        String text = "(".repeat(100_000) + "1" + ")".repeat(100_000);
        assertThat(limit(text).getMessage()).isEqualTo("expression longer than 65536 characters");
        String shorter = "(".repeat(20_000) + "1" + ")".repeat(20_000);
        EvaluatorException e = limit(shorter);
        assertThat(e.getMessage()).isEqualTo("expression nests deeper than 100 levels (at char 100)");
        assertThat(e.position()).isEqualTo(100);
    }

    @Test
    void unclosedParenthesesToo() {
        assertThat(limit("(".repeat(50_000)).getMessage()).startsWith("expression nests deeper than 100 levels");
    }

    @Test
    void longChainsOfPrefixOperators() {
        assertThat(limit("-".repeat(100_000) + "1").getMessage()).isEqualTo("expression longer than 65536 characters");
        assertThat(limit("-".repeat(60_000) + "1").getMessage()).startsWith("expression nests deeper than 100 levels");
        assertThat(limit("not ".repeat(10_000) + "1").getMessage()).startsWith("expression nests deeper than 100 levels");
        assertThat(limit("!".repeat(10_000) + "1").getMessage()).startsWith("expression nests deeper than 100 levels");
        assertThat(limit("abs ".repeat(10_000) + "1").getMessage()).startsWith("expression nests deeper than 100 levels");
        assertThat(limit("2^".repeat(10_000) + "1").getMessage()).startsWith("expression nests deeper than 100 levels");
        assertThat(limit("1,".repeat(10_000) + "1").getMessage()).startsWith("expression nests deeper than 100 levels");
    }

    @Test
    void theDeepestAcceptedNestingParsesAndEvaluatesOnHalfTheDefaultStack() throws Exception {
        int depth = Expression.MAX_DEPTH;
        String nested = "(".repeat(depth - 1) + "-1" + ")".repeat(depth - 1);
        String mixed = "abs(".repeat(depth / 2) + "1" + ")".repeat(depth / 2);
        String everyLevel = "(".repeat(depth - 1) + "1 + 2 * 3 ^ 2 < 4 ? 5 : 6 && 7 || 8, 9" + ")".repeat(depth - 1);
        AtomicReference<Object> results = new AtomicReference<>();
        AtomicReference<Throwable> error = new AtomicReference<>();
        Thread thread = new Thread(null, () -> {
            try {
                results.set(List.of(Expression.parse(nested).evaluate(Namespaces.empty()),
                        Expression.parse(mixed).evaluate(Namespaces.empty()),
                        Expression.parse(everyLevel).evaluate(Namespaces.empty())));
            } catch (Throwable t) {
                error.set(t);
            }
        }, "small-stack", 512 * 1024);
        thread.start();
        thread.join();
        assertThat(error.get()).isNull();
        assertThat(results.get()).isEqualTo(List.of(-1L, 1L, List.of(7L, 9L)));
        assertThat(limit("(".repeat(depth + 1) + "1" + ")".repeat(depth + 1)).kind())
                .isEqualTo(EvaluatorException.Kind.LIMIT);
    }

    @Test
    void longLeftAssociativeChainsAreNotNesting() {
        String sum = "1" + " + 1".repeat(10_000);
        assertThat(eval(sum)).isEqualTo(10_001L);
        String and = "1" + " && 1".repeat(10_000);
        assertThat(eval(and)).isEqualTo(1L);
    }

    @Test
    void hugeNumericLiteral() {
        EvaluatorException e = limit("1".repeat(10_000));
        assertThat(e.getMessage()).isEqualTo("numeric literal longer than 4300 digits (at char 0)");
        assertThat(limit("1 + " + "9".repeat(5_000) + ".5").position()).isEqualTo(4);
        assertThat(eval("9".repeat(4_300) + " > 1")).isEqualTo(true);
    }

    @Test
    void veryLongString() {
        String text = "'" + "x".repeat(1 << 20) + "'";
        EvaluatorException e = limit(text);
        assertThat(e.getMessage()).isEqualTo("expression longer than 65536 characters");
        assertThat(e.position()).isEqualTo(Expression.MAX_LENGTH);
        assertThat(eval("'" + "x".repeat(60_000) + "'")).asString().hasSize(60_000);
    }

    @Test
    void hugeRepetitionsAreBounded() {
        EvaluatorException e = failure("'ab' * 100000000");
        assertThat(e.kind()).isEqualTo(EvaluatorException.Kind.LIMIT);
        assertThat(e.getMessage()).isEqualTo("string or list longer than 1048576 elements");
        assertThat(failure("(1, 2) * 100000000").kind()).isEqualTo(EvaluatorException.Kind.LIMIT);
        assertThat(eval("'ab' * 1000")).asString().hasSize(2000);
        // Python's own errors come first when it would raise them
        EvalSupport.assertPythonError("'ab' * 9223372036854775807", "OverflowError", "repeated string is too long");
        EvalSupport.assertPythonError("'ab' * (2 ^ 70)", "OverflowError",
                "cannot fit 'int' into an index-sized integer");
    }

    @Test
    void hugeIntegersAreBounded() {
        assertThat(failure("9 ^ 9 ^ 9").kind()).isEqualTo(EvaluatorException.Kind.LIMIT);
        assertThat(failure("2 ^ 100000").getMessage()).isEqualTo("integer result larger than 65536 bits");
        assertThat(failure("(2 ^ 40000) * (2 ^ 40000)").kind()).isEqualTo(EvaluatorException.Kind.LIMIT);
        assertThat(eval("2 ^ 65535")).isEqualTo(java.math.BigInteger.ONE.shiftLeft(65535));
        assertThat(eval("1 ^ 99999999999999999999")).isEqualTo(1L);
        assertThat(eval("(0 - 1) ^ 99999999999999999999")).isEqualTo(-1L);
        assertThat(eval("0 ^ 99999999999999999999")).isEqualTo(0L);
    }

    /**
     * Converting a variable's value is a few single passes over its text, except Python's int(), which
     * is quadratic (BigInteger) and so refuses more than {@link PyNumbers#INT_MAX_STR_DIGITS} digits, as
     * Python does: a longer digit string is read by float() instead. So conversion is linear in the
     * value's length; what the test checks deterministically is that a huge value never reaches int().
     */
    @Test
    void hugeVariableValuesAreConvertedWithoutQuadraticIntegerParsing() {
        String digits = "7".repeat(1_000_000);
        Map<String, Object> ns = Map.of("capabilities", Map.of("big", digits, "text", "x".repeat(1_000_000) + "'"));
        assertThat(PyNumbers.parseInt(digits)).as("int() refuses it").isNull();
        assertThat(PyNumbers.parseInt("7".repeat(PyNumbers.INT_MAX_STR_DIGITS))).isNotNull();
        assertThat(PyNumbers.parseInt("7".repeat(PyNumbers.INT_MAX_STR_DIGITS + 1))).isNull();
        assertThat(eval("capabilities.big", ns)).isEqualTo(Double.POSITIVE_INFINITY);
        assertThat(eval("capabilities.text", ns)).asString().hasSize(1_000_000);
    }

    /** The parse's work at n and 2n: linear work at most doubles (a quadratic parse would quadruple). */
    private static void assertLinear(java.util.function.IntFunction<String> text, int n) {
        long once = Parser.work(text.apply(n));
        long twice = Parser.work(text.apply(2 * n));
        assertThat(once).as("work at n = %s", n).isPositive();
        assertThat(twice).as("work at 2n = %s against %s at n = %s", 2 * n, once, n).isLessThanOrEqualTo(2 * once);
    }

    @Test
    void pathologicalBacktrackingIsLinear() {
        // every "not (" could be a negation or a function call; a failure at the end must not re-parse
        String text = "not (".repeat(49) + "1 +";
        EvalSupport.parseFailure(text);
        assertLinear(n -> "not (".repeat(n) + "1 +", 24);
        String words = "a ".repeat(30_000) + "(";
        EvaluatorException e = catchThrowableOfType(EvaluatorException.class, () -> Expression.parse(words));
        assertThat(e.kind()).isEqualTo(EvaluatorException.Kind.LIMIT);
        assertLinear(n -> "a ".repeat(n) + "(", 40);
        String pairs = "1" + " + (2".repeat(40) + " +" + ")".repeat(40);
        EvalSupport.parseFailure(pairs);
        assertLinear(n -> "1" + " + (2".repeat(n) + " +" + ")".repeat(n), 20);
    }
}
