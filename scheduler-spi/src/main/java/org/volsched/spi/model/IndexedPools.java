package org.volsched.spi.model;

import java.util.AbstractList;
import java.util.RandomAccess;

/**
 * Candidates that are rows of a {@link PoolTable}: what the filter pipeline hands to weighers when
 * it filtered a snapshot, so that built-in weighers can read columns instead of pool objects.
 * Immutable.
 */
public final class IndexedPools extends AbstractList<PoolState> implements RandomAccess {
    private final PoolTable table;
    private final int[] rows;
    private final int size;

    /** The first {@code size} entries of {@code rows}, which the caller gives up. */
    public IndexedPools(PoolTable table, int[] rows, int size) {
        this.table = table;
        this.rows = rows;
        this.size = size;
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
