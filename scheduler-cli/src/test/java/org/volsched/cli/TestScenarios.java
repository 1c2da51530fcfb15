package org.volsched.cli;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Named scenario fixtures. A small fleet: {@code node1@lvm} (iSCSI, zone nova) with pools
 * {@code fast} (100 GB free, tier gold) and {@code big} (900 GB free, tier silver), and
 * {@code node2@nfs} (NFS, zone az-2) with pool {@code share} (4000 GB free).
 */
final class TestScenarios {
    /** The fleet, for {@link #scenario}. */
    static final String FLEET = """
            [
              {"host": "node1@lvm", "availability_zone": "nova", "volume_count": 3,
               "capabilities": {"volume_backend_name": "lvm", "vendor_name": "Open Source",
                 "driver_version": "3.0.0", "storage_protocol": "iSCSI",
                 "pools": [
                   {"pool_name": "fast", "total_capacity_gb": 1000, "free_capacity_gb": 100,
                    "allocated_capacity_gb": 900, "reserved_percentage": 0, "tier": "gold",
                    "thin_provisioning_support": false, "thick_provisioning_support": true},
                   {"pool_name": "big", "total_capacity_gb": 1000, "free_capacity_gb": 900,
                    "allocated_capacity_gb": 100, "reserved_percentage": 0, "tier": "silver",
                    "thin_provisioning_support": false, "thick_provisioning_support": true}]}},
              {"host": "node2@nfs", "availability_zone": "az-2",
               "capabilities": {"volume_backend_name": "nfs", "storage_protocol": "nfs",
                 "pools": [{"pool_name": "share", "total_capacity_gb": 5000, "free_capacity_gb": 4000,
                            "tier": "gold"}]}}
            ]""";

    private TestScenarios() {
    }

    /** A scenario over {@link #FLEET}: {@code config} and {@code volumeType} are JSON texts. */
    static String scenario(String config, int sizeGb, String zone, String volumeType) {
        return "{\n  \"config\": " + config + ",\n  \"backends\": " + FLEET + ",\n"
                + "  \"request\": {\"request_spec\": {\"volume_id\": \"6f1c0b9e-3d2a-4c55-9b1e-2f0d8a7c4e11\",\n"
                + "    \"volume_properties\": {\"size\": " + sizeGb + ", \"availability_zone\": "
                + (zone == null ? "null" : "\"" + zone + "\"") + ", \"volume_type_id\": \"t-gold\"},\n"
                + "    \"volume_type\": " + volumeType + "},\n"
                + "   \"filter_properties\": {}}\n}\n";
    }

    /** 10 GB in nova, no volume type: both lvm pools pass, CapacityWeigher picks {@code node1@lvm#big}. */
    static String placeable() {
        return scenario("{}", 10, "nova", "null");
    }

    /** 5000 GB in nova: CapacityFilter rejects both lvm pools (the nfs one is in another zone). */
    static String tooBig() {
        return scenario("{}", 5000, "nova", "null");
    }

    /** The gold type: {@code tier} must be gold (CapabilitiesFilter) and {@code example:tier} gold (TierFilter). */
    static final String GOLD_TYPE = """
            {"id": "t-gold", "name": "gold", "extra_specs": {"tier": "gold", "example:tier": "gold"}}""";

    /** Writes {@code text} to {@code dir/name} and returns the path. */
    static Path write(Path dir, String name, String text) {
        try {
            return Files.writeString(dir.resolve(name), text, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
