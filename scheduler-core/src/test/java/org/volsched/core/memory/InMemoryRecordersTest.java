package org.volsched.core.memory;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.volsched.spi.model.FilterProperties;
import org.volsched.spi.model.RequestContext;
import org.volsched.spi.model.RequestSpec;
import org.volsched.spi.model.UserMessage;

class InMemoryRecordersTest {
    private static final RequestContext CONTEXT = new RequestContext("p1", "u1", "req-1", false);

    @Test
    void theDispatcherRecordsEveryRequestInOrder() {
        InMemoryVolumeDispatcher dispatcher = new InMemoryVolumeDispatcher();
        RequestSpec spec = RequestSpec.of("v1", 1, "nova", null);
        FilterProperties properties = new FilterProperties();

        dispatcher.createVolume(CONTEXT, "v1", "node1@lvm#pool0", spec, properties);
        dispatcher.createVolume(CONTEXT, "v2", "node2@lvm#pool0", RequestSpec.of("v2", 1, "nova", null), null);

        assertThat(dispatcher.dispatched()).extracting(InMemoryVolumeDispatcher.Dispatch::volumeId)
                .containsExactly("v1", "v2");
        assertThat(dispatcher.dispatchedFor("v1")).containsExactly(
                new InMemoryVolumeDispatcher.Dispatch(CONTEXT, "v1", "node1@lvm#pool0", spec, properties));
        dispatcher.clear();
        assertThat(dispatcher.dispatched()).isEmpty();
    }

    @Test
    void theNotifierKeepsAReadOnlyCopyOfThePayload() {
        InMemoryFailureNotifier notifier = new InMemoryFailureNotifier();
        Map<String, Object> payload = new LinkedHashMap<>();
        payload.put("volume_id", null);
        payload.put("state", "error");

        notifier.notifyError("scheduler.host1", "scheduler.create_volume", payload);
        payload.put("state", "changed later");

        InMemoryFailureNotifier.Notification notification = notifier.notifications().get(0);
        assertThat(notification.publisherId()).isEqualTo("scheduler.host1");
        assertThat(notification.eventType()).isEqualTo("scheduler.create_volume");
        assertThat(notification.payload()).containsEntry("volume_id", null).containsEntry("state", "error");
        assertThat(notification.payload().keySet()).containsExactly("volume_id", "state");
        notifier.clear();
        assertThat(notifier.notifications()).isEmpty();
    }

    @Test
    void userMessagesAreRecorded() {
        InMemoryUserMessages messages = new InMemoryUserMessages();
        UserMessage message = new UserMessage("001", "VOLUME", "v1", "003", "ERROR", "VOLUME_VOLUME_001_003", "p1",
                "req-1", Instant.parse("2024-05-31T12:00:00Z"));

        messages.create(message);

        assertThat(messages.messages()).containsExactly(message);
        messages.clear();
        assertThat(messages.messages()).isEmpty();
    }

    @Test
    void recordersAreSafeToShareBetweenThreads() throws Exception {
        InMemoryVolumeDispatcher dispatcher = new InMemoryVolumeDispatcher();
        InMemoryFailureNotifier notifier = new InMemoryFailureNotifier();
        InMemoryUserMessages messages = new InMemoryUserMessages();
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<?>> futures = new ArrayList<>();
            for (int t = 0; t < 4; t++) {
                int thread = t;
                futures.add(pool.submit(() -> {
                    for (int i = 0; i < 500; i++) {
                        String id = thread + "-" + i;
                        dispatcher.createVolume(CONTEXT, id, "h", null, null);
                        notifier.notifyError("scheduler.h", "scheduler.create_volume", new HashMap<>());
                        messages.create(new UserMessage("001", "VOLUME", id, "001", "ERROR", "e", null, null, null));
                    }
                }));
            }
            for (Future<?> future : futures) {
                future.get();
            }
        } finally {
            pool.shutdownNow();
        }

        assertThat(dispatcher.dispatched()).hasSize(2000);
        assertThat(notifier.notifications()).hasSize(2000);
        assertThat(messages.messages()).hasSize(2000);
    }
}
