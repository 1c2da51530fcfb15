package org.volsched.cli.reliability;

import java.time.Duration;

/**
 * How much the reliability tests do: a little in the normal build, a lot with
 * {@code -Plong-tests}, which sets the two system properties below (see {@code docs/reliability.md}).
 */
final class ReliabilitySettings {
    /** Tries per jqwik property. */
    static final String TRIES = "volsched.reliability.tries";
    /** How long the concurrency stress test keeps its threads busy, in seconds. */
    static final String STRESS_SECONDS = "volsched.reliability.stressSeconds";

    static final int DEFAULT_TRIES = 100;
    static final int DEFAULT_STRESS_SECONDS = 3;

    /**
     * A case that has not answered after this long is reported as a hang. One case takes
     * milliseconds; the bound is generous because the build machine is shared.
     */
    static final Duration CASE_LIMIT = Duration.ofSeconds(20);

    private ReliabilitySettings() {
    }

    static int tries() {
        return Math.max(1, Integer.getInteger(TRIES, DEFAULT_TRIES));
    }

    static int stressSeconds() {
        return Math.max(1, Integer.getInteger(STRESS_SECONDS, DEFAULT_STRESS_SECONDS));
    }
}
