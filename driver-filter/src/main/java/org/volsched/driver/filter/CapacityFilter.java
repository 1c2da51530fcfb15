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
 *
 * <p>The rules are written once, in {@code Predicate.verdict}, which returns a {@link Verdict}:
 * {@code test}, the column path {@code testRows} and the explanation's {@code reason} all derive
 * their answer from it (the column path only skips to the final comparison for rows whose numbers
 * the pool has already checked to be usable).
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

    /**
     * What the capacity rules say of one pool, in the order Cinder checks them: the single source
     * of both the filter's answer and the reason an explanation gives.
     */
    enum Verdict {
        /** CF1-CF14 let the pool through. */
        PASS,
        /** CF: the report sent {@code free_capacity_gb: null}. */
        NO_FREE_CAPACITY,
        /** CF: an {@code infinite}/{@code unknown} total with a reservation. */
        UNBOUNDED_TOTAL_RESERVED,
        /** CF: a total of 0 or less. */
        NO_TOTAL,
        /** CF: a thin pool with a ratio below 1. */
        RATIO_BELOW_ONE,
        /** CF: the provisioned ratio would exceed the over-subscription ratio. */
        OVER_SUBSCRIBED,
        /** CF: not enough virtual free space on the thin path. */
        THIN_NO_ROOM,
        /** CF/CM2: not enough free space on the thick path. */
        THICK_NO_ROOM,
        /** Cinder would crash: the request's size cannot be read. */
        CRASH_REQUEST_SIZE,
        /** Cinder would crash: {@code reserved_percentage} is not a number. */
        CRASH_RESERVED,
        /** Cinder would crash: {@code total_capacity_gb} is not a number. */
        CRASH_TOTAL,
        /** Cinder would crash: the volume type cannot be read. */
        CRASH_VOLUME_TYPE,
        /** Cinder would crash: the request has no size. */
        CRASH_NO_SIZE,
        /** Cinder would crash: the thick path compares a non-numeric free space. */
        CRASH_FREE,
        /** Cinder would crash: {@code provisioned_capacity_gb} is not a number. */
        CRASH_PROVISIONED,
        /** Cinder would crash: the over-subscription ratio could not be computed (CM1 raised). */
        CRASH_RATIO,
        /** Cinder would crash: a thin pool whose usable total rounds to 0 (division by zero). */
        CRASH_ZERO_DIVISION;

        boolean passes() {
            return this == PASS;
        }

        boolean crashes() {
            return ordinal() >= CRASH_REQUEST_SIZE.ordinal();
        }
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

        @Override
        public boolean test(PoolState pool) {
            return passes(verdict(pool), pool);
        }

        /** The verdict's answer; a crash is logged once per request. */
        private boolean passes(Verdict v, PoolState pool) {
            if (v.crashes() && !warned) {
                warned = true;
                LOG.warn("CapacityFilter: pool {} rejected where Cinder would fail the request: {}",
                        pool.backendId(), problem(v, pool));
            }
            return v.passes();
        }

        /** The rules in Cinder's order; the final comparisons are {@link #thinPath} and {@link #thickPath}. */
        Verdict verdict(PoolState pool) {
            if (volExistsOn != null && volExistsOn.equals(pool.backendId())) {
                return Verdict.PASS;
            }
            if (requestProblem != null) {
                return Verdict.CRASH_REQUEST_SIZE;
            }
            if (requested == 0) {
                return Verdict.PASS;
            }
            Capacity free = pool.freeCapacity();
            if (free.kind() == Capacity.Kind.NONE) {
                return Verdict.NO_FREE_CAPACITY;
            }
            double reservedPct = pool.reservedPercentage();
            if (Double.isNaN(reservedPct)) {
                return Verdict.CRASH_RESERVED;
            }
            if (free.isUnbounded()) {
                return Verdict.PASS;
            }
            Capacity total = pool.totalCapacity();
            if (total.isUnbounded()) {
                return reservedPct == 0 ? Verdict.PASS : Verdict.UNBOUNDED_TOTAL_RESERVED;
            }
            if (total.kind() != Capacity.Kind.NUMBER) {
                return Verdict.CRASH_TOTAL;
            }
            if (total.value() <= 0) {
                return Verdict.NO_TOTAL;
            }
            if (typeProblem != null) {
                return Verdict.CRASH_VOLUME_TYPE;
            }
            if (Double.isNaN(requested)) {
                return Verdict.CRASH_NO_SIZE;
            }
            boolean thinSupport = pool.thinProvisioningSupport();
            if (!(thin && thinSupport) && free.kind() != Capacity.Kind.NUMBER) {
                // Only the thick path compares the reported free space (CM2).
                return Verdict.CRASH_FREE;
            }
            if (Double.isNaN(pool.provisionedCapacityGb())) {
                return Verdict.CRASH_PROVISIONED;
            }
            if (thinSupport && pool.maxOverSubscriptionRatioError() != null) {
                return Verdict.CRASH_RATIO;
            }
            if (thin && thinSupport) {
                return thinPath(pool.maxOverSubscriptionRatio(), pool.totalAvailableCapacityThin(),
                        pool.provisionedCapacityGb(), pool.virtualFreeCapacity(true));
            }
            return thickPath(pool.virtualFreeCapacity(false));
        }

        /**
         * CF11-CF13: a thin request on a thin pool, once its numbers are known to be usable. A ratio
         * that is neither at least 1 nor below 1 (a reported {@code 'nan'}, which Python's
         * {@code float()} accepts) takes CF13's comparison, with the virtual free space it makes.
         */
        private Verdict thinPath(double ratio, double totalAvailable, double provisioned, double virtualFree) {
            if (ratio < 1) {
                return Verdict.RATIO_BELOW_ONE;
            }
            if (!(ratio >= 1)) {
                return thickPath(virtualFree);
            }
            if (totalAvailable == 0) {
                return Verdict.CRASH_ZERO_DIVISION;
            }
            if ((provisioned + requested) / totalAvailable > ratio) {
                return Verdict.OVER_SUBSCRIBED;
            }
            return virtualFree >= requested ? Verdict.PASS : Verdict.THIN_NO_ROOM;
        }

        /** CM2: everything else, once its numbers are known to be usable. */
        private Verdict thickPath(double virtualFree) {
            return virtualFree < requested ? Verdict.THICK_NO_ROOM : Verdict.PASS;
        }

        /** Stateless per pool (warnings are logged once through a racy flag). */
        @Override
        public boolean supportsParallelRows() {
            return true;
        }

        /**
         * {@link #verdict} over the table's columns: a row whose numbers are all usable goes straight
         * to the final comparison of its path; anything unusual (and any request-level problem)
         * asks {@link #verdict} of the pool.
         */
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
                Verdict v;
                if ((flags & (PoolTable.FREE_NONE | PoolTable.FREE_UNBOUNDED | PoolTable.TOTAL_UNBOUNDED)) != 0
                        || (flags & PoolTable.USABLE_NUMBERS) == 0) {
                    v = verdict(table.pool(row));
                } else if (thin && (flags & PoolTable.THIN_SUPPORT) != 0) {
                    // The thin path never reads the reported free space.
                    v = thinPath(table.maxOverSubscriptionRatio(row), table.totalAvailableCapacityThin(row),
                            table.provisionedCapacityGb(row), table.virtualFreeCapacity(row, true));
                } else if ((flags & PoolTable.FREE_NUMBER) == 0) {
                    v = verdict(table.pool(row));
                } else {
                    v = thickPath(table.virtualFreeCapacity(row, false));
                }
                if (v == Verdict.PASS || passes(v, table.pool(row))) {
                    out[k++] = row;
                }
            }
            return k;
        }

        @Override
        public String reason(PoolState pool) {
            Verdict v = verdict(pool);
            passes(v, pool);
            return explain(v, pool);
        }

        /** The reason a person reads for {@code v}, with the pool's numbers. */
        private String explain(Verdict v, PoolState pool) {
            if (v.crashes()) {
                return "rejected where Cinder would crash: " + problem(v, pool);
            }
            return switch (v) {
                case PASS -> "passes";
                case NO_FREE_CAPACITY -> "free_capacity_gb is None";
                case UNBOUNDED_TOTAL_RESERVED -> "total_capacity_gb is " + pool.totalCapacity().raw() + " and "
                        + Py.str(pool.reservedPercentageRaw()) + "% is reserved";
                case NO_TOTAL -> "total_capacity_gb is " + pool.totalCapacity() + " (no usable capacity)";
                case RATIO_BELOW_ONE -> "thin pool with max_over_subscription_ratio "
                        + Py.str(pool.maxOverSubscriptionRatio()) + " below 1";
                case OVER_SUBSCRIBED -> {
                    double provisioned = pool.provisionedCapacityGb();
                    double totalAvailable = pool.totalAvailableCapacityThin();
                    yield String.format("provisioned ratio would be %s (%s GB provisioned + %s GB requested over "
                            + "%s GB), above max_over_subscription_ratio %s",
                            Py.str((provisioned + requested) / totalAvailable), Py.str(provisioned),
                            Py.str(requested), Py.str(totalAvailable), Py.str(pool.maxOverSubscriptionRatio()));
                }
                case THIN_NO_ROOM -> String.format("has %s GB virtual free (thin, ratio %s, %s%% reserved), %s GB "
                        + "requested", Py.str(pool.virtualFreeCapacity(true)), Py.str(pool.maxOverSubscriptionRatio()),
                        Py.str(pool.reservedPercentageRaw()), Py.str(requested));
                case THICK_NO_ROOM -> String.format("has %s GB free after %s%% reserved, %s GB requested",
                        Py.str(pool.virtualFreeCapacity(thin)), Py.str(pool.reservedPercentageRaw()),
                        Py.str(requested));
                default -> throw new IllegalStateException(v.name());
            };
        }

        /** The Python error Cinder would raise for a crash verdict. */
        private String problem(Verdict v, PoolState pool) {
            return switch (v) {
                case CRASH_REQUEST_SIZE -> requestProblem;
                case CRASH_RESERVED -> "ValueError: reserved_percentage " + Py.repr(pool.reservedPercentageRaw())
                        + " is not a number";
                case CRASH_TOTAL -> "ValueError: total_capacity_gb " + Py.repr(pool.totalCapacity().raw())
                        + " is not a number";
                case CRASH_VOLUME_TYPE -> typeProblem;
                case CRASH_NO_SIZE -> "TypeError: the request has no size";
                case CRASH_FREE -> "TypeError: free_capacity_gb " + Py.repr(pool.freeCapacity().raw())
                        + " is not a number";
                case CRASH_PROVISIONED -> "TypeError: provisioned_capacity_gb "
                        + Py.repr(pool.provisionedCapacityRaw()) + " is not a number";
                case CRASH_RATIO -> pool.maxOverSubscriptionRatioError();
                case CRASH_ZERO_DIVISION -> "ZeroDivisionError: float division by zero (usable capacity is 0 with "
                        + Py.str(pool.reservedPercentageRaw()) + "% reserved)";
                default -> throw new IllegalStateException(v.name() + " is not a crash");
            };
        }
    }
}
