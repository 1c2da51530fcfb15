package org.volsched.driver.capacity;

import java.util.List;
import org.volsched.spi.OptionDeclaration;
import org.volsched.spi.SchedulerPlugin;
import org.volsched.spi.WeigherFactory;

/**
 * The capacity weighers plug-in: {@code CapacityWeigher}, {@code AllocatedCapacityWeigher} and
 * {@code VolumeNumberWeigher}, also accepted under Cinder's dotted class paths. Each reads its
 * multiplier option ({@code capacity_weight_multiplier}, default 1.0;
 * {@code allocated_capacity_weight_multiplier}, default -1.0; {@code volume_number_multiplier},
 * default -1.0), which it declares, when the scheduler builds it.
 */
public final class CapacityWeigherPlugin implements SchedulerPlugin {
    static final String CAPACITY_ALIAS = "cinder.scheduler.weights.capacity.CapacityWeigher";
    static final String ALLOCATED_ALIAS = "cinder.scheduler.weights.capacity.AllocatedCapacityWeigher";
    static final String VOLUME_NUMBER_ALIAS = "cinder.scheduler.weights.volume_number.VolumeNumberWeigher";

    /** {@code capacity_weight_multiplier}, Cinder's default 1.0. */
    public static final OptionDeclaration CAPACITY_MULTIPLIER = OptionDeclaration.ofDouble(CapacityWeigher.OPTION, 1.0,
            "CapacityWeigher multiplier; negative stacks volumes instead of spreading them.");
    /** {@code allocated_capacity_weight_multiplier}, Cinder's default -1.0. */
    public static final OptionDeclaration ALLOCATED_MULTIPLIER = OptionDeclaration.ofDouble(
            AllocatedCapacityWeigher.OPTION, -1.0, "AllocatedCapacityWeigher multiplier; negative spreads volumes.");
    /** {@code volume_number_multiplier}, Cinder's default -1.0. */
    public static final OptionDeclaration VOLUME_NUMBER_MULTIPLIER = OptionDeclaration.ofDouble(
            VolumeNumberWeigher.OPTION, -1.0, "VolumeNumberWeigher multiplier; negative spreads volumes.");

    private static final List<WeigherFactory> FACTORIES = List.of(
            WeigherFactory.of(CapacityWeigher.NAME, List.of(CAPACITY_ALIAS), List.of(CAPACITY_MULTIPLIER),
                    context -> new CapacityWeigher(context.options().getDouble(CapacityWeigher.OPTION))),
            WeigherFactory.of(AllocatedCapacityWeigher.NAME, List.of(ALLOCATED_ALIAS), List.of(ALLOCATED_MULTIPLIER),
                    context -> new AllocatedCapacityWeigher(
                            context.options().getDouble(AllocatedCapacityWeigher.OPTION))),
            WeigherFactory.of(VolumeNumberWeigher.NAME, List.of(VOLUME_NUMBER_ALIAS), List.of(VOLUME_NUMBER_MULTIPLIER),
                    context -> new VolumeNumberWeigher(context.options().getDouble(VolumeNumberWeigher.OPTION),
                            context.volumeCounter())));

    /** For {@link java.util.ServiceLoader}. */
    public CapacityWeigherPlugin() {
    }

    /** The artifact's name, as every bundled plug-in is listed by {@code volsched drivers}. */
    @Override
    public String pluginName() {
        return "volsched-driver-capacity-weigher";
    }

    @Override
    public List<WeigherFactory> weigherFactories() {
        return FACTORIES;
    }
}
