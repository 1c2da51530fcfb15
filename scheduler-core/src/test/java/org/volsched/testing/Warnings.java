package org.volsched.testing;

/**
 * The shapes (regular expressions over the whole formatted message) of the warnings volsched logs
 * when a backend reports odd values or a request meets one, for tests that provoke many of them
 * ({@link CapturedLogs#expecting}). Tests that provoke one in particular assert its exact text.
 */
public final class Warnings {
    /** Logger of the host manager's report checks ({@code BackendState} is not public). */
    public static final String BACKEND_STATE = "org.volsched.core.host.BackendState";
    public static final String CAPACITY_FILTER = "org.volsched.driver.filter.CapacityFilter";
    public static final String CAPABILITIES_FILTER = "org.volsched.driver.filter.CapabilitiesFilter";
    public static final String FILTER_SCHEDULER = "org.volsched.driver.filter.FilterScheduler";
    public static final String CAPACITY_WEIGHER = "org.volsched.driver.capacity.CapacityWeigher";
    public static final String ALLOCATED_CAPACITY_WEIGHER = "org.volsched.driver.capacity.AllocatedCapacityWeigher";

    /** A capability of a report (of one of its pools, or a legacy one) that is odd: a string number, free above total… */
    public static final String REPORT_FIELD = "Backend \\S+: capabilities\\.(pools\\[\\d+\\]\\.)?.+: .+";
    /** A pool whose {@code max_over_subscription_ratio} cannot be computed. */
    public static final String RATIO_NOT_COMPUTABLE =
            "Pool \\S+: max_over_subscription_ratio cannot be computed \\(.+\\); CapacityFilter will reject it";
    /** CapacityFilter rejects a pool where Cinder's filter raises. */
    public static final String CAPACITY_FILTER_CINDER_FAILS =
            "CapacityFilter: pool \\S+ rejected where Cinder would fail the request: [A-Za-z]+Error: .+";
    /** CapabilitiesFilter rejects a pool where Cinder's filter raises. */
    public static final String CAPABILITIES_FILTER_CINDER_FAILS =
            "CapabilitiesFilter: rejected pool \\S+ where Cinder would fail the whole request: [A-Za-z]+Error: .+";
    /** A capacity weigher gives a pool it cannot weigh the lowest weight. */
    public static final String CANNOT_WEIGH = "(Allocated)?CapacityWeigher: cannot weigh \\S+ \\(.+\\), where Cinder "
            + "would fail the request; giving it the lowest weight";
    /** Any of the capacity weighers' warnings about candidates where Cinder's weigher raises. */
    public static final String CAPACITY_WEIGHERS_CINDER_FAILS =
            "(Allocated)?CapacityWeigher: .+, where Cinder (would fail|fails) the request.*";

    private Warnings() {
    }
}
