package org.volsched.driver.filter;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
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
 * <p>Layout: parallel arrays indexed by slot (state, compiled expression, request operands,
 * result, warnings), so that a scan over the rows reads dense memory rather than one object per
 * pool; what only a miss needs stays in an immutable {@link Entry}. A per-slot version makes the
 * arrays a sequence lock: a writer (one at a time) makes the version odd, writes, makes it even
 * again; a reader uses what it read only when it saw the same even version before and after.
 */
final class FunctionMemo {
    /** Interned request operands beyond this count are dropped (then merely recomputed). */
    private static final int MAX_BINDINGS = 4096;
    private static final VarHandle VERSIONS = MethodHandles.arrayElementVarHandle(int[].class);
    private static final String[] NO_WARNINGS = new String[0];

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

    /** What a miss needs for one pool state. Immutable. */
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

        Entry(PoolState state, String text, Expression expression, EvaluatorException parseFailure,
              List<?> variants, CompiledExpression.Operands candidate) {
            this.state = state;
            this.text = text;
            this.expression = expression;
            this.compiled = expression == null ? null : expression.compiled();
            this.parseFailure = parseFailure;
            this.variants = variants;
            this.candidate = candidate;
        }
    }

    /** The per-slot arrays, replaced together when they grow. */
    private static final class Table {
        final int[] versions;
        final PoolState[] states;
        final CompiledExpression[] compiled;
        final CompiledExpression.Operands[] requests;
        final double[] results;
        final String[][] warnings;
        final Entry[] entries;

        Table(int size) {
            this(new int[size], new PoolState[size], new CompiledExpression[size],
                    new CompiledExpression.Operands[size], new double[size], new String[size][], new Entry[size]);
        }

        private Table(int[] versions, PoolState[] states, CompiledExpression[] compiled,
                      CompiledExpression.Operands[] requests, double[] results, String[][] warnings, Entry[] entries) {
            this.versions = versions;
            this.states = states;
            this.compiled = compiled;
            this.requests = requests;
            this.results = results;
            this.warnings = warnings;
            this.entries = entries;
        }

        Table grown(int size) {
            return new Table(Arrays.copyOf(versions, size), Arrays.copyOf(states, size), Arrays.copyOf(compiled, size),
                    Arrays.copyOf(requests, size), Arrays.copyOf(results, size), Arrays.copyOf(warnings, size),
                    Arrays.copyOf(entries, size));
        }
    }

    private record BindingKey(CompiledExpression expression, CompiledExpression.Operands operands) {
    }

    private final Judge judge;
    private final TextOf textOf;
    private volatile Table table = new Table(0);
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

    /** The miss data remembered for {@code pool}'s state in {@code slot}, or null. */
    private Entry entry(PoolState pool, int slot) {
        Table t = table;
        if (slot < 0 || slot >= t.entries.length) {
            return null;
        }
        Entry e = t.entries[slot];
        return e != null && e.state == pool ? e : null;
    }

    private synchronized void store(int slot, Entry e, CompiledExpression.Operands request, double result,
                                    String[] warnings) {
        if (slot < 0) {
            return;
        }
        Table t = table;
        if (slot >= t.states.length) {
            t = t.grown(Math.max(slot + 1, t.states.length * 2));
            table = t;
        }
        int version = t.versions[slot];
        VERSIONS.setOpaque(t.versions, slot, version + 1);
        VarHandle.storeStoreFence();
        t.states[slot] = e.state;
        t.compiled[slot] = e.compiled;
        t.requests[slot] = request;
        t.results[slot] = result;
        t.warnings[slot] = warnings;
        t.entries[slot] = e;
        VERSIONS.setRelease(t.versions, slot, version + 2);
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
            Table t = table;
            if (slot >= 0 && slot < t.versions.length) {
                int version = (int) VERSIONS.getAcquire(t.versions, slot);
                if ((version & 1) == 0 && t.states[slot] == pool) {
                    CompiledExpression c = t.compiled[slot];
                    CompiledExpression.Operands request = t.requests[slot];
                    double result = t.results[slot];
                    String[] w = t.warnings[slot];
                    VarHandle.loadLoadFence();
                    if ((int) VERSIONS.getOpaque(t.versions, slot) == version
                            && request == (c == null ? CompiledExpression.Operands.NONE
                                    : c == lastSeen ? lastOperands : requestOperands(c))) {
                        warnings = w;
                        return result;
                    }
                }
            }
            return miss(pool, slot);
        }

        /** The warnings of the pool last given to {@link #value}, to log with every use (usually none). */
        String[] warnings() {
            return warnings;
        }

        private double miss(PoolState pool, int slot) {
            Entry e = entry(pool, slot);
            if (e == null) {
                e = newEntry(pool);
            }
            CompiledExpression.Operands request = e.compiled == null ? CompiledExpression.Operands.NONE
                    : requestOperands(e.compiled);
            double result = compute(e);
            store(slot, e, request, result, warnings);
            return result;
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
                return new Entry(pool, null, null, null, null, null);
            }
            Expression expression;
            try {
                expression = FunctionEvaluation.CACHE.get(text);
            } catch (EvaluatorException failure) {
                return new Entry(pool, text, null, failure, null, null);
            }
            List<?> variants = FunctionEvaluation.variants(pool, text);
            CompiledExpression.Operands candidate = variants != null || !expression.compiled().hasFastPath() ? null
                    : expression.compiled().candidateOperands(namespaces.on(pool));
            return new Entry(pool, text, expression, null, variants, candidate);
        }

        /** Evaluates for this request; leaves the warnings in {@link #warnings}. */
        private double compute(Entry e) {
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
            } else if (e.candidate != null
                    && e.compiled.evaluate(frame, e.candidate, requestOperands(e.compiled))) {
                result = judge.fromFast(frame);
            } else {
                result = judge.fromOutcome(pool, e.text,
                        FunctionEvaluation.evaluate(e.expression, namespaces.on(pool)), scratchWarnings);
            }
            warnings = scratchWarnings.isEmpty() ? NO_WARNINGS : scratchWarnings.toArray(new String[0]);
            return result;
        }
    }
}
