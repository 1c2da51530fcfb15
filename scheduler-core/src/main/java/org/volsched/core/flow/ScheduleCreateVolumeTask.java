package org.volsched.core.flow;

import java.time.Clock;
import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.volsched.spi.ErrorTypes;
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
import org.volsched.python.PyException;

/**
 * Cinder's {@code ScheduleCreateVolumeTask} (rules F7, F8): runs the driver's
 * {@code schedule_create_volume}, and when it throws anything, in this order:
 * <ol>
 *   <li>records a user message: action {@code 001} (schedule allocate volume), resource
 *       {@code VOLUME}, level {@code ERROR}, the detail Cinder maps the failure's class name to
 *       ({@code 003} for {@code NoValidBackend}, {@code 002} for {@code DriverNotInitialized},
 *       {@code 001} for anything unmapped), expiring {@code message_ttl} from now;</li>
 *   <li>when notifications are enabled, emits the {@code scheduler.create_volume} error
 *       notification from {@code scheduler.<host>}; then logs the failure;</li>
 *   <li>marks the volume errored;</li>
 *   <li>re-throws the failure unless it is a {@link NoValidBackend}, which is swallowed so that
 *       the flow completes normally.</li>
 * </ol>
 * A failure of steps 1-3 is logged and swallowed and never replaces the driver's failure.
 * <b>Deliberate difference:</b> Cinder swallows only a {@code CinderException} from the notifier;
 * any other exception there replaces the original one and propagates even for a
 * {@code NoValidBackend}. volsched never lets a notifier mask the scheduling failure.
 *
 * <p>The failure's class name is {@link SchedulerException#type()} for volsched's exceptions,
 * {@link PyException#pythonType()} for Python-semantics errors, and the Java simple class name
 * otherwise. Only an instance of {@link NoValidBackend} is swallowed.
 *
 * <p>Every collaborator is called synchronously; volsched sets no timeouts, so integrators bound
 * their own I/O. Stateless and thread-safe given thread-safe collaborators.
 */
public final class ScheduleCreateVolumeTask implements Task {
    /** Rule TF2. */
    public static final String NAME = "cinder.scheduler.flows.create_volume.ScheduleCreateVolumeTask;"
            + CreateVolumeFlow.ACTION;
    /** The notification's event type, Cinder's {@code FAILURE_TOPIC}. */
    public static final String FAILURE_TOPIC = "scheduler.create_volume";
    /** {@code message_field.Action.SCHEDULE_ALLOCATE_VOLUME}. */
    public static final String ACTION_SCHEDULE_ALLOCATE_VOLUME = "001";
    public static final String RESOURCE_VOLUME = "VOLUME";
    public static final String LEVEL_ERROR = "ERROR";
    /** {@code message_field.Detail.UNKNOWN_ERROR}. */
    public static final String DETAIL_UNKNOWN_ERROR = "001";

    /** Cinder's {@code Detail.EXCEPTION_DETAIL_MAPPINGS}: exception class name to detail id. */
    private static final Map<String, String> EXCEPTION_DETAILS = Map.of(
            "DriverNotInitialized", "002",
            ErrorTypes.NO_VALID_BACKEND, "003",
            "InvalidVolumeAttachMode", "005",
            "ImageLimitExceeded", "006",
            "BackupLimitExceeded", "006",
            "SnapshotLimitExceeded", "006",
            "ImageTooBig", "007",
            "SnapshotIsBusy", "015");

    private static final int REASON_LENGTH = 128;
    private static final Logger LOG = LoggerFactory.getLogger(ScheduleCreateVolumeTask.class);

    private static final List<Key<?>> REQUIRES = List.of(CreateVolumeFlow.CONTEXT, CreateVolumeFlow.REQUEST_SPEC,
            CreateVolumeFlow.FILTER_PROPERTIES, CreateVolumeFlow.VOLUME, CreateVolumeFlow.DECISION_TRACE);
    private static final List<Key<?>> PROVIDES = List.of(CreateVolumeFlow.PLACEMENT,
            CreateVolumeFlow.NO_VALID_BACKEND);

    private final SchedulerDriver driver;
    private final UserMessages messages;
    private final FailureNotifier notifier;
    private final VolumeStore volumes;
    private final Clock clock;
    private final Duration messageTtl;
    private final String publisherId;
    private final boolean notificationsEnabled;

    /** See {@link CreateVolumeFlow#create} for the parameters. */
    public ScheduleCreateVolumeTask(SchedulerDriver driver, UserMessages messages, FailureNotifier notifier,
                                    VolumeStore volumes, Clock clock, Duration messageTtl, String schedulerHost,
                                    boolean notificationsEnabled) {
        this.driver = Objects.requireNonNull(driver, "driver");
        this.messages = Objects.requireNonNull(messages, "messages");
        this.notifier = Objects.requireNonNull(notifier, "notifier");
        this.volumes = Objects.requireNonNull(volumes, "volumes");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.messageTtl = Objects.requireNonNull(messageTtl, "messageTtl");
        this.publisherId = "scheduler." + Objects.requireNonNull(schedulerHost, "schedulerHost");
        this.notificationsEnabled = notificationsEnabled;
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public List<Key<?>> requires() {
        return REQUIRES;
    }

    @Override
    public List<Key<?>> provides() {
        return PROVIDES;
    }

    @Override
    public Results execute(Arguments arguments) {
        RequestContext context = arguments.get(CreateVolumeFlow.CONTEXT);
        RequestSpec spec = arguments.get(CreateVolumeFlow.REQUEST_SPEC);
        FilterProperties filterProperties = arguments.get(CreateVolumeFlow.FILTER_PROPERTIES);
        Volume volume = arguments.get(CreateVolumeFlow.VOLUME);
        DecisionTrace trace = arguments.get(CreateVolumeFlow.DECISION_TRACE);
        Placement placement;
        try {
            placement = driver.scheduleCreateVolume(context, spec, filterProperties, trace);
        } catch (RuntimeException | LinkageError | AssertionError failure) {
            // Errors a broken integrator jar or a failed assertion raise are handled like exceptions:
            // the volume must not stay in 'creating'. Other Errors (out of memory) are left alone.
            recordMessage(context, spec, failure);
            try {
                notifyFailure(spec, failure);
            } finally {
                LOG.error("Failed to run task {}: {}", NAME, reasonOf(failure));
                errorOut(volume, spec, failure);
            }
            if (failure instanceof NoValidBackend noValidBackend) {
                return Results.of(CreateVolumeFlow.PLACEMENT, null)
                        .and(CreateVolumeFlow.NO_VALID_BACKEND, noValidBackend);
            }
            throw failure;
        }
        return Results.of(CreateVolumeFlow.PLACEMENT, placement).and(CreateVolumeFlow.NO_VALID_BACKEND, null);
    }

    /** Step 1: Cinder's {@code message_api.create}, which logs and swallows its own failures. */
    private void recordMessage(RequestContext context, RequestSpec spec, Throwable failure) {
        String volumeId = spec == null ? null : spec.volumeId();
        String detailId = detailIdFor(failure);
        try {
            UserMessage message = new UserMessage(ACTION_SCHEDULE_ALLOCATE_VOLUME, RESOURCE_VOLUME, volumeId,
                    detailId, LEVEL_ERROR, eventId(detailId), context == null ? null : context.projectId(),
                    context == null ? null : context.requestId(), clock.instant().plus(messageTtl));
            messages.create(message);
        } catch (RuntimeException | LinkageError | AssertionError e) {
            LOG.error("Failed to create message record for {}", volumeId, e);
        }
    }

    /** Step 2: the error notification, only when notifications are enabled. */
    private void notifyFailure(RequestSpec spec, Throwable failure) {
        if (!notificationsEnabled) {
            return;
        }
        String volumeId = spec == null ? null : spec.volumeId();
        try {
            Map<String, Object> payload = new LinkedHashMap<>();
            payload.put("request_spec", spec);
            payload.put("volume_properties", spec == null ? Map.of() : spec.volumeProperties());
            payload.put("volume_id", volumeId);
            payload.put("state", "error");
            payload.put("method", "create_volume");
            payload.put("reason", reasonOf(failure));
            notifier.notifyError(publisherId, FAILURE_TOPIC, Collections.unmodifiableMap(payload));
        } catch (RuntimeException | LinkageError | AssertionError e) {
            LOG.error("Failed notifying on {} for volume {}", FAILURE_TOPIC, volumeId, e);
        }
    }

    /**
     * Step 3: Cinder's {@code error_out(volume, reason=e)}. The store receives the full reason; the
     * log shows it cut to 128 characters plus {@code ...}, as Cinder's {@code _clean_reason} does.
     * Without a volume record the request spec's volume id is used.
     */
    private void errorOut(Volume volume, RequestSpec spec, Throwable failure) {
        String volumeId = volume != null ? volume.id() : spec == null ? null : spec.volumeId();
        String reason = reasonOf(failure);
        if (volumeId == null) {
            LOG.warn("No volume id to set to error status due to: {}", cleanReason(reason));
            return;
        }
        try {
            LOG.debug("Setting volume {} to error due to: {}", volumeId, cleanReason(reason));
            volumes.markError(volumeId, reason);
        } catch (RuntimeException | LinkageError | AssertionError e) {
            LOG.error("Failed setting volume {} to error status.", volumeId, e);
        }
    }

    /** Cinder's {@code translate_detail_id(exception, None)}. */
    static String detailIdFor(Throwable failure) {
        return EXCEPTION_DETAILS.getOrDefault(exceptionType(failure), DETAIL_UNKNOWN_ERROR);
    }

    /** {@code VOLUME_VOLUME_001_<detail>}: Cinder's {@code VOLUME_<resource>_<action>_<detail>}. */
    static String eventId(String detailId) {
        return "VOLUME_" + RESOURCE_VOLUME + "_" + ACTION_SCHEDULE_ALLOCATE_VOLUME + "_" + detailId;
    }

    /** The Cinder (or Python) class name a failure stands for. */
    static String exceptionType(Throwable failure) {
        if (failure instanceof SchedulerException se && se.type() != null) {
            return se.type();
        }
        if (failure instanceof PyException pe) {
            return pe.pythonType();
        }
        return failure.getClass().getSimpleName();
    }

    /** Python's {@code str(e)}: the message, or the class name for an exception without one. */
    static String reasonOf(Throwable failure) {
        String message = failure.getMessage();
        return message != null ? message : exceptionType(failure);
    }

    /** Cinder's {@code _clean_reason}: at most 128 characters, then {@code ...}. */
    static String cleanReason(String reason) {
        if (reason == null) {
            return "Unknown reason";
        }
        return reason.length() <= REASON_LENGTH ? reason : reason.substring(0, REASON_LENGTH) + "...";
    }

    @Override
    public String toString() {
        return NAME;
    }
}
