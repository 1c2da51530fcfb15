package org.volsched.cli.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AddLifecycleHook;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;
import net.jqwik.api.statistics.Statistics;
import org.volsched.cli.reliability.CliDecisions.Decided;
import org.volsched.cli.reliability.CliDecisions.Outcome;

/**
 * No wrong placement: with whole-number capacities (so that every figure of Cinder's capacity
 * maths is exact), the pools that pass CapacityFilter are exactly those an independent reading of
 * rules CF1-CF14 and CM1-CM2 of the semantics document ({@link CapacityOracle}) admits, and the selected pool is one of
 * them, whatever the weighers and the weight handler. A request that fits nowhere fails with
 * NoValidBackend.
 */
@AddLifecycleHook(ConfiguredTries.class)
class CapacityPlacementPropertiesTest {
    private static final String ZONE = "nova";

    @BeforeContainer
    static void captureLogs() {
        FuzzLogs.capture();
    }

    @AfterContainer
    static void checkLogs() {
        FuzzLogs.checkAndStop();
    }

    /**
     * A pool report with whole numbers.
     *
     * @param provisioned {@code null} to leave {@code provisioned_capacity_gb} out (it defaults to allocated)
     * @param ratio {@code null} to leave {@code max_over_subscription_ratio} out
     */
    record Pool(long total, long free, long allocated, Long provisioned, long reserved, boolean thin, Double ratio) {
        long provisionedOrAllocated() {
            return provisioned != null ? provisioned : allocated;
        }
    }

    record Request(long size, String provisioningType, List<String> weighers, boolean stochastic, int backends) {
    }

    @Provide
    Arbitrary<List<Pool>> fleets() {
        Arbitrary<Long> totals = Arbitraries.oneOf(Arbitraries.longs().between(1, 5_000),
                Arbitraries.longs().between(-10, 0));
        Arbitrary<Long> free = Arbitraries.longs().between(-100, 6_000);
        Arbitrary<Long> allocated = Arbitraries.longs().between(0, 5_000);
        Arbitrary<Long> provisioned = Arbitraries.oneOf(Arbitraries.longs().between(0, 20_000),
                Arbitraries.just(null));
        Arbitrary<Long> reserved = Arbitraries.oneOf(Arbitraries.longs().between(0, 100),
                Arbitraries.of(0L, 100L, 57L));
        Arbitrary<Double> ratios = Arbitraries.of(null, 0.0, 1.0, 2.0, 5.0, 20.0, 0.5, 1.5);
        Arbitrary<Pool> pools = Combinators.combine(totals, free, allocated, provisioned, reserved,
                Arbitraries.of(true, false), ratios).as(Pool::new);
        return pools.list().ofMinSize(1).ofMaxSize(8);
    }

    @Provide
    Arbitrary<Request> requests() {
        Arbitrary<List<String>> weighers = Arbitraries.subsetOf("CapacityWeigher", "AllocatedCapacityWeigher",
                "VolumeNumberWeigher", "ChanceWeigher").map(ArrayList::new);
        return Combinators.combine(Arbitraries.oneOf(Arbitraries.longs().between(0, 3_000),
                        Arbitraries.of(0L, 1L)), Arbitraries.of("thin", "thick", "none"), weighers,
                Arbitraries.of(true, false), Arbitraries.integers().between(1, 4)).as(Request::new);
    }

    @Property
    void onlyPoolsWithRoomPassCapacityFilterAndTheSelectedOneIsAmongThem(@ForAll("fleets") List<Pool> pools,
                                                                         @ForAll("requests") Request request) {
        ObjectNode scenario = scenario(pools, request);
        Outcome outcome = CliDecisions.run(ScenarioMutator.apply(scenario, List.of()), false);
        assertThat(outcome).isInstanceOf(Decided.class);
        Decided decided = (Decided) outcome;

        boolean thinRequest = !"thick".equals(request.provisioningType());
        List<String> expected = new ArrayList<>();
        for (int b = 0; b < request.backends(); b++) {
            for (int i = b; i < pools.size(); i += request.backends()) {
                if (fits(pools.get(i), request.size(), thinRequest)) {
                    expected.add(name(i, request.backends()));
                }
            }
        }
        List<String> filtered = new ArrayList<>();
        decided.json().get("filtered").forEach(n -> filtered.add(n.asText()));
        assertThat(filtered).as("pools passing CapacityFilter, in candidate order (backends, then their pools); %s",
                        decided.json())
                .containsExactlyElementsOf(expected);
        if (expected.isEmpty()) {
            assertThat(decided.errorType()).isEqualTo("NoValidBackend");
            Statistics.collect("no pool fits");
        } else {
            assertThat(decided.errorType()).as("%s", decided.json()).isNull();
            assertThat(expected).contains(decided.json().get("selected").get("backend").asText());
            Statistics.collect(expected.size() == pools.size() ? "every pool fits" : "some pools fit");
        }
    }

    /** CM1's ratio for the report, then {@link CapacityOracle}. */
    static boolean fits(Pool p, long size, boolean thinRequest) {
        double ratio = !p.thin() ? 1.0 : p.ratio() == null || p.ratio() == 0.0 ? 20.0 : p.ratio();
        return CapacityOracle.fits(p.total(), p.free(), p.provisionedOrAllocated(), p.reserved(), p.thin(), ratio,
                size, thinRequest);
    }

    private static String name(int pool, int backends) {
        return "node" + (pool % backends) + "@be#pool" + pool;
    }

    private static ObjectNode scenario(List<Pool> pools, Request request) {
        ObjectNode root = OddValues.F.objectNode();
        ObjectNode config = root.putObject("config");
        ArrayNode weighers = config.putArray("scheduler_default_weighers");
        request.weighers().forEach(weighers::add);
        config.put("scheduler_weight_handler", request.stochastic() ? "StochasticHostWeightHandler"
                : "OrderedHostWeightHandler");
        config.put("random_seed", 7);
        ArrayNode backends = root.putArray("backends");
        List<ArrayNode> poolLists = new ArrayList<>();
        for (int b = 0; b < request.backends(); b++) {
            ObjectNode backend = backends.addObject();
            backend.put("host", "node" + b + "@be");
            backend.put("availability_zone", ZONE);
            backend.put("volume_count", b * 3);
            ObjectNode caps = backend.putObject("capabilities");
            caps.put("volume_backend_name", "be");
            caps.put("storage_protocol", "iSCSI");
            poolLists.add(caps.putArray("pools"));
        }
        for (int i = 0; i < pools.size(); i++) {
            Pool p = pools.get(i);
            ObjectNode pool = poolLists.get(i % request.backends()).addObject();
            pool.put("pool_name", "pool" + i);
            pool.put("total_capacity_gb", p.total());
            pool.put("free_capacity_gb", p.free());
            pool.put("allocated_capacity_gb", p.allocated());
            if (p.provisioned() != null) {
                pool.put("provisioned_capacity_gb", p.provisioned());
            }
            pool.put("reserved_percentage", p.reserved());
            pool.put("thin_provisioning_support", p.thin());
            pool.put("thick_provisioning_support", !p.thin());
            if (p.ratio() != null) {
                pool.put("max_over_subscription_ratio", p.ratio());
            }
        }
        // Drop backends that received no pool: they would offer a legacy pool named after the backend.
        for (int b = backends.size() - 1; b >= 0; b--) {
            if (poolLists.get(b).isEmpty()) {
                backends.remove(b);
            }
        }
        ObjectNode spec = root.putObject("request").putObject("request_spec");
        spec.put("volume_id", "6f1c0a52-8d4e-4b7a-9c1e-2a3b4c5d6e7f");
        ObjectNode props = spec.putObject("volume_properties");
        props.put("size", request.size());
        props.put("availability_zone", ZONE);
        ObjectNode type = spec.putObject("volume_type");
        type.put("id", "t1");
        type.put("name", "t1");
        ObjectNode specs = type.putObject("extra_specs");
        if (!"none".equals(request.provisioningType())) {
            specs.put("provisioning:type", request.provisioningType());
        }
        return root;
    }
}
