package org.volsched.examples.embedding;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.volsched.core.bootstrap.Scheduler;
import org.volsched.replay.TraceRecorder;
import org.volsched.replay.TraceWriter;
import org.volsched.spi.model.DecisionTrace;
import org.volsched.spi.model.FilterProperties;
import org.volsched.spi.model.RequestContext;
import org.volsched.spi.model.RequestSpec;
import org.volsched.spi.model.ServiceInfo;
import org.volsched.spi.model.Volume;

/**
 * An embedded scheduler that records what it receives (services, capability reports, create-volume
 * requests) as a trace, to replay later with {@code volsched replay TRACE --fleet FLEET --config …}.
 */
public final class RecordingExample {
    private RecordingExample() {
    }

    /** Schedules one volume on a one-backend fleet and records it all to {@code trace}. */
    public static DecisionTrace recordTo(Path trace) throws IOException {
        // tag::record[]
        Instant start = Instant.now();
        try (TraceRecorder recorder = new TraceRecorder(
                new TraceWriter(Files.newBufferedWriter(trace, StandardCharsets.UTF_8)), start)) {
            Scheduler scheduler = Scheduler.builder()
                    .observer(recorder)   // opt-in: sees every service, report and request
                    .build();
            scheduler.hostManager().updateService(new ServiceInfo("node1@lvm", null, "nova", false, false, start));
            scheduler.hostManager().updateServiceCapabilities("volume", "node1@lvm", null, Map.of(
                    "pools", List.of(Map.of("pool_name", "big", "total_capacity_gb", 1000L, "free_capacity_gb", 900L))),
                    start);
            RequestSpec spec = RequestSpec.of("vol-1", 10, "nova", null);
            return scheduler.createVolume(new RequestContext("project-1", "user-1", "req-1", false), spec,
                    new FilterProperties(), new Volume("vol-1", 10L, "nova", null, null, "project-1", "user-1"),
                    null, null, null, DecisionTrace.outcomeOnly());
        }
        // end::record[]
    }
}
