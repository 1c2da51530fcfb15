package org.volsched.driver.filter;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.Arrays;
import java.util.Collection;
import java.util.Set;
import org.volsched.spi.model.PoolState;
import org.volsched.spi.model.PoolTable;

/**
 * The hash code of each candidate's name ({@link PoolState#backendId()}) kept per pool slot, so
 * that a filter testing names against a small set of a request can reject almost every pool
 * without reading the pool state or its name: only a pool whose hash is one of the set's is looked
 * up for real.
 *
 * <p>Two parallel arrays indexed by slot, the state a hash was computed for and the hash, so a scan
 * over the rows reads dense memory. The state doubles as the version of a sequence lock: a writer
 * (one at a time) clears the state, writes the hash and publishes the state; a reader accepts the
 * hash only when it sees the pool's own state before and after reading it. Since a state's name
 * never changes, seeing the same state twice means the hash read is that state's. Thread-safe.
 */
final class CandidateNames {
    private static final VarHandle STATES = MethodHandles.arrayElementVarHandle(PoolState[].class);

    /** The two arrays, replaced together when they grow. */
    private record Table(PoolState[] states, int[] hashes) {
    }

    private volatile Table table = new Table(new PoolState[0], new int[0]);

    /** {@code pool.backendId().hashCode()}, remembered for the pool's slot. */
    int hash(PoolState pool, int slot) {
        Table t = table;
        if (slot >= 0 && slot < t.states.length && STATES.getAcquire(t.states, slot) == pool) {
            int hash = t.hashes[slot];
            VarHandle.loadLoadFence();
            if (STATES.getOpaque(t.states, slot) == pool) {
                return hash;
            }
        }
        int hash = pool.backendId().hashCode();
        remember(slot, pool, hash);
        return hash;
    }

    private synchronized void remember(int slot, PoolState pool, int hash) {
        if (slot < 0) {
            return;
        }
        Table t = table;
        if (slot >= t.states.length) {
            int size = Math.max(slot + 1, t.states.length * 2);
            t = new Table(Arrays.copyOf(t.states, size), Arrays.copyOf(t.hashes, size));
            table = t;
        }
        STATES.setOpaque(t.states, slot, null);
        VarHandle.storeStoreFence();
        t.hashes[slot] = hash;
        STATES.setRelease(t.states, slot, pool);
    }

    /** The hash codes of {@code names}, sorted, for {@link #mayContain}. */
    static int[] hashesOf(Collection<String> names) {
        return names.stream().mapToInt(String::hashCode).sorted().distinct().toArray();
    }

    /** False when no name of {@code sortedHashes} can equal a name with hash {@code hash}. */
    static boolean mayContain(int[] sortedHashes, int hash) {
        if (sortedHashes.length <= 8) {
            for (int h : sortedHashes) {
                if (h == hash) {
                    return true;
                }
            }
            return false;
        }
        return Arrays.binarySearch(sortedHashes, hash) >= 0;
    }

    /** Whether {@code names} holds the row's candidate name, reading the pool state only when the hash matches. */
    boolean contains(Set<String> names, int[] sortedHashes, PoolTable table, int row) {
        PoolState pool = table.pool(row);
        return mayContain(sortedHashes, hash(pool, table.slot(row))) && names.contains(pool.backendId());
    }
}
