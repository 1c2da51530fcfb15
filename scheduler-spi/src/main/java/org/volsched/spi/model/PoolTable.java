package org.volsched.spi.model;

/**
 * The candidates of a snapshot as columns: for each row, the pool and the few precomputed facts the
 * built-in filters and weighers read, stored in primitive arrays so that a scan over thousands of
 * pools reads memory sequentially instead of chasing one object per pool. Rows are the snapshot's
 * candidate order. Plug-ins that do not care simply use {@link #pool(int)}.
 *
 * <p>A row changes in place when its pool gets a new state (a capability report, a claim); a
 * decision that reads a row while it changes sees it before or after, field by field. Rows of
 * pools that left the candidates stay in the table, unused ({@link #rows()} counts them,
 * {@link #liveRows()} does not); the candidate lists handed to filters never name them.
 */
public interface PoolTable {
    /** {@link #flags(int)}: free capacity is {@code infinite}/{@code unknown}. */
    int FREE_UNBOUNDED = 1;
    /** {@link #flags(int)}: total capacity is {@code infinite}/{@code unknown}. */
    int TOTAL_UNBOUNDED = 1 << 1;
    /** {@link #flags(int)}: the report sent {@code free_capacity_gb: null}. */
    int FREE_NONE = 1 << 2;
    /** {@link #flags(int)}: see {@link PoolState#hasUsableCapacityNumbers()}. */
    int USABLE_NUMBERS = 1 << 3;
    /** {@link #flags(int)}: {@code thin_provisioning_support} is truthy. */
    int THIN_SUPPORT = 1 << 4;
    /** {@link #flags(int)}: see {@link PoolState#hasNumericFree()}. */
    int FREE_NUMBER = 1 << 5;

    /** The {@link #flags(int)} of a row holding {@code pool}: every table derives them here. */
    static int flagsOf(PoolState pool) {
        return (pool.hasUnboundedFree() ? FREE_UNBOUNDED : 0)
                | (pool.hasUnboundedTotal() ? TOTAL_UNBOUNDED : 0)
                | (pool.hasNoFreeCapacity() ? FREE_NONE : 0)
                | (pool.hasUsableCapacityNumbers() ? USABLE_NUMBERS : 0)
                | (pool.thinProvisioningSupport() ? THIN_SUPPORT : 0)
                | (pool.hasNumericFree() ? FREE_NUMBER : 0);
    }

    /** Row numbers run from 0 to {@code rows() - 1}; some may be unused (see {@link #liveRows()}). */
    int rows();

    /** How many rows are candidates: {@link #rows()} minus the unused rows of pools that left. */
    default int liveRows() {
        return rows();
    }

    PoolState pool(int row);

    /** The pool's zone, interned: compare with {@code ==} against an interned string. */
    String zone(int row);

    /**
     * The live rows whose zone is {@code zone} (interned), in increasing order. Shared: callers must
     * not modify it. A table whose rows change zone is replaced by a new one.
     */
    int[] rowsInZone(String zone);

    /**
     * The pool's capabilities mapping. A report replaces it in place (a claim keeps it), so facts
     * derived from it may be remembered only together with the identity of the mapping they were
     * derived from, as {@code CapabilitiesFilter} does per pool slot.
     */
    Object capabilities(int row);

    /** {@link PoolState#slot()}. */
    int slot(int row);

    /** A combination of the flag constants. */
    int flags(int row);

    double reservedPercentage(int row);

    double provisionedCapacityGb(int row);

    double maxOverSubscriptionRatio(int row);

    double totalAvailableCapacityThin(int row);

    /** {@link PoolState#virtualFreeCapacity(boolean)}. */
    double virtualFreeCapacity(int row, boolean thinRequest);
}
