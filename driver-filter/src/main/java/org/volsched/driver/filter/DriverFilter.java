package org.volsched.driver.filter;

import java.util.List;
import java.util.Map;
import org.volsched.driver.filter.eval.CompiledExpression;
import org.volsched.spi.BackendFilter;
import org.volsched.spi.InputQuirks;
import org.volsched.spi.SchedulerContext;
import org.volsched.spi.model.FilterProperties;
import org.volsched.spi.model.PoolState;
import org.volsched.spi.model.PoolTable;
import org.volsched.python.Py;

/**
 * Keeps pools whose driver-reported {@code filter_function} holds for the request (rules DF1-DF4):
 * a pool without one passes; an evaluation error fails the pool; otherwise Python truthiness of
 * the result decides (so the bare word {@code False}, a non-empty string, passes, as in Cinder).
 *
 * <p>Verdicts are remembered per pool state and request operands ({@link FunctionMemo}); a miss
 * runs the function compiled to primitive doubles, or the exact interpreter when its values are
 * not plain numbers.
 */
public final class DriverFilter implements BackendFilter {
    /**
     * What Cinder's evaluator reads differently from how a reported {@code filter_function} looks, and a
     * text it cannot evaluate (the filter rejects the pool, as Cinder's does), for {@code volsched validate}.
     */
    public static final InputQuirks QUIRKS = new FunctionQuirks("filter_function",
            "DriverFilter rejects the pool");

    private static final FunctionMemo.Judge JUDGE = new FunctionMemo.Judge() {
        @Override
        public double fromFast(CompiledExpression.Frame frame) {
            return frame.truthy() ? 1 : 0;
        }

        @Override
        public double fromOutcome(PoolState pool, String text, FunctionEvaluation.Outcome outcome,
                                  List<String> warnings) {
            return passes(outcome) ? 1 : 0;
        }

        @Override
        public double withoutFunction() {
            return 1;
        }
    };

    private final FunctionMemo memo = new FunctionMemo(JUDGE, PoolState::filterFunctionText);

    public DriverFilter(SchedulerContext context) {
    }

    @Override
    public String name() {
        return "DriverFilter";
    }

    @Override
    public PoolPredicate prepare(FilterProperties properties) {
        Map<String, Object> extra = FunctionEvaluation.extraSpecs(properties);
        Map<String, Object> volume = FunctionEvaluation.volumeProperties(properties);
        Object qos = properties.qosSpecs();
        return new PoolPredicate() {
            private final PoolNamespaces namespaces = extra == null ? null
                    : new PoolNamespaces(extra, volume, qos, true);
            private final FunctionMemo.Session session = namespaces == null ? null : memo.session(namespaces);

            @Override
            public synchronized boolean test(PoolState pool) {
                if (session == null) {
                    return pool.filterFunctionText() == null;
                }
                return session.value(pool, pool.slot()) > 0;
            }

            /** {@link #test} reading the pool and its slot from the table's columns. */
            @Override
            public synchronized int testRows(PoolTable table, int[] rows, int n, int[] out) {
                int k = 0;
                for (int j = 0; j < n; j++) {
                    int row = rows[j];
                    PoolState pool = table.pool(row);
                    boolean passes = session == null ? pool.filterFunctionText() == null
                            : session.value(pool, table.slot(row)) > 0;
                    if (passes) {
                        out[k++] = row;
                    }
                }
                return k;
            }

            @Override
            public String reason(PoolState pool) {
                String r = explain(pool);
                return r == null ? "passes" : r;
            }

            /** Null when the pool passes, else why not. */
            private synchronized String explain(PoolState pool) {
                String text = FunctionEvaluation.functionText(pool, "filter_function");
                if (text == null) {
                    return null;
                }
                if (namespaces == null) {
                    return "AttributeError: the legacy request spec's volume type cannot be read";
                }
                List<?> variants = FunctionEvaluation.variants(pool, text);
                String last = null;
                if (variants == null) {
                    return verdict(text, FunctionEvaluation.evaluate(text, namespaces.on(pool)));
                }
                for (Object variant : variants) {
                    last = verdict(text, FunctionEvaluation.evaluate(text, namespaces.on(pool).withProtocol(variant)));
                    if (last == null) {
                        return null;
                    }
                }
                return last;
            }
        };
    }

    private static boolean passes(FunctionEvaluation.Outcome outcome) {
        return outcome.failure() == null && Py.truthy(outcome.value());
    }

    private static String verdict(String text, FunctionEvaluation.Outcome outcome) {
        if (outcome.failure() != null) {
            return "filter_function " + Py.repr(text) + " failed: " + outcome.failure().getMessage();
        }
        if (Py.truthy(outcome.value())) {
            return null;
        }
        return "filter_function " + Py.repr(text) + " evaluated to " + Py.repr(outcome.value());
    }
}
