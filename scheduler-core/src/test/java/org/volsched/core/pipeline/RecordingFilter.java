package org.volsched.core.pipeline;

import java.util.List;
import java.util.Objects;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;
import org.volsched.spi.BackendFilter;
import org.volsched.spi.model.FilterProperties;
import org.volsched.spi.model.PoolState;

/**
 * A filter that passes the pools its predicate accepts, counts how often it is prepared and
 * records, in order, every pool it is asked about. A rejected pool's reason names the filter.
 */
final class RecordingFilter implements BackendFilter {
    private final String name;
    private final Predicate<PoolState> passes;
    private final RuntimeException prepareFailure;
    private final AtomicInteger prepared = new AtomicInteger();
    private final List<String> tested = new CopyOnWriteArrayList<>();

    private RecordingFilter(String name, Predicate<PoolState> passes, RuntimeException prepareFailure) {
        this.name = name;
        this.passes = passes;
        this.prepareFailure = prepareFailure;
    }

    static RecordingFilter passing(String name, Predicate<PoolState> passes) {
        return new RecordingFilter(name, Objects.requireNonNull(passes), null);
    }

    /** Keeps only the pools named in {@code poolNames}. */
    static RecordingFilter keeping(String name, String... poolNames) {
        List<String> kept = List.of(poolNames);
        return passing(name, pool -> kept.contains(pool.poolName()));
    }

    static RecordingFilter passingAll(String name) {
        return passing(name, pool -> true);
    }

    /** A filter that refuses every request when prepared (an invalid hint, say). */
    static RecordingFilter failingToPrepare(String name, RuntimeException failure) {
        return new RecordingFilter(name, pool -> true, Objects.requireNonNull(failure));
    }

    int timesPrepared() {
        return prepared.get();
    }

    /** Names of the pools this filter was asked about, in order. */
    List<String> tested() {
        return List.copyOf(tested);
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public PoolPredicate prepare(FilterProperties properties) {
        prepared.incrementAndGet();
        if (prepareFailure != null) {
            throw prepareFailure;
        }
        return new PoolPredicate() {
            @Override
            public boolean test(PoolState pool) {
                tested.add(pool.poolName());
                return passes.test(pool);
            }

            @Override
            public String reason(PoolState pool) {
                return name + " rejects " + pool.poolName();
            }
        };
    }
}
