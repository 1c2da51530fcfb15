package org.volsched.replay;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.volsched.python.Py;
import org.volsched.python.PyException;
import org.volsched.spi.ErrorTypes;
import org.volsched.spi.SchedulerException;
import org.volsched.spi.model.FilterProperties;
import org.volsched.spi.model.RequestSpec;
import org.volsched.spi.model.RetryState;
import org.volsched.spi.model.Volume;
import org.volsched.spi.model.VolumeType;

/**
 * A create-volume request written as JSON (a scenario's {@code request}, a trace's {@code create}
 * event) turned into what the entrypoint flow receives, as Cinder's RPC layer would: the one
 * conversion {@code volsched schedule} and {@code volsched replay} share, so that both decide the
 * same request the same way. Values are Python-like (Long, Double, String, Boolean, List, Map).
 */
public final class RequestMaps {
    private RequestMaps() {
    }

    /** The request spec as Cinder's RequestSpec object carries it over RPC. */
    @SuppressWarnings("unchecked")
    public static RequestSpec requestSpec(Map<String, Object> raw) {
        Map<String, Object> vp = new LinkedHashMap<>((Map<String, Object>) raw.get("volume_properties"));
        Object size = vp.get("size");
        if (size != null) {
            try {
                vp.put("size", Py.toInt(size));
            } catch (PyException e) {
                throw new SchedulerException(ErrorTypes.INVALID_SCENARIO, "request_spec.volume_properties.size: "
                        + Py.repr(size) + " is not an integer");
            }
        }
        vp.computeIfPresent("metadata", (k, v) -> stringValues(v));
        vp.computeIfPresent("qos_specs", (k, v) -> stringValues(v));
        VolumeType type = null;
        Object vt = raw.get("volume_type");
        if (vt instanceof Map<?, ?> m) {
            type = volumeType((Map<String, Object>) m);
        }
        List<String> zones = new ArrayList<>();
        if (raw.get("availability_zones") instanceof List<?> l) {
            for (Object z : l) {
                zones.add(Py.str(z));
            }
        }
        Map<String, Object> other = new LinkedHashMap<>(raw);
        for (String k : List.of("volume_id", "snapshot_id", "image_id", "backup_id", "group_id", "volume_properties",
                "volume_type", "availability_zones", "resource_backend", "operation")) {
            other.remove(k);
        }
        return new RequestSpec(str(raw.get("volume_id")), str(raw.get("snapshot_id")), str(raw.get("image_id")),
                str(raw.get("backup_id")), str(raw.get("group_id")), vp, type, zones,
                str(raw.get("resource_backend")), "create_volume", false, other);
    }

    @SuppressWarnings("unchecked")
    private static Object stringValues(Object v) {
        if (!(v instanceof Map<?, ?> m)) {
            return v;
        }
        Map<String, Object> out = new LinkedHashMap<>();
        ((Map<String, Object>) m).forEach((k, val) -> out.put(k, val == null ? null : Py.str(val)));
        return out;
    }

    /** A volume type object ({@code id}, {@code name}, {@code extra_specs}, {@code qos_specs_id}). */
    @SuppressWarnings("unchecked")
    public static VolumeType volumeType(Map<String, Object> m) {
        Map<String, Object> specs;
        if (!m.containsKey("extra_specs")) {
            specs = Map.of();
        } else if (m.get("extra_specs") instanceof Map<?, ?> es) {
            specs = (Map<String, Object>) stringValues(es);
        } else {
            specs = null;
        }
        return new VolumeType(str(m.get("id")), str(m.get("name")), specs, str(m.get("qos_specs_id")), m, false);
    }

    /** Filter properties as the API sends them ({@code retry}, {@code scheduler_hints}, …). */
    @SuppressWarnings("unchecked")
    public static FilterProperties filterProperties(Map<String, Object> raw) {
        FilterProperties p = new FilterProperties();
        Object retry = raw.get("retry");
        if (retry instanceof Map<?, ?> r && !r.isEmpty()) {
            Object n = r.get("num_attempts");
            Integer attempts = n == null ? null : attemptCount(Py.toInt(n));
            p.setRetry(new RetryState(attempts, strings(r.get("backends")), strings(r.get("hosts"))));
        }
        if (raw.containsKey("scheduler_hints")) {
            p.setSchedulerHints((Map<String, Object>) raw.get("scheduler_hints"), true);
        }
        if (raw.get("ignore_hosts") != null) {
            p.setIgnoreHosts(strings(raw.get("ignore_hosts")));
        }
        if (raw.get("vol_exists_on") != null) {
            p.setVolExistsOn(Py.str(raw.get("vol_exists_on")));
        }
        p.setNewSize(raw.get("new_size"));
        raw.forEach((k, v) -> {
            if (!List.of("retry", "scheduler_hints", "ignore_hosts", "vol_exists_on", "new_size").contains(k)) {
                p.other().put(k, v);
            }
        });
        return p;
    }

    /** An attempt count as an int; counts beyond the range saturate (they exceed any maximum anyway). */
    private static Integer attemptCount(Number n) {
        if (n instanceof Long l && l <= Integer.MAX_VALUE && l >= Integer.MIN_VALUE) {
            return l.intValue();
        }
        return n.doubleValue() > 0 ? Integer.MAX_VALUE : Integer.MIN_VALUE;
    }

    private static List<String> strings(Object v) {
        if (v == null) {
            return null;
        }
        List<String> out = new ArrayList<>();
        if (v instanceof List<?> l) {
            for (Object o : l) {
                out.add(Py.str(o));
            }
        } else {
            out.add(Py.str(v));
        }
        return out;
    }

    /**
     * The volume record: {@code rawVolume} when given ({@code id}, {@code size}, {@code availability_zone},
     * {@code volume_type_id}, {@code volume_type}, {@code project_id}, {@code user_id}), else the
     * spec's volume properties.
     */
    @SuppressWarnings("unchecked")
    public static Volume volume(Map<String, Object> rawVolume, RequestSpec spec) {
        Map<String, Object> v = rawVolume;
        if (v == null) {
            Map<String, Object> vp = spec.volumeProperties();
            return new Volume(spec.volumeId(), vp.get("size"), str(vp.get("availability_zone")),
                    str(vp.get("volume_type_id")), spec.volumeType(), str(vp.get("project_id")),
                    str(vp.get("user_id")));
        }
        VolumeType type = v.get("volume_type") instanceof Map<?, ?> m ? volumeType((Map<String, Object>) m) : null;
        return new Volume(str(v.get("id")), v.get("size"), str(v.get("availability_zone")),
                str(v.get("volume_type_id")), type, str(v.get("project_id")), str(v.get("user_id")));
    }

    /** {@code Py.str} of a value, {@code null} for {@code null}. */
    public static String str(Object o) {
        return o == null ? null : Py.str(o);
    }
}
