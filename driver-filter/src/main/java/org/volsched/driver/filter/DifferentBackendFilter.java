package org.volsched.driver.filter;

import org.volsched.spi.BackendFilter;
import org.volsched.spi.SchedulerContext;
import org.volsched.spi.SchedulerException;
import org.volsched.spi.model.FilterProperties;

/**
 * Keeps pools holding none of the volumes named by the scheduler hint {@code different_host}
 * (rules AF1-AF5).
 *
 * <p>The hint is a list of volume ids or a single id; every id must be UUID-like, or every pool is
 * rejected (an empty list passes every pool). The volumes are looked up once per request through
 * the {@link org.volsched.spi.VolumeLookup} of the context, in the requesting project only (even
 * for administrators, as in Cinder); unknown or deleted ids are simply not found. A volume is on a
 * pool when its {@code cluster_name} (clustered pools) or {@code host} equals the pool's, so
 * Cinder's "backend" is really a pool: another pool of the same backend is a different one.
 */
public final class DifferentBackendFilter implements BackendFilter {
    /** The name used in {@code scheduler_default_filters}. */
    public static final String NAME = "DifferentBackendFilter";
    /** Cinder's class path, accepted as an alias. */
    public static final String ALIAS = "cinder.scheduler.filters.affinity_filter.DifferentBackendFilter";
    /** The scheduler hint this filter reads. */
    public static final String HINT = "different_host";

    private final SchedulerContext context;
    private final CandidateNames names = new CandidateNames();

    /** Builds the filter; volumes are looked up through {@code context.volumeLookup()}. */
    public DifferentBackendFilter(SchedulerContext context) {
        this.context = context;
    }

    @Override
    public String name() {
        return NAME;
    }

    /**
     * {@inheritDoc}
     *
     * @throws SchedulerException {@code CinderException} when the hint names volumes and the context
     *     has no volume look-up
     */
    @Override
    public PoolPredicate prepare(FilterProperties properties) {
        return AffinityHint.prepare(NAME, HINT, false, properties, context.volumeLookup(), names);
    }
}
