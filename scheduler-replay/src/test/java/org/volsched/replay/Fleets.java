package org.volsched.replay;

import java.io.BufferedReader;
import java.io.StringReader;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.volsched.core.bootstrap.PluginRegistry;

/** Small fleets and traces for the replay's tests, and a replay run into strings. */
final class Fleets {
    static final PluginRegistry REGISTRY = PluginRegistry.load(Fleets.class.getClassLoader());

    private Fleets() {
    }

    /** A thick pool of {@code total} GB, {@code free} of it free. */
    static Map<String, Object> pool(String name, long total, long free) {
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("pool_name", name);
        p.put("total_capacity_gb", total);
        p.put("free_capacity_gb", free);
        p.put("allocated_capacity_gb", total - free);
        p.put("thin_provisioning_support", false);
        p.put("thick_provisioning_support", true);
        return p;
    }

    static Fleet.Backend backend(String host, String zone, String protocol, List<Map<String, Object>> pools) {
        Map<String, Object> caps = new LinkedHashMap<>();
        caps.put("volume_backend_name", host.substring(host.indexOf('@') + 1));
        caps.put("storage_protocol", protocol);
        caps.put("pools", pools);
        return new Fleet.Backend(host, null, zone, true, false, false, null, caps);
    }

    /** Eight backends of two pools in two zones, iSCSI and NFS, capacities from 500 to 4000 GB. */
    static Fleet eight() {
        List<Fleet.Backend> backends = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            long total = 500L * (1 + i % 4) * 2;
            backends.add(backend("node" + i + "@be", "az-" + (1 + i % 2), i % 3 == 0 ? "NFS" : "iSCSI",
                    List.of(pool("a", total, total - 100L * i), pool("b", total / 2, total / 2))));
        }
        return new Fleet("eight", Map.of(), backends);
    }

    static String trace(Fleet fleet, TraceGenerator.Options options) {
        StringWriter w = new StringWriter();
        TraceGenerator.generate(fleet, options, new TraceWriter(w));
        return w.toString();
    }

    /** The decisions of one replay, and its result. */
    record Replayed(String decisions, ReplayResult result) {
    }

    static Replayed replay(Fleet fleet, String trace, Map<String, Object> config, long seed) {
        return replay(fleet, trace, new ReplayEngine.Options("test", config, "test config", seed, 0, 1));
    }

    static Replayed replay(Fleet fleet, String trace, ReplayEngine.Options options) {
        StringWriter decisions = new StringWriter();
        ReplayResult r = new ReplayEngine(REGISTRY).run(new TraceReader(new BufferedReader(new StringReader(trace)),
                "test.jsonl"), fleet, options, decisions, null);
        return new Replayed(decisions.toString(), r);
    }
}
