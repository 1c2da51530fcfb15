package org.volsched.driver.filter;

import java.util.Arrays;
import java.util.Collection;
import java.util.Set;
import org.volsched.spi.model.PoolState;
import org.volsched.spi.model.PoolTable;

/**
 * The hash code of each candidate's name ({@link PoolState#backendId()}) kept per pool slot, so
 * that a filter testing names against a small set of a request can reject almost every pool
 * without reading the pool state or its name: only a pool whose hash is one of the set's is looked
 * up for real. Entries are small immutable pairs (state, hash), checked by the state's identity;
 * the name of a state never changes, so a stale entry is only a miss. Thread-safe.
 */
final class CandidateNames {
    private record Named(PoolState state, int hash) {
    }

    private volatile Named[] bySlot = new Named[0];

    /** {@code pool.backendId().hashCode()}, remembered for the pool's slot. */
    int hash(PoolState pool, int slot) {
        Named[] a = bySlot;
        if (slot >= 0 && slot < a.length) {
            Named n = a[slot];
            if (n != null && n.state() == pool) {
                return n.hash();
            }
        }
        int hash = pool.backendId().hashCode();
        remember(slot, new Named(pool, hash));
        return hash;
    }

    private void remember(int slot, Named n) {
        if (slot < 0) {
            return;
        }
        Named[] a = bySlot;
        if (slot >= a.length) {
            synchronized (this) {
                a = bySlot;
                if (slot >= a.length) {
                    a = Arrays.copyOf(a, Math.max(slot + 1, a.length * 2));
                    bySlot = a;
                }
            }
        }
        a[slot] = n;
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
