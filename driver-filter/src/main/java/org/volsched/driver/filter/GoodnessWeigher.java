package org.volsched.driver.filter;

import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.volsched.driver.filter.eval.CompiledExpression;
import org.volsched.spi.BackendWeigher;
import org.volsched.spi.InputQuirks;
import org.volsched.spi.SchedulerContext;
import org.volsched.spi.model.FilterProperties;
import org.volsched.spi.model.Candidates;
import org.volsched.spi.model.PoolState;
import org.volsched.spi.model.PoolTable;
import org.volsched.python.Py;

/**
 * Rates pools with their driver-reported {@code goodness_function} (rules W12-W14): 0 without a
 * function or on an evaluation error; a boolean is 100 or 0; a number outside 0..100 is 0; the
 * best rating over protocol variants counts. Multiplier 1.0 (Cinder has no option for it).
 * Where Cinder crashes (a string or list result), volsched rates the pool 0 and logs a warning.
 *
 * <p>Ratings are remembered per pool state and request operands ({@link FunctionMemo}); a miss
 * runs the function compiled to primitive doubles, or the exact interpreter when its values are
 * not plain numbers. The warning of a string or list result is logged at every weighing, as if the
 * function had been evaluated again.
 */
public final class GoodnessWeigher implements BackendWeigher {
    /**
     * What Cinder's evaluator reads differently from how a reported {@code goodness_function} looks, and a
     * text it cannot evaluate (the weigher rates the pool 0, as Cinder's does), for {@code volsched validate}.
     */
    public static final InputQuirks QUIRKS = new FunctionQuirks("goodness_function",
            "GoodnessWeigher rates the pool 0");

    private static final Logger LOG = LoggerFactory.getLogger(GoodnessWeigher.class);

    private static final FunctionMemo.Judge JUDGE = new FunctionMemo.Judge() {
        @Override
        public double fromFast(CompiledExpression.Frame frame) {
            if (frame.kind() == CompiledExpression.BOOL) {
                return frame.truthy() ? 100 : 0;
            }
            return inRange(frame.value());
        }

        @Override
        public double fromOutcome(PoolState pool, String text, FunctionEvaluation.Outcome outcome,
                                  List<String> warnings) {
            return rating(pool, text, outcome, warnings);
        }

        @Override
        public double withoutFunction() {
            return 0;
        }
    };

    private final FunctionMemo memo = new FunctionMemo(JUDGE, PoolState::goodnessFunctionText);

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
    public void weigh(Candidates candidates, FilterProperties properties, double[] out) {
        Map<String, Object> extra = FunctionEvaluation.extraSpecs(properties);
        Object qos = properties.qosSpecs();
        PoolNamespaces namespaces = new PoolNamespaces(extra == null ? Map.of() : extra,
                FunctionEvaluation.volumeProperties(properties), Py.truthy(qos) ? qos : Map.of(), false);
        FunctionMemo.Session session = memo.session(namespaces);
        if (extra == null) {
            for (int i = 0, n = candidates.size(); i < n; i++) {
                PoolState pool = candidates.get(i);
                out[i] = 0;
                if (pool.goodnessFunctionText() != null) {
                    LOG.warn("GoodnessWeigher: pool {} rated 0: the legacy request spec's volume type cannot be "
                            + "read (Cinder fails the request with AttributeError)", pool.backendId());
                }
            }
            return;
        }
        // The pool and its slot come from the table's columns.
        PoolTable table = candidates.table();
        for (int i = 0, n = candidates.size(); i < n; i++) {
            int row = candidates.row(i);
            out[i] = session.value(table.pool(row), table.slot(row));
            logWarnings(session);
        }
    }

    private static void logWarnings(FunctionMemo.Session session) {
        for (String warning : session.warnings()) {
            LOG.warn(warning);
        }
    }

    /** Rule W13; the warning for a result Cinder cannot rate goes to {@code warnings}. */
    private static double rating(PoolState pool, String text, FunctionEvaluation.Outcome outcome,
                                 List<String> warnings) {
        if (outcome.failure() != null) {
            return 0;
        }
        Object value = outcome.value();
        if (value instanceof Boolean b) {
            return b ? 100 : 0;
        }
        if (!Py.isNumber(value)) {
            warnings.add("GoodnessWeigher: pool " + pool.backendId() + " rated 0: goodness_function " + Py.repr(text)
                    + " returned " + Py.repr(value) + " (Cinder fails the request with TypeError)");
            return 0;
        }
        return inRange(Py.asDouble(value));
    }

    /** A rating outside 0..100 (or NaN) is 0, not clamped (rule W13). */
    private static double inRange(double d) {
        if (d < 0 || d > 100 || Double.isNaN(d)) {
            return 0;
        }
        return d;
    }
}
