package org.volsched.core.flow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.volsched.core.memory.InMemoryFailureNotifier;
import org.volsched.core.memory.InMemoryUserMessages;
import org.volsched.core.memory.InMemoryVolumeDispatcher;
import org.volsched.core.memory.InMemoryVolumeStore;
import org.volsched.spi.FailureNotifier;
import org.volsched.spi.NoValidBackend;
import org.volsched.spi.SchedulerDriver;
import org.volsched.spi.SchedulerException;
import org.volsched.spi.UserMessages;
import org.volsched.spi.VolumeStore;
import org.volsched.spi.model.DecisionTrace;
import org.volsched.spi.model.FilterProperties;
import org.volsched.spi.model.Placement;
import org.volsched.spi.model.RequestContext;
import org.volsched.spi.model.RequestSpec;
import org.volsched.spi.model.UserMessage;
import org.volsched.spi.model.Volume;
import org.volsched.spi.model.VolumeType;
import java.util.regex.Pattern;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.volsched.testing.CapturedLogs;

class CreateVolumeFlowTest {
    private static final Instant NOW = Instant.parse("2024-05-01T12:00:00Z");
    private static final Duration TTL = CreateVolumeFlow.DEFAULT_MESSAGE_TTL;
    private static final String BACKEND = "node1@lvm#pool0";
    private static final String EXTRACT = "cinder.scheduler.flows.create_volume.ExtractSchedulerSpecTask;volume:create";
    private static final String SCHEDULE = "cinder.scheduler.flows.create_volume.ScheduleCreateVolumeTask;volume:create";

    private static final VolumeType GOLD = new VolumeType("t-gold", "gold", Map.of("volume_backend_name", "lvm"),
            "qos-1", Map.of("id", "t-gold", "name", "gold"), false);
    private static final RequestContext CONTEXT = new RequestContext("p1", "u1", "req-1", false);
    private static final Volume VOLUME = new Volume("vol-1", 10L, "nova", "t-gold", GOLD, "p1", "u1");
    private static final NoValidBackend NO_VALID_BACKEND =
            NoValidBackend.withReason("No weighed backends available");

    @RegisterExtension
    final CapturedLogs logs = CapturedLogs.of(ScheduleCreateVolumeTask.class, LoggingFlowListener.class, FlowEngine.class)
            .expecting("Failed to run task " + Pattern.quote(SCHEDULE) + ": .+",
                    "Failed to create message record for vol-\\d+",
                    "Failed setting volume vol-\\d+ to error status\\.",
                    "Failed notifying on scheduler\\.create_volume for volume vol-\\d+",
                    "Task '(" + Pattern.quote(SCHEDULE) + "|" + Pattern.quote(EXTRACT)
                            + ")' of flow 'volume_create_scheduler' went to FAILURE: .+");

    private final Clock clock = Clock.fixed(NOW, ZoneOffset.UTC);
    private final InMemoryUserMessages messages = new InMemoryUserMessages();
    private final InMemoryFailureNotifier notifier = new InMemoryFailureNotifier();
    private final InMemoryVolumeStore volumes = new InMemoryVolumeStore(clock);
    private final InMemoryVolumeDispatcher dispatcher = new InMemoryVolumeDispatcher();

    private CreateVolumeFlow flow(SchedulerDriver driver) {
        return flow(driver, messages, notifier, volumes, true);
    }

    private CreateVolumeFlow flow(SchedulerDriver driver, UserMessages userMessages, FailureNotifier failureNotifier,
                                  VolumeStore volumeStore, boolean notificationsEnabled) {
        return CreateVolumeFlow.create(driver, userMessages, failureNotifier, volumeStore, clock, TTL, "sched1",
                notificationsEnabled);
    }

    private static FlowEngine load(CreateVolumeFlow flow, RequestSpec spec, FilterProperties properties,
                                   DecisionTrace trace) {
        return flow.load(CONTEXT, spec, properties, VOLUME, null, null, null, trace);
    }

    private static RequestSpec spec() {
        return RequestSpec.of("vol-1", 10, "nova", GOLD);
    }

    @Test
    void theFlowHasCindersNamesAndOrder() {
        CreateVolumeFlow flow = flow(TestingDriver.failingWith(NO_VALID_BACKEND));

        assertThat(flow.name()).isEqualTo("volume_create_scheduler");
        assertThat(flow.taskNames()).containsExactly(EXTRACT, SCHEDULE);
    }

    @Test
    void aPlacedVolumeIsDispatchedAndNothingIsRecordedAsFailed() {
        TestingDriver driver = TestingDriver.choosing(BACKEND, "zone-b", volumes, dispatcher);
        RequestSpec spec = spec();
        FilterProperties properties = new FilterProperties();
        DecisionTrace trace = DecisionTrace.detailed();
        FlowEngine engine = load(flow(driver), spec, properties, trace);
        RecordingListener listener = new RecordingListener();
        engine.addListener(listener);

        engine.run();

        assertThat(engine.fetch(CreateVolumeFlow.REQUEST_SPEC)).isSameAs(spec);
        assertThat(engine.fetch(CreateVolumeFlow.PLACEMENT)).isEqualTo(new Placement(BACKEND, 1.0, null));
        assertThat(engine.fetch(CreateVolumeFlow.NO_VALID_BACKEND)).isNull();
        TestingDriver.Call call = driver.calls().get(0);
        assertThat(call.context()).isSameAs(CONTEXT);
        assertThat(call.requestSpec()).isSameAs(spec);
        assertThat(call.filterProperties()).isSameAs(properties);
        assertThat(call.trace()).isSameAs(trace);
        assertThat(trace.selected().backend()).isEqualTo(BACKEND);
        assertThat(dispatcher.dispatched()).singleElement().satisfies(d -> {
            assertThat(d.volumeId()).isEqualTo("vol-1");
            assertThat(d.host()).isEqualTo(BACKEND);
            assertThat(d.requestSpec()).isSameAs(spec);
        });
        InMemoryVolumeStore.VolumeRecord record = volumes.volume("vol-1");
        assertThat(record.host()).isEqualTo(BACKEND);
        assertThat(record.availabilityZone()).isEqualTo("zone-b");
        assertThat(record.status()).isEqualTo(InMemoryVolumeStore.STATUS_CREATING);
        assertThat(record.scheduledAt()).isEqualTo(NOW);
        assertThat(messages.messages()).isEmpty();
        assertThat(notifier.notifications()).isEmpty();
        assertThat(listener.events()).containsExactly(
                "flow PENDING->RUNNING",
                "task ExtractSchedulerSpecTask PENDING->RUNNING",
                "task ExtractSchedulerSpecTask RUNNING->SUCCESS",
                "task ScheduleCreateVolumeTask PENDING->RUNNING",
                "task ScheduleCreateVolumeTask RUNNING->SUCCESS",
                "flow RUNNING->SUCCESS");
    }

    @Test
    void nullFilterPropertiesAndTraceAreHandedOn() {
        TestingDriver driver = TestingDriver.choosing(BACKEND, "nova", volumes, dispatcher);

        load(flow(driver), spec(), null, null).run();

        TestingDriver.Call call = driver.calls().get(0);
        assertThat(call.filterProperties()).isNull();
        assertThat(call.trace()).isNotNull();
        assertThat(call.trace().isDetailed()).isFalse();
    }

    @Test
    void noValidBackendIsRecordedNotifiedErroredAndSwallowed() {
        RequestSpec spec = spec();
        FlowEngine engine = load(flow(TestingDriver.failingWith(NO_VALID_BACKEND)), spec, new FilterProperties(), null);
        RecordingListener listener = new RecordingListener();
        engine.addListener(listener);

        engine.run();

        assertThat(engine.flowState()).isEqualTo(FlowState.SUCCESS);
        assertThat(engine.fetch(CreateVolumeFlow.NO_VALID_BACKEND)).isSameAs(NO_VALID_BACKEND);
        assertThat(engine.fetch(CreateVolumeFlow.PLACEMENT)).isNull();
        assertThat(messages.messages()).containsExactly(new UserMessage("001", "VOLUME", "vol-1", "003", "ERROR",
                "VOLUME_VOLUME_001_003", "p1", "req-1", NOW.plusSeconds(2_592_000)));
        assertThat(notifier.notifications()).singleElement().satisfies(n -> {
            assertThat(n.publisherId()).isEqualTo("scheduler.sched1");
            assertThat(n.eventType()).isEqualTo("scheduler.create_volume");
            assertThat(n.payload().keySet()).containsExactly("request_spec", "volume_properties", "volume_id",
                    "state", "method", "reason");
            assertThat(n.payload().get("request_spec")).isSameAs(spec);
            assertThat(n.payload().get("volume_properties")).isEqualTo(spec.volumeProperties());
            assertThat(n.payload()).containsEntry("volume_id", "vol-1").containsEntry("state", "error")
                    .containsEntry("method", "create_volume")
                    .containsEntry("reason", "No valid backend was found. No weighed backends available");
        });
        InMemoryVolumeStore.VolumeRecord record = volumes.volume("vol-1");
        assertThat(record.status()).isEqualTo("error");
        assertThat(record.errorReason()).isEqualTo("No valid backend was found. No weighed backends available");
        assertThat(record.host()).isNull();
        assertThat(dispatcher.dispatched()).isEmpty();
        assertThat(listener.events()).doesNotContain("task ScheduleCreateVolumeTask RUNNING->FAILURE");
        assertThat(logs.errors()).containsExactly("Failed to run task " + SCHEDULE
                + ": No valid backend was found. No weighed backends available");
        assertThat(logs.warnings()).isEmpty();
    }

    @Test
    void anotherFailureIsRecordedWithTheUnknownDetailAndReRaisedAsItIs() {
        SchedulerException failure = new SchedulerException("SchedulerHostFilterNotFound",
                "Scheduler Host Filter RetryFilter could not be found.");
        FlowEngine engine = load(flow(TestingDriver.failingWith(failure)), spec(), new FilterProperties(), null);
        RecordingListener listener = new RecordingListener();
        engine.addListener(listener);

        Throwable thrown = catchThrowable(engine::run);

        assertThat(thrown).isSameAs(failure);
        assertThat(thrown.getSuppressed()).isEmpty();
        assertThat(messages.messages()).singleElement().satisfies(m -> {
            assertThat(m.detailId()).isEqualTo("001");
            assertThat(m.eventId()).isEqualTo("VOLUME_VOLUME_001_001");
        });
        assertThat(notifier.notifications()).singleElement().satisfies(n -> assertThat(n.payload())
                .containsEntry("reason", "Scheduler Host Filter RetryFilter could not be found."));
        assertThat(volumes.volume("vol-1").status()).isEqualTo("error");
        assertThat(engine.flowState()).isEqualTo(FlowState.REVERTED);
        assertThat(listener.events()).contains("task ScheduleCreateVolumeTask RUNNING->FAILURE",
                "task ScheduleCreateVolumeTask FAILURE->REVERTING", "task ExtractSchedulerSpecTask SUCCESS->REVERTING");
        assertThat(logs.errors()).containsExactly("Failed to run task " + SCHEDULE
                + ": Scheduler Host Filter RetryFilter could not be found.");
        assertThat(logs.warnings()).containsExactly("Task '" + SCHEDULE + "' of flow 'volume_create_scheduler' went to "
                + "FAILURE: org.volsched.spi.SchedulerException: Scheduler Host Filter RetryFilter could not be found.");
    }

    @Test
    void aPlainJavaExceptionFromTheDriverIsAnUnknownError() {
        IllegalStateException failure = new IllegalStateException("driver bug");

        Throwable thrown = catchThrowable(() -> load(flow(TestingDriver.failingWith(failure)), spec(), null, null).run());

        assertThat(thrown).isSameAs(failure);
        assertThat(messages.messages()).singleElement().extracting(UserMessage::detailId).isEqualTo("001");
        assertThat(volumes.volume("vol-1").errorReason()).isEqualTo("driver bug");
        assertThat(logs.errors()).containsExactly("Failed to run task " + SCHEDULE + ": driver bug");
        assertThat(logs.warnings()).singleElement().asString().endsWith("FAILURE: java.lang.IllegalStateException: driver bug");
    }

    @Test
    void driverNotInitializedHasItsOwnDetail() {
        SchedulerException failure = new SchedulerException("DriverNotInitialized", "Volume driver not ready.");

        Throwable thrown = catchThrowable(() -> load(flow(TestingDriver.failingWith(failure)), spec(), null, null).run());

        assertThat(thrown).isSameAs(failure);
        assertThat(messages.messages()).singleElement().satisfies(m -> {
            assertThat(m.detailId()).isEqualTo("002");
            assertThat(m.eventId()).isEqualTo("VOLUME_VOLUME_001_002");
        });
        assertThat(volumes.volume("vol-1").errored()).isTrue();
    }

    @Test
    void theLegacySpecIsBuiltFromTheVolume() {
        TestingDriver driver = TestingDriver.choosing(BACKEND, "nova", volumes, dispatcher);
        Volume volume = new Volume("vol-9", "12", "zone-a", "t-gold", GOLD, "p1", "u1");
        FlowEngine engine = flow(driver).load(CONTEXT, null, null, volume, "snap-1", "img-1", "bk-1", null);

        engine.run();

        RequestSpec spec = driver.calls().get(0).requestSpec();
        assertThat(engine.fetch(CreateVolumeFlow.REQUEST_SPEC)).isSameAs(spec);
        assertThat(engine.fetch(CreateVolumeFlow.RAW_REQUEST_SPEC)).isNull();
        assertThat(spec.legacy()).isTrue();
        assertThat(spec.operation()).isNull();
        assertThat(spec.volumeId()).isEqualTo("vol-9");
        assertThat(spec.snapshotId()).isEqualTo("snap-1");
        assertThat(spec.imageId()).isEqualTo("img-1");
        assertThat(spec.backupId()).isEqualTo("bk-1");
        assertThat(spec.groupId()).isNull();
        assertThat(spec.resourceBackend()).isNull();
        assertThat(spec.availabilityZones()).isEmpty();
        assertThat(spec.other()).isEmpty();
        assertThat(spec.volumeProperties()).containsExactly(Map.entry("size", 12L),
                Map.entry("availability_zone", "zone-a"), Map.entry("volume_type_id", "t-gold"));
        assertThat(spec.resourceAvailabilityZone()).isNull();
        VolumeType pairs = spec.volumeType();
        assertThat(pairs.legacyPairs()).isTrue();
        assertThat(pairs.id()).isEqualTo("t-gold");
        assertThat(pairs.name()).isEqualTo("gold");
        assertThat(pairs.extraSpecs()).isEqualTo(GOLD.extraSpecs());
        assertThat(pairs.qosSpecsId()).isEqualTo("qos-1");
        assertThat(pairs.raw()).isEqualTo(GOLD.raw());
        assertThat(dispatcher.dispatchedFor("vol-9")).hasSize(1);
    }

    @Test
    void aVolumeWithoutTypeFailsTheLegacyPathWithoutRecordingAnything() {
        TestingDriver driver = TestingDriver.choosing(BACKEND, "nova", volumes, dispatcher);
        Volume untyped = new Volume("vol-2", 1L, "nova", null, null, "p1", "u1");
        FlowEngine engine = flow(driver).load(CONTEXT, null, null, untyped, null, null, null, null);
        RecordingListener listener = new RecordingListener();
        engine.addListener(listener);

        Throwable thrown = catchThrowable(engine::run);

        assertThat(thrown).isInstanceOf(SchedulerException.class)
                .hasMessage("'NoneType' object is not iterable");
        assertThat(((SchedulerException) thrown).type()).isEqualTo("TypeError");
        assertThat(driver.calls()).isEmpty();
        assertThat(messages.messages()).isEmpty();
        assertThat(notifier.notifications()).isEmpty();
        assertThat(volumes.find("vol-2")).isEmpty();
        assertThat(listener.events()).containsExactly(
                "flow PENDING->RUNNING",
                "task ExtractSchedulerSpecTask PENDING->RUNNING",
                "task ExtractSchedulerSpecTask RUNNING->FAILURE",
                "flow RUNNING->REVERTING",
                "task ExtractSchedulerSpecTask FAILURE->REVERTING",
                "task ExtractSchedulerSpecTask REVERTING->REVERTED",
                "flow REVERTING->REVERTED");
        assertThat(engine.taskState(SCHEDULE)).isEqualTo(TaskState.PENDING);
    }

    @Test
    void aSizeThatIsNotANumberFailsTheLegacyPathWithCindersTypeError() {
        Volume odd = new Volume("vol-3", "ten", "nova", "t-gold", GOLD, "p1", "u1");
        FlowEngine engine = flow(TestingDriver.failingWith(NO_VALID_BACKEND))
                .load(CONTEXT, null, null, odd, null, null, null, null);

        Throwable thrown = catchThrowable(engine::run);

        assertThat(thrown).isInstanceOf(SchedulerException.class).hasMessage("Can not translate ten to integer.");
        assertThat(((SchedulerException) thrown).type()).isEqualTo("TypeError");
        assertThat(messages.messages()).isEmpty();
        assertThat(volumes.find("vol-3")).isEmpty();
    }

    @Test
    void aThrowingUserMessageStoreMasksNothing() {
        UserMessages broken = message -> {
            throw new IllegalStateException("message store down");
        };
        SchedulerException failure = new SchedulerException("InvalidUUID", "not a uuid");

        Throwable thrown = catchThrowable(() -> load(flow(TestingDriver.failingWith(failure), broken, notifier,
                volumes, true), spec(), null, null).run());

        assertThat(thrown).isSameAs(failure);
        assertThat(thrown.getSuppressed()).isEmpty();
        assertThat(notifier.notifications()).hasSize(1);
        assertThat(volumes.volume("vol-1").errored()).isTrue();

        FlowEngine swallowed = load(flow(TestingDriver.failingWith(NO_VALID_BACKEND), broken, notifier, volumes,
                true), spec(), null, null);
        swallowed.run();
        assertThat(swallowed.fetch(CreateVolumeFlow.NO_VALID_BACKEND)).isSameAs(NO_VALID_BACKEND);
        assertThat(logs.errors()).containsExactly("Failed to create message record for vol-1",
                "Failed to run task " + SCHEDULE + ": not a uuid",
                "Failed to create message record for vol-1",
                "Failed to run task " + SCHEDULE + ": No valid backend was found. No weighed backends available");
        assertThat(logs.exceptions()).contains("java.lang.IllegalStateException");
        assertThat(logs.exceptionMessages()).contains("message store down");
    }

    @Test
    void aThrowingNotifierMasksNothingAndTheVolumeIsStillErrored() {
        FailureNotifier broken = (publisher, eventType, payload) -> {
            throw new IllegalStateException("notifier not initialised");
        };

        FlowEngine engine = load(flow(TestingDriver.failingWith(NO_VALID_BACKEND), messages, broken, volumes, true),
                spec(), null, null);
        engine.run();

        assertThat(engine.flowState()).isEqualTo(FlowState.SUCCESS);
        assertThat(messages.messages()).hasSize(1);
        assertThat(volumes.volume("vol-1").errored()).isTrue();

        SchedulerException failure = new SchedulerException("ServerNotFound", "no such instance");
        Throwable thrown = catchThrowable(() -> load(flow(TestingDriver.failingWith(failure), messages, broken,
                volumes, true), spec(), null, null).run());
        assertThat(thrown).isSameAs(failure);
        assertThat(logs.errors()).filteredOn(e -> e.startsWith("Failed notifying"))
                .containsExactly("Failed notifying on scheduler.create_volume for volume vol-1",
                        "Failed notifying on scheduler.create_volume for volume vol-1");
        assertThat(logs.exceptionMessages()).contains("notifier not initialised");
    }

    @Test
    void aThrowingVolumeStoreMasksNothing() {
        VolumeStore broken = new VolumeStore() {
            @Override
            public void updateHost(String volumeId, String host, String clusterName, String availabilityZone) {
                throw new IllegalStateException("database down");
            }

            @Override
            public void markError(String volumeId, String reason) {
                throw new IllegalStateException("database down");
            }
        };

        FlowEngine engine = load(flow(TestingDriver.failingWith(NO_VALID_BACKEND), messages, notifier, broken, true),
                spec(), null, null);
        engine.run();
        assertThat(engine.fetch(CreateVolumeFlow.NO_VALID_BACKEND)).isSameAs(NO_VALID_BACKEND);
        assertThat(messages.messages()).hasSize(1);
        assertThat(notifier.notifications()).hasSize(1);

        IllegalArgumentException failure = new IllegalArgumentException("bad request");
        Throwable thrown = catchThrowable(() -> load(flow(TestingDriver.failingWith(failure), messages, notifier,
                broken, true), spec(), null, null).run());
        assertThat(thrown).isSameAs(failure);
        assertThat(thrown.getSuppressed()).isEmpty();
        assertThat(logs.errors()).filteredOn(e -> e.startsWith("Failed setting"))
                .containsExactly("Failed setting volume vol-1 to error status.", "Failed setting volume vol-1 to error status.");
        assertThat(logs.exceptionMessages()).contains("database down");
    }

    @Test
    void everyCollaboratorThrowingStillSurfacesTheOriginal() {
        UserMessages brokenMessages = message -> {
            throw new IllegalStateException("down");
        };
        FailureNotifier brokenNotifier = (publisher, eventType, payload) -> {
            throw new IllegalStateException("down");
        };
        VolumeStore brokenStore = new VolumeStore() {
            @Override
            public void updateHost(String volumeId, String host, String clusterName, String availabilityZone) {
                throw new IllegalStateException("down");
            }

            @Override
            public void markError(String volumeId, String reason) {
                throw new IllegalStateException("down");
            }
        };
        SchedulerException failure = new SchedulerException("CinderException", "broken");

        Throwable thrown = catchThrowable(() -> load(flow(TestingDriver.failingWith(failure), brokenMessages,
                brokenNotifier, brokenStore, true), spec(), null, null).run());

        assertThat(thrown).isSameAs(failure);
        FlowEngine swallowed = load(flow(TestingDriver.failingWith(NO_VALID_BACKEND), brokenMessages, brokenNotifier,
                brokenStore, true), spec(), null, null);
        swallowed.run();
        assertThat(swallowed.flowState()).isEqualTo(FlowState.SUCCESS);
        assertThat(logs.errors()).contains("Failed to create message record for vol-1",
                "Failed setting volume vol-1 to error status.",
                "Failed notifying on scheduler.create_volume for volume vol-1");
    }

    @Test
    void disabledNotificationsSendNothingButTheRestStillHappens() {
        load(flow(TestingDriver.failingWith(NO_VALID_BACKEND), messages, notifier, volumes, false), spec(), null, null)
                .run();

        assertThat(notifier.notifications()).isEmpty();
        assertThat(messages.messages()).hasSize(1);
        assertThat(volumes.volume("vol-1").errored()).isTrue();
    }

    @Test
    void withoutAVolumeRecordTheSpecsVolumeIsErrored() {
        FlowEngine engine = flow(TestingDriver.failingWith(NO_VALID_BACKEND))
                .load(CONTEXT, RequestSpec.of("vol-7", 1, "nova", GOLD), null, null, null, null, null, null);

        engine.run();

        assertThat(volumes.volume("vol-7").errored()).isTrue();
    }

    @Test
    void theStoreGetsTheWholeReason() {
        String longReason = "x".repeat(300);
        SchedulerException failure = new SchedulerException("CinderException", longReason);

        catchThrowable(() -> load(flow(TestingDriver.failingWith(failure)), spec(), null, null).run());

        assertThat(volumes.volume("vol-1").errorReason()).isEqualTo(longReason);
        assertThat(ScheduleCreateVolumeTask.cleanReason(longReason)).isEqualTo("x".repeat(128) + "...");
        assertThat(ScheduleCreateVolumeTask.cleanReason("x".repeat(128))).isEqualTo("x".repeat(128));
    }

    @Test
    void oneFlowServesConcurrentRequests() throws Exception {
        TestingDriver driver = TestingDriver.choosing(BACKEND, "nova", volumes, dispatcher);
        CreateVolumeFlow flow = flow(driver);
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<?>> futures = new ArrayList<>();
            for (int t = 0; t < 4; t++) {
                int thread = t;
                futures.add(pool.submit(() -> {
                    for (int i = 0; i < 50; i++) {
                        String id = "vol-" + thread + "-" + i;
                        flow.load(CONTEXT, RequestSpec.of(id, 1, "nova", GOLD), null,
                                new Volume(id, 1L, "nova", "t-gold", GOLD, "p1", "u1"), null, null, null, null).run();
                    }
                }));
            }
            for (Future<?> future : futures) {
                future.get();
            }
        } finally {
            pool.shutdownNow();
        }

        assertThat(dispatcher.dispatched()).hasSize(200);
        assertThat(volumes.volumes()).hasSize(200);
        assertThat(driver.calls()).hasSize(200);
    }
}
