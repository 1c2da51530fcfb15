package org.volsched.spi.model;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A volume type with its extra specs and QoS specs id.
 *
 * <p>{@code legacyPairs} marks the list of (key, value) pairs that Cinder's
 * {@code ExtractSchedulerSpecTask} builds when no request spec was sent (rule F5): a type in
 * that shape cannot be read by the filters and weighers that look into it.
 *
 * @param extraSpecs the extra specs; {@code null} when the type carried an explicit null
 */
public record VolumeType(String id, String name, Map<String, Object> extraSpecs, String qosSpecsId,
                         Map<String, Object> raw, boolean legacyPairs) {
    public VolumeType {
        extraSpecs = extraSpecs == null ? null : Collections.unmodifiableMap(new LinkedHashMap<>(extraSpecs));
        raw = raw == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(raw));
    }

    public static VolumeType of(String name, Map<String, Object> extraSpecs) {
        return new VolumeType(name, name, extraSpecs, null, Map.of(), false);
    }

    /** Extra specs, empty when none; use only where Cinder defaults a missing {@code extra_specs} to {}. */
    public Map<String, Object> extraSpecsOrEmpty() {
        return extraSpecs == null ? Map.of() : extraSpecs;
    }

    /** Python truthiness of the type object: an empty pair list or empty mapping is false. */
    public boolean isEmpty() {
        return raw.isEmpty() && (extraSpecs == null || extraSpecs.isEmpty()) && id == null && name == null;
    }

    /** Python's {@code str()} of the type, as Cinder renders it in retype messages. */
    @Override
    public String toString() {
        return name != null ? name : String.valueOf(id);
    }
}
