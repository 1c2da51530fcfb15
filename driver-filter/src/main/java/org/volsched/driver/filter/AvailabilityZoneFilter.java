package org.volsched.driver.filter;

import java.util.List;
import org.volsched.spi.BackendFilter;
import org.volsched.spi.SchedulerContext;
import org.volsched.spi.model.FilterProperties;
import org.volsched.spi.model.PoolState;
import org.volsched.spi.model.PoolTable;
import org.volsched.spi.model.RequestSpec;
import org.volsched.python.Py;

/**
 * Keeps pools whose service is in the requested availability zone (rules AZ1-AZ3): the API's
 * list of zones when there is one, else the zone of the request's {@code resource_properties}.
 * The legacy request spec has no {@code resource_properties}, so it is not filtered by zone (F5).
 *
 * <p>Zones are compared by reference: the host manager interns every service's zone, and the
 * request's zone is interned once per request, so equal zones are the same string.
 */
public final class AvailabilityZoneFilter implements BackendFilter {
    public AvailabilityZoneFilter(SchedulerContext context) {
    }

    @Override
    public String name() {
        return "AvailabilityZoneFilter";
    }

    @Override
    public boolean runFilterOncePerRequest() {
        return true;
    }

    @Override
    public PoolPredicate prepare(FilterProperties properties) {
        RequestSpec spec = properties.requestSpec();
        if (spec == null) {
            return Predicates.PASS_ALL;
        }
        List<String> zones = spec.availabilityZones();
        if (!zones.isEmpty()) {
            String[] interned = zones.stream().map(String::intern).toArray(String[]::new);
            return new PoolPredicate() {
                @Override
                public boolean test(PoolState pool) {
                    return oneOf(pool.availabilityZone(), interned);
                }

                @Override
                public int testRows(PoolTable table, int[] rows, int n, int[] out) {
                    int k = 0;
                    for (int j = 0; j < n; j++) {
                        if (oneOf(table.zone(rows[j]), interned)) {
                            out[k++] = rows[j];
                        }
                    }
                    return k;
                }

                @Override
                public String reason(PoolState pool) {
                    return "zone " + Py.repr(pool.availabilityZone()) + " is not one of the requested zones "
                            + zones;
                }
            };
        }
        Object zone = spec.resourceAvailabilityZone();
        if (!Py.truthy(zone)) {
            return Predicates.PASS_ALL;
        }
        if (!(zone instanceof String)) {
            return Predicates.rejectAll("zone " + Py.repr(zone) + " requested; zones are strings");
        }
        String requested = ((String) zone).intern();
        return new PoolPredicate() {
            @Override
            public boolean test(PoolState pool) {
                return pool.availabilityZone() == requested;
            }

            @Override
            public boolean supportsParallelRows() {
                return true;
            }

            /**
             * The table knows which rows are in each zone: all rows in, the zone's rows out; a subset
             * in, the intersection of two increasing row lists.
             */
            @Override
            public int testRows(PoolTable table, int[] rows, int n, int[] out) {
                int[] inZone = table.rowsInZone(requested);
                if (n == table.liveRows()) {
                    System.arraycopy(inZone, 0, out, 0, inZone.length);
                    return inZone.length;
                }
                int k = 0;
                for (int i = 0, j = 0; i < n && j < inZone.length; ) {
                    if (rows[i] < inZone[j]) {
                        i++;
                    } else if (rows[i] > inZone[j]) {
                        j++;
                    } else {
                        out[k++] = rows[i];
                        i++;
                        j++;
                    }
                }
                return k;
            }

            @Override
            public String reason(PoolState pool) {
                return "zone " + Py.repr(pool.availabilityZone()) + ", requested " + Py.repr(zone);
            }
        };
    }

    /** The zone (interned) is one of the requested ones (interned): the rule, for both paths. */
    private static boolean oneOf(String zone, String[] interned) {
        for (String z : interned) {
            if (z == zone) {
                return true;
            }
        }
        return false;
    }
}
