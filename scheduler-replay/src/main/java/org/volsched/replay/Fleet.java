package org.volsched.replay;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A trace's initial fleet: the backends of a scenario file ({@code scenario-format.md}), with their
 * services and last capability reports, and the scenario's options (which a replay's configuration
 * overrides). The command line reads it from a scenario; an embedder may build one.
 *
 * @param name how messages and the report name the fleet
 * @param config the scenario's {@code config} (Cinder option names, Python-like values)
 */
public record Fleet(String name, Map<String, Object> config, List<Backend> backends) {
    public Fleet {
        Objects.requireNonNull(name, "name");
        config = config == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(config));
        backends = List.copyOf(backends);
    }

    /**
     * One volume service and its report, as in a scenario.
     *
     * @param volumeCount the per-backend count ({@code Long}), per-pool counts ({@code Map}), or null
     * @param capabilities the report, or {@code null} when the service has not reported yet
     */
    public record Backend(String host, String clusterName, String availabilityZone, boolean up, boolean disabled,
                          boolean frozen, Object volumeCount, Map<String, Object> capabilities) {
        public Backend {
            Objects.requireNonNull(host, "host");
        }

        /** Cinder's backend key: the cluster name when set, else the host. */
        public String backendKey() {
            return clusterName != null && !clusterName.isEmpty() ? clusterName : host;
        }
    }

    /** The pool names of a report: its {@code pools}' names, or the legacy single pool's. */
    public static List<String> poolNames(Map<String, Object> capabilities) {
        List<String> names = new ArrayList<>();
        if (capabilities == null) {
            return names;
        }
        Object pools = capabilities.get("pools");
        if (pools instanceof List<?> l) {
            for (Object p : l) {
                if (p instanceof Map<?, ?> m && m.get("pool_name") != null && !names.contains(String.valueOf(m.get("pool_name")))) {
                    names.add(RequestMaps.str(m.get("pool_name")));
                }
            }
            return names;
        }
        if (capabilities.containsKey("pools")) {
            return names;
        }
        Object backendName = capabilities.get("volume_backend_name");
        names.add(backendName == null ? "_pool0" : RequestMaps.str(backendName));
        return names;
    }
}
