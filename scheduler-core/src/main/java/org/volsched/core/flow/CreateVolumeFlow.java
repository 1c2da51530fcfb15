package org.volsched.core.flow;

import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.volsched.spi.FailureNotifier;
import org.volsched.spi.NoValidBackend;
import org.volsched.spi.SchedulerDriver;
import org.volsched.spi.UserMessages;
import org.volsched.spi.VolumeStore;
import org.volsched.spi.model.DecisionTrace;
import org.volsched.spi.model.FilterProperties;
import org.volsched.spi.model.Placement;
import org.volsched.spi.model.RequestContext;
import org.volsched.spi.model.RequestSpec;
import org.volsched.spi.model.Volume;

/**
 * The scheduler's create-volume entrypoint flow, Cinder's
 * {@code cinder.scheduler.flows.create_volume.get_flow} (rules F1, F2, TF1-TF7):
 * <ol>
 *   <li>inject the inputs into the store ({@link #CONTEXT}, {@link #RAW_REQUEST_SPEC},
 *       {@link #FILTER_PROPERTIES}, {@link #VOLUME}, {@link #SNAPSHOT_ID}, {@link #IMAGE_ID},
 *       {@link #BACKUP_ID});</li>
 *   <li>{@link ExtractSchedulerSpecTask}, its {@code request_spec} rebound to
 *       {@code raw_request_spec}, publishes the request spec, building the legacy one from the
 *       volume when none was sent;</li>
 *   <li>{@link ScheduleCreateVolumeTask} runs the driver and handles its failure.</li>
 * </ol>
 *
 * <p>volsched additions, which no Cinder task reads: the store also holds the request's
 * {@link DecisionTrace} under {@link #DECISION_TRACE}, handed to the driver; and the schedule task
 * publishes the driver's {@link Placement} under {@link #PLACEMENT} and a swallowed
 * {@link NoValidBackend} under {@link #NO_VALID_BACKEND}, so that a caller can tell, after
 * {@link FlowEngine#run()} returned normally, whether the volume was placed.
 *
 * <p>Built once per scheduler and shared: {@link #load} may be called from many threads at once
 * and returns a new single-use engine each time. Every collaborator (driver, user messages,
 * notifier, volume store) is called synchronously on the thread that runs the engine; volsched sets
 * no timeouts, so integrators bound their own I/O.
 */
public final class CreateVolumeFlow {
    /** Cinder's {@code ACTION}, the suffix of every task name (rule TF2). */
    public static final String ACTION = "volume:create";
    /** {@code volume_create_scheduler} (rule TF1). */
    public static final String FLOW_NAME = ACTION.replace(":", "_") + "_scheduler";
    /** Cinder's {@code message_ttl} default, 2 592 000 seconds (30 days). */
    public static final Duration DEFAULT_MESSAGE_TTL = Duration.ofSeconds(2_592_000);

    public static final Key<RequestContext> CONTEXT = Key.of("context", RequestContext.class);
    /** The request spec as the caller sent it, possibly {@code null} (rule F1). */
    public static final Key<RequestSpec> RAW_REQUEST_SPEC = Key.of("raw_request_spec", RequestSpec.class);
    public static final Key<FilterProperties> FILTER_PROPERTIES = Key.of("filter_properties", FilterProperties.class);
    public static final Key<Volume> VOLUME = Key.of("volume", Volume.class);
    public static final Key<String> SNAPSHOT_ID = Key.of("snapshot_id", String.class);
    public static final Key<String> IMAGE_ID = Key.of("image_id", String.class);
    public static final Key<String> BACKUP_ID = Key.of("backup_id", String.class);
    /** volsched addition: where the driver records the decision. */
    public static final Key<DecisionTrace> DECISION_TRACE = Key.of("decision_trace", DecisionTrace.class);
    /** The full request spec {@link ExtractSchedulerSpecTask} publishes (rules F3, F4). */
    public static final Key<RequestSpec> REQUEST_SPEC = Key.of("request_spec", RequestSpec.class);
    /** volsched addition: the driver's placement, {@code null} when scheduling failed. */
    public static final Key<Placement> PLACEMENT = Key.of("placement", Placement.class);
    /** volsched addition: the {@link NoValidBackend} the flow swallowed (rule F8 step 4), else {@code null}. */
    public static final Key<NoValidBackend> NO_VALID_BACKEND = Key.of("no_valid_backend", NoValidBackend.class);

    private static final FlowListener LOGGING = new LoggingFlowListener();

    private final LinearFlow flow;

    private CreateVolumeFlow(LinearFlow flow) {
        this.flow = flow;
    }

    /**
     * Builds the flow.
     *
     * @param driver the configured scheduler driver
     * @param messages where user messages go (rule F8 step 1)
     * @param notifier where the {@code scheduler.create_volume} error notification goes (step 2)
     * @param store the volume records, marked errored on failure (step 3)
     * @param clock the time source for the messages' expiry
     * @param messageTtl how long a user message lives ({@code message_ttl}, see {@link #DEFAULT_MESSAGE_TTL})
     * @param schedulerHost this scheduler's {@code host} option; the notifier's publisher is
     *     {@code scheduler.<schedulerHost>}
     * @param notificationsEnabled whether an oslo notification driver other than {@code noop} is set
     */
    public static CreateVolumeFlow create(SchedulerDriver driver, UserMessages messages, FailureNotifier notifier,
                                          VolumeStore store, Clock clock, Duration messageTtl, String schedulerHost,
                                          boolean notificationsEnabled) {
        LinearFlow flow = new LinearFlow(FLOW_NAME)
                .add(new ExtractSchedulerSpecTask(), Map.of(REQUEST_SPEC.name(), RAW_REQUEST_SPEC.name()))
                .add(new ScheduleCreateVolumeTask(driver, messages, notifier, store, clock, messageTtl,
                        schedulerHost, notificationsEnabled));
        return new CreateVolumeFlow(flow);
    }

    public String name() {
        return flow.name();
    }

    /** The names of the flow's tasks, in order (rule TF2). */
    public List<String> taskNames() {
        return flow.steps().stream().map(step -> step.task().name()).toList();
    }

    /**
     * Loads, but does not run, the flow for one request (Cinder's {@code get_flow} returns the
     * loaded engine). The engine carries a {@link LoggingFlowListener}; add more with
     * {@link FlowEngine#addListener}. Then {@link FlowEngine#run()}: it returns normally when the
     * volume was placed or when no backend was found (check {@link #NO_VALID_BACKEND}), and throws
     * the driver's or the spec extraction's failure otherwise.
     *
     * @param context who asked; required
     * @param rawRequestSpec the request spec as sent, or {@code null} for the legacy path (rule F4)
     * @param filterProperties as sent, possibly {@code null} (rule FS7)
     * @param volume the volume record
     * @param trace receives the decision; {@code null} means {@link DecisionTrace#outcomeOnly()}
     */
    public FlowEngine load(RequestContext context, RequestSpec rawRequestSpec, FilterProperties filterProperties,
                           Volume volume, String snapshotId, String imageId, String backupId, DecisionTrace trace) {
        Objects.requireNonNull(context, "context");
        Map<String, Object> store = new LinkedHashMap<>();
        store.put(CONTEXT.name(), context);
        store.put(RAW_REQUEST_SPEC.name(), rawRequestSpec);
        store.put(FILTER_PROPERTIES.name(), filterProperties);
        store.put(VOLUME.name(), volume);
        store.put(SNAPSHOT_ID.name(), snapshotId);
        store.put(IMAGE_ID.name(), imageId);
        store.put(BACKUP_ID.name(), backupId);
        store.put(DECISION_TRACE.name(), trace == null ? DecisionTrace.outcomeOnly() : trace);
        return FlowEngine.load(flow, store).addListener(LOGGING);
    }

    @Override
    public String toString() {
        return flow.toString();
    }
}
