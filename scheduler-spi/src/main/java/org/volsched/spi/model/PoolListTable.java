package org.volsched.spi.model;

import java.util.Arrays;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A {@link PoolTable} over an array of pools that computes each column from the pool when asked:
 * the table of {@link Candidates#of}. The host manager's snapshot stores the same facts in
 * primitive arrays instead; both take them from the same {@link PoolState} methods (and
 * {@link PoolTable#flagsOf}), so a filter or weigher reads the same values from either.
 */
final class PoolListTable implements PoolTable {
    static final PoolListTable EMPTY = new PoolListTable(new PoolState[0]);

    private final PoolState[] pools;
    private final Map<String, int[]> rowsByZone = new ConcurrentHashMap<>();

    PoolListTable(PoolState[] pools) {
        this.pools = pools;
    }

    @Override
    public int rows() {
        return pools.length;
    }

    @Override
    public PoolState pool(int row) {
        return pools[row];
    }

    @Override
    public String zone(int row) {
        return pools[row].availabilityZone();
    }

    @Override
    public int[] rowsInZone(String zone) {
        return rowsByZone.computeIfAbsent(zone, z -> {
            int[] rows = new int[pools.length];
            int k = 0;
            for (int i = 0; i < pools.length; i++) {
                if (pools[i].availabilityZone() == z) {
                    rows[k++] = i;
                }
            }
            return Arrays.copyOf(rows, k);
        });
    }

    @Override
    public Object capabilities(int row) {
        return pools[row].capabilities();
    }

    @Override
    public int slot(int row) {
        return pools[row].slot();
    }

    @Override
    public int flags(int row) {
        return PoolTable.flagsOf(pools[row]);
    }

    @Override
    public double reservedPercentage(int row) {
        return pools[row].reservedPercentage();
    }

    @Override
    public double provisionedCapacityGb(int row) {
        return pools[row].provisionedCapacityGb();
    }

    @Override
    public double maxOverSubscriptionRatio(int row) {
        return pools[row].maxOverSubscriptionRatio();
    }

    @Override
    public double totalAvailableCapacityThin(int row) {
        return pools[row].totalAvailableCapacityThin();
    }

    @Override
    public double virtualFreeCapacity(int row, boolean thinRequest) {
        return pools[row].virtualFreeCapacity(thinRequest);
    }
}
