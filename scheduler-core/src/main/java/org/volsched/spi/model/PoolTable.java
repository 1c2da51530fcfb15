package org.volsched.spi.model;

/**
 * The candidates of a snapshot as columns: for each row, the pool and the few precomputed facts the
 * built-in filters and weighers read, stored in primitive arrays so that a scan over thousands of
 * pools reads memory sequentially instead of chasing one object per pool. Rows are the snapshot's
 * candidate order. Plug-ins that do not care simply use {@link #pool(int)}.
 *
 * <p>A row changes in place when capacity is consumed from its pool; a decision that reads a row
 * while another decision consumes from it sees the row before or after, field by field.
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

    int rows();

    PoolState pool(int row);

    /** The pool's zone, interned: compare with {@code ==} against an interned string. */
    String zone(int row);

    /**
     * The rows whose zone is {@code zone} (interned), in increasing order. Shared: callers must not
     * modify it. Rows of a table only ever change zone when the table is rebuilt.
     */
    int[] rowsInZone(String zone);

    /**
     * The pool's capabilities mapping. Within one table a row's mapping never changes (consumption
     * keeps it; a report builds a new table), so per-row facts derived from it can be kept per table.
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
