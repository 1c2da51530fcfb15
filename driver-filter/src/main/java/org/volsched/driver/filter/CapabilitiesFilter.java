package org.volsched.driver.filter;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.volsched.spi.BackendFilter;
import org.volsched.spi.InputQuirks;
import org.volsched.spi.SchedulerContext;
import org.volsched.spi.model.FilterProperties;
import org.volsched.spi.model.PoolState;
import org.volsched.spi.model.PoolTable;
import org.volsched.spi.model.RequestSpec;
import org.volsched.spi.model.VolumeType;
import org.volsched.python.Py;
import org.volsched.python.PyException;

/**
 * Keeps pools whose capabilities satisfy the volume type's extra specs (rules CAP1-CAP4 with
 * {@link ExtraSpecsMatcher} for ESO1-ESO9).
 *
 * <p>Keys scoped {@code capabilities:} are looked up without the scope; keys with any other scope
 * ({@code provisioning:type}, {@code QoS:…}, {@code RESKEY:…}) are ignored; the remaining
 * {@code :}-separated parts are a path into nested capability mappings. A missing capability fails
 * the pool; a list capability matches when any element does (an empty list never does).
 * An extend of an attached volume fails on pools reporting {@code online_extend_support: False}.
 *
 * <p>The extra specs are compiled once per request; per pool the filter only walks the mappings
 * and compares. Where Cinder would crash on a value ({@code s<} on a number, {@code <in>} on a
 * boolean, a mapping under {@code >=}, a bare {@code <or>}, a volume type in the legacy pair-list
 * shape) the pool is rejected with the reason and a warning is logged once per request.
 */
public final class CapabilitiesFilter implements BackendFilter {
    /** The name used in {@code scheduler_default_filters}. */
    public static final String NAME = "CapabilitiesFilter";
    /** Cinder's class path, accepted as an alias. */
    public static final String ALIAS = "cinder.scheduler.filters.capabilities_filter.CapabilitiesFilter";

    /**
     * What the filter reads differently from how it looks in a volume type's extra specs (Cinder's
     * {@code extra_specs_ops} quirks, rules ESO2-ESO9), for {@code volsched validate}.
     */
    public static final InputQuirks QUIRKS = new ExtraSpecQuirks();

    private static final Logger LOG = LoggerFactory.getLogger(CapabilitiesFilter.class);
    private static final PoolPredicate PASS = pool -> true;
    private static final Object MISSING = new Object();

    /** Most distinct sets of extra specs whose verdicts are remembered; more clears the memory. */
    static final int MAX_REMEMBERED_TYPES = 256;

    /**
     * Verdicts per set of extra specs, per pool: a verdict depends only on the pool's capabilities
     * mapping (the same object until the next report) and the extra specs, so a request for a type
     * seen before pays one array read per pool instead of walking the mappings.
     */
    private final Map<Map<String, Object>, Memo> memos = new ConcurrentHashMap<>();

    /** Builds the filter; it needs nothing from the context. */
    public CapabilitiesFilter(SchedulerContext context) {
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public PoolPredicate prepare(FilterProperties properties) {
        RequestSpec spec = properties.requestSpec();
        Object attachStatus = null;
        boolean extendGuard = false;
        if (spec != null && "extend_volume".equals(spec.operation())) {
            attachStatus = spec.volumeProperties().get("attach_status");
            extendGuard = !Py.eq(attachStatus, "detached");
        }
        VolumeType type = properties.volumeType();
        String typeCrash = null;
        List<Requirement> requirements = new ArrayList<>();
        if (type != null && !type.isEmpty()) {
            if (type.legacyPairs()) {
                typeCrash = "AttributeError: 'list' object has no attribute 'get' (the request came without a "
                        + "request spec, so its volume type is a list of (key, value) pairs)";
            } else if (type.extraSpecs() != null) {
                for (Map.Entry<String, Object> e : type.extraSpecs().entrySet()) {
                    Requirement r = Requirement.of(e.getKey(), e.getValue());
                    if (r != null) {
                        requirements.add(r);
                    }
                }
            }
        }
        if (!extendGuard && typeCrash == null && requirements.isEmpty()) {
            return PASS;
        }
        Memo memo = null;
        if (!extendGuard && typeCrash == null) {
            if (memos.size() >= MAX_REMEMBERED_TYPES) {
                memos.clear();
            }
            memo = memos.computeIfAbsent(type.extraSpecs(), k -> new Memo());
        }
        return new Predicate(extendGuard, attachStatus, typeCrash, requirements.toArray(new Requirement[0]),
                new CinderCrashWarning(LOG, NAME), memo);
    }

    /**
     * Remembered verdicts by pool slot: {@code passed[slot]} holds the capabilities mapping of a
     * pool that passed, {@code failed[slot]} of one that failed. A verdict is valid while the pool's
     * mapping is that same object. Racy by design and still exact: an entry is only ever compared by
     * identity with the mapping it was computed from, and a lost write only costs a recomputation.
     */
    private static final class Memo {
        private volatile Object[] passed = new Object[64];
        private volatile Object[] failed = new Object[64];
        /** 1 passed, 0 failed, -1 unknown. */
        int get(int slot, Object capabilities) {
            Object[] p = passed;
            if (slot < p.length && p[slot] == capabilities) {
                return 1;
            }
            Object[] f = failed;
            if (slot < f.length && f[slot] == capabilities) {
                return 0;
            }
            return -1;
        }

        void put(int slot, Object capabilities, boolean passes) {
            Object[] p = passed;
            Object[] f = failed;
            if (slot >= p.length || slot >= f.length) {
                synchronized (this) {
                    int size = Math.max(slot + 1, Math.max(passed.length, failed.length) * 2);
                    if (slot >= passed.length) {
                        passed = Arrays.copyOf(passed, size);
                    }
                    if (slot >= failed.length) {
                        failed = Arrays.copyOf(failed, size);
                    }
                    p = passed;
                    f = failed;
                }
            }
            if (passes) {
                p[slot] = capabilities;
                f[slot] = null;
            } else {
                f[slot] = capabilities;
                p[slot] = null;
            }
        }
    }

    /** CAP3: whether the filter matches the extra spec {@code key}: unscoped, or scoped {@code capabilities:}. */
    static boolean concernsCapabilities(String key) {
        return key.indexOf(':') < 0 || key.startsWith("capabilities:");
    }

    /** One extra spec that concerns capabilities: its key, the capability path and the compiled requirement. */
    record Requirement(String key, String[] path, ExtraSpecsMatcher matcher) {
        /** CAP3: the requirement for {@code key}, or {@code null} for a key of another scope. */
        static Requirement of(String key, Object requirement) {
            if (!concernsCapabilities(key)) {
                return null;
            }
            String[] scope = key.split(":", -1);
            String[] path = scope[0].equals("capabilities") ? Arrays.copyOfRange(scope, 1, scope.length) : scope;
            return new Requirement(key, path, ExtraSpecsMatcher.compile(requirement));
        }

        /** The capability at this requirement's path, or {@link #MISSING} when Cinder's look-up fails. */
        Object lookup(Map<String, Object> capabilities) {
            Object current = capabilities;
            for (String part : path) {
                if (!(current instanceof Map<?, ?> m)) {
                    return MISSING;
                }
                Object next = m.get(part);
                if (next == null && !m.containsKey(part)) {
                    return MISSING;
                }
                current = next;
            }
            return current;
        }

        /** CAP4: a list matches when any element does. */
        boolean matches(Object capability) {
            if (capability instanceof List<?> list) {
                for (int i = 0, n = list.size(); i < n; i++) {
                    if (matcher.matches(list.get(i))) {
                        return true;
                    }
                }
                return false;
            }
            return matcher.matches(capability);
        }

        String required() {
            return "extra spec requires " + Py.repr(matcher.requirement());
        }

        /** Why the look-up failed, for explanations. */
        String describeMissing(Map<String, Object> capabilities) {
            Object current = capabilities;
            StringBuilder seen = new StringBuilder();
            for (String part : path) {
                if (!(current instanceof Map<?, ?> m)) {
                    return key + " is not reported (" + seen + " is " + Py.repr(current) + ", not a mapping)";
                }
                if (!m.containsKey(part)) {
                    return seen.length() == 0 ? key + " is not reported"
                            : key + " is not reported (no " + Py.repr(part) + " in " + seen + ")";
                }
                current = m.get(part);
                seen.append(seen.length() == 0 ? "" : ":").append(part);
            }
            return key + " is not reported";
        }
    }

    private static final class Predicate implements PoolPredicate {
        private final boolean extendGuard;
        private final Object attachStatus;
        private final String typeCrash;
        private final Requirement[] requirements;
        private final CinderCrashWarning warning;
        private final Memo memo;

        Predicate(boolean extendGuard, Object attachStatus, String typeCrash, Requirement[] requirements,
                  CinderCrashWarning warning, Memo memo) {
            this.memo = memo;
            this.extendGuard = extendGuard;
            this.attachStatus = attachStatus;
            this.typeCrash = typeCrash;
            this.requirements = requirements;
            this.warning = warning;
        }

        @Override
        public boolean test(PoolState pool) {
            if (memo == null) {
                return evaluate(pool);
            }
            int known = memo.get(pool.slot(), pool.capabilities());
            if (known >= 0) {
                return known == 1;
            }
            boolean passes = evaluate(pool);
            memo.put(pool.slot(), pool.capabilities(), passes);
            return passes;
        }

        /** Stateless per pool (warnings are logged once through an atomic flag, verdicts kept racily but exactly). */
        @Override
        public boolean supportsParallelRows() {
            return true;
        }

        /** {@link #test} reading the slot and mapping identity from the snapshot's columns. */
        @Override
        public int testRows(PoolTable table, int[] rows, int n, int[] out) {
            if (memo == null) {
                return PoolPredicate.super.testRows(table, rows, n, out);
            }
            // The memo's arrays only ever grow; read them once, and fall back to the memo itself for
            // slots beyond them (pools added since) and for verdicts not known yet.
            Object[] passed = memo.passed;
            int k = 0;
            for (int j = 0; j < n; j++) {
                int row = rows[j];
                int slot = table.slot(row);
                Object capabilities = table.capabilities(row);
                boolean passes;
                if (slot < passed.length && passed[slot] == capabilities) {
                    passes = true;
                } else {
                    int known = memo.get(slot, capabilities);
                    if (known >= 0) {
                        passes = known == 1;
                    } else {
                        PoolState pool = table.pool(row);
                        passes = evaluate(pool);
                        memo.put(pool.slot(), pool.capabilities(), passes);
                    }
                }
                if (passes) {
                    out[k++] = row;
                }
            }
            return k;
        }

        private static final String REJECTED = "rejected";

        private boolean evaluate(PoolState pool) {
            return failure(pool, false) == null;
        }

        @Override
        public String reason(PoolState pool) {
            String failure = failure(pool, true);
            return NAME + ": " + (failure == null ? "passes" : failure);
        }

        /**
         * The rules in Cinder's order, written once: null when the pool passes, else the first rule
         * it fails, as the reason a person reads when {@code explain} (a constant otherwise, so the
         * filtering path builds no text). A crash is warned about when filtering.
         */
        private String failure(PoolState pool, boolean explain) {
            Map<String, Object> capabilities = pool.capabilities();
            if (extendGuard && Boolean.FALSE.equals(capabilities.get("online_extend_support"))) {
                return !explain ? REJECTED : "online_extend_support is False and the volume is not detached "
                        + "(attach_status " + Py.repr(attachStatus) + "); this backend extends only detached volumes";
            }
            if (typeCrash != null) {
                if (!explain) {
                    warning.warn(pool.backendId(), typeCrash);
                }
                return typeCrash;
            }
            for (Requirement r : requirements) {
                Object value = r.lookup(capabilities);
                if (value == MISSING) {
                    return !explain ? REJECTED : r.describeMissing(capabilities) + ", " + r.required();
                }
                try {
                    if (!r.matches(value)) {
                        return !explain ? REJECTED : r.key() + " is " + Py.repr(value) + ", " + r.required();
                    }
                } catch (PyException e) {
                    String crash = crashText(r, value, e);
                    if (!explain) {
                        warning.warn(pool.backendId(), crash);
                    }
                    return crash;
                }
            }
            return null;
        }

        private static String crashText(Requirement r, Object value, PyException e) {
            return e + " (" + r.key() + " is " + Py.repr(value) + ", " + r.required() + ")";
        }
    }
}
