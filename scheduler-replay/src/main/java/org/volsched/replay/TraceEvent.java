package org.volsched.replay;

import java.util.Map;
import java.util.Objects;

/**
 * One line of a trace (see {@code docs/trace-format.md}): what happened at {@code t} seconds after the
 * trace's start. Values inside maps are Python-like (Long, Double, String, Boolean, List, Map).
 */
public sealed interface TraceEvent {
    /** Seconds since the start of the trace. */
    double t();

    /**
     * A backend's capability report.
     *
     * @param capabilities the report as the volume service sends it, or {@code null} for a re-report
     *     marker: the replay sends the backend's last explicit report (or its fleet report) adjusted by
     *     the volumes placed on and deleted from its pools since
     */
    record Report(double t, String host, Map<String, Object> capabilities) implements TraceEvent {
        public Report {
            Objects.requireNonNull(host, "host");
        }
    }

    /**
     * A volume service joins or changes: each field {@code null} when unchanged ({@code clusterName} and
     * {@code zone} matter only for a host the fleet does not have yet).
     */
    record Service(double t, String host, String clusterName, String zone, Boolean up, Boolean disabled,
                   Boolean frozen) implements TraceEvent {
        public Service {
            Objects.requireNonNull(host, "host");
        }
    }

    /**
     * A create-volume request: the shorthand ({@code size}, {@code volumeType}, {@code zone}) or the
     * full form ({@code requestSpec}, {@code filterProperties}, {@code volume}, as in a scenario's request).
     *
     * @param id the volume's id, which a later {@link Delete} names
     * @param size GB; for the full form, the spec's size when it has one
     */
    record Create(double t, String id, long size, String volumeType, String zone, Map<String, Object> requestSpec,
                  Map<String, Object> filterProperties, Map<String, Object> volume,
                  Map<String, Object> volumeHosts, Map<String, Object> instanceHosts) implements TraceEvent {
        public Create {
            Objects.requireNonNull(id, "id");
        }

        /** The shorthand form. */
        public static Create shorthand(double t, String id, long size, String volumeType, String zone) {
            return new Create(t, id, size, volumeType, zone, null, null, null, null, null);
        }

        public boolean isShorthand() {
            return requestSpec == null && volume == null;
        }
    }

    /** A volume deleted: its space is free again at its pool's next report. */
    record Delete(double t, String id) implements TraceEvent {
        public Delete {
            Objects.requireNonNull(id, "id");
        }
    }
}
