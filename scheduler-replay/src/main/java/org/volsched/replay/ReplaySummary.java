package org.volsched.replay;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The figures of one replay that the report compares ({@code summary.json}): outcomes, the final
 * utilisation of the pools and its spread, volumes per backend, stranded capacity.
 *
 * @param utilisation the final used/total of each pool with a finite positive total, ascending
 * @param volumesPerBackend volumes the replay placed and that still exist, by backend (sorted by name)
 * @param strandedPools pools whose free space is above 0 and below the median request
 * @param strandedGb their free space together
 */
public record ReplaySummary(ReplayResult result, double[] utilisation, double utilisationMean,
                            double utilisationStddev, double utilisationMax, long poolsAbove90,
                            Map<String, Long> volumesPerBackend, long strandedPools, double strandedGb,
                            double freeGb) {
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    public static ReplaySummary of(ReplayResult r) {
        double[] u = r.pools().stream().mapToDouble(ReplayResult.PoolEnd::utilisation).filter(Double::isFinite)
                .sorted().toArray();
        double mean = Arrays.stream(u).average().orElse(0);
        double var = Arrays.stream(u).map(x -> (x - mean) * (x - mean)).average().orElse(0);
        Map<String, Long> perBackend = new TreeMap<>();
        long stranded = 0;
        double strandedGb = 0;
        double free = 0;
        for (ReplayResult.PoolEnd p : r.pools()) {
            perBackend.merge(p.backend(), p.volumes(), Long::sum);
            if (Double.isFinite(p.totalGb()) && Double.isFinite(p.usedGb())) {
                double f = Math.max(0, p.totalGb() - p.usedGb());
                free += f;
                if (f > 0 && f < r.medianRequestGb()) {
                    stranded++;
                    strandedGb += f;
                }
            }
        }
        long above = Arrays.stream(u).filter(x -> x > 0.9).count();
        return new ReplaySummary(r, u, mean, Math.sqrt(var), u.length == 0 ? 0 : u[u.length - 1], above, perBackend,
                stranded, strandedGb, free);
    }

    /** The pools with the highest final utilisation, at most {@code n}, busiest first. */
    public List<Integer> busiestPools(int n) {
        List<Integer> idx = new ArrayList<>();
        for (int i = 0; i < result.pools().size(); i++) {
            if (Double.isFinite(result.pools().get(i).utilisation())) {
                idx.add(i);
            }
        }
        idx.sort(Comparator.comparingDouble((Integer i) -> -result.pools().get(i).utilisation())
                .thenComparing(i -> result.pools().get(i).name()));
        return idx.subList(0, Math.min(n, idx.size()));
    }

    /** Utilisation quantile {@code q} (0..1). */
    public double quantile(double q) {
        if (utilisation.length == 0) {
            return 0;
        }
        return utilisation[(int) Math.min(utilisation.length - 1, Math.floor(q * utilisation.length))];
    }

    /** {@code summary.json}. */
    public String toJson() {
        ReplayResult r = result;
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("configuration", r.name());
        m.put("config_source", r.configSource());
        m.put("requests", r.decided());
        m.put("placed", r.placed());
        m.put("refused", r.refused());
        m.put("refused_by_type", new TreeMap<>(r.refusedByType()));
        m.put("internal_errors", r.internalErrors());
        if (r.firstRefusal() == null) {
            m.put("first_refusal", null);
        } else {
            Map<String, Object> f = new LinkedHashMap<>();
            f.put("n", r.firstRefusal().n());
            f.put("t", r.firstRefusal().t());
            f.put("id", r.firstRefusal().id());
            f.put("error", r.firstRefusal().type());
            m.put("first_refusal", f);
        }
        m.put("median_request_gb", r.medianRequestGb());
        Map<String, Object> util = new LinkedHashMap<>();
        util.put("pools", utilisation.length);
        util.put("mean", round(utilisationMean));
        util.put("stddev", round(utilisationStddev));
        util.put("min", round(utilisation.length == 0 ? 0 : utilisation[0]));
        util.put("median", round(quantile(0.5)));
        util.put("max", round(utilisationMax));
        util.put("pools_above_90_percent", poolsAbove90);
        util.put("histogram_10_percent_buckets", histogram());
        m.put("utilisation", util);
        Map<String, Object> stranded = new LinkedHashMap<>();
        stranded.put("pools", strandedPools);
        stranded.put("free_gb", round(strandedGb));
        stranded.put("fleet_free_gb", round(freeGb));
        m.put("stranded", stranded);
        m.put("volumes_per_backend", volumesPerBackend);
        List<Map<String, Object>> pools = new ArrayList<>();
        for (ReplayResult.PoolEnd p : r.pools()) {
            Map<String, Object> pm = new LinkedHashMap<>();
            pm.put("pool", p.name());
            pm.put("total_gb", Double.isFinite(p.totalGb()) ? (Object) round(p.totalGb()) : "unknown");
            pm.put("used_gb", Double.isFinite(p.usedGb()) ? (Object) round(p.usedGb()) : "unknown");
            pm.put("volumes", p.volumes());
            pools.add(pm);
        }
        m.put("pools", pools);
        Map<String, Object> run = new LinkedHashMap<>();
        run.put("events", r.events());
        run.put("simulated_seconds", r.simulatedSeconds());
        run.put("wall_seconds", round(r.wallSeconds()));
        run.put("decisions_per_second", Math.round(r.decisionsPerSecond()));
        m.put("run", run);
        try {
            return JSON.writeValueAsString(m) + "\n";
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Pools per 10 % of utilisation: [0,10), …, [90,100), then 100 % and above. */
    public long[] histogram() {
        long[] h = new long[11];
        for (double x : utilisation) {
            h[(int) Math.max(0, Math.min(10, Math.floor(x * 10)))]++;
        }
        return h;
    }

    private static double round(double d) {
        return Math.round(d * 10_000) / 10_000.0;
    }
}
