package org.volsched.cli.reliability;

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
        if (failure instanceof NullPointerException && "volumeId".equals(failure.getMessage())) {
            return "known bug: request_spec without volume_id (NullPointerException from VolumeStore.updateHost)";
        }
        return null;
    }
}
