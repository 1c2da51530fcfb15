package org.volsched.core.memory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

class InMemoryVolumeStoreTest {
    private static final Instant NOW = Instant.parse("2024-05-01T12:00:00Z");

    private final InMemoryVolumeStore store = new InMemoryVolumeStore(Clock.fixed(NOW, ZoneOffset.UTC));

    @Test
    void updatingTheHostRecordsItWithTheSchedulingTime() {
        store.updateHost("v1", "node1@lvm#pool0", "cluster1@lvm#pool0", "nova");

        assertThat(store.volume("v1")).isEqualTo(new InMemoryVolumeStore.VolumeRecord("v1", "node1@lvm#pool0",
                "cluster1@lvm#pool0", "nova", "creating", NOW, 1, null));
        assertThat(store.volume("v1").errored()).isFalse();
    }

    @Test
    void aNullZoneIsRecordedAsNull() {
        store.updateHost("v1", "node1@lvm#pool0", null, "nova");
        store.updateHost("v1", "node2@lvm#pool0", null, null);

        assertThat(store.volume("v1").availabilityZone()).isNull();
        assertThat(store.volume("v1").host()).isEqualTo("node2@lvm#pool0");
        assertThat(store.volume("v1").hostUpdates()).isEqualTo(2);
    }

    @Test
    void markingAnErrorKeepsTheHostAndRecordsTheReason() {
        store.updateHost("v1", "node1@lvm#pool0", null, "nova");
        store.markError("v1", "boom");
        store.markError("v2", "No valid backend was found. No weighed backends available");

        assertThat(store.volume("v1").status()).isEqualTo("error");
        assertThat(store.volume("v1").host()).isEqualTo("node1@lvm#pool0");
        assertThat(store.volume("v1").errorReason()).isEqualTo("boom");
        assertThat(store.volume("v2").errored()).isTrue();
        assertThat(store.volume("v2").host()).isNull();
        assertThat(store.volume("v2").scheduledAt()).isNull();
        assertThat(store.volumes()).containsOnlyKeys("v1", "v2");
    }

    @Test
    void unknownVolumesAreReported() {
        assertThat(store.find("nope")).isEmpty();
        assertThatThrownBy(() -> store.volume("nope")).isInstanceOf(NoSuchElementException.class)
                .hasMessage("No volume 'nope' has been updated");
        store.markError("v1", "x");
        store.clear();
        assertThat(store.volumes()).isEmpty();
    }

    @Test
    void concurrentUpdatesAreAllKept() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<?>> futures = new ArrayList<>();
            for (int t = 0; t < 4; t++) {
                futures.add(pool.submit(() -> {
                    for (int i = 0; i < 500; i++) {
                        store.updateHost("shared", "node@b#p", null, "nova");
                        store.updateHost("v" + i, "node@b#p", null, "nova");
                    }
                }));
            }
            for (Future<?> future : futures) {
                future.get();
            }
        } finally {
            pool.shutdownNow();
        }

        assertThat(store.volume("shared").hostUpdates()).isEqualTo(2000);
        assertThat(store.volumes()).hasSize(501);
    }
}
