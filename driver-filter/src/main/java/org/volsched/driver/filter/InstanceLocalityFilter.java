package org.volsched.driver.filter;

import java.util.Map;
import java.util.Optional;
import org.volsched.spi.BackendFilter;
import org.volsched.spi.ErrorTypes;
import org.volsched.spi.InstanceLookup;
import org.volsched.spi.SchedulerContext;
import org.volsched.spi.SchedulerException;
import org.volsched.spi.model.FilterProperties;
import org.volsched.spi.model.PoolState;
import org.volsched.python.Py;

/**
 * Keeps pools on the hypervisor host of the instance named by the scheduler hint
 * {@code local_to_instance} (rules IL1-IL3): a pool passes when the host part of its name (before
 * {@code @} and {@code #}; the cluster name's for clustered pools) equals the instance's
 * {@code OS-EXT-SRV-ATTR:host}.
 *
 * <p>The instance is looked up once per request, when the filter is prepared, through the
 * {@link InstanceLookup} of the context. Unlike a rejection, these fail the whole request, as in
 * Cinder: a hint that is not UUID-like ({@code InvalidUUID}), an unknown instance
 * ({@code ServerNotFound}, raised by the look-up), an instance whose host is not exposed
 * ({@code CinderException}), and a hint used while no look-up is configured
 * ({@code CinderException}). A falsy hint passes every pool.
 */
public final class InstanceLocalityFilter implements BackendFilter {
    /** The name used in {@code scheduler_default_filters}. */
    public static final String NAME = "InstanceLocalityFilter";
    /** Cinder's class path, accepted as an alias. */
    public static final String ALIAS = "cinder.scheduler.filters.instance_locality_filter.InstanceLocalityFilter";
    /** The scheduler hint this filter reads. */
    public static final String HINT = "local_to_instance";

    private static final PoolPredicate PASS = pool -> true;

    private final SchedulerContext context;

    /** Builds the filter; instances are looked up through {@code context.instanceLookup()}. */
    public InstanceLocalityFilter(SchedulerContext context) {
        this.context = context;
    }

    @Override
    public String name() {
        return NAME;
    }

    /**
     * {@inheritDoc}
     *
     * @throws SchedulerException {@code InvalidUUID}, {@code ServerNotFound} or {@code CinderException}
     *     as described on the class
     */
    @Override
    public PoolPredicate prepare(FilterProperties properties) {
        Map<String, Object> hints = properties.schedulerHints();
        Object hint = hints == null ? null : hints.get(HINT);
        if (!Py.truthy(hint)) {
            return PASS;
        }
        if (!UuidLike.test(hint)) {
            throw new SchedulerException(ErrorTypes.INVALID_UUID, "Expected a UUID but received " + Py.str(hint) + ".");
        }
        String instance = (String) hint;
        InstanceLookup lookup = context.instanceLookup();
        if (lookup == null) {
            throw new SchedulerException(ErrorTypes.CINDER_EXCEPTION, "Hint \"" + HINT + "\" cannot be used: no instance "
                    + "look-up is configured. Bind an org.volsched.spi.InstanceLookup (in a plug-in's Guice module) "
                    + "or give the instances' hosts in the scenario's request.instance_hosts.");
        }
        Optional<String> found = lookup.hypervisorHost(instance);
        if (found.isEmpty()) {
            throw new SchedulerException(ErrorTypes.CINDER_EXCEPTION, "Hint \"" + HINT + "\" not supported.");
        }
        String hypervisor = found.get();
        return new PoolPredicate() {
            @Override
            public boolean test(PoolState pool) {
                return hostPartEquals(pool.backendId(), hypervisor);
            }

            @Override
            public String reason(PoolState pool) {
                return NAME + ": pool is on host " + Py.repr(PoolState.hostOf(pool.backendId())) + ", instance "
                        + instance + " runs on " + Py.repr(hypervisor);
            }
        };
    }

    /** P7 {@code extract_host(backendId, 'host') == host}, without building the substring. */
    static boolean hostPartEquals(String backendId, String host) {
        int end = backendId.indexOf('#');
        if (end < 0) {
            end = backendId.length();
        }
        int at = backendId.indexOf('@');
        if (at >= 0 && at < end) {
            end = at;
        }
        return host.length() == end && backendId.regionMatches(0, host, 0, end);
    }
}
