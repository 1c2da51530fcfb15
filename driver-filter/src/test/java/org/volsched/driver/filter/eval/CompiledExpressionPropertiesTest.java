package org.volsched.driver.filter.eval;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import net.jqwik.api.statistics.Statistics;
import net.jqwik.api.statistics.StatisticsReport;
import net.jqwik.api.statistics.StatisticsReport.StatisticsReportMode;

/**
 * The compiled evaluator against the exact interpreter: for generated expressions (every operator,
 * function, literal kind and quirk of the grammar) and generated variable values (ints around
 * 2<sup>53</sup> and beyond 64 bits, floats with NaN, infinities and -0.0, booleans, numeric and
 * other strings, None, lists, missing keys, a qos that is not a mapping), both must return a value
 * of the same type and the same value, or fail with the same exception and message. The coverage
 * check makes sure the fast path, not only the fallback, is what is being compared.
 */
class CompiledExpressionPropertiesTest {
    private static final List<String> VARIABLES = List.of("stats.a", "stats.b", "capabilities.x", "capabilities.y",
            "volume.size", "extra.n", "qos.q", "volume.missing", "capabilities.missing", "nope.k");

    @Property(tries = 3000)
    @StatisticsReport(StatisticsReportMode.OFF)
    void compiledEvaluationIsTheInterpreters(@ForAll("expressions") String text, @ForAll("namespaces") Map<String, Object> ns) {
        Expression expression;
        try {
            expression = Expression.parse(text);
        } catch (EvaluatorException e) {
            Statistics.label("path").collect("parse error");
            return;
        }
        Namespaces namespaces = Namespaces.of(ns);
        Object expected = null;
        EvaluatorException expectedError = null;
        try {
            expected = expression.evaluate(namespaces);
        } catch (EvaluatorException e) {
            expectedError = e;
        }
        Object actual = null;
        EvaluatorException actualError = null;
        try {
            actual = expression.compiled().evaluate(namespaces);
        } catch (EvaluatorException e) {
            actualError = e;
        }
        CompiledExpression compiled = expression.compiled();
        boolean fast = compiled.evaluate(CompiledExpression.newFrame(), compiled.candidateOperands(namespaces),
                compiled.requestOperands(namespaces));
        Statistics.label("path").collect(fast ? "fast" : "interpreter");

        if (expectedError != null) {
            assertThat(fast).as("fast path decided %s where the interpreter fails", text).isFalse();
            assertThat(actualError).as("%s with %s", text, ns).isNotNull();
            assertThat(actualError.kind()).isEqualTo(expectedError.kind());
            assertThat(actualError.pythonType()).isEqualTo(expectedError.pythonType());
            assertThat(actualError.getMessage()).isEqualTo(expectedError.getMessage());
        } else {
            assertThat(actualError).as("%s with %s", text, ns).isNull();
            assertThat(actual).as("%s with %s", text, ns).isNotNull();
            assertThat(actual.getClass()).as("type of %s with %s", text, ns).isEqualTo(expected.getClass());
            assertThat(actual).as("%s with %s", text, ns).isEqualTo(expected);
        }
        Statistics.label("fast path").collect(fast);
        Statistics.label("fast path").coverage(checker -> checker.check(true).percentage(p -> p > 12));
    }

    @Property(tries = 2000)
    @StatisticsReport(StatisticsReportMode.OFF)
    void numericExpressionsMostlyTakeTheFastPathAndAgree(@ForAll("numericExpressions") String text,
                                                         @ForAll("numericNamespaces") Map<String, Object> ns) {
        Expression expression;
        try {
            expression = Expression.parse(text);
        } catch (EvaluatorException e) {
            return;
        }
        Namespaces namespaces = Namespaces.of(ns);
        CompiledExpression compiled = expression.compiled();
        CompiledExpression.Frame frame = CompiledExpression.newFrame();
        boolean fast = compiled.evaluate(frame, compiled.candidateOperands(namespaces),
                compiled.requestOperands(namespaces));
        Object expected;
        try {
            expected = expression.evaluate(namespaces);
        } catch (EvaluatorException e) {
            assertThat(fast).as("fast path decided %s where the interpreter fails with %s", text, e).isFalse();
            Statistics.label("fast path").collect("interpreter fails");
            return;
        }
        if (fast) {
            Object actual = frame.boxed();
            assertThat(actual.getClass()).as("type of %s with %s", text, ns).isEqualTo(expected.getClass());
            assertThat(actual).as("%s with %s", text, ns).isEqualTo(expected);
        }
        Statistics.label("fast path").collect(fast ? "fast" : "gave up");
        Statistics.label("fast path").coverage(checker -> checker.check("fast").percentage(p -> p > 40));
    }

    // ------------------------------------------------------------------ generators

    @Provide
    Arbitrary<String> expressions() {
        return expression(4, atom());
    }

    @Provide
    Arbitrary<String> numericExpressions() {
        Arbitrary<String> atom = Arbitraries.frequencyOf(
                Tuple.of(3, Arbitraries.of("0", "1", "2", "3", "7", "10", "100", "4096", "0.5", "2.5", "100.0",
                        "9007199254740991", "94906265", "inf", "nan", "(0 * -3)", "-0", "-0.0", "(3 - 3)")),
                Tuple.of(4, Arbitraries.of("stats.a", "stats.b", "capabilities.x", "capabilities.y", "volume.size",
                        "extra.n")));
        return expression(4, atom);
    }

    private Arbitrary<String> atom() {
        return Arbitraries.frequencyOf(
                Tuple.of(3, Arbitraries.of("0", "1", "2", "3", "7", "10", "100", "4096", "0.5", "2.5", "100.0",
                        "9007199254740991", "9007199254740993", "99999999999999999999", "94906265")),
                Tuple.of(5, Arbitraries.of(VARIABLES)),
                Tuple.of(1, Arbitraries.of("foo", "True", "inf", "nan", "Infinity", "a.b.c")),
                Tuple.of(1, Arbitraries.of("'7'", "\"x\"", "'ab'", "''", "'2.5'")));
    }

    private Arbitrary<String> expression(int depth, Arbitrary<String> atom) {
        if (depth == 0) {
            return atom;
        }
        Arbitrary<String> sub = Arbitraries.lazy(() -> expression(depth - 1, atom));
        Arbitrary<String> binary = Combinators.combine(sub, Arbitraries.of("+", "-", "*", "/", "^", "<", "<=", ">",
                        ">=", "==", "!=", "<>", "and", "&&", "or", "||", ","), sub)
                .as((a, op, b) -> a + " " + op + " " + b);
        Arbitrary<String> chain = Combinators.combine(sub, Arbitraries.of("<", "<=", "==", "!=", ">"), sub,
                        Arbitraries.of("<", ">=", "=="), sub)
                .as((a, op1, b, op2, c) -> a + " " + op1 + " " + b + " " + op2 + " " + c);
        Arbitrary<String> unary = Combinators.combine(Arbitraries.of("-", "+", "not ", "!", "- -"), sub)
                .as((op, a) -> op + a);
        Arbitrary<String> parenthesised = sub.map(a -> "(" + a + ")");
        Arbitrary<String> conditional = Combinators.combine(sub, sub, sub).as((c, a, b) -> c + " ? " + a + " : " + b);
        Arbitrary<String> function = Combinators.combine(Arbitraries.of("abs", "max", "min", "foo"), sub)
                .as((f, a) -> f + "(" + a + ")");
        Arbitrary<String> function2 = Combinators.combine(Arbitraries.of("max", "min", "abs"), sub, sub)
                .as((f, a, b) -> f + "(" + a + ", " + b + ")");
        return Arbitraries.frequencyOf(
                Tuple.of(3, atom),
                Tuple.of(5, binary),
                Tuple.of(1, chain),
                Tuple.of(1, unary),
                Tuple.of(2, parenthesised),
                Tuple.of(1, conditional),
                Tuple.of(1, function),
                Tuple.of(1, function2));
    }

    @Provide
    Arbitrary<Map<String, Object>> namespaces() {
        return namespaces(value());
    }

    @Provide
    Arbitrary<Map<String, Object>> numericNamespaces() {
        return namespaces(Arbitraries.frequencyOf(
                Tuple.of(4, Arbitraries.longs().between(-1000, 1000).map(l -> (Object) l)),
                Tuple.of(2, Arbitraries.of(0L, 1L, 2L, 94906265L, 94906267L, 9007199254740991L, 4096L)),
                Tuple.of(2, Arbitraries.of(512.9, -0.0, 0.0, 2.5, -7.9, 1e15, Double.NaN)),
                Tuple.of(1, Arbitraries.of(true, false)),
                Tuple.of(1, Arbitraries.of("7", " 2.5 ", "nan", "-0.0", "1_000"))));
    }

    private Arbitrary<Map<String, Object>> namespaces(Arbitrary<Object> value) {
        return Combinators.combine(value.list().ofSize(7), Arbitraries.integers().between(0, 9))
                .as((values, shape) -> {
                    Map<String, Object> stats = new LinkedHashMap<>();
                    stats.put("a", values.get(0));
                    stats.put("b", values.get(1));
                    Map<String, Object> capabilities = new LinkedHashMap<>();
                    capabilities.put("x", values.get(2));
                    capabilities.put("y", values.get(3));
                    Map<String, Object> volume = new LinkedHashMap<>();
                    volume.put("size", values.get(4));
                    Map<String, Object> extra = new LinkedHashMap<>();
                    extra.put("n", values.get(5));
                    Map<String, Object> ns = new HashMap<>();
                    ns.put("stats", stats);
                    ns.put("capabilities", capabilities);
                    ns.put("volume", volume);
                    ns.put("extra", extra);
                    if (shape == 0) {
                        ns.put("qos", null);
                    } else {
                        Map<String, Object> qos = new HashMap<>();
                        qos.put("q", values.get(6));
                        ns.put("qos", qos);
                    }
                    return ns;
                });
    }

    private Arbitrary<Object> value() {
        return Arbitraries.frequencyOf(
                Tuple.of(4, Arbitraries.longs().between(-1000, 1000).map(l -> (Object) l)),
                Tuple.of(2, Arbitraries.of(9007199254740991L, 9007199254740992L, 9007199254740993L, Long.MAX_VALUE,
                        Long.MIN_VALUE, -9007199254740993L, 94906267L)),
                Tuple.of(3, Arbitraries.of(512.9, -0.0, 0.0, Double.NaN, Double.POSITIVE_INFINITY,
                        Double.NEGATIVE_INFINITY, 1e300, -2.5, 0.1, 9.5e18)),
                Tuple.of(1, Arbitraries.of(true, false)),
                Tuple.of(2, Arbitraries.of("7", " 2.5 ", "abc", "'5'", "inf", "nan", "1_000", "", "-0.0",
                        "99999999999999999999", "True")),
                Tuple.of(1, Arbitraries.of(new BigInteger("123456789012345678901234567890"),
                        BigInteger.valueOf(42)).map(b -> (Object) b)),
                Tuple.of(1, Arbitraries.just(new ArrayList<>(List.of(1L, 2L))).map(l -> (Object) l)),
                Tuple.of(1, Arbitraries.just("null").map(s -> (Object) null)));
    }
}
