package org.volsched.cli.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.volsched.cli.reliability.CliDecisions.Decided;
import org.volsched.cli.reliability.CliDecisions.Outcome;
import org.volsched.cli.reliability.CliDecisions.Refused;
import org.volsched.spi.SchedulerException;
import org.volsched.python.PyException;

/**
 * Bugs the reliability tests found, each reduced to its smallest scenario: regression tests now
 * that they are fixed. A new bug goes here as a disabled test (so that the build stays green for
 * everyone), enabled with its fix.
 */
class FoundBugsTest {
    /** One thick pool with plenty of room. */
    private static final String FLEET = """
              "backends": [{"host": "node1@lvm", "capabilities": {"volume_backend_name": "lvm",
                "pools": [{"pool_name": "pool0", "total_capacity_gb": 1000, "free_capacity_gb": 900}]}}],
            """;

    /**
     * A request spec without {@code volume_id}: the filter driver chooses and consumes a pool, then
     * hands {@code null} to {@code VolumeStore.updateHost}, whose in-memory implementation throws
     * {@code NullPointerException("volumeId")}. The decision's error type is a Java class name.
     */
    @Test
    void aRequestSpecWithoutVolumeIdGetsADocumentedErrorOrIsRefused() {
        String scenario = "{\"config\": {}," + FLEET + """
              "request": {"request_spec": {"volume_properties": {"size": 1}}}}
            """;

        Outcome outcome = CliDecisions.run(scenario, false);

        if (outcome instanceof Refused refused) {
            assertThat(refused.exception().problems()).anyMatch(p -> p.contains("request.request_spec.volume_id"));
        } else {
            Decided decided = (Decided) outcome;
            assertThat(decided.trace().failure()).isInstanceOfAny(SchedulerException.class, PyException.class);
        }
    }

    /**
     * {@code retry.num_attempts} beyond the int range wraps around: {@code 2147483648} reads as
     * {@code -2147483648}, so the request is scheduled as if it had never been tried, where Cinder
     * ({@code num_attempts + 1 > scheduler_max_attempts}) fails it with NoValidBackend.
     */
    @Test
    void aHugeAttemptCountExceedsTheMaximumInsteadOfWrappingAround() {
        for (String attempts : new String[] {"2147483647", "2147483648", "4294967296", "99999999999999999999"}) {
            String scenario = "{\"config\": {\"scheduler_max_attempts\": 3}," + FLEET + """
                  "request": {"request_spec": {"volume_id": "8c3a1d1e-0000-4000-8000-000000000001",
                    "volume_properties": {"size": 1}},
                    "filter_properties": {"retry": {"num_attempts": %s, "backends": []}}}}
                """.formatted(attempts);

            Outcome outcome = CliDecisions.run(scenario, false);

            assertThat(outcome).as("num_attempts %s", attempts).isInstanceOf(Decided.class);
            Decided decided = (Decided) outcome;
            assertThat(decided.errorType()).as("num_attempts %s: %s", attempts, decided.json()).isEqualTo("NoValidBackend");
            assertThat(decided.json().get("error").get("reason").asText())
                    .isEqualTo("No valid backend was found. Exceeded max scheduling attempts 3 for resource "
                            + "8c3a1d1e-0000-4000-8000-000000000001");
        }
    }

    /**
     * Weights that are NaN (here AllocatedCapacityWeigher over allocations of -1e308 and 1e308,
     * whose range overflows to infinity, as in Cinder): the top is found by a scan that skips NaN
     * while the full ranking is sorted with a comparator for which NaN equals everything, so the
     * {@code weighed} list repeats the top and loses another candidate; and Cinder's
     * {@code sorted(..., reverse=True)} keeps this input order ([A 0.0, B NaN, C 1.0], so Cinder
     * places the volume on A) while volsched places it on C.
     */
    @Test
    void nanWeightsRankAsCindersSortDoes() {
        String scenario = """
                {"config": {"scheduler_default_weighers": ["CapacityWeigher", "AllocatedCapacityWeigher"],
                            "allocated_capacity_weight_multiplier": 1.0},
                 "backends": [
                   {"host": "a@lvm", "capabilities": {"total_capacity_gb": 2000, "free_capacity_gb": 100,
                                                      "allocated_capacity_gb": -1e308, "provisioned_capacity_gb": 0}},
                   {"host": "b@lvm", "capabilities": {"total_capacity_gb": 2000, "free_capacity_gb": 500,
                                                      "allocated_capacity_gb": 1e308, "provisioned_capacity_gb": 0}},
                   {"host": "c@lvm", "capabilities": {"total_capacity_gb": 2000, "free_capacity_gb": 1000,
                                                      "allocated_capacity_gb": 0, "provisioned_capacity_gb": 0}}],
                 "request": {"request_spec": {"volume_id": "8c3a1d1e-0000-4000-8000-000000000002",
                    "volume_properties": {"size": 1}}}}
                """;

        Decided decided = (Decided) CliDecisions.run(scenario, false);

        List<String> weighed = new ArrayList<>();
        decided.json().get("weighed").forEach(w -> weighed.add(w.get("backend").asText()));
        assertThat(weighed).containsExactly("a@lvm#_pool0", "b@lvm#_pool0", "c@lvm#_pool0");
        assertThat(decided.json().get("selected").get("backend").asText()).isEqualTo("a@lvm#_pool0");
    }
}
