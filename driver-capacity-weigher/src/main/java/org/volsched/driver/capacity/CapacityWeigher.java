package org.volsched.driver.capacity;

import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.volsched.spi.BackendWeigher;
import org.volsched.spi.model.FilterProperties;
import org.volsched.spi.model.Candidates;
import org.volsched.spi.model.CapacityMath;
import org.volsched.spi.model.PoolState;
import org.volsched.spi.model.PoolTable;
import org.volsched.spi.model.VolumeType;
import org.volsched.python.Py;

/**
 * Cinder's {@code CapacityWeigher} (rules W7-W9): the raw weight is the pool's virtual free
 * capacity (CM3), so with the default positive multiplier the emptiest pool wins (spreading) and
 * with a negative one the fullest (stacking).
 *
 * <ul>
 *   <li>A pool whose total or free capacity is {@code infinite}/{@code unknown} weighs -1 under a
 *       positive multiplier and {@code +∞} otherwise. [quirk] -1 is not necessarily the lowest: a
 *       pool with negative virtual free space ranks below it.</li>
 *   <li>W8: when some raw weight is {@code +∞}, {@code M} = the largest finite raw weight,
 *       {@code offset = (M - min) * 100}, {@code M += 10000} if the offset is 0 else the offset, and
 *       every {@code +∞} becomes {@code M}.</li>
 *   <li>A request is thin unless its volume type's {@code provisioning:type} extra spec is
 *       {@code thick}; {@code thick_provisioning_support} is never consulted.</li>
 * </ul>
 *
 * <p>Where Cinder crashes the request, volsched keeps scheduling (see {@link LowestWeight}):
 * <ul>
 *   <li>every raw weight {@code +∞} (all candidates infinite/unknown under a multiplier ≤ 0; Cinder:
 *       {@code ValueError} from {@code max()} of an empty list) → all get the same weight, 0, which
 *       normalises to 0, and a warning is logged;</li>
 *   <li>a pool whose numbers cannot be computed with (total not a finite number, reserved or
 *       provisioned not numbers, free not a number on the thick path, a ratio that failed CM1;
 *       Cinder: {@code TypeError}/{@code ValueError}) → the lowest weight, with a warning;</li>
 *   <li>a volume type Cinder cannot read ({@code ExtractSchedulerSpecTask}'s list of pairs, or an
 *       explicit {@code extra_specs: null}; Cinder: {@code AttributeError}) → every pool with finite
 *       capacities gets the lowest weight, with one warning; infinite/unknown pools, for which
 *       Cinder does not read the type, keep their weight.</li>
 * </ul>
 */
final class CapacityWeigher implements BackendWeigher {
    static final String NAME = "CapacityWeigher";
    static final String OPTION = "capacity_weight_multiplier";

    private static final Logger LOG = LoggerFactory.getLogger(CapacityWeigher.class);
    private static final double OFFSET_MULT = 100;
    private static final double OFFSET_MIN = 10000;

    private final double multiplier;

    CapacityWeigher(double multiplier) {
        this.multiplier = multiplier;
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public double multiplier() {
        return multiplier;
    }

    @Override
    public void weigh(Candidates candidates, FilterProperties properties, double[] out) {
        int n = candidates.size();
        if (n == 0) {
            return;
        }
        VolumeType type = properties == null ? null : properties.volumeType();
        String typeError = unreadableTypeError(type);
        boolean thin = typeError == null && isThinRequest(type);
        double unboundedWeight = multiplier > 0 ? -1.0 : Double.POSITIVE_INFINITY;

        double minFinite = Double.POSITIVE_INFINITY;
        double maxFinite = Double.NEGATIVE_INFINITY;
        boolean anyInfinite = false;
        boolean anyInvalid = false;
        int typeErrors = 0;
        // The facts come from the table's columns, without touching the pool objects.
        PoolTable table = candidates.table();
        for (int i = 0; i < n; i++) {
            double raw;
            int row = candidates.row(i);
            if ((table.flags(row) & (PoolTable.FREE_UNBOUNDED | PoolTable.TOTAL_UNBOUNDED)) != 0) {
                raw = unboundedWeight;
            } else if (typeError != null) {
                raw = Double.NaN;
                typeErrors++;
            } else {
                raw = table.virtualFreeCapacity(row, thin);
                if (Double.isNaN(raw)) {
                    PoolState pool = candidates.get(i);
                    LOG.warn("{}: cannot weigh {} ({}), where Cinder would fail the request; giving it the lowest weight",
                            NAME, pool.backendId(), describe(pool.virtualFreeProblem(thin), pool));
                }
            }
            out[i] = raw;
            if (Double.isNaN(raw)) {
                anyInvalid = true;
            } else if (raw == Double.POSITIVE_INFINITY) {
                anyInfinite = true;
            } else {
                if (raw < minFinite) {
                    minFinite = raw;
                }
                if (raw > maxFinite) {
                    maxFinite = raw;
                }
            }
        }
        if (typeErrors > 0) {
            LOG.warn("{}: the volume type cannot be read ({}), where Cinder would fail the request; "
                    + "giving {} pool(s) with finite capacity the lowest weight", NAME, typeError, typeErrors);
        }
        if (anyInfinite) {
            replaceInfinities(out, n, minFinite, maxFinite);
        }
        if (anyInvalid) {
            LowestWeight.assign(out, n, multiplier);
        }
    }

    /** W8, and the all-infinite case Cinder crashes on. */
    private void replaceInfinities(double[] out, int n, double minFinite, double maxFinite) {
        double replacement;
        if (maxFinite == Double.NEGATIVE_INFINITY) {
            LOG.warn("{}: every candidate has infinite or unknown capacity under multiplier {}, where Cinder "
                    + "fails the request with ValueError; weighing them all equally", NAME, multiplier);
            replacement = 0.0;
        } else {
            double offset = (maxFinite - minFinite) * OFFSET_MULT;
            replacement = maxFinite + (offset == 0.0 ? OFFSET_MIN : offset);
        }
        for (int i = 0; i < n; i++) {
            if (out[i] == Double.POSITIVE_INFINITY) {
                out[i] = replacement;
            }
        }
    }

    /**
     * Cinder reads {@code (volume_type or {}).get('extra_specs', {}).get('provisioning:type')}: the
     * Python error that raises for this type, or {@code null} when it can be read.
     */
    static String unreadableTypeError(VolumeType type) {
        if (type == null || type.isEmpty()) {
            return null;
        }
        if (type.legacyPairs()) {
            return "AttributeError: 'list' object has no attribute 'get'";
        }
        if (type.extraSpecs() == null) {
            return "AttributeError: 'NoneType' object has no attribute 'get'";
        }
        return null;
    }

    /** W7: thin unless {@code provisioning:type} is {@code thick}; for readable types only. */
    static boolean isThinRequest(VolumeType type) {
        if (type == null || type.extraSpecs() == null) {
            return true;
        }
        return !Py.eq(type.extraSpecs().get("provisioning:type"), "thick");
    }

    private static String describe(CapacityMath.Problem problem, PoolState pool) {
        return problem == null ? "the virtual free capacity is not a number" : problem.describe(pool);
    }
}
