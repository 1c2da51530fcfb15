package org.volsched.driver.filter;

import java.util.List;
import org.volsched.spi.DriverFactory;
import org.volsched.spi.FilterFactory;
import org.volsched.spi.OptionDeclaration;
import org.volsched.spi.SchedulerPlugin;
import org.volsched.spi.WeigherFactory;

/**
 * The filter scheduler and every Cinder filter, under Cinder's class names, with Cinder's dotted
 * class paths as aliases. CapabilitiesFilter, DriverFilter and GoodnessWeigher report the Cinder quirks
 * of what they read ({@code QUIRKS}) through their factories.
 */
public final class FilterSchedulerPlugin implements SchedulerPlugin {
    private static final String FILTERS = "cinder.scheduler.filters.";

    /**
     * {@code scheduler_max_attempts}, read by the filter driver only. Values below 1 are accepted here
     * and refused when the driver is built ({@code InvalidParameterValue}), as Cinder does.
     */
    public static final OptionDeclaration MAX_ATTEMPTS = OptionDeclaration.ofInt("scheduler_max_attempts", 3,
            "Attempts to schedule a volume before giving up; 1 disables rescheduling.");

    @Override
    public String pluginName() {
        return "volsched-driver-filter";
    }

    @Override
    public List<DriverFactory> driverFactories() {
        return List.of(DriverFactory.of("filter", List.of("cinder.scheduler.filter_scheduler.FilterScheduler"),
                List.of(MAX_ATTEMPTS), FilterScheduler::new));
    }

    @Override
    public List<FilterFactory> filterFactories() {
        return List.of(
                FilterFactory.of("AvailabilityZoneFilter",
                        List.of(FILTERS + "availability_zone_filter.AvailabilityZoneFilter"),
                        AvailabilityZoneFilter::new),
                FilterFactory.of("CapacityFilter", List.of(FILTERS + "capacity_filter.CapacityFilter"),
                        CapacityFilter::new),
                FilterFactory.of("CapabilitiesFilter", List.of(FILTERS + "capabilities_filter.CapabilitiesFilter"),
                        CapabilitiesFilter::new).withQuirks(CapabilitiesFilter.QUIRKS),
                FilterFactory.of("DifferentBackendFilter",
                        List.of(FILTERS + "affinity_filter.DifferentBackendFilter"), DifferentBackendFilter::new),
                FilterFactory.of("SameBackendFilter", List.of(FILTERS + "affinity_filter.SameBackendFilter"),
                        SameBackendFilter::new),
                FilterFactory.of("DriverFilter", List.of(FILTERS + "driver_filter.DriverFilter"),
                        DriverFilter::new).withQuirks(DriverFilter.QUIRKS),
                FilterFactory.of("IgnoreAttemptedHostsFilter",
                        List.of(FILTERS + "ignore_attempted_hosts_filter.IgnoreAttemptedHostsFilter"),
                        IgnoreAttemptedHostsFilter::new),
                FilterFactory.of("InstanceLocalityFilter",
                        List.of(FILTERS + "instance_locality_filter.InstanceLocalityFilter"),
                        InstanceLocalityFilter::new),
                FilterFactory.of("JsonFilter", List.of(FILTERS + "json_filter.JsonFilter"), JsonFilter::new));
    }

    @Override
    public List<WeigherFactory> weigherFactories() {
        return List.of(WeigherFactory.of("GoodnessWeigher",
                List.of("cinder.scheduler.weights.goodness.GoodnessWeigher"), GoodnessWeigher::new)
                .withQuirks(GoodnessWeigher.QUIRKS));
    }
}
