package org.volsched.examples.embedding;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.volsched.spi.model.DecisionTrace;

/** The example runs as the README says: the volume goes to the pool with the most free space, through our dispatcher. */
class EmbeddingExampleTest {
    @Test
    void theVolumeIsDispatchedToThePoolWithTheMostFreeCapacity() {
        List<String> dispatched = new ArrayList<>();

        DecisionTrace decision = EmbeddingExample.schedule(
                (context, volumeId, host, spec, properties) -> dispatched.add(volumeId + " -> " + host));

        assertNull(decision.failure(), () -> "the request failed: " + decision.failure());
        assertEquals("node1@lvm#big", decision.selected().backend());
        assertEquals(List.of("vol-1 -> node1@lvm#big"), dispatched);
    }

    @Test
    void theProgramPrintsWhereTheVolumeWent() {
        PrintStream saved = System.out;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
        try {
            EmbeddingExample.main(new String[0]);
        } finally {
            System.setOut(saved);
        }
        assertEquals("vol-1 -> node1@lvm#big" + System.lineSeparator(), out.toString(StandardCharsets.UTF_8));
    }
}
