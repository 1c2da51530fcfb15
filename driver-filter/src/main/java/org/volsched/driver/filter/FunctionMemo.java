package org.volsched.driver.filter;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import org.volsched.driver.filter.eval.CompiledExpression;
import org.volsched.driver.filter.eval.EvaluatorException;
import org.volsched.driver.filter.eval.Expression;
import org.volsched.spi.model.PoolState;

/**
 * The results of one kind of driver function ({@code filter_function} for DriverFilter,
 * {@code goodness_function} for GoodnessWeigher) remembered per pool state, so that a decision
 * evaluates a function only for pool states it has not met with the same request operands.
 *
 * <p>A result is a pure function of the pool state (immutable: a report or a consumption makes a
 * new one), which fixes the function text and the {@code stats}/{@code capabilities} values, and
 * of the request operands the expression reads ({@code volume.size}, {@code extra.*}, …, after rule
 * EV6's conversion; see {@link CompiledExpression#requestOperands}). So the memo keeps, per pool
 * slot, the state it was computed for (compared by identity) and the interned request operands
 * (compared by identity too: equal operands of one expression are interned to one object). Nothing
 * else goes in: a hit returns exactly what evaluating again would.
 *
 * <p>On a miss the function is evaluated by the compiled fast path when its operands are plain
 * numbers, else by the exact interpreter (and always by the interpreter for the protocol variants
 * of rule DF3). The candidate operands (the pool's variables, resolved and converted) are kept with
 * the entry, so a new request only re-runs the compiled tree.
 *
 * <p>Thread-safe: entries are immutable and published through an array slot; two threads missing
 * on one slot both compute the same result and the last write wins.
 */
final class FunctionMemo {
    /** Interned request operands beyond this count are dropped (then merely recomputed). */
    private static final int MAX_BINDINGS = 4096;

    /** How a component turns an evaluation into its number (a 1/0 verdict, a rating). */
    interface Judge {
        /** The number for a value the fast path computed. */
        double fromFast(CompiledExpression.Frame frame);

        /** The number for the interpreter's outcome; warnings to log with every use go to {@code warnings}. */
        double fromOutcome(PoolState pool, String text, FunctionEvaluation.Outcome outcome, List<String> warnings);

        /** The number for a pool that reports no function. */
        double withoutFunction();
    }

    /** Reads a pool's function text ({@code str()} of the capability, or null). */
    interface TextOf {
        String of(PoolState pool);
    }

    /** What is remembered for one pool state. Immutable. */
    private static final class Entry {
        final PoolState state;
        /** The function text; null when the pool has none. */
        final String text;
        final Expression expression;
        /** {@code expression.compiled()}, or null when there is no expression. */
        final CompiledExpression compiled;
        final EvaluatorException parseFailure;
        final List<?> variants;
        final CompiledExpression.Operands candidate;
        /** The interned request operands {@link #result} was computed with; null when none yet. */
        final CompiledExpression.Operands request;
        final double result;
        final String[] warnings;

        Entry(PoolState state, String text, Expression expression, EvaluatorException parseFailure,
              List<?> variants, CompiledExpression.Operands candidate, CompiledExpression.Operands request,
              double result, String[] warnings) {
            this.state = state;
            this.text = text;
            this.expression = expression;
            this.compiled = expression == null ? null : expression.compiled();
            this.parseFailure = parseFailure;
            this.variants = variants;
            this.candidate = candidate;
            this.request = request;
            this.result = result;
            this.warnings = warnings;
        }

        Entry with(CompiledExpression.Operands newRequest, double newResult, String[] newWarnings) {
            return new Entry(state, text, expression, parseFailure, variants, candidate, newRequest, newResult,
                    newWarnings);
        }
    }

    private record BindingKey(CompiledExpression expression, CompiledExpression.Operands operands) {
    }

    private final Judge judge;
    private final TextOf textOf;
    private volatile Entry[] entries = new Entry[0];
    private final ConcurrentHashMap<BindingKey, CompiledExpression.Operands> bindings = new ConcurrentHashMap<>();

    FunctionMemo(Judge judge, TextOf textOf) {
        this.judge = judge;
        this.textOf = textOf;
    }

    /**
     * The work of one request (one predicate, one weighing): single-threaded. The namespaces must
     * be the component's for that request (DriverFilter's and GoodnessWeigher's differ, rules DF1
     * and W12), and one memo must only ever see one component's namespaces.
     */
    Session session(PoolNamespaces namespaces) {
        return new Session(namespaces);
    }

    private Entry entry(int slot) {
        Entry[] a = entries;
        return slot >= 0 && slot < a.length ? a[slot] : null;
    }

    private void store(int slot, Entry e) {
        if (slot < 0) {
            return;
        }
        Entry[] a = entries;
        if (slot >= a.length) {
            synchronized (this) {
                a = entries;
                if (slot >= a.length) {
                    a = Arrays.copyOf(a, Math.max(slot + 1, a.length * 2));
                    entries = a;
                }
            }
        }
        a[slot] = e;
    }

    private CompiledExpression.Operands intern(CompiledExpression expression, CompiledExpression.Operands operands) {
        BindingKey key = new BindingKey(expression, operands);
        CompiledExpression.Operands known = bindings.get(key);
        if (known != null) {
            return known;
        }
        if (bindings.size() >= MAX_BINDINGS) {
            bindings.clear();
        }
        known = bindings.putIfAbsent(key, operands);
        return known != null ? known : operands;
    }

    /** One request's view of the memo: its namespaces, its request operands per expression, a frame. */
    final class Session {
        private static final String[] NO_WARNINGS = new String[0];

        private final PoolNamespaces namespaces;
        private final CompiledExpression.Frame frame = CompiledExpression.newFrame();
        private CompiledExpression lastSeen;
        private CompiledExpression.Operands lastOperands;
        private CompiledExpression[] seen = new CompiledExpression[4];
        private CompiledExpression.Operands[] operands = new CompiledExpression.Operands[4];
        private int count;
        private final List<String> scratchWarnings = new ArrayList<>();
        private String[] warnings = NO_WARNINGS;

        private Session(PoolNamespaces namespaces) {
            this.namespaces = namespaces;
        }

        /**
         * The number for {@code pool}, whose slot is {@code slot} ({@link PoolState#slot()}, which
         * callers holding a table read from its column). {@link #warnings()} then holds the
         * warnings its computation produced.
         */
        double value(PoolState pool, int slot) {
            Entry e = entry(slot);
            if (e == null || e.state != pool) {
                e = newEntry(pool);
            } else {
                CompiledExpression c = e.compiled;
                CompiledExpression.Operands request = c == null ? CompiledExpression.Operands.NONE
                        : c == lastSeen ? lastOperands : requestOperands(c);
                if (e.request == request) {
                    warnings = e.warnings;
                    return e.result;
                }
            }
            CompiledExpression.Operands request = e.compiled == null ? CompiledExpression.Operands.NONE
                    : requestOperands(e.compiled);
            e = compute(e, request);
            store(slot, e);
            warnings = e.warnings;
            return e.result;
        }

        /** The warnings of the pool last given to {@link #value}, to log with every use (usually none). */
        String[] warnings() {
            return warnings;
        }

        private CompiledExpression.Operands requestOperands(CompiledExpression compiled) {
            for (int i = 0; i < count; i++) {
                if (seen[i] == compiled) {
                    lastSeen = compiled;
                    lastOperands = operands[i];
                    return operands[i];
                }
            }
            CompiledExpression.Operands resolved = intern(compiled, compiled.requestOperands(namespaces));
            if (count == seen.length) {
                seen = Arrays.copyOf(seen, count * 2);
                operands = Arrays.copyOf(operands, count * 2);
            }
            seen[count] = compiled;
            operands[count++] = resolved;
            return resolved;
        }

        private Entry newEntry(PoolState pool) {
            String text = textOf.of(pool);
            if (text == null) {
                return new Entry(pool, null, null, null, null, null, null, 0, NO_WARNINGS);
            }
            Expression expression;
            try {
                expression = FunctionEvaluation.CACHE.get(text);
            } catch (EvaluatorException failure) {
                return new Entry(pool, text, null, failure, null, null, null, 0, NO_WARNINGS);
            }
            List<?> variants = FunctionEvaluation.variants(pool, text);
            CompiledExpression.Operands candidate = variants != null || !expression.compiled().hasFastPath() ? null
                    : expression.compiled().candidateOperands(namespaces.on(pool));
            return new Entry(pool, text, expression, null, variants, candidate, null, 0, NO_WARNINGS);
        }

        private Entry compute(Entry e, CompiledExpression.Operands request) {
            PoolState pool = e.state;
            scratchWarnings.clear();
            double result;
            if (e.text == null) {
                result = judge.withoutFunction();
            } else if (e.expression == null) {
                result = judge.fromOutcome(pool, e.text, new FunctionEvaluation.Outcome(null, e.parseFailure),
                        scratchWarnings);
            } else if (e.variants != null) {
                result = Double.NEGATIVE_INFINITY;
                for (Object variant : e.variants) {
                    FunctionEvaluation.Outcome outcome = FunctionEvaluation.evaluate(e.expression,
                            namespaces.on(pool).withProtocol(variant));
                    result = Math.max(result, judge.fromOutcome(pool, e.text, outcome, scratchWarnings));
                }
            } else if (e.candidate != null && e.expression.compiled().evaluate(frame, e.candidate, request)) {
                result = judge.fromFast(frame);
            } else {
                result = judge.fromOutcome(pool, e.text,
                        FunctionEvaluation.evaluate(e.expression, namespaces.on(pool)), scratchWarnings);
            }
            String[] warnings = scratchWarnings.isEmpty() ? NO_WARNINGS : scratchWarnings.toArray(new String[0]);
            return e.with(request, result, warnings);
        }
    }
}
