package org.volsched.cli;

import org.volsched.core.time.SteppingClock;
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
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.volsched.cli.scenario.Scenario;
import org.volsched.cli.scenario.ScenarioParser;
import org.volsched.cli.scenario.ScenarioRunner;
import org.volsched.core.host.HostManager;
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

    private static JsonNode jsonLine(Run r) throws Exception {
        assertThat(r.exitCode()).as(r.err()).isEqualTo(Main.OK);
        String[] lines = r.out().strip().split("\\R");
        assertThat(lines).hasSize(1);
        return MAPPER.readTree(lines[0]);
    }

    @Test
    void jsonLineWithTimingsAndTheScenariosSelection() throws Exception {
        JsonNode json = jsonLine(run("bench", scenario("0010").toString(), "--decisions", "40", "--warmup", "5",
                "--warmup-seconds", "0", "--json"));

        List<String> fields = new ArrayList<>();
        json.fieldNames().forEachRemaining(fields::add);
        assertThat(fields).containsExactly("median_us", "p99_us", "decisions_per_s", "selected", "max_us",
                "reports_per_decision", "report_median_us", "report_p99_us");
        assertThat(json.get("median_us").isNumber()).isTrue();
        assertThat(json.get("median_us").asDouble()).isPositive();
        assertThat(json.get("p99_us").asDouble()).isGreaterThanOrEqualTo(json.get("median_us").asDouble());
        assertThat(json.get("max_us").asDouble()).isGreaterThanOrEqualTo(json.get("p99_us").asDouble());
        assertThat(json.get("decisions_per_s").asDouble()).isPositive();
        assertThat(json.get("selected").asText()).isEqualTo(expectedSelection("0010"));
        assertThat(json.get("reports_per_decision").asInt()).as("the default").isZero();
        assertThat(json.get("report_median_us").asDouble()).as("no reports, nothing timed").isZero();
        assertThat(json.get("report_p99_us").asDouble()).isZero();
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 10})
    void reportsBeforeEachDecisionAreTimedWithItAndOnTheirOwn(int reports) throws Exception {
        JsonNode json = jsonLine(run("bench", scenario("0010").toString(), "--decisions", "50", "--warmup", "5",
                "--warmup-seconds", "0", "--reports-per-decision", Integer.toString(reports), "--json"));

        assertThat(json.get("reports_per_decision").asInt()).isEqualTo(reports);
        double reportMedian = json.get("report_median_us").asDouble();
        assertThat(reportMedian).isPositive();
        assertThat(json.get("report_p99_us").asDouble()).isGreaterThanOrEqualTo(reportMedian);
        // Each decision's time includes its reports, so every percentile does too.
        assertThat(json.get("median_us").asDouble()).isGreaterThanOrEqualTo(reportMedian);
        assertThat(json.get("p99_us").asDouble()).isGreaterThanOrEqualTo(json.get("report_p99_us").asDouble());
        assertThat(json.get("decisions_per_s").asDouble()).isPositive();
        // The reports repeat the scenario's: the fleet, and so the choice, stay the scenario's.
        assertThat(json.get("selected").asText()).isEqualTo(expectedSelection("0010"));
    }

    @Test
    void severalReportCountsAreMeasuredInTheSameProcessOneJsonLineEach() throws Exception {
        Run r = run("bench", scenario("0010").toString(), "--decisions", "120", "--warmup", "5", "--warmup-seconds",
                "0", "--reports-per-decision", "0,1,10", "--json");

        assertThat(r.exitCode()).as(r.err()).isEqualTo(Main.OK);
        String[] lines = r.out().strip().split("\\R");
        assertThat(lines).hasSize(3);
        String expected = expectedSelection("0010");
        int[] reports = {0, 1, 10};
        for (int k = 0; k < 3; k++) {
            JsonNode json = MAPPER.readTree(lines[k]);
            assertThat(json.get("reports_per_decision").asInt()).isEqualTo(reports[k]);
            assertThat(json.get("selected").asText()).isEqualTo(expected);
            assertThat(json.get("median_us").asDouble()).isPositive();
            if (reports[k] == 0) {
                assertThat(json.get("report_median_us").asDouble()).as("no reports at R = 0").isZero();
            } else {
                assertThat(json.get("report_median_us").asDouble()).as("R = %d", reports[k]).isPositive();
                assertThat(json.get("median_us").asDouble()).isGreaterThanOrEqualTo(
                        json.get("report_median_us").asDouble());
            }
        }
    }

    @Test
    void severalReportCountsAreComparedWithTheFrozenFleet() throws Exception {
        Run r = run("bench", scenario("0010").toString(), "--decisions", "60", "--warmup", "5", "--warmup-seconds",
                "0", "--reports-per-decision", "10,0");

        assertThat(r.exitCode()).as(r.err()).isEqualTo(Main.OK);
        assertThat(r.out()).contains("decisions: 60 timed for each R, the R values alternating in blocks of 50,",
                "-- R = 10", "-- R = 0", "reports:   none between decisions (a frozen fleet)",
                "reports:   10 before each decision");
        Matcher ratio = Pattern.compile("R = 10 over R = 0: ([0-9.]+)x \\(median\\), ([0-9.]+)x \\(p99\\)")
                .matcher(r.out());
        assertThat(ratio.find()).as(r.out()).isTrue();
        assertThat(Double.parseDouble(ratio.group(1))).isPositive();
        assertThat(r.out()).doesNotContain("R = 0 over");
    }

    @Test
    void moreReportsThanBackendsGoRoundTheFleetAgain(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("spread.scenario.json");
        Files.writeString(file, TWO_POOLS);

        Run r = run("bench", file.toString(), "--decisions", "20", "--warmup", "3", "--warmup-seconds", "0",
                "--reports-per-decision", "10");

        assertThat(r.exitCode()).as(r.err()).isEqualTo(Main.OK);
        assertThat(r.out()).contains("reports:   10 before each decision, round robin over 1 backend,",
                "report median:", "report p99:", "selected:  node-1@lvm#a");
    }

    @Test
    void aReportStampedByTheBenchClockReplacesAnEarlierConsumption(@TempDir Path dir) throws Exception {
        // What --reports-per-decision relies on (rule HM18): a report stamped with the next tick is
        // newer than the consumption before it, so it restores the reported numbers.
        Path file = dir.resolve("spread.scenario.json");
        Files.writeString(file, TWO_POOLS);
        Scenario scenario = ScenarioParser.read(file);
        SteppingClock clock = new SteppingClock(ScenarioRunner.NOW);
        ScenarioRunner.Prepared prepared = new ScenarioRunner().prepare(scenario, clock);
        HostManager hosts = prepared.scheduler().hostManager();
        assertThat(prepared.decide(false).selected().backend()).isEqualTo("node-1@lvm#a");
        assertThat(allocated(hosts, "node-1@lvm#a")).as("100 GB consumed").isEqualTo(1100);

        Scenario.Backend backend = scenario.backends().get(0);
        hosts.updateServiceCapabilities("volume", backend.host(), backend.clusterName(), backend.capabilities(),
                clock.tick());

        assertThat(allocated(hosts, "node-1@lvm#a")).as("as reported").isEqualTo(1000);
    }

    private static double allocated(HostManager hosts, String pool) {
        return hosts.candidates().stream().filter(p -> p.backendId().equals(pool)).findFirst().orElseThrow()
                .allocatedCapacityGb();
    }

    @Test
    void warmUpRunsTheGivenCountWhenNoTimeIsAsked() throws Exception {
        Run r = run("bench", scenario("0010").toString(), "--decisions", "5", "--warmup", "7", "--warmup-seconds",
                "0");

        assertThat(r.exitCode()).as(r.err()).isEqualTo(Main.OK);
        assertThat(r.out()).contains("decisions: 5 timed after 7 warm-up in ");
    }

    @Test
    void warmUpLastsAtLeastTheGivenTime() throws Exception {
        Run r = run("bench", scenario("0010").toString(), "--decisions", "5", "--warmup", "0", "--warmup-seconds",
                "0.3");

        assertThat(r.exitCode()).as(r.err()).isEqualTo(Main.OK);
        Matcher m = Pattern.compile("timed after (\\d+) warm-up in (\\d+\\.\\d) s").matcher(r.out());
        assertThat(m.find()).as(r.out()).isTrue();
        assertThat(Long.parseLong(m.group(1))).as("decisions ran during the warm-up").isPositive();
        assertThat(Double.parseDouble(m.group(2))).isGreaterThanOrEqualTo(0.3);
    }

    @Test
    void helpStatesTheWarmUpDefaults() {
        Run r = run("bench", "--help");

        assertThat(r.exitCode()).isEqualTo(Main.OK);
        assertThat(r.out().replaceAll("\\s+", " ")).contains("(default: 2000)", "(default: 3;",
                "--reports-per-decision=R", "(default: 0, a frozen fleet)");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "--decisions|0|--decisions must be at least 1 (got 0)",
        "--warmup|-1|--warmup must be at least 0 decisions (got -1)",
        "--warmup-seconds|-2|--warmup-seconds must be a number of seconds of at least 0, such as 3 or 0.5 (got -2.0)",
        "--warmup-seconds|NaN|--warmup-seconds must be a number of seconds of at least 0, such as 3 or 0.5 (got NaN)",
        "--warmup-seconds|Infinity|--warmup-seconds must be a number of seconds of at least 0, such as 3 or 0.5 (got "
            + "Infinity)",
        "--reports-per-decision|-1|--reports-per-decision must be at least 0 (got -1); 0 means no reports between "
            + "decisions",
        "--reports-per-decision|many|Invalid value for option '--reports-per-decision' (R): 'many' is not an int",
        "--reports-per-decision|0,1,-3|--reports-per-decision must be at least 0 (got -3); 0 means no reports "
            + "between decisions",
        "--reports-per-decision|0,10,10|--reports-per-decision names 10 twice; give each number of reports once, "
            + "such as 0,1,10",
        "--warmup-seconds|soon|Invalid value for option '--warmup-seconds': 'soon' is not a double"})
    void rejectsAnInvalidOptionNamingIt(String option, String value, String message) throws Exception {
        Run r = run("bench", scenario("0010").toString(), option, value);

        assertThat(r.exitCode()).isEqualTo(Main.BAD_INPUT);
        assertThat(r.out()).isEmpty();
        assertThat(r.err()).contains(message);
    }

    @Test
    void reportsNeedABackendThatReports(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("silent.scenario.json");
        Files.writeString(file, """
                {"backends": [{"host": "node-1@lvm"}],
                 "request": {"request_spec": {"volume_id": "6a0b5d7e-9c1f-4d2a-8b3e-1f2a3b4c5d6e",
                   "volume_properties": {"size": 1, "availability_zone": "nova"}, "volume_type": null},
                   "filter_properties": {}}}
                """);

        Run r = run("bench", file.toString(), "--reports-per-decision", "1", "--warmup-seconds", "0");

        assertThat(r.exitCode()).isEqualTo(Main.BAD_INPUT);
        assertThat(r.err()).contains("volsched: bench: --reports-per-decision 1: " + file
                + " has no backend with capabilities to report again; use --reports-per-decision 0");
    }

    @Test
    void capacityIsNotConsumedBetweenDecisions(@TempDir Path dir) throws Exception {
        // Two thick pools 10 GB apart and 100 GB requests: were the consumption kept, the second
        // decision would already pick the other pool.
        Path file = dir.resolve("spread.scenario.json");
        Files.writeString(file, TWO_POOLS);

        Run r = run("bench", file.toString(), "--decisions", "20", "--warmup", "3", "--warmup-seconds", "0", "--json");

        assertThat(r.exitCode()).as(r.err()).isEqualTo(Main.OK);
        assertThat(MAPPER.readTree(r.out().strip()).get("selected").asText()).isEqualTo("node-1@lvm#a");
    }

    /** One LVM backend with two thick pools 10 GB apart, and a 100 GB request. */
    private static final String TWO_POOLS = """
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

    @Test
    void humanReadableSummary() throws Exception {
        Run r = run("bench", scenario("0010").toString(), "--decisions", "10", "--warmup", "0",
                "--warmup-seconds", "0");

        assertThat(r.exitCode()).as(r.err()).isEqualTo(Main.OK);
        assertThat(r.out()).contains("median:", "p99:", "max:", "rate:", "selected:  " + expectedSelection("0010"),
                "reports:   none between decisions");
        assertThat(r.out()).doesNotContain("report median:");
    }

    @Test
    void everyWrongOptionAtOnce() throws Exception {
        Run r = run("bench", scenario("0010").toString(), "--decisions", "0", "--warmup", "-3",
                "--reports-per-decision", "-1");

        assertThat(r.exitCode()).isEqualTo(Main.BAD_INPUT);
        assertThat(r.err().strip().split("\\R")).containsExactly(
                "volsched: bench: --decisions must be at least 1 (got 0)",
                "volsched: bench: --warmup must be at least 0 decisions (got -3)",
                "volsched: bench: --reports-per-decision must be at least 0 (got -1); 0 means no reports between "
                        + "decisions");
    }

    @Test
    void aPluginOnThePluginPathIsSelectedByTheScenario(@TempDir Path dir) throws Exception {
        Path plugins = Files.createDirectory(dir.resolve("plugins"));
        PluginJars.tierPlugin(plugins);
        Path file = TestScenarios.write(dir, "tier.scenario.json", TestScenarios.scenario(
                "{\"scheduler_default_filters\": [\"AvailabilityZoneFilter\", \"CapacityFilter\", \"TierFilter\"]}",
                10, "nova", TestScenarios.GOLD_TYPE));
        String[] timing = {"--decisions", "3", "--warmup", "0", "--warmup-seconds", "0", "--json"};

        JsonNode with = jsonLine(run(concat(new String[] {"bench", "--plugin-path", plugins.toString(),
            file.toString()}, timing)));
        Run without = run(concat(new String[] {"bench", file.toString()}, timing));

        assertThat(with.get("selected").asText()).as("TierFilter keeps only the gold pool").isEqualTo("node1@lvm#fast");
        assertThat(without.exitCode()).isEqualTo(Main.BAD_INPUT);
        assertThat(without.out()).isEmpty();
        assertThat(without.err()).startsWith("volsched: " + file + ": config.scheduler_default_filters[2]: unknown "
                + "filter 'TierFilter'; available: AvailabilityZoneFilter");
    }

    @Test
    void aMissingPluginDirectoryIsAnErrorNamingIt(@TempDir Path dir) throws Exception {
        Run r = run("bench", "--plugin-path", dir.resolve("nope").toString(), scenario("0010").toString());

        assertThat(r.exitCode()).isEqualTo(Main.BAD_INPUT);
        assertThat(r.err()).isEqualTo("volsched: --plugin-path " + dir.resolve("nope") + ": no such directory; "
                + "expected a directory of plug-in jars\n");
    }

    private static String[] concat(String[] a, String[] b) {
        String[] out = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }
}
