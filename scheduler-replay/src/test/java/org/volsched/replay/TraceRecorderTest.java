package org.volsched.replay;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.StringWriter;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.volsched.core.bootstrap.Scheduler;
import org.volsched.core.config.SchedulerConfig;
import org.volsched.spi.model.DecisionTrace;
import org.volsched.spi.model.FilterProperties;
import org.volsched.spi.model.RequestContext;
import org.volsched.spi.model.RequestSpec;
import org.volsched.spi.model.ServiceInfo;
import org.volsched.spi.model.Volume;
import org.volsched.spi.model.VolumeType;

class TraceRecorderTest {
    @Test
    void aRecordedStreamReplaysToTheDecisionsTheLiveSchedulerMade() throws Exception {
        Instant start = ReplayEngine.START;
        StringWriter trace = new StringWriter();
        TraceRecorder recorder = new TraceRecorder(new TraceWriter(trace), start);
        Scheduler live = Scheduler.builder().registry(Fleets.REGISTRY).observer(recorder)
                .config(SchedulerConfig.builder().overrides(Map.of("random_seed", 0L), "test").build())
                .clock(java.time.Clock.fixed(start.plusSeconds(30), java.time.ZoneOffset.UTC)).build();
        for (int i = 0; i < 3; i++) {
            live.hostManager().updateService(new ServiceInfo("node" + i + "@lvm", null, "nova", false, false,
                    start.plusSeconds(1)));
        }
        for (int i = 0; i < 3; i++) {
            live.hostManager().updateServiceCapabilities("volume", "node" + i + "@lvm", null, Map.of(
                    "storage_protocol", "iSCSI", "pools", List.of(Fleets.pool("p", 100 + 50L * i, 100 + 50L * i))),
                    start.plusSeconds(2 + i));
        }
        VolumeType gold = VolumeType.of("gold", Map.of("storage_protocol", "iSCSI"));
        List<String> liveDecisions = new ArrayList<>();
        for (int i = 1; i <= 6; i++) {
            String id = "vol-" + i;
            DecisionTrace d = live.createVolume(new RequestContext("p", "u", "r", false),
                    RequestSpec.of(id, 60, "nova", gold), new FilterProperties(),
                    new Volume(id, 60L, "nova", null, gold, "p", "u"), null, null, null, DecisionTrace.outcomeOnly());
            liveDecisions.add(d.selected() == null ? "error " + d.failure().getClass().getSimpleName()
                    : d.selected().backend());
        }
        recorder.close();

        assertThat(trace.toString().lines().filter(l -> l.contains("\"event\":\"create\""))).hasSize(6);
        Fleet empty = new Fleet("no backends", Map.of(), List.of());
        String replayed = Fleets.replay(empty, trace.toString(), Map.of(), 0).decisions();

        List<String> outcomes = replayed.lines().map(l -> l.contains("\"pool\"")
                ? l.replaceAll(".*\"pool\":\"([^\"]*)\".*", "$1") : "error " + l.replaceAll(".*\"error\":\"([^\"]*)\".*",
                "$1")).toList();
        assertThat(liveDecisions).as("the live scheduler spread them").contains("node0@lvm#p", "node1@lvm#p",
                "node2@lvm#p");
        assertThat(outcomes).isEqualTo(liveDecisions);
    }
}
