package org.volsched.examples.tier;

import java.util.Map;
import org.volsched.spi.BackendFilter;
import org.volsched.spi.SchedulerContext;
import org.volsched.spi.model.FilterProperties;
import org.volsched.spi.model.PoolState;
import org.volsched.spi.model.VolumeType;

/**
 * Keeps the pools whose {@code tier} capability equals the volume type's {@code example:tier} extra
 * spec; a type without that extra spec keeps every pool.
 *
 * <p>The extra spec is scoped ({@code example:}), so Cinder's CapabilitiesFilter ignores it and the
 * two filters can run side by side. The request's tier is read once per request in
 * {@link #prepare}; the predicate only compares, once per pool.
 */
public final class TierFilter implements BackendFilter {
    /** The name used in {@code scheduler_default_filters}. */
    public static final String NAME = "TierFilter";
    /** The extra spec that names the tier a volume type requires. */
    public static final String EXTRA_SPEC = "example:tier";
    /** The capability a pool reports its tier in. */
    public static final String CAPABILITY = "tier";

    private static final PoolPredicate PASS = pool -> true;

    /** Builds the filter; it needs nothing from the context. */
    public TierFilter(SchedulerContext context) {
    }

    @Override
    public String name() {
        return NAME;
    }

    // tag::prepare[]
    @Override
    public PoolPredicate prepare(FilterProperties properties) {
        VolumeType type = properties.volumeType();
        Map<String, Object> specs = type == null ? Map.of() : type.extraSpecsOrEmpty();
        Object wanted = specs.get(EXTRA_SPEC);
        if (wanted == null) {
            return PASS;
        }
        String tier = wanted.toString().strip();
        return new PoolPredicate() {
            @Override
            public boolean test(PoolState pool) {
                Object reported = pool.capabilities().get(CAPABILITY);
                return reported != null && tier.equals(reported.toString());
            }

            @Override
            public String reason(PoolState pool) {
                Object reported = pool.capabilities().get(CAPABILITY);
                return (reported == null ? "reports no " + CAPABILITY : CAPABILITY + " is '" + reported + "'")
                        + ", volume type requires '" + tier + "' (" + EXTRA_SPEC + ")";
            }
        };
    }
    // end::prepare[]
}
