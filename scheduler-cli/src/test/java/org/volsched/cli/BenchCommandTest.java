package org.volsched.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code volsched bench} in-process on a conformance scenario. */
class BenchCommandTest {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private record Run(int exitCode, String out, String err) {
    }

    private static Run run(String... args) {
        CommandLine cl = Main.commandLine();
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        cl.setOut(new PrintWriter(out));
        cl.setErr(new PrintWriter(err));
        int code = cl.execute(args);
        return new Run(code, out.toString(), err.toString());
    }

    private static Path scenario(String id) throws Exception {
        return Path.of(BenchCommandTest.class.getResource("/conformance/" + id + ".scenario.json").toURI());
    }

    private static String expectedSelection(String id) throws Exception {
        try (InputStream in = BenchCommandTest.class.getResourceAsStream("/conformance/" + id + ".expected.json")) {
            return MAPPER.readTree(in).get("selected").get("backend").asText();
        }
    }

    @Test
    void jsonLineWithTimingsAndTheScenariosSelection() throws Exception {
        Run r = run("bench", scenario("0010").toString(), "--decisions", "40", "--warmup", "5", "--json");

        assertThat(r.exitCode()).as(r.err()).isEqualTo(Main.OK);
        String[] lines = r.out().strip().split("\\R");
        assertThat(lines).hasSize(1);
        JsonNode json = MAPPER.readTree(lines[0]);
        List<String> fields = new ArrayList<>();
        json.fieldNames().forEachRemaining(fields::add);
        assertThat(fields).containsExactly("median_us", "p99_us", "decisions_per_s", "selected");
        assertThat(json.get("median_us").isNumber()).isTrue();
        assertThat(json.get("median_us").asDouble()).isPositive();
        assertThat(json.get("p99_us").asDouble()).isGreaterThanOrEqualTo(json.get("median_us").asDouble());
        assertThat(json.get("decisions_per_s").asDouble()).isPositive();
        assertThat(json.get("selected").asText()).isEqualTo(expectedSelection("0010"));
    }

    @Test
    void capacityIsNotConsumedBetweenDecisions(@TempDir Path dir) throws Exception {
        // Two thick pools 10 GB apart and 100 GB requests: were the consumption kept, the second
        // decision would already pick the other pool.
        String scenario = """
                {"backends": [
                  {"host": "node-1@lvm", "capabilities": {"volume_backend_name": "lvm", "storage_protocol": "iSCSI",
                    "pools": [{"pool_name": "a", "total_capacity_gb": 2000, "free_capacity_gb": 1000,
                               "allocated_capacity_gb": 1000, "provisioned_capacity_gb": 1000,
                               "reserved_percentage": 0, "thin_provisioning_support": false},
                              {"pool_name": "b", "total_capacity_gb": 2000, "free_capacity_gb": 990,
                               "allocated_capacity_gb": 1010, "provisioned_capacity_gb": 1010,
                               "reserved_percentage": 0, "thin_provisioning_support": false}]}}],
                 "request": {"request_spec": {"volume_id": "6a0b5d7e-9c1f-4d2a-8b3e-1f2a3b4c5d6e",
                   "volume_properties": {"size": 100, "availability_zone": "nova"}, "volume_type": null},
                   "filter_properties": {}}}
                """;
        Path file = dir.resolve("spread.scenario.json");
        Files.writeString(file, scenario);

        Run r = run("bench", file.toString(), "--decisions", "20", "--warmup", "3", "--json");

        assertThat(r.exitCode()).as(r.err()).isEqualTo(Main.OK);
        assertThat(MAPPER.readTree(r.out().strip()).get("selected").asText()).isEqualTo("node-1@lvm#a");
    }

    @Test
    void humanReadableSummary() throws Exception {
        Run r = run("bench", scenario("0010").toString(), "--decisions", "10", "--warmup", "0");

        assertThat(r.exitCode()).as(r.err()).isEqualTo(Main.OK);
        assertThat(r.out()).contains("median:", "p99:", "rate:", "selected:  " + expectedSelection("0010"));
    }

    @Test
    void rejectsANonPositiveDecisionCount() throws Exception {
        Run r = run("bench", scenario("0010").toString(), "--decisions", "0");

        assertThat(r.exitCode()).isEqualTo(Main.BAD_INPUT);
        assertThat(r.err()).contains("--decisions must be at least 1");
    }
}
