package org.volsched.replay;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What the replay knows of each pool: its total and used capacity (from its backend's last explicit
 * report, plus what was placed on it and minus what was deleted from it since), its volume count, and
 * per backend the report a re-report marker sends: the last explicit report with each pool's
 * {@code free_capacity_gb} lowered and {@code allocated_capacity_gb} and {@code provisioned_capacity_gb}
 * raised by the GB placed since (rule HM29's arithmetic, so a re-report agrees with the host manager's
 * own consumption), and the same {@code Map} object again while nothing changed.
 */
final class FleetTally {
    /** A pool: its index in the tally's arrays. */
    record Pool(int index, String backendKey, String name, String fullName) {
    }

    /** One reporting backend. */
    final class Backend {
        final String host;
        final String key;
        Map<String, Object> base;
        /** GB placed minus GB deleted since {@link #base}, by pool name. */
        final Map<String, double[]> delta = new HashMap<>();
        Map<String, Object> current;
        boolean changed;

        Backend(String host, String key) {
            this.host = host;
            this.key = key;
        }

        /** An explicit report: the new base, nothing placed since. */
        void rebase(Map<String, Object> report) {
            base = report;
            current = report;
            delta.clear();
            changed = false;
            for (String name : Fleet.poolNames(report)) {
                Pool p = pool(key, name);
                Map<String, Object> entry = entry(report, name);
                double total = capacity(entry, "total_capacity_gb");
                double free = capacity(entry, "free_capacity_gb");
                totals[p.index()] = total;
                used[p.index()] = total - free;
            }
        }

        /** The report a re-report marker sends now. */
        Map<String, Object> report() {
            if (changed) {
                current = adjusted(base, delta);
                changed = false;
            }
            return current;
        }
    }

    private final Map<String, Backend> byHost = new HashMap<>();
    private final Map<String, Backend> byKey = new HashMap<>();
    private final Map<String, Pool> pools = new LinkedHashMap<>();
    private final List<Pool> poolList = new ArrayList<>();
    double[] totals = new double[64];
    double[] used = new double[64];
    long[] volumes = new long[64];

    Backend backend(String host, String key) {
        Backend b = byHost.get(host);
        if (b == null) {
            b = new Backend(host, key);
            byHost.put(host, b);
            byKey.putIfAbsent(key, b);
        }
        return b;
    }

    Backend backendOfHost(String host) {
        return byHost.get(host);
    }

    /** The pool of a placement ({@code backendKey#pool}), registering it when new; {@code null} without a {@code #}. */
    Pool placed(String fullName) {
        int hash = fullName.indexOf('#');
        if (hash < 0) {
            return null;
        }
        Pool p = pools.get(fullName);
        return p != null ? p : pool(fullName.substring(0, hash), fullName.substring(hash + 1));
    }

    Pool pool(String backendKey, String name) {
        String full = backendKey + "#" + name;
        Pool p = pools.get(full);
        if (p == null) {
            p = new Pool(poolList.size(), backendKey, name, full);
            pools.put(full, p);
            poolList.add(p);
            if (p.index() >= totals.length) {
                int n = totals.length * 2;
                totals = java.util.Arrays.copyOf(totals, n);
                used = java.util.Arrays.copyOf(used, n);
                volumes = java.util.Arrays.copyOf(volumes, n);
            }
            totals[p.index()] = Double.NaN;
            used[p.index()] = Double.NaN;
        }
        return p;
    }

    List<Pool> pools() {
        return poolList;
    }

    /** {@code gb} placed on (positive) or deleted from (negative) a pool; {@code volumes} its count change. */
    void add(Pool p, double gb, int volumeChange) {
        used[p.index()] += gb;
        volumes[p.index()] += volumeChange;
        Backend b = byKey.get(p.backendKey());
        if (b != null && b.base != null) {
            b.delta.computeIfAbsent(p.name(), k -> new double[1])[0] += gb;
            b.changed = true;
        }
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> entry(Map<String, Object> report, String poolName) {
        Object pools = report.get("pools");
        if (pools instanceof List<?> l) {
            Map<String, Object> found = null;
            for (Object o : l) {
                if (o instanceof Map<?, ?> m && poolName.equals(RequestMaps.str(m.get("pool_name")))) {
                    found = (Map<String, Object>) m;
                }
            }
            return found;
        }
        return report;
    }

    /** The report with each pool's capacities moved by its delta. */
    @SuppressWarnings("unchecked")
    private static Map<String, Object> adjusted(Map<String, Object> base, Map<String, double[]> delta) {
        Map<String, Object> out = new LinkedHashMap<>(base);
        Object pools = base.get("pools");
        if (pools instanceof List<?> l) {
            List<Object> copy = new ArrayList<>(l.size());
            for (Object o : l) {
                if (o instanceof Map<?, ?> m && m.get("pool_name") != null) {
                    double[] d = delta.get(RequestMaps.str(m.get("pool_name")));
                    copy.add(d == null || d[0] == 0 ? o : consume((Map<String, Object>) m, d[0]));
                } else {
                    copy.add(o);
                }
            }
            out.put("pools", copy);
            return out;
        }
        double[] d = delta.isEmpty() ? null : delta.values().iterator().next();
        return d == null || d[0] == 0 ? out : consume(out, d[0]);
    }

    private static Map<String, Object> consume(Map<String, Object> entry, double gb) {
        Map<String, Object> out = new LinkedHashMap<>(entry);
        out.computeIfPresent("free_capacity_gb", (k, v) -> plus(v, -gb));
        out.put("allocated_capacity_gb", plus(out.getOrDefault("allocated_capacity_gb", 0L), gb));
        out.computeIfPresent("provisioned_capacity_gb", (k, v) -> plus(v, gb));
        return out;
    }

    /** A capacity moved by {@code gb}: whole numbers stay whole; {@code infinite}, {@code unknown} and non-numbers stay. */
    private static Object plus(Object v, double gb) {
        if (v instanceof Long l && gb == Math.rint(gb)) {
            return l + (long) gb;
        }
        if (v instanceof Number n) {
            return n.doubleValue() + gb;
        }
        return v;
    }

    /** A pool's capacity as the host manager reads it: absent is 0, a string ({@code infinite}, …) NaN. */
    private static double capacity(Map<String, Object> entry, String key) {
        if (entry == null || entry.get(key) == null) {
            return 0;
        }
        return number(entry.get(key));
    }

    /** A capacity as a number; NaN for {@code infinite}, {@code unknown}, absent or anything else. */
    static double number(Object v) {
        return v instanceof Number n ? n.doubleValue() : Double.NaN;
    }
}
