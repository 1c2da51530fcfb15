package org.volsched.core.flow;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.volsched.spi.ErrorTypes;
import org.volsched.spi.SchedulerException;
import org.volsched.spi.model.RequestSpec;
import org.volsched.spi.model.Volume;
import org.volsched.spi.model.VolumeType;
import org.volsched.python.Py;
import org.volsched.python.PyException;

/**
 * Cinder's {@code ExtractSchedulerSpecTask} (rules F3-F6): publishes {@code request_spec}, the
 * one the caller sent, or when it sent none (a legacy request, RPC &lt; 1.2) a spec built from
 * the volume.
 *
 * <p>The legacy spec is Cinder's plain dict: {@code volume_id}, {@code snapshot_id},
 * {@code image_id}, {@code backup_id}, {@code volume_properties} with only {@code size} (as an
 * int), {@code availability_zone} and {@code volume_type_id}, and the volume type as a list of
 * pairs. It is marked {@link RequestSpec#legacy()}, its type
 * {@link VolumeType#legacyPairs()}, and has no {@code operation} (Cinder's manager sets
 * {@code operation} only on a spec that was sent). A failure here fails the flow before anything
 * is recorded: no user message, no notification, the volume's status untouched (rule F6).
 *
 * <p>Stateless and thread-safe.
 */
public final class ExtractSchedulerSpecTask implements Task {
    /** Rule TF2. */
    public static final String NAME = "cinder.scheduler.flows.create_volume.ExtractSchedulerSpecTask;"
            + CreateVolumeFlow.ACTION;

    private static final List<Key<?>> REQUIRES = List.of(CreateVolumeFlow.CONTEXT, CreateVolumeFlow.REQUEST_SPEC,
            CreateVolumeFlow.VOLUME, CreateVolumeFlow.SNAPSHOT_ID, CreateVolumeFlow.IMAGE_ID,
            CreateVolumeFlow.BACKUP_ID);
    private static final List<Key<?>> PROVIDES = List.of(CreateVolumeFlow.REQUEST_SPEC);

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
        RequestSpec spec = arguments.get(CreateVolumeFlow.REQUEST_SPEC);
        if (spec == null) {
            spec = legacySpec(arguments.get(CreateVolumeFlow.VOLUME), arguments.get(CreateVolumeFlow.SNAPSHOT_ID),
                    arguments.get(CreateVolumeFlow.IMAGE_ID), arguments.get(CreateVolumeFlow.BACKUP_ID));
        }
        return Results.of(CreateVolumeFlow.REQUEST_SPEC, spec);
    }

    /**
     * Cinder's {@code _populate_request_spec}, evaluated in Cinder's order: the volume's type id,
     * its id, its size, then its type.
     *
     * @throws SchedulerException {@code AttributeError} without a volume, {@code TypeError} for a
     *     size that is not a number or a volume without type object, {@code OverflowError} for an
     *     infinite size
     */
    static RequestSpec legacySpec(Volume volume, String snapshotId, String imageId, String backupId) {
        if (volume == null) {
            throw new SchedulerException(ErrorTypes.ATTRIBUTE_ERROR, "'NoneType' object has no attribute 'volume_type_id'");
        }
        Map<String, Object> properties = new LinkedHashMap<>();
        properties.put("size", asInt(volume.size()));
        properties.put("availability_zone", volume.availabilityZone());
        properties.put("volume_type_id", volume.volumeTypeId());
        VolumeType type = volume.volumeType();
        if (type == null) {
            throw new SchedulerException(ErrorTypes.TYPE_ERROR, "'NoneType' object is not iterable");
        }
        VolumeType pairs = new VolumeType(type.id(), type.name(), type.extraSpecs(), type.qosSpecsId(), type.raw(),
                true);
        return new RequestSpec(volume.id(), snapshotId, imageId, backupId, null, properties, pairs, List.of(), null,
                null, true, Map.of());
    }

    /**
     * Cinder's {@code utils.as_int(obj, quiet=False)}: {@code int(obj)}, else
     * {@code int(float(obj))}, else a {@code TypeError}. Only ValueError and TypeError fall
     * through; an infinite value raises Python's {@code OverflowError}.
     */
    static Number asInt(Object value) {
        try {
            return Py.toInt(value);
        } catch (PyException e) {
            rethrowUnlessConversionError(e);
        }
        try {
            return Py.toInt(Py.toFloat(value));
        } catch (PyException e) {
            rethrowUnlessConversionError(e);
        }
        throw new SchedulerException(ErrorTypes.TYPE_ERROR, "Can not translate " + Py.str(value) + " to integer.");
    }

    private static void rethrowUnlessConversionError(PyException e) {
        if (!"ValueError".equals(e.pythonType()) && !"TypeError".equals(e.pythonType())) {
            throw new SchedulerException(e.pythonType(), e.getMessage(), e);
        }
    }

    @Override
    public String toString() {
        return NAME;
    }
}
