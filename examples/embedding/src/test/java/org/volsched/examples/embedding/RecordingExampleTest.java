package org.volsched.examples.embedding;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.volsched.spi.model.DecisionTrace;

/** The recorder writes what the scheduler received as a trace: a header, the service, the report, the request. */
class RecordingExampleTest {
    @Test
    void theTraceHoldsTheServiceTheReportAndTheRequest(@TempDir Path dir) throws Exception {
        Path trace = dir.resolve("recorded.jsonl");

        DecisionTrace decision = RecordingExample.recordTo(trace);

        assertEquals("node1@lvm#big", decision.selected().backend());
        List<String> lines = Files.readAllLines(trace);
        assertEquals(4, lines.size(), () -> String.join("\n", lines));
        assertTrue(lines.get(0).startsWith("{\"volsched_trace\":1,"), lines.get(0));
        assertTrue(lines.get(1).contains("\"event\":\"service\",\"host\":\"node1@lvm\",\"zone\":\"nova\",\"up\":true"),
                lines.get(1));
        assertTrue(lines.get(2).contains("\"event\":\"report\",\"host\":\"node1@lvm\",\"capabilities\":{\"pools\":"),
                lines.get(2));
        assertTrue(lines.get(3).contains("\"event\":\"create\",\"id\":\"vol-1\",\"request_spec\":{\"volume_id\":\"vol-1\""),
                lines.get(3));
    }
}
