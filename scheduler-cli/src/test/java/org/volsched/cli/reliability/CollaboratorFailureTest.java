package org.volsched.cli.reliability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import com.google.inject.multibindings.OptionalBinder;
import java.io.UncheckedIOException;
import java.net.SocketTimeoutException;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.volsched.core.bootstrap.Scheduler;
import org.volsched.core.memory.InMemoryFailureNotifier;
import org.volsched.core.memory.InMemoryUserMessages;
import org.volsched.core.memory.InMemoryVolumeDispatcher;
import org.volsched.core.memory.InMemoryVolumeStore;
import org.volsched.spi.FailureNotifier;
import org.volsched.spi.NoValidBackend;
import org.volsched.spi.UserMessages;
import org.volsched.spi.VolumeDispatcher;
import org.volsched.spi.VolumeStore;
import org.volsched.spi.model.DecisionTrace;
import org.volsched.spi.model.FilterProperties;
import org.volsched.spi.model.RequestContext;
import org.volsched.spi.model.RequestSpec;
import org.volsched.spi.model.ServiceInfo;
import org.volsched.spi.model.UserMessage;
import org.volsched.spi.model.Volume;
import org.volsched.spi.model.VolumeType;

/**
 * The integration points of the create-volume flow failing, at the {@link Scheduler} level with the
 * real filter driver: a {@link VolumeDispatcher}, {@link VolumeStore}, {@link FailureNotifier} or
 * {@link UserMessages} that throws, times out (sleeps, then throws) or is slow never masks the
 * original failure, never leaves a failed volume without the error state, and never holds up a
 * request on another thread (checked with latches, not with timings). {@code CreateVolumeFlowTest}
 * covers the flow with a fake driver; this covers what only the real driver and the host manager
 * can show.
 */
class CollaboratorFailureTest {
    private static final RequestContext CONTEXT = new RequestContext("p1", "u1", "req-1", false);
    private static final VolumeType TYPE = new VolumeType("t1", "gold", Map.of(), null,
            Map.of("id", "t1", "name", "gold"), false);
    /** How long a latch waits before the test gives up on a blocked request (a hang, not a timing). */
    private static final long GIVE_UP_SECONDS = 60;

    private final InMemoryVolumeDispatcher dispatched = new InMemoryVolumeDispatcher();
    private final InMemoryVolumeStore records = new InMemoryVolumeStore();
    private final InMemoryFailureNotifier notifications = new InMemoryFailureNotifier();
    private final InMemoryUserMessages messages = new InMemoryUserMessages();
    private final ExecutorService pool = Executors.newFixedThreadPool(2);

    @BeforeAll
    static void captureLogs() {
        FuzzLogs.capture();
    }

    @AfterAll
    static void checkLogs() {
        FuzzLogs.checkAndStop();
    }

    @AfterEach
    void stop() {
        pool.shutdownNow();
    }

    /** How a collaborator fails. */
    enum Failure {
        /** Throws at once. */
        THROWS,
        /** Sleeps, then throws as a client library does when its call times out. */
        TIMES_OUT;

        RuntimeException raise(String what) {
            if (this == TIMES_OUT) {
                try {
                    Thread.sleep(50);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                return new UncheckedIOException(what + " timed out", new SocketTimeoutException("Read timed out"));
            }
            return new IllegalStateException(what + " is down");
        }
    }

    private Scheduler scheduler(VolumeDispatcher dispatcher, VolumeStore store, FailureNotifier notifier,
                                UserMessages userMessages) {
        Scheduler scheduler = Scheduler.builder()
                .module(binder -> {
                    OptionalBinder.newOptionalBinder(binder, VolumeDispatcher.class).setBinding().toInstance(dispatcher);
                    OptionalBinder.newOptionalBinder(binder, VolumeStore.class).setBinding().toInstance(store);
                    OptionalBinder.newOptionalBinder(binder, FailureNotifier.class).setBinding().toInstance(notifier);
                    OptionalBinder.newOptionalBinder(binder, UserMessages.class).setBinding().toInstance(userMessages);
                })
                .build();
        Instant now = Instant.now();
        for (String host : List.of("node1@lvm", "node2@lvm")) {
            scheduler.hostManager().updateService(new ServiceInfo(host, null, "nova", false, false, now));
            scheduler.hostManager().updateServiceCapabilities("volume", host, null, Map.of(
                    "volume_backend_name", "lvm", "storage_protocol", "iSCSI",
                    "pools", List.of(Map.of("pool_name", "pool0", "total_capacity_gb", 1000,
                            "free_capacity_gb", 1000))), now);
        }
        return scheduler;
    }

    /** {@code size} 10 fits; 5000 fits nowhere (NoValidBackend). */
    private static DecisionTrace create(Scheduler scheduler, String volumeId, int size) {
        DecisionTrace trace = DecisionTrace.outcomeOnly();
        scheduler.createVolume(CONTEXT, RequestSpec.of(volumeId, size, "nova", TYPE), new FilterProperties(),
                new Volume(volumeId, (long) size, "nova", TYPE.id(), TYPE, "p1", "u1"), null, null, null, trace);
        return trace;
    }

    /** Blocks the calls made for volume {@code slow} until released; counts them down on entry. */
    private static final class Gate {
        final CountDownLatch entered = new CountDownLatch(1);
        final CountDownLatch release = new CountDownLatch(1);

        void pass(String volumeId) {
            if ("slow".equals(volumeId)) {
                entered.countDown();
                try {
                    if (!release.await(GIVE_UP_SECONDS, TimeUnit.SECONDS)) {
                        throw new IllegalStateException("never released");
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException(e);
                }
            }
        }
    }

    /**
     * While a collaborator blocks on request {@code slow} (of {@code slowSize} GB), a request on
     * another thread completes; then {@code slow} completes too.
     */
    private void assertSlowHoldsUpNothing(Scheduler scheduler, Gate gate, int slowSize) throws Exception {
        Future<DecisionTrace> slow = pool.submit(() -> create(scheduler, "slow", slowSize));
        assertThat(gate.entered.await(GIVE_UP_SECONDS, TimeUnit.SECONDS)).as("slow request reached the gate").isTrue();

        DecisionTrace fast = CompletableFuture.supplyAsync(() -> create(scheduler, "fast", 10), pool)
                .get(GIVE_UP_SECONDS, TimeUnit.SECONDS);

        assertThat(fast.selected()).isNotNull();
        assertThat(slow.isDone()).as("the slow request is still held").isFalse();
        gate.release.countDown();
        DecisionTrace slowTrace = slow.get(GIVE_UP_SECONDS, TimeUnit.SECONDS);
        assertThat(slowTrace.selected() != null || slowTrace.failure() instanceof NoValidBackend).isTrue();
        assertThat(records.volume("fast").errored()).isFalse();
    }

    // --- VolumeDispatcher ----------------------------------------------------------------------

    @ParameterizedTest
    @EnumSource(Failure.class)
    void aFailingDispatcherSurfacesAsItIsAndTheVolumeIsErrored(Failure mode) {
        RuntimeException[] thrown = new RuntimeException[1];
        VolumeDispatcher dispatcher = (context, volumeId, host, spec, props) -> {
            thrown[0] = mode.raise("RPC to " + host);
            throw thrown[0];
        };
        Scheduler scheduler = scheduler(dispatcher, records, notifications, messages);

        Throwable failure = catchThrowable(() -> create(scheduler, "vol-1", 10));

        assertThat(failure).isSameAs(thrown[0]);
        assertThat(failure.getSuppressed()).isEmpty();
        assertThat(records.volume("vol-1").errored()).isTrue();
        assertThat(records.volume("vol-1").errorReason()).isEqualTo(thrown[0].getMessage());
        assertThat(messages.messages()).singleElement().extracting(UserMessage::detailId).isEqualTo("001");
        assertThat(notifications.notifications()).singleElement()
                .satisfies(n -> assertThat(n.payload()).containsEntry("volume_id", "vol-1"));
    }

    @Test
    void aSlowDispatcherHoldsUpNoOtherRequest() throws Exception {
        Gate gate = new Gate();
        VolumeDispatcher dispatcher = (context, volumeId, host, spec, props) -> {
            gate.pass(volumeId);
            dispatched.createVolume(context, volumeId, host, spec, props);
        };

        assertSlowHoldsUpNothing(scheduler(dispatcher, records, notifications, messages), gate, 10);

        assertThat(dispatched.dispatched()).extracting(InMemoryVolumeDispatcher.Dispatch::volumeId)
                .containsExactly("fast", "slow");
    }

    // --- VolumeStore -----------------------------------------------------------------------------

    /** The volume record cannot take its host (rule D1): that failure surfaces, and the volume is errored. */
    @ParameterizedTest
    @EnumSource(Failure.class)
    void aStoreThatCannotSetTheHostStillErrorsTheVolume(Failure mode) {
        RuntimeException[] thrown = new RuntimeException[1];
        VolumeStore store = new VolumeStore() {
            @Override
            public void updateHost(String volumeId, String host, String clusterName, String availabilityZone) {
                thrown[0] = mode.raise("database");
                throw thrown[0];
            }

            @Override
            public void markError(String volumeId, String reason) {
                records.markError(volumeId, reason);
            }
        };
        Scheduler scheduler = scheduler(dispatched, store, notifications, messages);

        Throwable failure = catchThrowable(() -> create(scheduler, "vol-1", 10));

        assertThat(failure).isSameAs(thrown[0]);
        assertThat(records.volume("vol-1").errored()).isTrue();
        assertThat(dispatched.dispatched()).as("nothing dispatched for a volume whose record failed").isEmpty();
    }

    @ParameterizedTest
    @EnumSource(Failure.class)
    void aStoreThatCannotRecordTheErrorMasksNothing(Failure mode) {
        VolumeStore store = new VolumeStore() {
            @Override
            public void updateHost(String volumeId, String host, String clusterName, String availabilityZone) {
                records.updateHost(volumeId, host, clusterName, availabilityZone);
            }

            @Override
            public void markError(String volumeId, String reason) {
                throw mode.raise("database");
            }
        };
        IllegalStateException rpcDown = new IllegalStateException("RPC down");
        Scheduler scheduler = scheduler((context, volumeId, host, spec, props) -> {
            throw rpcDown;
        }, store, notifications, messages);

        Throwable failure = catchThrowable(() -> create(scheduler, "vol-1", 10));
        DecisionTrace noRoom = create(scheduler, "vol-2", 5000);

        assertThat(failure).isSameAs(rpcDown);
        assertThat(failure.getSuppressed()).isEmpty();
        assertThat(noRoom.failure()).isInstanceOf(NoValidBackend.class);
        assertThat(messages.messages()).hasSize(2);
        assertThat(notifications.notifications()).hasSize(2);
    }

    @Test
    void aSlowStoreHoldsUpNoOtherRequest() throws Exception {
        Gate gate = new Gate();
        VolumeStore store = new VolumeStore() {
            @Override
            public void updateHost(String volumeId, String host, String clusterName, String availabilityZone) {
                gate.pass(volumeId);
                records.updateHost(volumeId, host, clusterName, availabilityZone);
            }

            @Override
            public void markError(String volumeId, String reason) {
                gate.pass(volumeId);
                records.markError(volumeId, reason);
            }
        };

        assertSlowHoldsUpNothing(scheduler(dispatched, store, notifications, messages), gate, 10);

        assertThat(records.volume("slow").host()).isNotNull();
    }

    // --- FailureNotifier -------------------------------------------------------------------------

    @ParameterizedTest
    @EnumSource(Failure.class)
    void aFailingNotifierMasksNothingAndTheVolumeIsStillErrored(Failure mode) {
        FailureNotifier notifier = (publisher, eventType, payload) -> {
            throw mode.raise("notification bus");
        };
        IllegalStateException rpcDown = new IllegalStateException("RPC down");
        Scheduler failing = scheduler((context, volumeId, host, spec, props) -> {
            throw rpcDown;
        }, records, notifier, messages);

        Throwable failure = catchThrowable(() -> create(failing, "vol-1", 10));
        DecisionTrace noRoom = create(failing, "vol-2", 5000);

        assertThat(failure).isSameAs(rpcDown);
        assertThat(failure.getSuppressed()).isEmpty();
        assertThat(records.volume("vol-1").errored()).isTrue();
        assertThat(noRoom.failure()).isInstanceOf(NoValidBackend.class);
        assertThat(records.volume("vol-2").errored()).isTrue();
        assertThat(messages.messages()).hasSize(2);
    }

    @Test
    void aSlowNotifierHoldsUpNoOtherRequest() throws Exception {
        Gate gate = new Gate();
        FailureNotifier notifier = (publisher, eventType, payload) -> {
            gate.pass(String.valueOf(payload.get("volume_id")));
            notifications.notifyError(publisher, eventType, payload);
        };

        assertSlowHoldsUpNothing(scheduler(dispatched, records, notifier, messages), gate, 5000);

        assertThat(records.volume("slow").errored()).isTrue();
        assertThat(notifications.notifications()).singleElement()
                .satisfies(n -> assertThat(n.payload()).containsEntry("volume_id", "slow"));
    }

    // --- UserMessages ----------------------------------------------------------------------------

    @ParameterizedTest
    @EnumSource(Failure.class)
    void aFailingUserMessageStoreMasksNothingAndTheVolumeIsStillErrored(Failure mode) {
        UserMessages userMessages = message -> {
            throw mode.raise("message store");
        };
        IllegalStateException rpcDown = new IllegalStateException("RPC down");
        Scheduler failing = scheduler((context, volumeId, host, spec, props) -> {
            throw rpcDown;
        }, records, notifications, userMessages);

        Throwable failure = catchThrowable(() -> create(failing, "vol-1", 10));
        DecisionTrace noRoom = create(failing, "vol-2", 5000);

        assertThat(failure).isSameAs(rpcDown);
        assertThat(failure.getSuppressed()).isEmpty();
        assertThat(records.volume("vol-1").errored()).isTrue();
        assertThat(noRoom.failure()).isInstanceOf(NoValidBackend.class);
        assertThat(records.volume("vol-2").errored()).isTrue();
        assertThat(notifications.notifications()).hasSize(2);
    }

    @Test
    void aSlowUserMessageStoreHoldsUpNoOtherRequest() throws Exception {
        Gate gate = new Gate();
        UserMessages userMessages = message -> {
            gate.pass(message.resourceUuid());
            messages.create(message);
        };

        assertSlowHoldsUpNothing(scheduler(dispatched, records, notifications, userMessages), gate, 5000);

        assertThat(records.volume("slow").errored()).isTrue();
        assertThat(messages.messages()).singleElement().extracting(UserMessage::resourceUuid).isEqualTo("slow");
    }

    // --- Errors (not exceptions) -----------------------------------------------------------------

    /** Which collaborator throws an {@link Error} while a failure is being handled. */
    enum Broken {
        USER_MESSAGES, NOTIFIER, MARK_ERROR
    }

    /**
     * A {@link LinkageError} is what a broken integrator jar throws. It must not replace the
     * failure being handled, nor stop the volume from being errored.
     */
    @ParameterizedTest
    @EnumSource(Broken.class)
    void anErrorFromACollaboratorHandlingAFailureDoesNotReplaceIt(Broken broken) {
        NoClassDefFoundError linkage = new NoClassDefFoundError("com/example/Client");
        UserMessages userMessages = broken == Broken.USER_MESSAGES ? m -> {
            throw linkage;
        } : messages;
        FailureNotifier notifier = broken == Broken.NOTIFIER ? (p, e, payload) -> {
            throw linkage;
        } : notifications;
        VolumeStore store = broken != Broken.MARK_ERROR ? records : new VolumeStore() {
            @Override
            public void updateHost(String volumeId, String host, String clusterName, String availabilityZone) {
                records.updateHost(volumeId, host, clusterName, availabilityZone);
            }

            @Override
            public void markError(String volumeId, String reason) {
                throw linkage;
            }
        };
        IllegalStateException rpcDown = new IllegalStateException("RPC down");
        Scheduler failing = scheduler((context, volumeId, host, spec, props) -> {
            throw rpcDown;
        }, store, notifier, userMessages);

        Throwable failure = catchThrowable(() -> create(failing, "vol-1", 10));
        Throwable noRoom = catchThrowable(() -> create(failing, "vol-2", 5000));

        assertThat(failure).isSameAs(rpcDown);
        assertThat(noRoom).as("NoValidBackend is still swallowed").isNull();
        if (broken != Broken.MARK_ERROR) {
            assertThat(records.volume("vol-1").errored()).isTrue();
            assertThat(records.volume("vol-2").errored()).isTrue();
        }
    }

    /** An {@link Error} from the dispatcher surfaces as it is, and the volume is not left in {@code creating}. */
    @Test
    void anErrorFromTheDispatcherStillErrorsTheVolume() {
        NoClassDefFoundError linkage = new NoClassDefFoundError("com/example/rpc/Client");
        Scheduler scheduler = scheduler((context, volumeId, host, spec, props) -> {
            throw linkage;
        }, records, notifications, messages);

        Throwable failure = catchThrowable(() -> create(scheduler, "vol-1", 10));

        assertThat(failure).isSameAs(linkage);
        assertThat(records.volume("vol-1").errored()).isTrue();
    }
}
