package org.volsched.examples.embedding;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;
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
    void theProgramLogsWhereTheVolumeWent() {
        Logger logger = (Logger) LoggerFactory.getLogger(EmbeddingExample.class);
        ListAppender<ILoggingEvent> seen = new ListAppender<>();
        seen.start();
        logger.addAppender(seen);
        boolean additive = logger.isAdditive();
        logger.setAdditive(false);   // captured here, not written to the build's output
        try {
            EmbeddingExample.main(new String[0]);
        } finally {
            logger.detachAppender(seen);
            logger.setAdditive(additive);
        }
        assertEquals(List.of("vol-1 -> node1@lvm#big"),
                seen.list.stream().map(ILoggingEvent::getFormattedMessage).toList());
    }
}
