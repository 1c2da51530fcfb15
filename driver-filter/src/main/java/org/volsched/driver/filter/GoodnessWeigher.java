package org.volsched.driver.filter;

import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.volsched.spi.BackendWeigher;
import org.volsched.spi.SchedulerContext;
import org.volsched.spi.model.FilterProperties;
import org.volsched.spi.model.PoolState;
import org.volsched.spi.py.Py;

/**
 * Rates pools with their driver-reported {@code goodness_function} (rules W12-W14): 0 without a
 * function or on an evaluation error; a boolean is 100 or 0; a number outside 0..100 is 0; the
 * best rating over protocol variants counts. Multiplier 1.0 (Cinder has no option for it).
 * Where Cinder crashes (a string or list result), volsched rates the pool 0 and logs a warning.
 */
public final class GoodnessWeigher implements BackendWeigher {
    private static final Logger LOG = LoggerFactory.getLogger(GoodnessWeigher.class);

    public GoodnessWeigher(SchedulerContext context) {
    }

    @Override
    public String name() {
        return "GoodnessWeigher";
    }

    @Override
    public double multiplier() {
        return 1.0;
    }

    @Override
    public void weigh(List<PoolState> candidates, FilterProperties properties, double[] out) {
        Map<String, Object> extra = FunctionEvaluation.extraSpecs(properties);
        Object qos = properties.qosSpecs();
        PoolNamespaces namespaces = new PoolNamespaces(extra == null ? Map.of() : extra,
                FunctionEvaluation.volumeProperties(properties), Py.truthy(qos) ? qos : Map.of(), false);
        for (int i = 0, n = candidates.size(); i < n; i++) {
            PoolState pool = candidates.get(i);
            String text = FunctionEvaluation.functionText(pool, "goodness_function");
            if (text == null) {
                out[i] = 0;
                continue;
            }
            if (extra == null) {
                out[i] = 0;
                LOG.warn("GoodnessWeigher: pool {} rated 0: the legacy request spec's volume type cannot be read "
                        + "(Cinder fails the request with AttributeError)", pool.backendId());
                continue;
            }
            List<?> variants = FunctionEvaluation.variants(pool, text);
            if (variants == null) {
                out[i] = rating(pool, text, FunctionEvaluation.evaluate(text, namespaces.on(pool)));
            } else {
                double best = Double.NEGATIVE_INFINITY;
                for (Object v : variants) {
                    best = Math.max(best, rating(pool, text,
                            FunctionEvaluation.evaluate(text, namespaces.on(pool).withProtocol(v))));
                }
                out[i] = best;
            }
        }
    }

    /** Rule W13. */
    private static double rating(PoolState pool, String text, FunctionEvaluation.Outcome outcome) {
        if (outcome.failure() != null) {
            return 0;
        }
        Object value = outcome.value();
        if (value instanceof Boolean b) {
            return b ? 100 : 0;
        }
        if (!Py.isNumber(value)) {
            LOG.warn("GoodnessWeigher: pool {} rated 0: goodness_function {} returned {} (Cinder fails the request "
                    + "with TypeError)", pool.backendId(), Py.repr(text), Py.repr(value));
            return 0;
        }
        double d = Py.asDouble(value);
        if (d < 0 || d > 100 || Double.isNaN(d)) {
            return 0;
        }
        return d;
    }
}
