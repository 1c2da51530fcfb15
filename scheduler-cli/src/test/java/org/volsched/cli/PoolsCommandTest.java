package org.volsched.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.volsched.cli.TestScenarios.GOLD_TYPE;
import static org.volsched.cli.TestScenarios.placeable;
import static org.volsched.cli.TestScenarios.scenario;
import static org.volsched.cli.TestScenarios.write;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.volsched.testing.CapturedLogs;
import org.volsched.testing.Warnings;

/** {@code volsched pools}: Cinder's get-pools over a scenario's reports. */
class PoolsCommandTest {
    @RegisterExtension
    final CapturedLogs logs = CapturedLogs.named(Warnings.CAPACITY_FILTER).expecting(
            "CapacityFilter: pool \\S+ rejected where Cinder would fail the request: TypeError: the request has no size");
    @TempDir
    Path dir;

    @Test
    void listsEveryPoolAsATable() {
        Cli.Run run = Cli.run("pools", write(dir, "ok.scenario.json", placeable()).toString());

        assertThat(run.exitCode()).as(run.all()).isZero();
        assertThat(run.out()).startsWith("NAME ")
                .contains("PROTOCOL").contains("TOTAL_GB").contains("FREE_GB").contains("THIN")
                .containsPattern("node1@lvm#fast +iSCSI,iscsi +1000 +100 +900 ")
                .containsPattern("node1@lvm#big +iSCSI,iscsi +1000 +900 +100 ")
                .containsPattern("node2@nfs#share +NFS,nfs +5000 +4000 ")
                .endsWith("3 pools\n");
    }

    @Test
    void jsonIsCindersApiAnswer() throws Exception {
        Cli.Run run = Cli.run("pools", "--json", write(dir, "ok.scenario.json", placeable()).toString());

        assertThat(run.exitCode()).as(run.all()).isZero();
        JsonNode pools = new ObjectMapper().readTree(run.out()).get("pools");
        assertThat(pools).extracting(p -> p.get("name").asText())
                .containsExactly("node1@lvm#fast", "node1@lvm#big", "node2@nfs#share");
        JsonNode fast = pools.get(0).get("capabilities");
        assertThat(fast.get("free_capacity_gb").asInt()).isEqualTo(100);
        assertThat(fast.get("tier").asText()).isEqualTo("gold");
        assertThat(fast.get("volume_backend_name").asText()).isEqualTo("lvm");
    }

    @Test
    void filtersKeepPoolsWhoseCapabilityEqualsTheValue() {
        Path file = write(dir, "ok.scenario.json", placeable());

        Cli.Run byTier = Cli.run("pools", "--filter", "tier=gold", file.toString());
        Cli.Run byBoth = Cli.run("pools", "--filter", "tier=gold", "--filter", "volume_backend_name=lvm",
                file.toString());
        Cli.Run byName = Cli.run("pools", "--filter", "name=node1@lvm#big", file.toString());
        Cli.Run byBool = Cli.run("pools", "--filter", "thin_provisioning_support=false", file.toString());

        assertThat(byTier.out()).contains("node1@lvm#fast").contains("node2@nfs#share").doesNotContain("#big")
                .endsWith("2 pools\n");
        assertThat(byBoth.out()).contains("node1@lvm#fast").endsWith("1 pool\n");
        assertThat(byName.out()).contains("node1@lvm#big").endsWith("1 pool\n");
        assertThat(byBool.out()).contains("node1@lvm#fast").contains("node1@lvm#big").endsWith("2 pools\n");
    }

    @Test
    void volumeTypeKeepsThePoolsThatPassTheFiltersForTheRequestsType() {
        Path file = write(dir, "gold.scenario.json", scenario("{}", 10, "nova", GOLD_TYPE));
        Path filters = write(dir, "caps.properties", "scheduler_default_filters = CapabilitiesFilter\n");

        Cli.Run byName = Cli.run("pools", "--config", filters.toString(), "--volume-type", "gold", file.toString());
        Cli.Run byId = Cli.run("pools", "--config", filters.toString(), "--volume-type", "t-gold", file.toString());

        assertThat(byName.exitCode()).as(byName.all()).isZero();
        assertThat(byName.out()).contains("node1@lvm#fast").contains("node2@nfs#share").doesNotContain("#big")
                .endsWith("2 pools\n");
        assertThat(byId.out()).isEqualTo(byName.out());
    }

    @Test
    void volumeTypeWithCapacityFilterExplainsWhyNothingIsLeft() {
        Path file = write(dir, "gold.scenario.json", scenario("{}", 10, "nova", GOLD_TYPE));

        Cli.Run run = Cli.run("pools", "--volume-type", "gold", file.toString());

        assertThat(run.exitCode()).as(run.all()).isZero();
        assertThat(run.out()).isEqualTo("No pools.\n");
        assertThat(run.err()).contains("volsched: note: as in Cinder, --volume-type runs the configured filters "
                + "without a volume size, so CapacityFilter rejects every pool with a finite capacity");
    }

    @Test
    void anUnknownVolumeTypeNamesTheScenariosType() {
        Path file = write(dir, "gold.scenario.json", scenario("{}", 10, "nova", GOLD_TYPE));

        Cli.Run run = Cli.run("pools", "--volume-type", "silver", file.toString());

        assertThat(run.exitCode()).isEqualTo(Main.BAD_INPUT);
        assertThat(run.err()).isEqualTo("volsched: " + file + ": --volume-type silver: unknown volume type; the "
                + "scenario's request has volume type 'gold' (id 't-gold')\n");
    }

    @Test
    void aVolumeTypeNeedsARequestWithOne() {
        Path file = write(dir, "ok.scenario.json", placeable());

        Cli.Run run = Cli.run("pools", "--volume-type", "gold", file.toString());

        assertThat(run.exitCode()).isEqualTo(Main.BAD_INPUT);
        assertThat(run.err()).contains("--volume-type gold: unknown volume type; the scenario's request has no "
                + "volume type");
    }

    @Test
    void detailPrintsEveryCapabilityOfEachPool() {
        Cli.Run run = Cli.run("pools", "--detail", "--filter", "name=node2@nfs#share",
                write(dir, "ok.scenario.json", placeable()).toString());

        assertThat(run.exitCode()).as(run.all()).isZero();
        assertThat(run.out()).containsPattern("PROPERTY +VALUE").containsPattern("name +node2@nfs#share")
                .containsPattern("pool_name +share").containsPattern("tier +gold")
                .containsPattern("storage_protocol +NFS,nfs");
    }

    @Test
    void aFilterWithoutEqualsIsAUsageError() {
        Cli.Run run = Cli.run("pools", "--filter", "tier", write(dir, "ok.scenario.json", placeable()).toString());

        assertThat(run.exitCode()).isEqualTo(Main.BAD_INPUT);
        assertThat(run.err()).contains("should be in KEY=VALUE format but was tier")
                .contains("Try 'volsched pools --help'");
    }

    @Test
    void aFilterValueInAListCapabilityMatchesNothingAsInCinderAndSaysWhy() {
        Path file = write(dir, "ok.scenario.json", placeable());

        Cli.Run element = Cli.run("pools", "--filter", "storage_protocol=iSCSI", file.toString());
        Cli.Run whole = Cli.run("pools", "--filter", "storage_protocol=['iSCSI', 'iscsi']", file.toString());
        Cli.Run json = Cli.run("pools", "--json", "--filter", "storage_protocol=iSCSI", file.toString());

        assertThat(element.exitCode()).as(element.all()).isZero();
        assertThat(element.out()).isEqualTo("No pools: storage_protocol of node1@lvm#fast (and 1 more pool) is the "
                + "list ['iSCSI', 'iscsi'], which contains 'iSCSI', but Cinder's get_pools compares the value with "
                + "the list's whole text, \"['iSCSI', 'iscsi']\", so --filter storage_protocol=iSCSI does not match "
                + "it; to match that list, use --filter \"storage_protocol=['iSCSI', 'iscsi']\"\n");
        assertThat(whole.out()).contains("node1@lvm#fast").contains("node1@lvm#big").endsWith("2 pools\n");
        assertThat(json.exitCode()).as(json.all()).isZero();
        assertThat(json.out()).contains("\"pools\" : [ ]");
        assertThat(json.err()).contains("volsched: note: no pools: storage_protocol of node1@lvm#fast");
    }

    @Test
    void aFilterValueMatchingNoPoolStillPrintsNoPools() {
        Cli.Run run = Cli.run("pools", "--filter", "storage_protocol=FC",
                write(dir, "ok.scenario.json", placeable()).toString());

        assertThat(run.exitCode()).as(run.all()).isZero();
        assertThat(run.out()).isEqualTo("No pools.\n");
    }

    @Test
    void aVolumeTypeHittingACinderQuirkSaysWhyNoPoolMatched() {
        String type = """
                {"id": "t-thick", "name": "thick", "extra_specs": {"thin_provisioning_support": "false"}}""";
        Path file = write(dir, "thick.scenario.json", scenario("{}", 10, "nova", type));
        Path filters = write(dir, "caps.properties", "scheduler_default_filters = CapabilitiesFilter\n");

        Cli.Run run = Cli.run("pools", "--config", filters.toString(), "--volume-type", "thick", file.toString());

        assertThat(run.exitCode()).as(run.all()).isZero();
        assertThat(run.out()).isEqualTo("No pools: the volume type 'thick' has an extra spec Cinder reads "
                + "differently: CapabilitiesFilter reads thin_provisioning_support: 'false': a plain value is "
                + "compared with == as a string, type-sensitively: a capability reported as the boolean false does "
                + "not equal it in Cinder; use '<is> False'\n");
    }

    @Test
    void aVolumeTypeWithoutQuirksStillPrintsNoPools() {
        String type = """
                {"id": "t-plat", "name": "plat", "extra_specs": {"tier": "platinum"}}""";
        Path file = write(dir, "plat.scenario.json", scenario("{}", 10, "nova", type));
        Path filters = write(dir, "caps.properties", "scheduler_default_filters = CapabilitiesFilter\n");

        Cli.Run run = Cli.run("pools", "--config", filters.toString(), "--volume-type", "plat", file.toString());

        assertThat(run.exitCode()).as(run.all()).isZero();
        assertThat(run.out()).isEqualTo("No pools.\n");
    }
}
