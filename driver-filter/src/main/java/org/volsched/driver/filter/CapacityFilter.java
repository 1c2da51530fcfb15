package org.volsched.driver.filter;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.volsched.spi.BackendFilter;
import org.volsched.spi.SchedulerContext;
import org.volsched.spi.model.Capacity;
import org.volsched.spi.model.FilterProperties;
import org.volsched.spi.model.PoolState;
import org.volsched.spi.model.PoolTable;
import org.volsched.spi.model.VolumeType;
import org.volsched.python.Py;
import org.volsched.python.PyException;

/**
 * Keeps pools with room for the volume (rules CF1-CF14, CM2): thin requests on thin pools are
 * measured against the over-subscription ratio, everything else against the smaller of the
 * reported free space and {@code total - reserved - provisioned}; {@code infinite} and
 * {@code unknown} free space always fits; an unbounded total fits only without reservation.
 *
 * <p>Where Cinder would crash (a thin pool whose usable total rounds to 0, non-numeric capacities,
 * a volume type it cannot read), the pool is rejected with the reason and a warning, and
 * scheduling goes on.
 */
public final class CapacityFilter implements BackendFilter {
    private static final Logger LOG = LoggerFactory.getLogger(CapacityFilter.class);

    public CapacityFilter(SchedulerContext context) {
    }

    @Override
    public String name() {
        return "CapacityFilter";
    }

    @Override
    public PoolPredicate prepare(FilterProperties properties) {
        String volExistsOn = properties.volExistsOn();
        double requested;
        String requestProblem = null;
        try {
            requested = requestedSize(properties);
        } catch (PyException e) {
            requested = Double.NaN;
            requestProblem = e.toString();
        }
        boolean thin = true;
        String typeProblem = null;
        VolumeType type = properties.volumeType();
        if (type != null && type.legacyPairs() && !type.isEmpty()) {
            typeProblem = "AttributeError: 'list' object has no attribute 'get' (legacy request spec volume type)";
        } else if (type != null && type.extraSpecs() == null && !type.isEmpty()) {
            typeProblem = "AttributeError: volume type extra_specs is None";
        } else if (type != null) {
            thin = !Py.eq(type.extraSpecsOrEmpty().get("provisioning:type"), "thick");
        }
        return new Predicate(volExistsOn, requested, requestProblem, thin, typeProblem);
    }

    /** CF2: the extension for an extend request, else the size; NaN when absent. */
    private static double requestedSize(FilterProperties properties) {
        Object newSize = properties.newSize();
        Object size = properties.size();
        if (Py.truthy(newSize)) {
            return Py.asDouble(Py.toInt(newSize)) - Py.asDouble(Py.toInt(size));
        }
        if (size == null) {
            return Double.NaN;
        }
        if (!Py.isNumber(size)) {
            throw PyException.typeError("size is a " + Py.typeName(size) + ", not a number: " + Py.repr(size));
        }
        return Py.asDouble(size);
    }

    private static final class Predicate implements PoolPredicate {
        private final String volExistsOn;
        private final double requested;
        private final String requestProblem;
        private final boolean thin;
        private final String typeProblem;
        private volatile boolean warned;

        Predicate(String volExistsOn, double requested, String requestProblem, boolean thin, String typeProblem) {
            this.volExistsOn = volExistsOn;
            this.requested = requested;
            this.requestProblem = requestProblem;
            this.thin = thin;
            this.typeProblem = typeProblem;
        }

        /**
         * The verdict of {@link #evaluate} from the pool's precomputed facts, reading no other
         * object: the same rules in the same order, without building reasons.
         */
        @Override
        public boolean test(PoolState pool) {
            if (volExistsOn != null && volExistsOn.equals(pool.backendId())) {
                return true;
            }
            if (requestProblem != null) {
                return crashed(pool);
            }
            if (requested == 0) {
                return true;
            }
            if (pool.hasNoFreeCapacity()) {
                return false;
            }
            double reservedPct = pool.reservedPercentage();
            if (Double.isNaN(reservedPct)) {
                return crashed(pool);
            }
            if (pool.hasUnboundedFree()) {
                return true;
            }
            if (pool.hasUnboundedTotal()) {
                return reservedPct == 0;
            }
            boolean thinPath = thin && pool.thinProvisioningSupport();
            if (!pool.hasUsableCapacityNumbers() || (!thinPath && !pool.hasNumericFree())
                    || typeProblem != null || Double.isNaN(requested)) {
                return evaluate(pool, false) == null;
            }
            if (thinPath) {
                double ratio = pool.maxOverSubscriptionRatio();
                double totalAvailable = pool.totalAvailableCapacityThin();
                if (ratio < 1 || totalAvailable == 0) {
                    return evaluate(pool, false) == null;
                }
                return !((pool.provisionedCapacityGb() + requested) / totalAvailable > ratio)
                        && pool.virtualFreeCapacity(true) >= requested;
            }
            return !(pool.virtualFreeCapacity(false) < requested);
        }

        /** Stateless per pool (warnings are logged once through an atomic flag, verdicts kept racily but exactly). */
        @Override
        public boolean supportsParallelRows() {
            return true;
        }

        /** {@link #test} over the snapshot's columns; anything unusual goes through {@link #test}. */
        @Override
        public int testRows(PoolTable table, int[] rows, int n, int[] out) {
            if (volExistsOn != null || requestProblem != null || typeProblem != null || Double.isNaN(requested)) {
                return PoolPredicate.super.testRows(table, rows, n, out);
            }
            if (requested == 0) {
                System.arraycopy(rows, 0, out, 0, n);
                return n;
            }
            int k = 0;
            for (int j = 0; j < n; j++) {
                int row = rows[j];
                int flags = table.flags(row);
                boolean passes;
                if ((flags & PoolTable.FREE_NONE) != 0) {
                    passes = false;
                } else if ((flags & (PoolTable.FREE_UNBOUNDED | PoolTable.TOTAL_UNBOUNDED)) != 0
                        || (flags & PoolTable.USABLE_NUMBERS) == 0) {
                    passes = test(table.pool(row));
                } else if (thin && (flags & PoolTable.THIN_SUPPORT) != 0) {
                    // The thin path never reads the reported free space.
                    double ratio = table.maxOverSubscriptionRatio(row);
                    double totalAvailable = table.totalAvailableCapacityThin(row);
                    if (ratio < 1 || totalAvailable == 0) {
                        passes = test(table.pool(row));
                    } else {
                        passes = !((table.provisionedCapacityGb(row) + requested) / totalAvailable > ratio)
                                && table.virtualFreeCapacity(row, true) >= requested;
                    }
                } else if ((flags & PoolTable.FREE_NUMBER) == 0) {
                    passes = test(table.pool(row));
                } else {
                    passes = !(table.virtualFreeCapacity(row, false) < requested);
                }
                if (passes) {
                    out[k++] = row;
                }
            }
            return k;
        }

        private boolean crashed(PoolState pool) {
            return evaluate(pool, false) == null;
        }

        @Override
        public String reason(PoolState pool) {
            String r = evaluate(pool, true);
            return r == null ? "passes" : r;
        }

        /** Null when the pool passes, else why not (a short marker unless {@code explain}). */
        private String evaluate(PoolState pool, boolean explain) {
            if (volExistsOn != null && volExistsOn.equals(pool.backendId())) {
                return null;
            }
            if (requestProblem != null) {
                return crash(pool, requestProblem);
            }
            if (requested == 0) {
                return null;
            }
            Capacity free = pool.freeCapacity();
            if (free.kind() == Capacity.Kind.NONE) {
                return "free_capacity_gb is None";
            }
            double reservedPct = pool.reservedPercentage();
            if (Double.isNaN(reservedPct)) {
                return crash(pool, "ValueError: reserved_percentage " + Py.repr(pool.reservedPercentageRaw())
                        + " is not a number");
            }
            if (free.isUnbounded()) {
                return null;
            }
            Capacity total = pool.totalCapacity();
            if (total.isUnbounded()) {
                return reservedPct == 0 ? null
                        : "total_capacity_gb is " + total.raw() + " and " + Py.str(pool.reservedPercentageRaw())
                        + "% is reserved";
            }
            if (total.kind() != Capacity.Kind.NUMBER) {
                return crash(pool, "ValueError: total_capacity_gb " + Py.repr(total.raw()) + " is not a number");
            }
            if (total.value() <= 0) {
                return explain ? "total_capacity_gb is " + total + " (no usable capacity)" : "no total";
            }
            if (typeProblem != null) {
                return crash(pool, typeProblem);
            }
            if (Double.isNaN(requested)) {
                return crash(pool, "TypeError: the request has no size");
            }
            boolean thinPath = thin && pool.thinProvisioningSupport();
            if (!thinPath && free.kind() != Capacity.Kind.NUMBER) {
                // Only the thick path compares the reported free space (CM2).
                return crash(pool, "TypeError: free_capacity_gb " + Py.repr(free.raw()) + " is not a number");
            }
            double provisioned = pool.provisionedCapacityGb();
            if (Double.isNaN(provisioned)) {
                return crash(pool, "TypeError: provisioned_capacity_gb " + Py.repr(pool.provisionedCapacityRaw())
                        + " is not a number");
            }
            boolean thinSupport = pool.thinProvisioningSupport();
            double ratio = pool.maxOverSubscriptionRatio();
            if (thinSupport && Double.isNaN(ratio)) {
                return crash(pool, pool.maxOverSubscriptionRatioError());
            }
            double virtualFree = pool.virtualFreeCapacity(thin);
            if (thin && thinSupport) {
                if (ratio < 1) {
                    return explain ? "thin pool with max_over_subscription_ratio " + Py.str(ratio) + " below 1"
                            : "ratio < 1";
                }
                double totalAvailable = pool.totalAvailableCapacityThin();
                if (totalAvailable == 0) {
                    return crash(pool, "ZeroDivisionError: float division by zero (usable capacity is 0 with "
                            + Py.str(pool.reservedPercentageRaw()) + "% reserved)");
                }
                double provisionedRatio = (provisioned + requested) / totalAvailable;
                if (provisionedRatio > ratio) {
                    return explain ? String.format("provisioned ratio would be %s (%s GB provisioned + %s GB "
                            + "requested over %s GB), above max_over_subscription_ratio %s",
                            Py.str(provisionedRatio), Py.str(provisioned), Py.str(requested),
                            Py.str(totalAvailable), Py.str(ratio)) : "over-subscribed";
                }
                if (virtualFree >= requested) {
                    return null;
                }
                return explain ? String.format("has %s GB virtual free (thin, ratio %s, %s%% reserved), %s GB "
                        + "requested", Py.str(virtualFree), Py.str(ratio), Py.str(pool.reservedPercentageRaw()),
                        Py.str(requested)) : "no room";
            }
            if (virtualFree < requested) {
                return explain ? String.format("has %s GB free after %s%% reserved, %s GB requested",
                        Py.str(virtualFree), Py.str(pool.reservedPercentageRaw()), Py.str(requested)) : "no room";
            }
            return null;
        }

        private String crash(PoolState pool, String problem) {
            if (!warned) {
                warned = true;
                LOG.warn("CapacityFilter: pool {} rejected where Cinder would fail the request: {}",
                        pool.backendId(), problem);
            }
            return "rejected where Cinder would crash: " + problem;
        }
    }
}
