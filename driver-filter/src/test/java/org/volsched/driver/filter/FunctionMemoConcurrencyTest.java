package org.volsched.driver.filter;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.Test;
import org.volsched.spi.model.Candidates;
import org.volsched.core.host.PoolReports;
import org.volsched.testing.TestContext;
import org.volsched.spi.model.FilterProperties;
import org.volsched.spi.model.PoolState;
import org.volsched.spi.model.RequestSpec;
import org.volsched.spi.model.VolumeType;

/**
 * Three threads weigh the same pools with one GoodnessWeigher, each with its own request whose
 * rating is its volume size, so the shared per-slot results are overwritten by one request while
 * another reads them: no thread may ever get another request's rating. (This catches a memo that
 * confuses requests; a torn read of the sequence lock's window is too rare on x86 to be caught
 * reliably, and the lock is checked by reading, see {@link FunctionMemo}.)
 */
class FunctionMemoConcurrencyTest {

    @Test
    void concurrentRequestsNeverSeeEachOthersResults() throws InterruptedException {
        GoodnessWeigher weigher = new GoodnessWeigher(new TestContext());
        List<PoolState> pools = new ArrayList<>();
        for (int slot = 0; slot < 64; slot++) {
            Map<String, Object> caps = new LinkedHashMap<>();
            caps.put("total_capacity_gb", 100L);
            caps.put("goodness_function", slot % 2 == 0 ? "volume.size" : "volume.size + stats.total_capacity_gb - 100");
            pools.add(PoolReports.fromReport(new PoolState.Builder().backend("node" + slot + "@be", "node" + slot + "@be", null)
                    .poolName("p").slot(slot), caps, "20.0").build());
        }
        ConcurrentLinkedQueue<String> wrong = new ConcurrentLinkedQueue<>();
        CountDownLatch start = new CountDownLatch(1);
        List<Thread> threads = new ArrayList<>();
        for (long size : new long[] {10, 20, 30}) {
            FilterProperties props = request(size);
            Thread t = new Thread(() -> {
                double[] out = new double[pools.size()];
                try {
                    start.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
                for (int round = 0; round < 3000 && wrong.isEmpty(); round++) {
                    weigher.weigh(Candidates.of(pools), props, out);
                    for (int i = 0; i < out.length; i++) {
                        if (out[i] != size) {
                            wrong.add("size " + size + " rated " + out[i] + " on pool " + i);
                        }
                    }
                }
            });
            threads.add(t);
            t.start();
        }
        start.countDown();
        for (Thread t : threads) {
            t.join();
        }
        assertThat(wrong).isEmpty();
    }

    private static FilterProperties request(long size) {
        VolumeType type = VolumeType.of("t", Map.of());
        Map<String, Object> volume = new LinkedHashMap<>();
        volume.put("size", size);
        return new FilterProperties().setVolumeType(type)
                .setRequestSpec(RequestSpec.of("vol", 1, "nova", type).withVolumeProperties(volume));
    }
}
