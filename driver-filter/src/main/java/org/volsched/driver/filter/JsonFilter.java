package org.volsched.driver.filter;

import java.util.Arrays;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.volsched.spi.BackendFilter;
import org.volsched.spi.SchedulerContext;
import org.volsched.spi.model.FilterProperties;
import org.volsched.spi.model.PoolState;
import org.volsched.spi.model.PoolTable;
import org.volsched.python.Py;
import org.volsched.python.PyException;

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
 * <p>The query text is parsed and compiled once per distinct text ({@link JsonQuery}); per pool the
 * filter only resolves variables and compares. A verdict depends only on the query and the pool
 * state (immutable: a report or a consumption makes a new one), so it is remembered per pool slot
 * with the state and the compiled query it was computed for, both compared by identity. Where
 * Cinder would crash (ordering a string with a
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
    /** Compiled queries kept beyond this count are dropped (then merely compiled again). */
    private static final int MAX_QUERIES = 1024;

    /** A query text parsed and compiled; one object per distinct text while it is kept. */
    private record Compiled(String text, JsonQuery query) {
    }

    /** A remembered verdict: for {@code state}, under {@code query}; {@code crash} is Cinder's error or null. */
    private record Verdict(PoolState state, JsonQuery query, boolean passes, String crash) {
    }

    private final ConcurrentHashMap<String, Compiled> compiled = new ConcurrentHashMap<>();
    private volatile Verdict[] verdicts = new Verdict[0];

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
        Compiled c = compiled.get(text);
        if (c == null) {
            Object parsed;
            try {
                parsed = JsonQueryReader.parse(text);
            } catch (PyException e) {
                return crashAll(e + " (query hint " + Py.repr(text) + ")");
            }
            if (compiled.size() >= MAX_QUERIES) {
                compiled.clear();
            }
            Compiled fresh = new Compiled(text, JsonQuery.compile(parsed));
            c = compiled.putIfAbsent(text, fresh);
            if (c == null) {
                c = fresh;
            }
        }
        if (c.query().isTrivial()) {
            return PASS;
        }
        return new Predicate(c.text(), c.query(), new CinderCrashWarning(LOG, NAME));
    }

    private Verdict verdict(int slot) {
        Verdict[] a = verdicts;
        return slot >= 0 && slot < a.length ? a[slot] : null;
    }

    private void remember(int slot, Verdict v) {
        if (slot < 0) {
            return;
        }
        Verdict[] a = verdicts;
        if (slot >= a.length) {
            synchronized (this) {
                a = verdicts;
                if (slot >= a.length) {
                    a = Arrays.copyOf(a, Math.max(slot + 1, a.length * 2));
                    verdicts = a;
                }
            }
        }
        a[slot] = v;
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

    private final class Predicate implements PoolPredicate {
        private final String text;
        private final JsonQuery query;
        private final CinderCrashWarning warning;

        Predicate(String text, JsonQuery query, CinderCrashWarning warning) {
            this.text = text;
            this.query = query;
            this.warning = warning;
        }

        @Override
        public boolean test(PoolState pool) {
            return passes(pool, pool.slot());
        }

        /** {@link #test} reading the pool and its slot from the table's columns. */
        @Override
        public int testRows(PoolTable table, int[] rows, int n, int[] out) {
            int k = 0;
            for (int j = 0; j < n; j++) {
                int row = rows[j];
                if (passes(table.pool(row), table.slot(row))) {
                    out[k++] = row;
                }
            }
            return k;
        }

        private boolean passes(PoolState pool, int slot) {
            Verdict v = verdict(slot);
            if (v == null || v.state() != pool || v.query() != query) {
                v = evaluate(pool);
                remember(slot, v);
            }
            if (v.crash() != null) {
                warning.warn(pool.backendId(), v.crash());
            }
            return v.passes();
        }

        private Verdict evaluate(PoolState pool) {
            try {
                return new Verdict(pool, query, query.passes(pool), null);
            } catch (PyException e) {
                return new Verdict(pool, query, false, e + " evaluating " + text + " " + variables(pool));
            }
        }

        @Override
        public String reason(PoolState pool) {
            Object result;
            try {
                result = query.result(pool);
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
