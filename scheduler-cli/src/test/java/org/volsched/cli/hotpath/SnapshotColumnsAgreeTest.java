package org.volsched.cli.hotpath;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.volsched.core.bootstrap.Scheduler;
import org.volsched.core.config.SchedulerConfig;
import org.volsched.spi.SchedulerContext;
import org.volsched.spi.model.DecisionTrace;
import org.volsched.spi.model.FilterProperties;
import org.volsched.spi.model.Candidates;
import org.volsched.spi.model.PoolState;
import org.volsched.spi.model.RequestSpec;
import org.volsched.spi.model.ServiceInfo;
import org.volsched.spi.model.VolumeType;
import org.volsched.spi.model.WeighedPool;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.volsched.testing.CapturedLogs;
import org.volsched.testing.Warnings;

/**
 * The hot path reads a snapshot's columns ({@code PoolTable}) where the rest of volsched reads pool
 * objects. Over random fleets with every odd capacity value, both must agree: the same survivors
 * of the default filters, the same weights and the same ranking as over a plain list of the same
 * pools, and the same survivors as a detailed (explained) run.
 */
class SnapshotColumnsAgreeTest {
    /** The random fleet reports odd values on purpose: every warning must be one of those they call for. */
    @RegisterExtension
    final CapturedLogs logs = CapturedLogs.named(Warnings.BACKEND_STATE, Warnings.CAPACITY_FILTER,
                    Warnings.CAPACITY_WEIGHER, Warnings.ALLOCATED_CAPACITY_WEIGHER)
            .expecting(Warnings.REPORT_FIELD, Warnings.RATIO_NOT_COMPUTABLE, Warnings.CAPACITY_FILTER_CINDER_FAILS,
                    Warnings.CANNOT_WEIGH);
    private static final Instant NOW = Instant.parse("2026-01-01T00:00:00Z");
    private static final Object[] CAPACITIES = {0L, 1L, 10L, 100L, 1000L, 5000.5, 250.25, -10L, "infinite", "unknown",
        "100", "lots", null, 1e9};
    private static final Object[] RATIOS = {"auto", "20.0", 1.0, 0.5, 0, "1.5", 10L, null, "bogus"};
    private static final String[] ZONES = {"az-1", "az-2", "nova"};
    private static final String[] TIERS = {"gold", "silver", "bronze"};

    @ParameterizedTest(name = "seed {0}")
    @ValueSource(longs = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20})
    void columnsAndPoolsGiveTheSameDecision(long seed) {
        Random random = new Random(seed);
        Scheduler scheduler = Scheduler.builder()
                .config(SchedulerConfig.builder().overrides(Map.of("scheduler_default_filters",
                        "AvailabilityZoneFilter,CapacityFilter,CapabilitiesFilter", "scheduler_default_weighers",
                        "CapacityWeigher,AllocatedCapacityWeigher", "capacity_weight_multiplier",
                        random.nextBoolean() ? 1.0 : -1.0), "test").build())
                .clock(Clock.fixed(NOW, ZoneOffset.UTC))
                .build();
        int backends = 5 + random.nextInt(40);
        for (int b = 0; b < backends; b++) {
            String host = "host-" + b + "@be";
            scheduler.hostManager().updateService(new ServiceInfo(host, null, ZONES[random.nextInt(ZONES.length)],
                    false, false, NOW));
            scheduler.hostManager().updateServiceCapabilities("volume", host, null, report(random), NOW.minusSeconds(1));
        }
        for (int request = 0; request < 10; request++) {
            Map<String, Object> specs = new LinkedHashMap<>();
            if (random.nextBoolean()) {
                specs.put("tier", TIERS[random.nextInt(TIERS.length)]);
            }
            if (random.nextBoolean()) {
                specs.put("provisioning:type", random.nextBoolean() ? "thick" : "thin");
            }
            if (random.nextBoolean()) {
                specs.put("capabilities:replication", "<is> True");
            }
            RequestSpec spec = RequestSpec.of("vol-" + request, random.nextInt(3) == 0 ? 0 : 1 + random.nextInt(2000),
                    ZONES[random.nextInt(ZONES.length)], VolumeType.of("type", specs));
            assertSameDecision(scheduler.context(), spec);
        }
    }

    private static void assertSameDecision(SchedulerContext context, RequestSpec spec) {
        Candidates snapshot = context.backendStates().candidates();
        // The snapshot's primitive columns against a table that asks each pool (Candidates.of).
        Candidates byColumns = context.filter(snapshot, properties(spec), DecisionTrace.outcomeOnly());
        Candidates byPools = context.filter(Candidates.of(new ArrayList<PoolState>(snapshot)), properties(spec),
                DecisionTrace.outcomeOnly());
        List<PoolState> explained = context.filter(snapshot, properties(spec), DecisionTrace.detailed());
        assertThat(names(byColumns)).isEqualTo(names(byPools)).isEqualTo(names(explained));
        if (byColumns.isEmpty()) {
            return;
        }
        List<WeighedPool> rankedByColumns = context.weigh(byColumns, properties(spec), DecisionTrace.outcomeOnly());
        List<WeighedPool> rankedByPools = context.weigh(Candidates.of(new ArrayList<PoolState>(byPools)), properties(spec),
                DecisionTrace.outcomeOnly());
        assertThat(rankedByColumns.get(0).backendId()).isEqualTo(rankedByPools.get(0).backendId());
        assertThat(rankedByColumns.get(0).weight()).isEqualTo(rankedByPools.get(0).weight());
        List<String> columnsOrder = new ArrayList<>();
        List<String> poolsOrder = new ArrayList<>();
        for (int i = 0; i < rankedByColumns.size(); i++) {
            columnsOrder.add(rankedByColumns.get(i).backendId() + "=" + rankedByColumns.get(i).weight());
            poolsOrder.add(rankedByPools.get(i).backendId() + "=" + rankedByPools.get(i).weight());
        }
        assertThat(columnsOrder).isEqualTo(poolsOrder);
    }

    private static FilterProperties properties(RequestSpec spec) {
        return new FilterProperties().setRequestSpec(spec).setVolumeType(spec.volumeType()).setSize(spec.size());
    }

    private static List<String> names(List<PoolState> pools) {
        return pools.stream().map(PoolState::backendId).toList();
    }

    private static Map<String, Object> report(Random random) {
        Map<String, Object> report = new LinkedHashMap<>();
        report.put("volume_backend_name", "be");
        report.put("storage_protocol", random.nextBoolean() ? "iSCSI" : "NFS");
        List<Object> pools = new ArrayList<>();
        int count = 1 + random.nextInt(4);
        for (int p = 0; p < count; p++) {
            Map<String, Object> pool = new LinkedHashMap<>();
            pool.put("pool_name", "pool" + p);
            putMaybe(random, pool, "total_capacity_gb", pick(random, CAPACITIES));
            putMaybe(random, pool, "free_capacity_gb", pick(random, CAPACITIES));
            putMaybe(random, pool, "allocated_capacity_gb", pick(random, CAPACITIES));
            putMaybe(random, pool, "provisioned_capacity_gb", pick(random, CAPACITIES));
            putMaybe(random, pool, "reserved_percentage", (long) random.nextInt(4) * 33);
            putMaybe(random, pool, "thin_provisioning_support", random.nextBoolean());
            putMaybe(random, pool, "max_over_subscription_ratio", pick(random, RATIOS));
            pool.put("tier", TIERS[random.nextInt(TIERS.length)]);
            if (random.nextBoolean()) {
                pool.put("replication", random.nextBoolean());
            }
            pools.add(pool);
        }
        report.put("pools", pools);
        return report;
    }

    private static void putMaybe(Random random, Map<String, Object> map, String key, Object value) {
        if (random.nextInt(8) != 0) {
            map.put(key, value);
        }
    }

    private static Object pick(Random random, Object[] values) {
        return values[random.nextInt(values.length)];
    }
}
