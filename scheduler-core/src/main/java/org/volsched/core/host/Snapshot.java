package org.volsched.core.host;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.volsched.spi.model.Candidates;
import org.volsched.spi.model.PoolState;
import org.volsched.spi.model.PoolTable;

/**
 * What a decision reads: the candidates as of the last change to which pools are candidates,
 * over the host manager's {@link PoolColumns}. Taking one costs nothing and needs no lock.
 *
 * <p>A snapshot is published anew only when the set of candidates or a row's zone changes (a
 * backend or pool joins or leaves). New states of candidate pools (reports, claims) are written
 * into the shared rows in place, so a snapshot shows them as they happen: a decision that reads a
 * row while it is rewritten sees it before or after, field by field. That is safe because a
 * decision's choice is claimed against the pool's current state ({@link HostManager#claim}), never
 * against what the decision read.
 *
 * <p>The list of live rows and the rows of each zone are computed on first use, once per snapshot.
 */
public final class Snapshot implements PoolTable {
    private final PoolState[] pools;
    private final String[] zone;
    private final Object[] capabilities;
    private final int[] slot;
    private final int[] flags;
    private final double[] reserved;
    private final double[] provisioned;
    private final double[] ratio;
    private final double[] totalAvailableThin;
    private final double[] virtualFreeThin;
    private final double[] virtualFreeThick;
    private final int rowCount;
    private final int liveCount;
    private volatile Candidates view;
    private final Map<String, int[]> rowsByZone = new ConcurrentHashMap<>();

    Snapshot(PoolColumns c) {
        this.pools = c.pools;
        this.zone = c.zone;
        this.capabilities = c.capabilities;
        this.slot = c.slot;
        this.flags = c.flags;
        this.reserved = c.reserved;
        this.provisioned = c.provisioned;
        this.ratio = c.ratio;
        this.totalAvailableThin = c.totalAvailableThin;
        this.virtualFreeThin = c.virtualFreeThin;
        this.virtualFreeThick = c.virtualFreeThick;
        this.rowCount = c.rowCount;
        this.liveCount = c.liveCount();
    }

    /** The candidates in Cinder's order (rule HM25): the live rows. */
    public Candidates pools() {
        Candidates v = view;
        if (v == null) {
            int[] live = new int[liveCount];
            int k = 0;
            for (int i = 0; i < rowCount && k < live.length; i++) {
                if ((flags[i] & PoolColumns.DEAD) == 0) {
                    live[k++] = i;
                }
            }
            v = new Candidates(this, live, k);
            view = v;
        }
        return v;
    }

    @Override
    public int rows() {
        return rowCount;
    }

    @Override
    public int liveRows() {
        return liveCount;
    }

    @Override
    public PoolState pool(int row) {
        return pools[row];
    }

    @Override
    public String zone(int row) {
        return zone[row];
    }

    @Override
    public int[] rowsInZone(String wanted) {
        return rowsByZone.computeIfAbsent(wanted, z -> {
            Candidates live = pools();
            int count = 0;
            for (int j = 0, n = live.size(); j < n; j++) {
                if (zone[live.row(j)] == z) {
                    count++;
                }
            }
            int[] rows = new int[count];
            for (int j = 0, k = 0, n = live.size(); j < n; j++) {
                int row = live.row(j);
                if (zone[row] == z) {
                    rows[k++] = row;
                }
            }
            return rows;
        });
    }

    @Override
    public Object capabilities(int row) {
        return capabilities[row];
    }

    @Override
    public int slot(int row) {
        return slot[row];
    }

    @Override
    public int flags(int row) {
        return flags[row];
    }

    @Override
    public double reservedPercentage(int row) {
        return reserved[row];
    }

    @Override
    public double provisionedCapacityGb(int row) {
        return provisioned[row];
    }

    @Override
    public double maxOverSubscriptionRatio(int row) {
        return ratio[row];
    }

    @Override
    public double totalAvailableCapacityThin(int row) {
        return totalAvailableThin[row];
    }

    @Override
    public double virtualFreeCapacity(int row, boolean thinRequest) {
        return thinRequest ? virtualFreeThin[row] : virtualFreeThick[row];
    }
}
