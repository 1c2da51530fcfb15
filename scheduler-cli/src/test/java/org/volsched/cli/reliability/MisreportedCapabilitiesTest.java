package org.volsched.cli.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.volsched.cli.reliability.CliDecisions.Decided;
import org.volsched.cli.scenario.Scenario;
import org.volsched.cli.scenario.ScenarioException;
import org.volsched.cli.scenario.ScenarioParser;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.volsched.testing.CapturedLogs;
import org.volsched.testing.LogCapture;
import org.volsched.testing.Warnings;

/**
 * Capability reports that are wrong the ways real drivers get them wrong. Each is decided as the
 * semantics document says Cinder decides it (or as {@code cinder-compatibility.md} says volsched
 * deliberately differs where Cinder crashes), and is reported twice: as a finding of scenario
 * validation ({@link Scenario#warnings()}) naming the field, and as a logged warning naming the
 * backend and the key.
 */
class MisreportedCapabilitiesTest {
    /** Each case's warnings are asserted by {@link #aWarningIsLoggedNamingTheBackendAndTheKey}; none other may appear. */
    @RegisterExtension
    final CapturedLogs logs = CapturedLogs.named("org.volsched").expecting(Warnings.REPORT_FIELD,
            "Backend \\S+: capabilities\\.pools(\\[\\d+\\])? (is|has) .+", Warnings.RATIO_NOT_COMPUTABLE,
            Warnings.CAPACITY_FILTER_CINDER_FAILS);
    private static final String HOST = "node1@lvm";
    private static final String SOURCE = "fuzz.scenario.json";

    /**
     * One misreported pool list.
     *
     * @param pools the JSON of {@code capabilities.pools} of backend {@value #HOST}
     * @param size the requested size
     * @param thick whether the request is a thick one ({@code provisioning:type = thick})
     * @param findingPath the field the scenario finding names
     * @param logKey the report key the logged warning names
     */
    record Case(String name, String pools, int size, boolean thick, String findingPath, String logKey) {
        String scenario() {
            return """
                    {"config": {},
                     "backends": [{"host": "%s", "availability_zone": "nova", "capabilities": {
                        "volume_backend_name": "lvm", "storage_protocol": "iSCSI", "pools": %s}}],
                     "request": {"request_spec": {"volume_id": "0b7c3f5e-1d2a-4c8b-9e6f-7a8b9c0d1e2f",
                        "volume_properties": {"size": %d, "availability_zone": "nova"},
                        "volume_type": {"id": "t", "name": "t", "extra_specs": %s}}}}
                    """.formatted(HOST, pools, size, thick ? "{\"provisioning:type\": \"thick\"}" : "{}");
        }

        @Override
        public String toString() {
            return name;
        }
    }

    static final Case PROVISIONED_MISSPELT = new Case("provisioned_capacity for provisioned_capacity_gb",
            "[{\"pool_name\": \"p\", \"total_capacity_gb\": 100, \"free_capacity_gb\": 90, "
                    + "\"allocated_capacity_gb\": 10, \"provisioned_capacity\": 1990, "
                    + "\"thin_provisioning_support\": true, \"max_over_subscription_ratio\": 20}]",
            50, false, "pools[0].provisioned_capacity", "provisioned_capacity");
    static final Case TOTAL_MISSPELT = new Case("total_capacity for total_capacity_gb",
            "[{\"pool_name\": \"p\", \"total_capacity\": 1000, \"free_capacity_gb\": 900}]",
            10, true, "pools[0].total_capacity", "total_capacity");
    static final Case FREE_MISSPELT = new Case("free_capacity for free_capacity_gb",
            "[{\"pool_name\": \"p\", \"total_capacity_gb\": 1000, \"free_capacity\": 900}]",
            10, true, "pools[0].free_capacity", "free_capacity");
    static final Case ALLOCATED_MISSPELT = new Case("allocated_capacity for allocated_capacity_gb",
            "[{\"pool_name\": \"p\", \"total_capacity_gb\": 100, \"free_capacity_gb\": 90, "
                    + "\"allocated_capacity\": 1990, \"thin_provisioning_support\": true}]",
            50, false, "pools[0].allocated_capacity", "allocated_capacity");
    static final Case NUMERIC_STRINGS = new Case("capacities as numeric strings",
            "[{\"pool_name\": \"p\", \"total_capacity_gb\": \"1000\", \"free_capacity_gb\": \"900\"}]",
            10, true, "pools[0].total_capacity_gb", "total_capacity_gb");
    static final Case WORD_CAPACITY = new Case("a capacity that is a word",
            "[{\"pool_name\": \"p\", \"total_capacity_gb\": \"lots\", \"free_capacity_gb\": 900}]",
            10, true, "pools[0].total_capacity_gb", "total_capacity_gb");
    static final Case FREE_ABOVE_TOTAL = new Case("free greater than total",
            "[{\"pool_name\": \"p\", \"total_capacity_gb\": 100, \"free_capacity_gb\": 5000}]",
            200, true, "pools[0].free_capacity_gb", "free_capacity_gb");
    static final Case POOLS_NOT_A_LIST = new Case("a pool list that is not a list",
            "{\"p\": {\"pool_name\": \"p\", \"total_capacity_gb\": 1000, \"free_capacity_gb\": 900}}",
            10, true, "pools", "pools");
    static final Case POOL_WITHOUT_NAME = new Case("a pool without pool_name",
            "[{\"total_capacity_gb\": 1000, \"free_capacity_gb\": 900}, "
                    + "{\"pool_name\": \"ok\", \"total_capacity_gb\": 1000, \"free_capacity_gb\": 900}]",
            10, true, "pools[0].pool_name", "pool_name");
    static final Case POOL_NOT_A_MAPPING = new Case("a pool that is not a mapping",
            "[\"pool0\", {\"pool_name\": \"ok\", \"total_capacity_gb\": 1000, \"free_capacity_gb\": 900}]",
            10, true, "pools[0]", "pools[0]");
    static final Case RESERVED_MISSPELT = new Case("reserved_percent for reserved_percentage",
            "[{\"pool_name\": \"p\", \"total_capacity_gb\": 100, \"free_capacity_gb\": 100, "
                    + "\"reserved_percent\": 50}]",
            80, true, "pools[0].reserved_percent", "reserved_percent");
    static final Case RATIO_A_WORD = new Case("max_over_subscription_ratio that is not a number",
            "[{\"pool_name\": \"p\", \"total_capacity_gb\": 1000, \"free_capacity_gb\": 900, "
                    + "\"thin_provisioning_support\": true, \"max_over_subscription_ratio\": \"lots\"}, "
                    + "{\"pool_name\": \"ok\", \"total_capacity_gb\": 1000, \"free_capacity_gb\": 900}]",
            10, false, "pools[0].max_over_subscription_ratio", "max_over_subscription_ratio");

    /** Every case: scenario validation reports each, and a warning naming the backend and the key is logged. */
    static Stream<Case> all() {
        return Stream.of(PROVISIONED_MISSPELT, TOTAL_MISSPELT, FREE_MISSPELT, ALLOCATED_MISSPELT, RESERVED_MISSPELT,
                NUMERIC_STRINGS, WORD_CAPACITY, FREE_ABOVE_TOTAL, POOLS_NOT_A_LIST, POOL_WITHOUT_NAME,
                POOL_NOT_A_MAPPING, RATIO_A_WORD);
    }

    private static Decided decide(Case c) {
        return (Decided) CliDecisions.run(c.scenario(), true);
    }

    // --- handled as Cinder handles them -------------------------------------------------------

    /** HM20: a misspelt key is an unknown capability; provisioned defaults to allocated (10 GB), so 50 GB fit. */
    @Test
    void aMisspeltProvisionedCapacityIsIgnoredAndDefaultsToAllocated() {
        assertThat(decide(PROVISIONED_MISSPELT).json().get("selected").get("backend").asText())
                .isEqualTo(HOST + "#p");
    }

    /** HM20, CF8: without total_capacity_gb the total is 0 and the pool is rejected. */
    @Test
    void aMisspeltTotalCapacityLeavesTheTotalAtZero() {
        Decided d = decide(TOTAL_MISSPELT);
        assertThat(d.errorType()).isEqualTo("NoValidBackend");
        assertThat(d.json().get("filtered")).isEmpty();
    }

    /** HM20, CF4/CF13: without free_capacity_gb nothing fits. */
    @Test
    void aMisspeltFreeCapacityLeavesNoFreeSpace() {
        assertThat(decide(FREE_MISSPELT).errorType()).isEqualTo("NoValidBackend");
    }

    /** HM20: allocated (and so provisioned) default to 0; the 1990 GB misspelt allocation does not count. */
    @Test
    void aMisspeltAllocatedCapacityIsIgnored() {
        assertThat(decide(ALLOCATED_MISSPELT).json().get("selected").get("backend").asText()).isEqualTo(HOST + "#p");
    }

    /** cinder-compatibility.md: numeric strings are treated as the numbers they spell. */
    @Test
    void numericStringCapacitiesAreTheirNumbers() {
        assertThat(decide(NUMERIC_STRINGS).json().get("selected").get("backend").asText()).isEqualTo(HOST + "#p");
    }

    /** HM20: reserved_percentage defaults to 0, so 80 of 100 GB fit although the misspelt key says 50 %. */
    @Test
    void aMisspeltReservedPercentageReservesNothing() {
        assertThat(decide(RESERVED_MISSPELT).json().get("selected").get("backend").asText()).isEqualTo(HOST + "#p");
    }

    /** Cinder fails the request with ValueError; volsched rejects that pool (cinder-compatibility.md). */
    @Test
    void aCapacityThatIsAWordRejectsThePool() {
        Decided d = decide(WORD_CAPACITY);
        assertThat(d.errorType()).isEqualTo("NoValidBackend");
        assertThat(d.json().get("trace").toString()).contains("total_capacity_gb").contains("lots");
    }

    /** CM2: a thick request uses the smaller of free and total - reserved - provisioned: 100 GB, not 5000. */
    @Test
    void freeAboveTotalIsBoundedByTheTotal() {
        assertThat(decide(FREE_ABOVE_TOTAL).errorType()).isEqualTo("NoValidBackend");
        String fits = FREE_ABOVE_TOTAL.scenario().replace("\"size\": 200", "\"size\": 100");
        assertThat(((Decided) CliDecisions.run(fits, false)).json().get("selected").get("backend").asText())
                .isEqualTo(HOST + "#p");
    }

    /** HM22a: a pools value that is not a list removes every pool of the backend. */
    @Test
    void aPoolListThatIsNotAListOffersNoPool() {
        Decided d = decide(POOLS_NOT_A_LIST);
        assertThat(d.errorType()).isEqualTo("NoValidBackend");
        assertThat(d.trace().candidates()).isEmpty();
    }

    /** Cinder fails every request with KeyError; volsched ignores that pool (cinder-compatibility.md). */
    @Test
    void aPoolWithoutNameIsIgnoredAndTheOthersStillServe() {
        Decided d = decide(POOL_WITHOUT_NAME);
        assertThat(d.trace().candidates()).containsExactly(HOST + "#ok");
        assertThat(d.json().get("selected").get("backend").asText()).isEqualTo(HOST + "#ok");
    }

    /** Cinder fails every request with TypeError; volsched ignores that entry. */
    @Test
    void aPoolThatIsNotAMappingIsIgnored() {
        assertThat(decide(POOL_NOT_A_MAPPING).trace().candidates()).containsExactly(HOST + "#ok");
    }

    /** Cinder fails every refresh with ValueError; volsched rejects that pool only. */
    @Test
    void aRatioThatIsAWordRejectsOnlyThatPool() {
        Decided d = decide(RATIO_A_WORD);
        assertThat(d.json().get("filtered").toString()).doesNotContain("#p\"");
        assertThat(d.json().get("selected").get("backend").asText()).isEqualTo(HOST + "#ok");
    }

    // --- reported ----------------------------------------------------------------------------

    @ParameterizedTest(name = "{0}")
    @MethodSource("all")
    void scenarioValidationNamesTheField(Case c) throws ScenarioException {
        Scenario scenario = ScenarioParser.parse(c.scenario(), SOURCE, "misreported");

        assertThat(scenario.warnings()).as("findings for %s", c)
                .anyMatch(w -> w.startsWith(SOURCE + ": backends[0].capabilities." + c.findingPath()));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("all")
    void aWarningIsLoggedNamingTheBackendAndTheKey(Case c) {
        assertLogged(c);
    }

    private static void assertLogged(Case c) {
        List<String> warnings;
        try (LogCapture log = LogCapture.named("org.volsched")) {
            CliDecisions.run(c.scenario(), false);
            warnings = log.warnings();
        }

        assertThat(warnings).as("warnings logged for %s", c)
                .anyMatch(w -> w.contains(HOST) && w.contains(c.logKey()));
    }
}
