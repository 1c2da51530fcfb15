package org.volsched.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The benchmark fleet as a scenario file: every pool, every backend's zone, the typical request. */
class FleetScenarioTest {
    @Test
    void theScenarioHoldsTheFleetAndTheTypicalRequest(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("fleet.scenario.json");
        FleetScenario.write(1000, file);

        JsonNode scenario = new ObjectMapper().readTree(file.toFile());
        Fleet fleet = Fleet.generate(1000, Fleet.SEED, false);
        int pools = 0;
        for (JsonNode backend : scenario.get("backends")) {
            pools += backend.get("capabilities").get("pools").size();
        }
        assertThat(pools).isEqualTo(1000);
        assertThat(scenario.get("backends")).hasSize(fleet.backends().size());
        assertThat(scenario.get("backends").get(0).get("host").asText()).isEqualTo(fleet.backends().get(0).host());
        JsonNode spec = scenario.get("request").get("request_spec");
        assertThat(spec.get("volume_properties").get("availability_zone").asText()).isEqualTo(Fleet.REQUEST_ZONE);
        assertThat(spec.get("volume_type").get("extra_specs").get("capabilities:tier").asText())
                .isEqualTo("<or> gold <or> silver");
    }
}
