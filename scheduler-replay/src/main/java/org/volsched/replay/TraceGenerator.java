package org.volsched.replay;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.Random;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Makes a synthetic trace over a fleet ({@code volsched trace generate}); the same fleet and options
 * give the same bytes. What it draws is documented in {@code docs/trace-format.md}:
 * <ul>
 *   <li>arrivals: a Poisson process of {@code rate} requests per simulated second (exponential gaps);</li>
 *   <li>sizes: a Pareto distribution (a heavy tail, as real clouds have) of scale {@code sizeMin} GB and
 *       shape {@code sizeAlpha}, rounded up to a whole GB and capped at {@code sizeMax};</li>
 *   <li>volume types: {@code default} (no extra specs) for half the requests, otherwise one of the
 *       fleet's storage protocols ({@code storage_protocol} extra spec), uniformly; zones uniformly among
 *       the fleet's;</li>
 *   <li>deletes: each volume lives an exponential time of mean {@code meanLifetime} seconds; deletes
 *       after the last request are left out;</li>
 *   <li>reports: every backend with capabilities re-reports every {@code reportInterval} seconds, the
 *       backends' phases evenly spread over the interval, as re-report markers (no capabilities: the
 *       replay, which knows where volumes went, computes them).</li>
 * </ul>
 * All draws come from one {@link Random} seeded with {@code seed}, in a fixed order per request, and
 * times are rounded to the millisecond.
 */
public final class TraceGenerator {
    /**
     * What to generate.
     *
     * @param rate requests per simulated second
     * @param reportInterval seconds between two reports of a backend; 0 for no reports
     * @param meanLifetime mean seconds a volume lives; 0 for no deletes
     */
    public record Options(long requests, long seed, double rate, double reportInterval, double meanLifetime,
                          double sizeMin, double sizeAlpha, long sizeMax) {
        public Options {
            if (requests < 0 || !(rate > 0) || !(reportInterval >= 0) || !(meanLifetime >= 0) || !(sizeMin >= 1)
                    || !(sizeAlpha > 0) || sizeMax < sizeMin) {
                throw new IllegalArgumentException("invalid generator options " + this);
            }
        }

        /** The defaults of {@code volsched trace generate}. */
        public static Options defaults(long requests, long seed) {
            return new Options(requests, seed, 1.0, 60, 86_400, 10, 1.2, 16_384);
        }
    }

    /** What was written. */
    public record Written(long creates, long deletes, long reports, double seconds, Map<String, Object> volumeTypes) {
    }

    private TraceGenerator() {
    }

    /** The volume types a fleet can serve: {@code default}, and one per storage protocol its reports name. */
    public static Map<String, Map<String, Object>> volumeTypes(Fleet fleet) {
        TreeMap<String, String> protocols = new TreeMap<>();
        for (Fleet.Backend b : fleet.backends()) {
            if (b.capabilities() == null) {
                continue;
            }
            collect(b.capabilities().get("storage_protocol"), protocols);
            if (b.capabilities().get("pools") instanceof List<?> pools) {
                for (Object p : pools) {
                    if (p instanceof Map<?, ?> m) {
                        collect(m.get("storage_protocol"), protocols);
                    }
                }
            }
        }
        Map<String, Map<String, Object>> types = new LinkedHashMap<>();
        types.put("default", type("default", Map.of()));
        protocols.forEach((name, protocol) -> types.put(name, type(name, Map.of("storage_protocol", protocol))));
        return types;
    }

    private static void collect(Object protocol, Map<String, String> into) {
        if (protocol instanceof String s && !s.isBlank()) {
            into.putIfAbsent(s.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-"), s);
        }
    }

    private static Map<String, Object> type(String name, Map<String, Object> extraSpecs) {
        Map<String, Object> t = new LinkedHashMap<>();
        t.put("id", "type-" + name);
        t.put("name", name);
        t.put("extra_specs", extraSpecs);
        return t;
    }

    private record Pending(double t, long seq, String id) {
    }

    /** Writes the trace. */
    public static Written generate(Fleet fleet, Options o, TraceWriter out) {
        Map<String, Map<String, Object>> types = volumeTypes(fleet);
        List<String> typeNames = new ArrayList<>(types.keySet());
        TreeSet<String> zoneSet = new TreeSet<>();
        List<String> reporters = new ArrayList<>();
        for (Fleet.Backend b : fleet.backends()) {
            if (b.availabilityZone() != null) {
                zoneSet.add(b.availabilityZone());
            }
            if (b.capabilities() != null) {
                reporters.add(b.host());
            }
        }
        List<String> zones = new ArrayList<>(zoneSet);
        Map<String, Object> meta = new LinkedHashMap<>();
        meta.put("generator", "volsched trace generate");
        meta.put("fleet", fleet.name());
        meta.put("requests", o.requests());
        meta.put("seed", o.seed());
        meta.put("rate_per_second", o.rate());
        meta.put("report_interval_seconds", o.reportInterval());
        meta.put("mean_lifetime_seconds", o.meanLifetime());
        meta.put("sizes", Map.of("distribution", "pareto", "min_gb", o.sizeMin(), "alpha", o.sizeAlpha(),
                "max_gb", o.sizeMax()));
        out.header(new TraceHeader(types, meta));

        Random random = new Random(o.seed());
        PriorityQueue<Pending> deletes = new PriorityQueue<>((a, b) -> a.t() != b.t() ? Double.compare(a.t(), b.t())
                : Long.compare(a.seq(), b.seq()));
        long reportNumber = 0;
        int backends = reporters.size();
        double clock = 0;
        long deletesWritten = 0;
        double lastT = 0;
        for (long n = 0; n < o.requests(); n++) {
            clock += -Math.log(1 - random.nextDouble()) / o.rate();
            double t = ms(clock);
            long size = size(random, o);
            String type = random.nextBoolean() || typeNames.size() == 1 ? "default"
                    : typeNames.get(1 + random.nextInt(typeNames.size() - 1));
            String zone = zones.isEmpty() ? null : zones.get(random.nextInt(zones.size()));
            double lifetime = o.meanLifetime() > 0 ? -Math.log(1 - random.nextDouble()) * o.meanLifetime() : -1;
            // Everything due before this request, in time order: reports, then deletes at equal times.
            while (true) {
                double report = backends == 0 || o.reportInterval() <= 0 ? Double.POSITIVE_INFINITY
                        : ms(o.reportInterval() * (reportNumber / backends)
                        + o.reportInterval() * ((reportNumber % backends) + 0.5) / backends);
                double delete = deletes.isEmpty() ? Double.POSITIVE_INFINITY : deletes.peek().t();
                if (report > t && delete > t) {
                    break;
                }
                if (report <= delete) {
                    out.write(new TraceEvent.Report(report, reporters.get((int) (reportNumber % backends)), null));
                    reportNumber++;
                } else {
                    Pending d = deletes.poll();
                    out.write(new TraceEvent.Delete(d.t(), d.id()));
                    deletesWritten++;
                }
            }
            String id = String.format(Locale.ROOT, "vol-%08d", n + 1);
            out.write(TraceEvent.Create.shorthand(t, id, size, type, zone));
            lastT = t;
            if (lifetime >= 0) {
                deletes.add(new Pending(Math.max(t, ms(clock + lifetime)), n, id));
            }
        }
        out.flush();
        return new Written(o.requests(), deletesWritten, reportNumber, lastT, Map.copyOf(types));
    }

    /** A Pareto draw of scale {@code sizeMin} and shape {@code sizeAlpha}, whole GB, at most {@code sizeMax}. */
    private static long size(Random random, Options o) {
        double u = 1 - random.nextDouble();
        double x = o.sizeMin() * Math.pow(u, -1 / o.sizeAlpha());
        return Math.min(o.sizeMax(), (long) Math.ceil(x));
    }

    private static double ms(double seconds) {
        return Math.round(seconds * 1000) / 1000.0;
    }
}
