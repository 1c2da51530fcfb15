package org.volsched.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code volsched trace generate} and {@code volsched replay} in-process over the bundled example fleet. */
class ReplayCommandTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    private static String fleet() throws Exception {
        return Path.of(ReplayCommandTest.class.getResource("/examples/demo-fleet.scenario.json").toURI()).toString();
    }

    private Path generate(String name, String... extra) throws Exception {
        Path trace = dir.resolve(name);
        List<String> args = new java.util.ArrayList<>(List.of("trace", "generate", fleet(), "--requests", "3000",
                "--seed", "4", "--rate", "2", "--out", trace.toString()));
        args.addAll(List.of(extra));
        Cli.Run r = Cli.run(args.toArray(String[]::new));
        assertThat(r.exitCode()).as(r.all()).isZero();
        assertThat(r.out()).startsWith("wrote 3000 requests, ").contains(" to " + trace + " (volume types: ceph, "
                + "default, fc, iscsi, nfs, nvme-of)");
        return trace;
    }

    private Path config(String name, String text) throws Exception {
        Path p = dir.resolve(name);
        Files.writeString(p, text);
        return p;
    }

    @Test
    void generateThenReplayUnderTwoConfigurationsWritesDecisionsSummariesAndTheReport() throws Exception {
        Path trace = generate("t.jsonl");
        Path spread = config("spread.properties", "capacity_weight_multiplier = 1.0\n");
        Path stack = config("stack.conf", "[DEFAULT]\ncapacity_weight_multiplier = -1.0\nmy_ip = 10.0.0.1\n");
        Path out = dir.resolve("out");

        Cli.Run r = Cli.run("replay", trace.toString(), "--fleet", fleet(), "--config", spread.toString(), "--config",
                stack.toString(), "--out", out.toString());

        assertThat(r.exitCode()).as(r.all()).isZero();
        assertThat(r.err()).as("no terminal: no progress bar").isEmpty();
        List<String> lines = r.out().lines().toList();
        assertThat(lines).hasSize(3);
        assertThat(lines.get(0)).matches("spread: 3000 requests, \\d+ placed, \\d+ refused.*, \\d+ decisions/s \\(.*\\)");
        assertThat(lines.get(1)).startsWith("stack: 3000 requests, ");
        assertThat(lines.get(2)).isEqualTo("wrote " + out.resolve("report.html"));
        for (String name : List.of("spread", "stack")) {
            assertThat(Files.readAllLines(out.resolve(name).resolve("decisions.jsonl"))).hasSize(3000);
            JsonNode summary = JSON.readTree(out.resolve(name).resolve("summary.json").toFile());
            assertThat(summary.get("requests").asLong()).isEqualTo(3000);
            assertThat(summary.get("placed").asLong() + summary.get("refused").asLong()).isEqualTo(3000);
            assertThat(summary.get("utilisation").get("pools").asInt())
                    .as("every pool the fleet reports: 67 candidates, and 5 of a service that is down or disabled")
                    .isEqualTo(72);
            assertThat(summary.get("volumes_per_backend")).hasSize(36);
        }
        assertThat(Files.readString(out.resolve("report.html"))).contains("<h3>stack against spread</h3>");
    }

    @Test
    void theSameArgumentsGiveTheSameTraceAndByteIdenticalDecisions() throws Exception {
        Path a = generate("a.jsonl");
        Path b = generate("b.jsonl");
        assertThat(Files.readAllBytes(b)).isEqualTo(Files.readAllBytes(a));
        Path stochastic = config("stochastic.properties", "scheduler_weight_handler = StochasticHostWeightHandler\n");

        Cli.Run first = Cli.run("replay", a.toString(), "--fleet", fleet(), "--config", stochastic.toString(), "--seed",
                "11", "--out", dir.resolve("one").toString());
        Cli.Run second = Cli.run("replay", a.toString(), "--fleet", fleet(), "--config", stochastic.toString(), "--seed",
                "11", "--out", dir.resolve("two").toString());

        assertThat(first.exitCode()).as(first.all()).isZero();
        assertThat(second.exitCode()).as(second.all()).isZero();
        assertThat(Files.readAllBytes(dir.resolve("two/stochastic/decisions.jsonl")))
                .isEqualTo(Files.readAllBytes(dir.resolve("one/stochastic/decisions.jsonl")));
    }

    @Test
    void aMalformedLineIsNamedWithItsNumberAndFieldAndNothingIsLeftWritten() throws Exception {
        Path trace = generate("t.jsonl");
        List<String> lines = new java.util.ArrayList<>(Files.readAllLines(trace));
        lines.set(500, lines.get(500).replaceFirst("\"t\":[0-9.]+", "\"t\":\"later\""));
        Files.write(trace, lines);
        Path out = dir.resolve("out");

        Cli.Run r = Cli.run("replay", trace.toString(), "--fleet", fleet(), "--out", out.toString());

        assertThat(r.exitCode()).as(r.all()).isEqualTo(Main.BAD_INPUT);
        assertThat(r.err()).isEqualTo("volsched: " + trace + ":501: t: expected the event's time in seconds since the "
                + "trace's start (a number), found \"later\" (nothing written to " + out + ")\n");
        assertThat(out.resolve("fleet/decisions.jsonl")).doesNotExist();
        assertThat(out.resolve("report.html")).doesNotExist();
    }

    @Test
    void badOptionsAndConfigurationsAreReportedBeforeAnythingIsReplayed() throws Exception {
        Path trace = generate("t.jsonl");
        Path typo = config("typo.properties", "capacity_weight_multipler = 2\n");

        Cli.Run replica = Cli.run("replay", trace.toString(), "--fleet", fleet(), "--replica", "3/3", "--out",
                dir.resolve("o").toString());
        Cli.Run config = Cli.run("replay", trace.toString(), "--fleet", fleet(), "--config", typo.toString(), "--out",
                dir.resolve("o").toString());
        Cli.Run generate = Cli.run("trace", "generate", fleet(), "--requests", "0", "--rate", "-1", "--out",
                dir.resolve("x.jsonl").toString());

        assertThat(replica.exitCode()).isEqualTo(Main.BAD_INPUT);
        assertThat(replica.err()).isEqualTo("volsched: replay: --replica must be I/N with 0 <= I < N, such as 0/3 (got "
                + "'3/3')\n");
        assertThat(config.exitCode()).isEqualTo(Main.BAD_INPUT);
        assertThat(config.err()).isEqualTo("volsched: " + typo + ":1: unknown option 'capacity_weight_multipler'; did "
                + "you mean 'capacity_weight_multiplier'?\n");
        assertThat(dir.resolve("o")).doesNotExist();
        Path filters = config("filters.properties", "scheduler_default_filters = AvailabilityZoneFilter,CapacityFiltr\n");
        Cli.Run unknown = Cli.run("replay", trace.toString(), "--fleet", fleet(), "--config", filters.toString(),
                "--out", dir.resolve("o").toString());
        assertThat(unknown.exitCode()).isEqualTo(Main.BAD_INPUT);
        assertThat(unknown.err()).startsWith("volsched: " + filters + ": scheduler_default_filters[1]: unknown filter "
                + "'CapacityFiltr'").contains("did you mean 'CapacityFilter'?");
        assertThat(dir.resolve("o")).doesNotExist();
        assertThat(generate.exitCode()).isEqualTo(Main.BAD_INPUT);
        assertThat(generate.err()).isEqualTo("volsched: trace generate: --requests must be at least 1 (got 0)\n"
                + "volsched: trace generate: --rate must be a positive number of requests per second, such as 1 or 0.5 "
                + "(got -1.0)\n");
    }

    @Test
    void aReplicaDecidesItsShareOfTheRequests() throws Exception {
        Path trace = generate("t.jsonl");

        Cli.Run r = Cli.run("replay", trace.toString(), "--fleet", fleet(), "--replica", "2/4", "--out",
                dir.resolve("r").toString());

        assertThat(r.exitCode()).as(r.all()).isZero();
        List<String> decisions = Files.readAllLines(dir.resolve("r/fleet/decisions.jsonl"));
        assertThat(decisions).hasSize(750);
        assertThat(decisions.get(0)).startsWith("{\"n\":3,");
        assertThat(decisions.get(1)).startsWith("{\"n\":7,");
    }

    @Test
    void theProgressBarShowsHowMuchOfTheTraceIsDoneAndTheDecisions() {
        java.io.StringWriter err = new java.io.StringWriter();
        ReplayCommand.Progress progress = new ReplayCommand.Progress(new java.io.PrintWriter(err), "spread", 1000);

        progress.update(500, 1234);

        assertThat(err.toString()).startsWith("\rspread [###############...............]  50% 1,234 decisions, ")
                .endsWith("/s ");
        progress.done();
        assertThat(err.toString()).endsWith("\r" + " ".repeat(80) + "\r");
    }
}
