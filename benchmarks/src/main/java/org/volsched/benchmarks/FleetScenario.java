package org.volsched.benchmarks;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Writes the benchmarks' fleet as a scenario file ({@code docs/scenario-format.md}), with the
 * typical request, so that {@code volsched bench} measures the same fleet and request as the JMH
 * benchmarks:
 *
 * <pre>
 * java -cp benchmarks/target/benchmarks.jar org.volsched.benchmarks.FleetScenario 10000 fleet-10k.scenario.json
 * java -jar scheduler-cli/target/volsched.jar bench fleet-10k.scenario.json --reports-per-decision 1
 * </pre>
 */
public final class FleetScenario {
    private FleetScenario() {
    }

    /** The scenario of a generated fleet of {@code pools} pools. */
    public static Map<String, Object> of(int pools) {
        Fleet fleet = Fleet.generate(pools, Fleet.SEED, false);
        List<Object> backends = new ArrayList<>();
        for (Fleet.Backend b : fleet.backends()) {
            Map<String, Object> backend = new LinkedHashMap<>();
            backend.put("host", b.host());
            backend.put("availability_zone", b.zone());
            backend.put("capabilities", b.capabilities());
            backends.add(backend);
        }
        Map<String, Object> type = new LinkedHashMap<>();
        type.put("id", "5c1e6d0b-4a3f-4f63-8f0a-6f4f3f0d9a11");
        type.put("name", "standard");
        type.put("extra_specs", Fleet.typicalVolumeType());
        Map<String, Object> volume = new LinkedHashMap<>();
        volume.put("size", 1);
        volume.put("availability_zone", Fleet.REQUEST_ZONE);
        Map<String, Object> spec = new LinkedHashMap<>();
        spec.put("volume_id", FleetScheduler.VOLUME_ID);
        spec.put("volume_properties", volume);
        spec.put("volume_type", type);
        Map<String, Object> request = new LinkedHashMap<>();
        request.put("request_spec", spec);
        request.put("filter_properties", Map.of());
        Map<String, Object> scenario = new LinkedHashMap<>();
        scenario.put("backends", backends);
        scenario.put("request", request);
        return scenario;
    }

    /** {@code FleetScenario POOLS FILE}. */
    public static void main(String[] args) throws IOException {
        if (args.length != 2) {
            System.err.println("usage: FleetScenario POOLS FILE   (writes the benchmark fleet of POOLS pools as a "
                    + "scenario)");
            System.exit(2);
        }
        int pools;
        try {
            pools = Integer.parseInt(args[0]);
        } catch (NumberFormatException e) {
            System.err.println("FleetScenario: POOLS must be a whole number of pools, not '" + args[0] + "'");
            System.exit(2);
            return;
        }
        Path out = Path.of(args[1]);
        write(pools, out);
        System.err.println("wrote " + out + " (" + pools + " pools)");
    }

    /** Writes the scenario of a fleet of {@code pools} pools to {@code out}. */
    public static void write(int pools, Path out) throws IOException {
        try (var stream = Files.newOutputStream(out)) {
            new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValue(stream, of(pools));
        }
    }
}
