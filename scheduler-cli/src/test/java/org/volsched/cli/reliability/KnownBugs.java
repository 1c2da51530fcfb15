package org.volsched.cli.reliability;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.HashSet;
import java.util.Set;

/**
 * Bugs the reliability tests found and reported, not fixed yet. The fuzz properties count a
 * decision that fails with one of these as a known bug instead of failing, so that they keep
 * looking for new ones; each has its own regression test in {@link FoundBugsTest}. Remove an
 * entry when its bug is fixed.
 */
final class KnownBugs {
    private KnownBugs() {
    }

    /** A short name of the known bug {@code failure} shows, or {@code null} when it shows none. */
    static String describe(Throwable failure) {
        // None open: request_spec without volume_id (fixed: KeyError before any claim) was the last one.
        return null;
    }

    /** A known bug a decision document shows, or {@code null}. */
    static String describe(CliDecisions.Decided decided) {
        if (decided.trace().failure() != null && describe(decided.trace().failure()) != null) {
            return describe(decided.trace().failure());
        }
        // NaN weights (fixed: ranked as Python's sort does) no longer count as known: a recurrence fails.
        return null;
    }

    /** The weighed list has a NaN weight and does not hold each filtered candidate exactly once. */
    static boolean nanRanking(JsonNode decision) {
        JsonNode weighed = decision.get("weighed");
        if (weighed == null || !weighed.isArray()) {
            return false;
        }
        Set<String> names = new HashSet<>();
        boolean nan = false;
        for (JsonNode w : weighed) {
            names.add(w.get("backend").asText());
            nan |= "NaN".equals(w.get("weight").asText());
        }
        return nan && (names.size() != weighed.size() || names.size() != decision.get("filtered").size());
    }
}
