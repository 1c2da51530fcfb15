package org.volsched.replay;

import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.volsched.core.bootstrap.SchedulerObserver;
import org.volsched.spi.model.FilterProperties;
import org.volsched.spi.model.RequestSpec;
import org.volsched.spi.model.ServiceInfo;
import org.volsched.spi.model.Volume;
import org.volsched.spi.model.VolumeType;

/**
 * Records what a running scheduler receives as a trace, to replay an integrator's own production
 * stream: pass it to {@code Scheduler.builder().observer(…)}. Service registrations become
 * {@code service} events, capability reports {@code report} events with their capabilities, and
 * create-volume requests {@code create} events in the full form; times are seconds since
 * {@code start}. Thread-safe: events from several threads are written one at a time, and an event
 * stamped earlier than the one written before it is written at that one's time, so the trace stays in
 * time order. The scheduler does not see deletes: a recorded trace has none. A write that fails is
 * logged once and recording stops; the scheduler is never disturbed.
 */
public final class TraceRecorder implements SchedulerObserver, AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(TraceRecorder.class);

    private final TraceWriter out;
    private final Instant start;
    private double lastT;
    private boolean failed;

    /**
     * @param out where the trace goes (the recorder writes its header now and closes it in {@link #close})
     * @param start the instant that is the trace's time 0 (reports and requests before it are written at 0)
     */
    public TraceRecorder(TraceWriter out, Instant start) {
        this.out = Objects.requireNonNull(out, "out");
        this.start = Objects.requireNonNull(start, "start");
        out.header(new TraceHeader(Map.of(), Map.of("recorded_by", "org.volsched.replay.TraceRecorder",
                "start", start.toString())));
    }

    @Override
    public void serviceUpdated(ServiceInfo service) {
        write(service.lastHeartbeat(), t -> new TraceEvent.Service(t, service.host(), service.clusterName(),
                service.availabilityZone(), service.lastHeartbeat() != null, service.disabled(), service.frozen()));
    }

    @Override
    public void capabilitiesReported(String host, String clusterName, Map<String, Object> capabilities,
                                     Instant timestamp) {
        write(timestamp, t -> new TraceEvent.Report(t, host, capabilities));
    }

    @Override
    public void createVolumeRequested(Instant at, RequestSpec spec, FilterProperties props, Volume volume) {
        write(at, t -> {
            Map<String, Object> rawVolume = volume == null ? null : volume(volume);
            Map<String, Object> rawSpec = spec == null ? null : spec(spec);
            long size = volume != null && volume.size() instanceof Number n ? n.longValue() : 0;
            String id = volume != null && volume.id() != null ? volume.id() : spec != null ? spec.volumeId() : "?";
            return new TraceEvent.Create(t, id, size, null, null, rawSpec == null && rawVolume == null ? Map.of(
                    "volume_properties", Map.of()) : rawSpec, props == null ? null : properties(props), rawVolume,
                    null, null);
        });
    }

    private interface Make {
        TraceEvent at(double t);
    }

    private synchronized void write(Instant at, Make make) {
        if (failed) {
            return;
        }
        double t = at == null ? lastT : Duration.between(start, at).toNanos() / 1e9;
        t = Math.max(t, lastT);
        lastT = t;
        try {
            out.write(make.at(t));
        } catch (RuntimeException e) {
            failed = true;
            LOG.warn("Stopped recording the trace: {}", e.getMessage());
        }
    }

    private static Map<String, Object> spec(RequestSpec s) {
        Map<String, Object> m = new LinkedHashMap<>();
        put(m, "volume_id", s.volumeId());
        put(m, "snapshot_id", s.snapshotId());
        put(m, "image_id", s.imageId());
        put(m, "backup_id", s.backupId());
        put(m, "group_id", s.groupId());
        m.put("volume_properties", s.volumeProperties());
        if (s.volumeType() != null) {
            m.put("volume_type", type(s.volumeType()));
        }
        if (!s.availabilityZones().isEmpty()) {
            m.put("availability_zones", s.availabilityZones());
        }
        put(m, "resource_backend", s.resourceBackend());
        m.putAll(s.other());
        return m;
    }

    private static Map<String, Object> type(VolumeType t) {
        Map<String, Object> m = new LinkedHashMap<>();
        put(m, "id", t.id());
        put(m, "name", t.name());
        m.put("extra_specs", t.extraSpecs());
        put(m, "qos_specs_id", t.qosSpecsId());
        return m;
    }

    private static Map<String, Object> volume(Volume v) {
        Map<String, Object> m = new LinkedHashMap<>();
        put(m, "id", v.id());
        m.put("size", v.size());
        put(m, "availability_zone", v.availabilityZone());
        put(m, "volume_type_id", v.volumeTypeId());
        if (v.volumeType() != null) {
            m.put("volume_type", type(v.volumeType()));
        }
        put(m, "project_id", v.projectId());
        put(m, "user_id", v.userId());
        return m;
    }

    private static Map<String, Object> properties(FilterProperties p) {
        Map<String, Object> m = new LinkedHashMap<>();
        if (p.retry() != null) {
            Map<String, Object> r = new LinkedHashMap<>();
            r.put("num_attempts", p.retry().numAttempts() == null ? null : (long) p.retry().numAttempts());
            r.put("backends", p.retry().backends());
            r.put("hosts", p.retry().hosts());
            m.put("retry", r);
        }
        if (p.schedulerHintsPresent()) {
            m.put("scheduler_hints", p.schedulerHints());
        }
        List<String> ignore = p.ignoreHosts();
        if (ignore != null) {
            m.put("ignore_hosts", ignore);
        }
        put(m, "vol_exists_on", p.volExistsOn());
        if (p.newSize() != null) {
            m.put("new_size", p.newSize());
        }
        m.putAll(p.other());
        return m;
    }

    private static void put(Map<String, Object> m, String key, Object value) {
        if (value != null) {
            m.put(key, value);
        }
    }

    @Override
    public synchronized void close() {
        out.close();
    }
}
