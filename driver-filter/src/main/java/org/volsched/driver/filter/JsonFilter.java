package org.volsched.driver.filter;

import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.volsched.spi.BackendFilter;
import org.volsched.spi.SchedulerContext;
import org.volsched.spi.model.FilterProperties;
import org.volsched.spi.model.PoolState;
import org.volsched.spi.py.Py;
import org.volsched.spi.py.PyException;

/**
 * Keeps pools for which the scheduler hint {@code query} holds (rules JF1-JF6): a JSON text such as
 * {@code [">=", "$free_capacity_gb", 100]} or {@code ["and", ["<", "$total_capacity_gb", 500],
 * ["=", "$capabilities.tier", "gold"]]}, where {@code $a.b.c} reads attribute {@code a} of the pool
 * state and then keys {@code b}, {@code c} of nested mappings.
 *
 * <p>Cinder's quirks are kept: {@code null} and unresolvable arguments are dropped, comparisons
 * need two arguments and compare the first with every other, {@code not} returns a list (truthy
 * when nested, reduced with {@code any} at the top level), JSON booleans are numbers.
 *
 * <p>The query text is parsed and compiled once per request ({@link JsonQuery}); per pool the
 * filter only resolves variables and compares. Where Cinder would crash (ordering a string with a
 * number such as an {@code 'infinite'} capacity, an unknown command, malformed JSON, a
 * {@code null} {@code scheduler_hints}), the pool is rejected with the reason and a warning is
 * logged once per request.
 */
public final class JsonFilter implements BackendFilter {
    /** The name used in {@code scheduler_default_filters}. */
    public static final String NAME = "JsonFilter";
    /** Cinder's class path, accepted as an alias. */
    public static final String ALIAS = "cinder.scheduler.filters.json_filter.JsonFilter";

    private static final Logger LOG = LoggerFactory.getLogger(JsonFilter.class);
    private static final PoolPredicate PASS = pool -> true;

    /** Builds the filter; it needs nothing from the context. */
    public JsonFilter(SchedulerContext context) {
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public PoolPredicate prepare(FilterProperties properties) {
        if (!properties.schedulerHintsPresent()) {
            return PASS;
        }
        Map<String, Object> hints = properties.schedulerHints();
        if (hints == null) {
            return crashAll("TypeError: 'NoneType' object is not subscriptable (scheduler_hints is null)");
        }
        if (!hints.containsKey("query")) {
            return PASS;
        }
        Object query = hints.get("query");
        if (!Py.truthy(query)) {
            return PASS;
        }
        if (!(query instanceof String text)) {
            return crashAll("TypeError: the JSON object must be str, bytes or bytearray, not "
                    + Py.typeName(query) + " (query hint " + Py.repr(query) + ")");
        }
        Object parsed;
        try {
            parsed = JsonQueryReader.parse(text);
        } catch (PyException e) {
            return crashAll(e + " (query hint " + Py.repr(text) + ")");
        }
        JsonQuery compiled = JsonQuery.compile(parsed);
        if (compiled.isTrivial()) {
            return PASS;
        }
        return new Predicate(text, parsed, compiled, new CinderCrashWarning(LOG, NAME));
    }

    private static PoolPredicate crashAll(String problem) {
        new CinderCrashWarning(LOG, NAME).warnRequest(problem);
        String reason = NAME + ": " + problem;
        return new PoolPredicate() {
            @Override
            public boolean test(PoolState pool) {
                return false;
            }

            @Override
            public String reason(PoolState pool) {
                return reason;
            }
        };
    }

    private static final class Predicate implements PoolPredicate {
        private final String text;
        private final Object parsed;
        private final JsonQuery query;
        private final CinderCrashWarning warning;

        Predicate(String text, Object parsed, JsonQuery query, CinderCrashWarning warning) {
            this.text = text;
            this.parsed = parsed;
            this.query = query;
            this.warning = warning;
        }

        @Override
        public boolean test(PoolState pool) {
            try {
                return query.passes(pool);
            } catch (PyException e) {
                warning.warn(pool.backendId(), e + " evaluating " + text + " " + variables(pool));
                return false;
            }
        }

        @Override
        public String reason(PoolState pool) {
            Object result;
            try {
                result = JsonQuery.evaluate(parsed, pool);
            } catch (PyException e) {
                return NAME + ": " + e + " " + variables(pool);
            }
            if (JsonQuery.verdict(result)) {
                return NAME + ": passes";
            }
            return NAME + ": query " + text + " is " + Py.repr(result) + " " + variables(pool);
        }

        /** The query's variables as this pool resolves them: {@code ($free_capacity_gb = 'infinite')}. */
        private String variables(PoolState pool) {
            if (query.variables().isEmpty()) {
                return "(no variables)";
            }
            StringBuilder sb = new StringBuilder("(");
            for (String v : query.variables()) {
                if (sb.length() > 1) {
                    sb.append(", ");
                }
                sb.append(v).append(" = ");
                try {
                    sb.append(Py.repr(JsonQuery.resolve(v, pool)));
                } catch (PyException e) {
                    sb.append(e);
                }
            }
            return sb.append(')').toString();
        }
    }
}
