package org.volsched.driver.filter;

import java.util.List;
import java.util.Map;
import org.volsched.spi.BackendFilter;
import org.volsched.spi.SchedulerContext;
import org.volsched.spi.model.FilterProperties;
import org.volsched.spi.model.PoolState;
import org.volsched.spi.py.Py;

/**
 * Keeps pools whose driver-reported {@code filter_function} holds for the request (rules DF1-DF4):
 * a pool without one passes; an evaluation error fails the pool; otherwise Python truthiness of
 * the result decides (so the bare word {@code False}, a non-empty string, passes, as in Cinder).
 */
public final class DriverFilter implements BackendFilter {
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

            @Override
            public synchronized boolean test(PoolState pool) {
                String text = FunctionEvaluation.functionText(pool, "filter_function");
                if (text == null) {
                    return true;
                }
                if (namespaces == null) {
                    return false;
                }
                List<?> variants = FunctionEvaluation.variants(pool, text);
                if (variants == null) {
                    return passes(FunctionEvaluation.evaluate(text, namespaces.on(pool)));
                }
                for (Object variant : variants) {
                    if (passes(FunctionEvaluation.evaluate(text, namespaces.on(pool).withProtocol(variant)))) {
                        return true;
                    }
                }
                return false;
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
