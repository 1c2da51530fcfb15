package org.volsched.replay;

import java.util.List;
import java.util.Map;

/**
 * What one configuration's replay did: its counts, the pools at the end and samples over time. The
 * summary ({@link ReplaySummary}) and the report ({@link HtmlReport}) are computed from it.
 *
 * @param name the configuration's name in the report (its file's name)
 * @param configSource where its options came from
 * @param decided create requests this replay decided (all, or this replica's share)
 * @param placed decisions that selected a pool
 * @param refusedByType scheduling failures by Cinder error type ({@code NoValidBackend}, …), sorted by type
 * @param internalErrors Java exceptions a plug-in or volsched threw (exit code 3), recorded as their class name
 * @param firstRefusal the first scheduling failure, or {@code null}
 * @param medianRequestGb the median size of the decided requests
 * @param pools every pool at the end, in the order they were first seen
 * @param samples the fleet over simulated time, at most a few hundred samples
 * @param simulatedSeconds the time of the trace's last event
 * @param wallSeconds how long the replay took
 */
public record ReplayResult(String name, String configSource, long decided, long placed,
                           Map<String, Long> refusedByType, long internalErrors, Refusal firstRefusal,
                           double medianRequestGb, List<PoolEnd> pools, List<Sample> samples, long events,
                           double simulatedSeconds, double wallSeconds) {
    public ReplayResult {
        refusedByType = Map.copyOf(refusedByType);
        pools = List.copyOf(pools);
        samples = List.copyOf(samples);
    }

    /** All scheduling failures. */
    public long refused() {
        return refusedByType.values().stream().mapToLong(Long::longValue).sum();
    }

    public double decisionsPerSecond() {
        return wallSeconds > 0 ? decided / wallSeconds : 0;
    }

    /**
     * The first request that could not be placed.
     *
     * @param n the request's number in the trace (the n-th create event, from 1)
     */
    public record Refusal(long n, double t, String id, String type) {
    }

    /**
     * A pool at the end of the replay.
     *
     * @param totalGb NaN when the pool reports an infinite or unknown total
     */
    public record PoolEnd(String name, String backend, double totalGb, double usedGb, long volumes) {
        /** Used over total; NaN when the total is not a positive number. */
        public double utilisation() {
            return totalGb > 0 && Double.isFinite(totalGb) ? usedGb / totalGb : Double.NaN;
        }
    }

    /**
     * The fleet at simulated time {@code t}.
     *
     * @param placed decisions that placed a volume since the previous sample
     * @param refused scheduling failures since the previous sample
     * @param utilisation each pool's used over total, in {@link #pools()}' order (pools seen later are missing)
     */
    public record Sample(double t, long placed, long refused, float[] utilisation) {
    }
}
