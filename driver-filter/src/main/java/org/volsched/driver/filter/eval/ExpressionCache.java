package org.volsched.driver.filter.eval;

import java.util.Iterator;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A thread-safe, bounded cache of parsed expressions keyed by their text, so that a function
 * reported by a backend is parsed once, not once per pool and request.
 *
 * <p>Parse failures are cached too: {@link #get} rethrows the same {@link EvaluatorException}
 * for a text that did not parse. Texts longer than {@link Expression#MAX_LENGTH} are rejected
 * without being cached (that check costs nothing).
 *
 * <p>The cache holds at most {@code maxEntries} texts totalling at most {@code maxTextChars}
 * characters. When an insertion goes beyond either bound, entries not used since the previous
 * sweep are evicted (the "second chance" approximation of least-recently-used) until the cache
 * is back to three quarters of its bounds. Lookups are lock-free.
 */
public final class ExpressionCache {
    /** Default bound on the number of cached texts. */
    public static final int DEFAULT_MAX_ENTRIES = 1024;

    /** Default bound on the total length of the cached texts, in characters. */
    public static final long DEFAULT_MAX_TEXT_CHARS = 4L << 20;

    private static final class Entry {
        final Expression expression;
        final EvaluatorException failure;
        volatile boolean used;

        Entry(Expression expression, EvaluatorException failure) {
            this.expression = expression;
            this.failure = failure;
        }
    }

    private final int maxEntries;
    private final long maxTextChars;
    private final ConcurrentHashMap<String, Entry> entries = new ConcurrentHashMap<>();
    private final AtomicLong textChars = new AtomicLong();
    private final Object evictionLock = new Object();

    /** A cache with {@link #DEFAULT_MAX_ENTRIES} and {@link #DEFAULT_MAX_TEXT_CHARS}. */
    public ExpressionCache() {
        this(DEFAULT_MAX_ENTRIES, DEFAULT_MAX_TEXT_CHARS);
    }

    /**
     * A cache with the given bounds.
     *
     * @throws IllegalArgumentException if a bound is not positive
     */
    public ExpressionCache(int maxEntries, long maxTextChars) {
        if (maxEntries <= 0 || maxTextChars <= 0) {
            throw new IllegalArgumentException("cache bounds must be positive: " + maxEntries + ", " + maxTextChars);
        }
        this.maxEntries = maxEntries;
        this.maxTextChars = maxTextChars;
    }

    /**
     * The parsed form of {@code text}, parsing it on first use.
     *
     * @throws EvaluatorException the (cached) failure of {@link Expression#parse}
     */
    public Expression get(String text) throws EvaluatorException {
        Objects.requireNonNull(text, "text");
        Entry entry = entries.get(text);
        if (entry == null) {
            entry = load(text);
        } else if (!entry.used) {
            entry.used = true;
        }
        if (entry.failure != null) {
            throw entry.failure;
        }
        return entry.expression;
    }

    /** {@code get(text).evaluate(namespaces)}. */
    public Object evaluate(String text, Namespaces namespaces) throws EvaluatorException {
        return get(text).evaluate(namespaces);
    }

    /** The number of cached texts. */
    public int size() {
        return entries.size();
    }

    private Entry load(String text) throws EvaluatorException {
        if (text.length() > Expression.MAX_LENGTH) {
            return new Entry(null, EvaluatorException.limit("expression longer than " + Expression.MAX_LENGTH
                    + " characters", Expression.MAX_LENGTH));
        }
        Entry fresh;
        try {
            fresh = new Entry(Expression.parse(text), null);
        } catch (EvaluatorException e) {
            fresh = new Entry(null, e);
        }
        Entry existing = entries.putIfAbsent(text, fresh);
        if (existing != null) {
            return existing;
        }
        long chars = textChars.addAndGet(text.length());
        if (entries.size() > maxEntries || chars > maxTextChars) {
            evict();
        }
        return fresh;
    }

    private void evict() {
        synchronized (evictionLock) {
            long targetEntries = maxEntries - maxEntries / 4L;
            long targetChars = maxTextChars - maxTextChars / 4L;
            for (int sweep = 0; sweep < 3 && overTarget(targetEntries, targetChars); sweep++) {
                boolean lastSweep = sweep == 2;
                Iterator<Map.Entry<String, Entry>> it = entries.entrySet().iterator();
                while (it.hasNext() && overTarget(targetEntries, targetChars)) {
                    Map.Entry<String, Entry> e = it.next();
                    Entry entry = e.getValue();
                    if (entry.used && !lastSweep) {
                        entry.used = false;
                    } else if (entries.remove(e.getKey(), entry)) {
                        textChars.addAndGet(-e.getKey().length());
                    }
                }
            }
        }
    }

    private boolean overTarget(long targetEntries, long targetChars) {
        return entries.size() > targetEntries || textChars.get() > targetChars;
    }
}
