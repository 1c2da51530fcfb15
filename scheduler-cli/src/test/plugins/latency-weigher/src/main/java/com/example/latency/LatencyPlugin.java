package com.example.latency;

import java.util.List;
import org.volsched.spi.OptionDeclaration;
import org.volsched.spi.SchedulerPlugin;
import org.volsched.spi.WeigherFactory;

/**
 * A third-party plug-in, compiled and jarred by the tests (not on their class path): a weigher with
 * its own multiplier option, declared so that every configuration source accepts it; one whose
 * construction fails, as a plug-in that cannot reach what it needs does; and one that is built but
 * fails while weighing, as a plug-in with a bug does.
 */
public final class LatencyPlugin implements SchedulerPlugin {
    /** The option the weigher reads, declared with its default, help and a lower bound. */
    // tag::option[]
    public static final OptionDeclaration MULTIPLIER = OptionDeclaration.ofDouble("latency_weight_multiplier", 1.0,
            "LatencyWeigher multiplier; positive prefers pools with a low latency_ms, negative a high one.")
            .atLeast(-100);
    // end::option[]

    @Override
    public String pluginName() {
        return "example-latency";
    }

    @Override
    public List<WeigherFactory> weigherFactories() {
        return List.of(
                // tag::factory[]
                WeigherFactory.of("LatencyWeigher", List.of("com.example.latency.LatencyWeigher"), List.of(MULTIPLIER),
                        context -> new LatencyWeigher(context.options().getDouble(MULTIPLIER.name()))),
                // end::factory[]
                WeigherFactory.of("ProbeWeigher", List.of(), context -> {
                    throw new IllegalStateException("no latency probe is reachable");
                }),
                WeigherFactory.of("FlakyWeigher", List.of(), context -> new FlakyWeigher()));
    }
}
