package org.volsched.spi.model;

import java.util.AbstractList;
import java.util.List;
import java.util.RandomAccess;

/**
 * The candidate pools of one decision step, as rows of a {@link PoolTable}: what the host manager
 * hands to the filters, what the filters hand to the weighers. Every candidate list is one, so
 * filters and weighers read columns ({@link #table()}, {@link #row(int)}) on one path; a plug-in
 * that does not care uses it as the list of pools it also is. Immutable.
 *
 * <p>A decision's candidates come from the host manager's snapshot. Other lists (a test's, an
 * integrator's, the one pool a claim re-checks) become candidates through {@link #of(List)}, which
 * puts a table over the pools that computes each column from the pool itself.
 */
public final class Candidates extends AbstractList<PoolState> implements RandomAccess {
    private static final Candidates NONE = new Candidates(PoolListTable.EMPTY, new int[0], 0);

    private final PoolTable table;
    private final int[] rows;
    private final int size;

    /** The first {@code size} entries of {@code rows}, which the caller gives up. */
    public Candidates(PoolTable table, int[] rows, int size) {
        if (size < 0 || size > rows.length) {
            throw new IllegalArgumentException("size " + size + " is outside 0.." + rows.length);
        }
        this.table = table;
        this.rows = rows;
        this.size = size;
    }

    /** {@code pools} as candidates, in their order; {@code pools} itself when it already is. */
    public static Candidates of(List<PoolState> pools) {
        if (pools instanceof Candidates c) {
            return c;
        }
        if (pools.isEmpty()) {
            return NONE;
        }
        int n = pools.size();
        int[] rows = new int[n];
        for (int i = 0; i < n; i++) {
            rows[i] = i;
        }
        return new Candidates(new PoolListTable(pools.toArray(new PoolState[0])), rows, n);
    }

    /** No candidates. */
    public static Candidates none() {
        return NONE;
    }

    public PoolTable table() {
        return table;
    }

    /** The table row of candidate {@code i}. */
    public int row(int i) {
        if (i >= size) {
            throw new IndexOutOfBoundsException(i);
        }
        return rows[i];
    }

    @Override
    public PoolState get(int i) {
        return table.pool(row(i));
    }

    @Override
    public int size() {
        return size;
    }
}
