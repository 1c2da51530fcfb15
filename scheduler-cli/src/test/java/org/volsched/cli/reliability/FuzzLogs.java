package org.volsched.cli.reliability;

import java.util.List;
import java.util.TreeSet;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.volsched.testing.LogCapture;
import org.volsched.testing.Warnings;

/**
 * What volsched logs while thousands of odd inputs are decided: captured for the whole test
 * class instead of printed (every failed request is logged at ERROR by design), and checked at the
 * end to be only the kinds of warnings and errors odd inputs call for.
 */
final class FuzzLogs {
    /** The kinds of messages odd scenarios provoke, each a whole-message pattern. */
    static final List<Pattern> EXPECTED = Stream.of(
            Warnings.REPORT_FIELD,
            "Backend \\S+: capabilities\\.pools(\\[\\d+\\])? (is|has) .+",
            Warnings.RATIO_NOT_COMPUTABLE,
            Warnings.CAPACITY_FILTER_CINDER_FAILS,
            Warnings.CAPABILITIES_FILTER_CINDER_FAILS,
            Warnings.CANNOT_WEIGH,
            Warnings.CAPACITY_WEIGHERS_CINDER_FAILS,
            "Chance scheduler: the current host \\S+ of volume \\S+ has no pool state; treating it as not valid",
            "JsonFilter: (rejecting every pool|rejected pool \\S+) where Cinder would fail the whole request: .+",
            "GoodnessWeigher: pool \\S+ rated 0: .+ \\(Cinder fails the request with [A-Za-z]+\\)",
            "DriverFilter: .+",
            "Request for volume \\S+ has a retry state without num_attempts \\(Cinder fails it with KeyError\\); "
                    + "counting it as a first attempt",
            "Volume \\S+ has size .+, which is not a number; nothing consumed",
            "Volume \\S+: concurrent decisions took the room on the chosen pool \\d+ times in a row; giving up "
                    + "rather than over-committing a pool",
            "Pool \\S+ disappeared before \\S+ GB could be consumed from it",
            "Failed to run task cinder\\.scheduler\\.flows\\.create_volume\\.[A-Za-z]+;volume:create: .+",
            "Task 'cinder\\.scheduler\\.flows\\.create_volume\\.[A-Za-z]+;volume:create' of flow "
                    + "'volume_create_scheduler' went to [A-Z_]+: .+",
            "Reverting task '.+' of flow '.+' failed; the original failure still surfaces: .+",
            "No volume id to set to error status due to: .+",
            "Failed to create message record for .+",
            "Failed setting volume .+ to error status\\.",
            "Failed notifying on scheduler\\.create_volume for volume .+")
            .map(p -> Pattern.compile(p, Pattern.DOTALL)).toList();

    private static LogCapture capture;

    private FuzzLogs() {
    }

    /** Starts capturing everything volsched logs at WARN and above. */
    static synchronized void capture() {
        capture = LogCapture.named("org.volsched");
    }

    /**
     * Stops capturing and checks that every message was of an expected kind.
     *
     * @throws AssertionError listing (shortened, once each) the messages of an unexpected kind
     */
    static synchronized void checkAndStop() {
        LogCapture c = capture;
        capture = null;
        if (c == null) {
            return;
        }
        c.close();
        TreeSet<String> unexpected = new TreeSet<>();
        for (String m : c.messages()) {
            if (EXPECTED.stream().noneMatch(p -> p.matcher(m).matches())) {
                String kind = m.replaceAll("'[^']*'", "'…'").replaceAll("[0-9]+", "N").replaceAll("\\p{Cntrl}", "?");
                unexpected.add(kind.length() > 200 ? kind.substring(0, 200) + "…" : kind);
            }
        }
        if (!unexpected.isEmpty()) {
            throw new AssertionError(unexpected.size() + " unexpected kinds of log message:\n"
                    + String.join("\n", unexpected.stream().limit(30).toList()));
        }
    }
}
