package org.volsched.driver.filter;

import static org.assertj.core.api.Assertions.assertThat;
import static org.volsched.driver.filter.fixtures.Pools.map;

import com.google.inject.multibindings.OptionalBinder;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.volsched.spi.model.Candidates;
import org.volsched.core.bootstrap.Scheduler;
import org.volsched.core.config.SchedulerConfig;
import org.volsched.core.host.HostManager;
import org.volsched.spi.BackendWeigher;
import org.volsched.spi.SchedulerPlugin;
import org.volsched.spi.VolumeLookup;
import org.volsched.spi.WeigherFactory;
import org.volsched.spi.model.DecisionTrace;
import org.volsched.spi.model.FilterProperties;
import org.volsched.spi.model.PoolState;
import org.volsched.spi.model.RequestContext;
import org.volsched.spi.model.RequestSpec;
import org.volsched.spi.model.ServiceInfo;
import org.volsched.spi.model.Volume;
import org.volsched.spi.model.VolumeType;

/**
 * An integrator's volume look-up that takes 500 ms per call (a slow database) holds up only the
 * decision that asked: while it waits, in its filtering and again in the re-check of its claim,
 * capability reports are applied and other decisions are made and claimed.
 */
class SlowLookupTest {
    private static final Instant NOW = Instant.parse("2025-03-01T10:00:00Z");
    private static final RequestContext CONTEXT = RequestContext.of("p1", "u1");
    private static final VolumeType ANY = VolumeType.of("any", map());
    private static final String ELSEWHERE = "0a1b2c3d-4e5f-6789-abcd-ef0123456789";

    /** Each call takes 500 ms; the first also waits until the test has made its concurrent claim. */
    static final class SlowLookup implements VolumeLookup {
        final BlockingQueue<String> calls = new LinkedBlockingQueue<>();
        final CountDownLatch concurrentClaimMade = new CountDownLatch(1);

        @Override
        public Optional<Location> find(String volumeId, String projectId) {
            boolean first = calls.isEmpty();
            calls.add(Thread.currentThread().getName());
            try {
                if (first) {
                    concurrentClaimMade.await(10, TimeUnit.SECONDS);
                }
                Thread.sleep(500);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return Optional.of(new Location("other@lvm#p", null));
        }
    }

    /** Raw weight: free space; so the biggest pool wins. */
    static final class FreeSpace implements SchedulerPlugin {
        @Override
        public String pluginName() {
            return "slow-lookup-test";
        }

        @Override
        public List<WeigherFactory> weigherFactories() {
            return List.of(WeigherFactory.of("FreeSpaceWeigher", List.of(), context -> new BackendWeigher() {
                @Override
                public String name() {
                    return "FreeSpaceWeigher";
                }

                @Override
                public double multiplier() {
                    return 1.0;
                }

                @Override
                public void weigh(Candidates candidates, FilterProperties properties, double[] out) {
                    for (int i = 0; i < candidates.size(); i++) {
                        out[i] = candidates.get(i).freeCapacity().value();
                    }
                }
            }));
        }
    }

    private final SlowLookup lookup = new SlowLookup();
    private final Scheduler scheduler = Scheduler.builder()
            .plugins(List.of(new FilterSchedulerPlugin(), new FreeSpace()))
            .config(SchedulerConfig.builder().overrides(Map.of(
                    "scheduler_default_filters", "DifferentBackendFilter,AvailabilityZoneFilter,CapacityFilter",
                    "scheduler_default_weighers", "FreeSpaceWeigher"), "test").build())
            .clock(Clock.fixed(NOW, ZoneOffset.UTC))
            .module(binder -> OptionalBinder.newOptionalBinder(binder, VolumeLookup.class).setBinding()
                    .toInstance(lookup))
            .build();
    private final HostManager hosts = scheduler.hostManager();

    private void report(String host, long free, Instant at) {
        hosts.updateServiceCapabilities("volume", host, null, map("volume_backend_name", "lvm", "pools",
                List.of(map("pool_name", "p", "total_capacity_gb", 1000L, "free_capacity_gb", free))), at);
    }

    private DecisionTrace create(String volumeId, int size, FilterProperties props) {
        DecisionTrace trace = DecisionTrace.outcomeOnly();
        scheduler.createVolume(CONTEXT, RequestSpec.of(volumeId, size, null, ANY), props,
                new Volume(volumeId, (long) size, null, "any", ANY, "p1", "u1"), null, null, null, trace);
        return trace;
    }

    private PoolState pool(String host) {
        return hosts.candidates().stream().filter(p -> p.backendKey().equals(host)).findFirst().orElseThrow();
    }

    @Test
    @Timeout(30)
    void reportsAndOtherDecisionsGoOnWhileADecisionWaitsForTheLookup() throws Exception {
        for (String host : List.of("big@lvm", "small@lvm")) {
            hosts.updateService(new ServiceInfo(host, null, "nova", false, false, NOW));
        }
        report("big@lvm", 100, NOW.minusSeconds(30));
        report("small@lvm", 20, NOW.minusSeconds(30));

        CompletableFuture<DecisionTrace> slow = CompletableFuture.supplyAsync(() -> create("vol-slow", 10,
                new FilterProperties().setSchedulerHints(map("different_host", List.of(ELSEWHERE)), true)));
        String slowThread = lookup.calls.poll(10, TimeUnit.SECONDS);
        assertThat(slowThread).as("the slow decision is in its look-up").isNotNull();

        // While the slow decision filters: another decision takes 60 GB of the pool it is about to choose.
        DecisionTrace fast = create("vol-fast", 60, new FilterProperties());
        assertThat(fast.selected().backend()).isEqualTo("big@lvm#p");
        assertThat(slow).isNotDone();
        lookup.concurrentClaimMade.countDown();

        // The slow decision chose big@lvm#p, which changed since it began: its claim re-checks the pool,
        // looking the volume up again, outside any lock.
        String recheckThread = lookup.calls.poll(10, TimeUnit.SECONDS);
        assertThat(recheckThread).as("the claim's re-check looks the volume up again").isEqualTo(slowThread);
        long onBig = 0;
        for (int i = 0; i < 20; i++) {
            report("small@lvm", 20 + i, NOW);
            assertThat(pool("small@lvm").freeCapacity().value()).isEqualTo(20 + i);
            DecisionTrace other = create("vol-" + i, 1, new FilterProperties());
            assertThat(other.failure()).isNull();
            onBig += other.selected().backend().equals("big@lvm#p") ? 1 : 0;
        }
        assertThat(slow).as("reports and 20 decisions went on during the re-check's look-up").isNotDone();

        DecisionTrace slowTrace = slow.get(10, TimeUnit.SECONDS);
        assertThat(slowTrace.failure()).isNull();
        assertThat(slowTrace.selected().backend()).isEqualTo("big@lvm#p");
        // The others claimed on big@lvm#p during the re-check, so the claim checked the pool once more
        // before it committed: every look-up ran on the slow decision's own thread.
        assertThat(lookup.calls).isNotEmpty().allMatch(slowThread::equals);
        assertThat(pool("big@lvm").freeCapacity().value())
                .as("100 GB less the fast decision's 60, the slow one's 10 and the others' on big")
                .isEqualTo(100 - 60 - 10 - onBig);
    }
}
