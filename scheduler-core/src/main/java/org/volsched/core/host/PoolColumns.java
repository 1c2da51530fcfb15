package org.volsched.core.host;

import java.util.Arrays;
import org.volsched.spi.model.PoolState;
import org.volsched.spi.model.PoolTable;

/**
 * The candidates' facts as columns, one row per pool, written by the host manager under its lock
 * and read without any lock through {@link Snapshot}s.
 *
 * <p>The row invariants, all kept here:
 * <ul>
 *   <li>A pool keeps its row for the life of these columns. A new state of the pool (a report, a
 *       claim) rewrites the row in place: O(1), and every snapshot sharing these arrays sees it.
 *   <li>A pool that leaves the candidates marks its row dead ({@link #DEAD}); the row is never
 *       reused. A pool that joins gets a new row at the end. So rows only ever grow, and a
 *       snapshot that knows {@code rowCount} rows never sees rows appended after it.
 *   <li>Live rows in increasing order are Cinder's candidate order (rule HM25): the host manager
 *       appends only what belongs at the end of that order and rebuilds the columns
 *       ({@link #compacted}) in the rare case where it does not (a pool added to a backend that is
 *       not the last one) and when dead rows make up half of them.
 *   <li>Growing replaces the arrays (doubling); snapshots taken before keep the old ones, which no
 *       longer change.
 * </ul>
 */
final class PoolColumns {
    /** {@link org.volsched.spi.model.PoolTable#flags}: the row's pool is no longer a candidate. */
    static final int DEAD = 1 << 30;

    PoolState[] pools;
    String[] zone;
    Object[] capabilities;
    int[] slot;
    int[] flags;
    double[] reserved;
    double[] provisioned;
    double[] ratio;
    double[] totalAvailableThin;
    double[] virtualFreeThin;
    double[] virtualFreeThick;
    int rowCount;
    int deadCount;

    PoolColumns(int capacity) {
        allocate(Math.max(16, capacity));
    }

    private void allocate(int n) {
        pools = new PoolState[n];
        zone = new String[n];
        capabilities = new Object[n];
        slot = new int[n];
        flags = new int[n];
        reserved = new double[n];
        provisioned = new double[n];
        ratio = new double[n];
        totalAvailableThin = new double[n];
        virtualFreeThin = new double[n];
        virtualFreeThick = new double[n];
    }

    /** A new row at the end; returns it. */
    int append(PoolState p) {
        if (rowCount == pools.length) {
            int n = pools.length * 2;
            pools = Arrays.copyOf(pools, n);
            zone = Arrays.copyOf(zone, n);
            capabilities = Arrays.copyOf(capabilities, n);
            slot = Arrays.copyOf(slot, n);
            flags = Arrays.copyOf(flags, n);
            reserved = Arrays.copyOf(reserved, n);
            provisioned = Arrays.copyOf(provisioned, n);
            ratio = Arrays.copyOf(ratio, n);
            totalAvailableThin = Arrays.copyOf(totalAvailableThin, n);
            virtualFreeThin = Arrays.copyOf(virtualFreeThin, n);
            virtualFreeThick = Arrays.copyOf(virtualFreeThick, n);
        }
        int row = rowCount++;
        write(row, p);
        return row;
    }

    /**
     * Rewrites a row for a new state of its pool; returns whether the row's zone changed (the
     * snapshot's zone lists must then be rebuilt).
     */
    boolean write(int i, PoolState p) {
        boolean zoneChanged = zone[i] != p.availabilityZone();
        pools[i] = p;
        zone[i] = p.availabilityZone();
        capabilities[i] = p.capabilities();
        slot[i] = p.slot();
        reserved[i] = p.reservedPercentage();
        provisioned[i] = p.provisionedCapacityGb();
        ratio[i] = p.maxOverSubscriptionRatio();
        totalAvailableThin[i] = p.totalAvailableCapacityThin();
        virtualFreeThin[i] = p.virtualFreeCapacity(true);
        virtualFreeThick[i] = p.virtualFreeCapacity(false);
        flags[i] = PoolTable.flagsOf(p);
        return zoneChanged;
    }

    /**
     * Puts a re-stamped state of the row's pool in the row: a state whose every column value is
     * the row's (only its {@code updated} time differs), so no other column is written.
     */
    void restamp(int i, PoolState p) {
        pools[i] = p;
    }

    /** The row's pool left the candidates. */
    void kill(int row) {
        if ((flags[row] & DEAD) == 0) {
            flags[row] |= DEAD;
            deadCount++;
        }
    }

    int liveCount() {
        return rowCount - deadCount;
    }

    /** Whether dead rows are half or more of the rows (and enough of them to matter). */
    boolean wasteful() {
        return deadCount >= 1024 && deadCount * 2 >= rowCount;
    }

    /** Empty columns sized for {@code live} rows, to be refilled in candidate order. */
    static PoolColumns compacted(int live) {
        return new PoolColumns(live + live / 4);
    }
}
