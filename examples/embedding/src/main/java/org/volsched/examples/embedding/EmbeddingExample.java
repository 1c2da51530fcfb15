package org.volsched.examples.embedding;

import com.google.inject.multibindings.OptionalBinder;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.volsched.core.bootstrap.Scheduler;
import org.volsched.core.config.SchedulerConfig;
import org.volsched.spi.VolumeDispatcher;
import org.volsched.spi.model.DecisionTrace;
import org.volsched.spi.model.FilterProperties;
import org.volsched.spi.model.RequestContext;
import org.volsched.spi.model.RequestSpec;
import org.volsched.spi.model.ServiceInfo;
import org.volsched.spi.model.Volume;

/** volsched embedded in a program: one backend with two pools, one 10 GB volume scheduled onto it. */
public final class EmbeddingExample {
    private static final Logger LOG = LoggerFactory.getLogger(EmbeddingExample.class);

    private EmbeddingExample() {
    }

    public static void main(String[] args) {
        VolumeDispatcher dispatcher = (context, volumeId, host, spec, properties) ->
                LOG.info("{} -> {}", volumeId, host);   // your RPC to the volume service
        DecisionTrace decision = schedule(dispatcher);
        if (decision.failure() != null) {
            throw decision.failure();
        }
    }

    /** Builds a scheduler that dispatches through {@code dispatcher}, reports a fleet and creates a volume. */
    public static DecisionTrace schedule(VolumeDispatcher dispatcher) {
        Scheduler scheduler = Scheduler.builder()   // finds driver-filter and driver-capacity-weigher
                .config(SchedulerConfig.builder()   // Cinder's option names; defaults for the rest
                        .overrides(Map.of("scheduler_default_weighers", List.of("CapacityWeigher")), "example")
                        .build())
                .module(binder -> OptionalBinder.newOptionalBinder(binder, VolumeDispatcher.class)
                        .setBinding().toInstance(dispatcher))
                .build();

        Instant now = Instant.now();
        scheduler.hostManager().updateService(new ServiceInfo("node1@lvm", null, "nova", false, false, now));
        scheduler.hostManager().updateServiceCapabilities("volume", "node1@lvm", null, Map.of(
                "volume_backend_name", "lvm",
                "pools", List.of(
                        Map.of("pool_name", "fast", "total_capacity_gb", 1000L, "free_capacity_gb", 100L),
                        Map.of("pool_name", "big", "total_capacity_gb", 1000L, "free_capacity_gb", 900L))),
                now);

        RequestContext context = new RequestContext("project-1", "user-1", "req-1", false);
        RequestSpec spec = RequestSpec.of("vol-1", 10, "nova", null);
        Volume volume = new Volume("vol-1", 10L, "nova", null, null, "project-1", "user-1");
        return scheduler.createVolume(context, spec, new FilterProperties(), volume, null, null, null,
                DecisionTrace.outcomeOnly());
    }
}
