package org.volsched.core.host;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;
import org.volsched.core.config.FuzzyMatch;
import org.volsched.python.Py;

/**
 * What a pool report (or a legacy single-pool report) gets wrong the ways real drivers get it
 * wrong: misspelt capacity keys, capacities sent as strings, free space above the total, a ratio
 * that is neither a number nor {@code auto}. Cinder tolerates all of these silently (or crashes
 * later); volsched schedules exactly as Cinder does and reports them: the host manager logs each
 * finding once per report, {@code volsched validate} lists them with their field paths.
 */
public final class ReportLint {
    private static final Set<String> CAPACITY_KEYS = Set.of("total_capacity_gb", "free_capacity_gb",
            "allocated_capacity_gb", "provisioned_capacity_gb");
    private static final Set<String> KNOWN_KEYS = Set.of("total_capacity_gb", "free_capacity_gb",
            "allocated_capacity_gb", "provisioned_capacity_gb", "reserved_percentage", "max_over_subscription_ratio",
            "thin_provisioning_support", "thick_provisioning_support");
    private static final Pattern RATIO = Pattern.compile("auto|\\d*\\.\\d+|\\d+");

    /** One finding: the key it is about and what is wrong. */
    public record Finding(String key, String message) {
    }

    /**
     * Keys already looked at: the known key each is a misspelling of, or "" when none. A live fleet
     * re-sends the same keys every minute; the edit distances are computed once per distinct key.
     */
    private static final Map<String, String> MISSPELLINGS = new ConcurrentHashMap<>();
    private static final int MAX_REMEMBERED_KEYS = 10_000;

    private ReportLint() {
    }

    private static String misspeltKnownKey(String key) {
        String known = MISSPELLINGS.get(key);
        if (known == null) {
            String closest = FuzzyMatch.closest(key, KNOWN_KEYS);
            known = closest != null && (closest.startsWith(key) || FuzzyMatch.distance(key, closest) <= 4)
                    ? closest : "";
            if (MISSPELLINGS.size() >= MAX_REMEMBERED_KEYS) {
                MISSPELLINGS.clear();
            }
            MISSPELLINGS.put(key, known);
        }
        return known.isEmpty() ? null : known;
    }

    /** The findings about one pool report. */
    public static List<Finding> check(Map<String, ?> report) {
        List<Finding> findings = new ArrayList<>();
        for (String key : report.keySet()) {
            if (KNOWN_KEYS.contains(key)) {
                continue;
            }
            String known = misspeltKnownKey(key);
            if (known != null) {
                findings.add(new Finding(key, "not a key Cinder reads (it is ignored); did you mean '" + known + "'?"));
            }
        }
        for (String key : CAPACITY_KEYS) {
            Object v = report.get(key);
            if (v instanceof String s && !s.equals("infinite") && !s.equals("unknown")) {
                findings.add(new Finding(key, Py.repr(s) + " is a string; expected a number, 'infinite' or 'unknown'"));
            }
        }
        Object total = report.get("total_capacity_gb");
        Object free = report.get("free_capacity_gb");
        if (Py.isNumber(total) && Py.isNumber(free) && Py.asDouble(free) > Py.asDouble(total)) {
            findings.add(new Finding("free_capacity_gb", Py.str(free) + " is greater than total_capacity_gb "
                    + Py.str(total)));
        }
        Object ratio = report.get("max_over_subscription_ratio");
        if (ratio instanceof String s && !RATIO.matcher(s).matches()) {
            findings.add(new Finding("max_over_subscription_ratio", Py.repr(s)
                    + " is neither a number nor 'auto' (Cinder fails every request when it reads it)"));
        }
        return findings;
    }
}
