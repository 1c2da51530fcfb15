package org.volsched.replay;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The optional first line of a trace: the volume types the shorthand {@code create} events name, and
 * free-form notes (how the trace was made).
 *
 * @param volumeTypes by name: {@code {"id": …, "name": …, "extra_specs": {…}}}
 * @param meta notes, ignored by the replay
 */
public record TraceHeader(Map<String, Map<String, Object>> volumeTypes, Map<String, Object> meta) {
    /** The format version this code reads and writes. */
    public static final int VERSION = 1;

    public TraceHeader {
        volumeTypes = volumeTypes == null ? Map.of() : java.util.Collections.unmodifiableMap(new LinkedHashMap<>(volumeTypes));
        meta = meta == null ? Map.of() : java.util.Collections.unmodifiableMap(new LinkedHashMap<>(meta));
    }

    public static TraceHeader empty() {
        return new TraceHeader(Map.of(), Map.of());
    }
}
