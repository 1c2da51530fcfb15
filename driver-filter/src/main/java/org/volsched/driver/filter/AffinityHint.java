package org.volsched.driver.filter;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.Map;
import java.util.Optional;
import org.volsched.spi.BackendFilter.PoolPredicate;
import org.volsched.spi.ErrorTypes;
import org.volsched.spi.SchedulerException;
import org.volsched.spi.VolumeLookup;
import org.volsched.spi.model.FilterProperties;
import org.volsched.spi.model.PoolState;
import org.volsched.spi.model.PoolTable;
import org.volsched.python.Py;

/**
 * What {@code SameBackendFilter} and {@code DifferentBackendFilter} share (rules AF1-AF5): reading
 * and validating the hint, looking its volumes up once per request in the requester's project,
 * and matching a candidate against their locations.
 */
final class AffinityHint {
    /** A volume of the hint that the look-up found. */
    record Found(String id, VolumeLookup.Location location) {
    }

    private AffinityHint() {
    }

    /**
     * Builds the predicate of one affinity filter for one request.
     *
     * @param filterName the filter's name, for reasons
     * @param hintKey {@code same_host} or {@code different_host}
     * @param same true for SameBackendFilter (pass when a volume matches), false for
     *     DifferentBackendFilter (pass when none does)
     * @throws SchedulerException {@code CinderException} when the hint needs a look-up and none is configured
     */
    static PoolPredicate prepare(String filterName, String hintKey, boolean same, FilterProperties properties,
                                 VolumeLookup lookup, CandidateNames names) {
        Map<String, Object> hints = properties.schedulerHints();
        if (hints == null || !hints.containsKey(hintKey)) {
            return pool -> true;
        }
        Object hint = hints.get(hintKey);
        List<String> ids = new ArrayList<>();
        if (hint instanceof List<?> list) {
            for (Object element : list) {
                if (!UuidLike.test(element)) {
                    return rejectAll(filterName + ": hint " + hintKey + " lists " + Py.repr(element)
                            + ", which is not a UUID; Cinder refuses every backend");
                }
                ids.add((String) element);
            }
        } else if (UuidLike.test(hint)) {
            ids.add((String) hint);
        } else {
            return rejectAll(filterName + ": hint " + hintKey + " is " + Py.repr(hint)
                    + ", neither a UUID nor a list of UUIDs; Cinder refuses every backend");
        }
        if (ids.isEmpty()) {
            return pool -> true;
        }
        if (lookup == null) {
            throw new SchedulerException(ErrorTypes.CINDER_EXCEPTION, "Hint \"" + hintKey + "\" cannot be used: no volume "
                    + "look-up is configured. Bind an org.volsched.spi.VolumeLookup (in a plug-in's Guice module) "
                    + "or give the volumes' hosts in the scenario's request.volume_hosts.");
        }
        String projectId = properties.context().projectId();
        List<Found> found = new ArrayList<>();
        List<String> missing = new ArrayList<>();
        for (String id : ids) {
            Optional<VolumeLookup.Location> location = lookup.find(id, projectId);
            if (location.isPresent()) {
                found.add(new Found(id, location.get()));
            } else {
                missing.add(id);
            }
        }
        return new Predicate(filterName, hintKey, same, found.toArray(new Found[0]), missing, projectId, names);
    }

    private static PoolPredicate rejectAll(String reason) {
        return new PoolPredicate() {
            @Override
            public boolean test(PoolState pool) {
                return false;
            }

            @Override
            public String reason(PoolState pool) {
                return reason;
            }
        };
    }

    /**
     * Cinder's database host filter: a value containing {@code #} matches exactly; one containing
     * {@code @} matches itself and {@code value#…}; any other matches itself, {@code value#…} and
     * {@code value@…}.
     */
    static boolean locationMatches(String volumeField, String candidate) {
        if (volumeField == null) {
            return false;
        }
        if (volumeField.equals(candidate)) {
            return true;
        }
        if (candidate.indexOf('#') >= 0) {
            return false;
        }
        int n = candidate.length();
        if (volumeField.length() <= n || !volumeField.startsWith(candidate)) {
            return false;
        }
        char next = volumeField.charAt(n);
        return next == '#' || (next == '@' && candidate.indexOf('@') < 0);
    }

    /**
     * Every candidate name {@code c} for which {@link #locationMatches locationMatches(field, c)}
     * holds, added to {@code out}: the field itself; the part before its first {@code #}; the part
     * before its first {@code @} when that comes before any {@code #}. (A candidate containing
     * {@code #} only matches the equal field; otherwise it must be a proper prefix of the field
     * followed by {@code #}, or by {@code @} when it has no {@code @} itself.)
     */
    static void addMatchingCandidates(String field, Set<String> out) {
        if (field == null) {
            return;
        }
        out.add(field);
        int hash = field.indexOf('#');
        if (hash >= 0) {
            out.add(field.substring(0, hash));
        }
        int at = field.indexOf('@');
        if (at >= 0 && (hash < 0 || at < hash)) {
            out.add(field.substring(0, at));
        }
    }

    /** The first of {@code found} on {@code pool} (by cluster name for a clustered pool, else by host), or {@code null}. */
    static Found firstMatch(Found[] found, PoolState pool) {
        String cluster = pool.poolClusterName();
        boolean clustered = cluster != null && !cluster.isEmpty();
        String candidate = clustered ? cluster : pool.host();
        for (Found f : found) {
            String field = clustered ? f.location().clusterName() : f.location().host();
            if (locationMatches(field, candidate)) {
                return f;
            }
        }
        return null;
    }

    private static final class Predicate implements PoolPredicate {
        private final String filterName;
        private final String hintKey;
        private final boolean same;
        private final Found[] found;
        private final List<String> missing;
        private final String projectId;
        /** Candidate names some volume's host matches (for unclustered pools); see {@link #addMatchingCandidates}. */
        private final Set<String> hostMatches = new HashSet<>();
        /** Candidate names some volume's cluster matches (for clustered pools). */
        private final Set<String> clusterMatches = new HashSet<>();
        /** Hash codes of both sets' names: a pool whose name has none of them matches nothing. */
        private final int[] matchHashes;
        private final CandidateNames names;

        Predicate(String filterName, String hintKey, boolean same, Found[] found, List<String> missing,
                  String projectId, CandidateNames names) {
            this.filterName = filterName;
            this.hintKey = hintKey;
            this.same = same;
            this.found = found;
            this.missing = missing;
            this.projectId = projectId;
            for (Found f : found) {
                addMatchingCandidates(f.location().host(), hostMatches);
                addMatchingCandidates(f.location().clusterName(), clusterMatches);
            }
            Set<String> all = new HashSet<>(hostMatches);
            all.addAll(clusterMatches);
            this.matchHashes = CandidateNames.hashesOf(all);
            this.names = names;
        }

        /**
         * {@link #test} over the table's rows. A pool's candidate name (its cluster name when
         * clustered, else its host) is its {@code backendId}, whose hash is remembered per slot, so
         * a pool matching no volume is decided without reading its state.
         */
        @Override
        public int testRows(PoolTable table, int[] rows, int n, int[] out) {
            int k = 0;
            for (int j = 0; j < n; j++) {
                int row = rows[j];
                PoolState pool = table.pool(row);
                boolean matches = CandidateNames.mayContain(matchHashes, names.hash(pool, table.slot(row)))
                        && matches(pool);
                if (same == matches) {
                    out[k++] = row;
                }
            }
            return k;
        }

        /** {@code firstMatch(found, pool) != null}, by one hash look-up. */
        @Override
        public boolean test(PoolState pool) {
            return same == matches(pool);
        }

        private boolean matches(PoolState pool) {
            String cluster = pool.poolClusterName();
            return cluster != null && !cluster.isEmpty() ? clusterMatches.contains(cluster)
                    : hostMatches.contains(pool.host());
        }

        @Override
        public String reason(PoolState pool) {
            Found match = firstMatch(found, pool);
            if (!same && match != null) {
                return filterName + ": volume " + match.id() + " (" + hintKey + ") is on " + where(match.location())
                        + ", which is this pool";
            }
            if (same && match == null) {
                StringBuilder sb = new StringBuilder(filterName + ": no " + hintKey + " volume is on this pool (");
                if (found.length == 0) {
                    sb.append("none of them was found in project ").append(projectId);
                } else {
                    for (int i = 0; i < found.length; i++) {
                        sb.append(i == 0 ? "" : ", ").append(found[i].id()).append(" is on ")
                                .append(where(found[i].location()));
                    }
                    if (!missing.isEmpty()) {
                        sb.append("; not found in project ").append(projectId).append(": ").append(missing);
                    }
                }
                return sb.append(')').toString();
            }
            return filterName + ": passes";
        }

        private static String where(VolumeLookup.Location location) {
            return location.clusterName() == null ? String.valueOf(location.host())
                    : location.host() + " (cluster " + location.clusterName() + ")";
        }
    }
}
