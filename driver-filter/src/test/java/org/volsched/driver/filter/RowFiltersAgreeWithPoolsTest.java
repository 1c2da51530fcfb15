package org.volsched.driver.filter;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.volsched.core.host.HostManager;
import org.volsched.core.host.InMemoryCapacityLedger;
import org.volsched.testing.TestContext;
import org.volsched.spi.BackendFilter;
import org.volsched.spi.BackendFilter.PoolPredicate;
import org.volsched.spi.model.FilterProperties;
import org.volsched.spi.model.Candidates;
import org.volsched.spi.model.PoolState;
import org.volsched.spi.model.PoolTable;
import org.volsched.spi.model.RequestContext;
import org.volsched.spi.model.RequestSpec;
import org.volsched.spi.model.RetryState;
import org.volsched.spi.model.ServiceInfo;
import org.volsched.spi.model.VolumeType;
import org.volsched.testing.LogCapture;

/**
 * The filters whose batch form reads the table's columns and per-slot memories (DriverFilter,
 * JsonFilter, IgnoreAttemptedHostsFilter, DifferentBackendFilter, SameBackendFilter) keep exactly the
 * rows their per-pool {@code test} keeps, on a host manager's snapshot of a random fleet (clustered
 * and unclustered backends), across requests, consumptions and new reports; GoodnessWeigher gives
 * the rows of a snapshot ({@link Candidates}) the ratings it gives the same pools in a plain list.
 */
class RowFiltersAgreeWithPoolsTest {
    private static final Instant NOW = Instant.parse("2025-03-01T10:00:00Z");
    private static final String[] FUNCTIONS = {"volume.size <= 50 and stats.total_capacity_gb >= 100",
        "capabilities.free_capacity_gb > volume.size * 2", "stats.storage_protocol == 'iscsi'", "1 / 0", "%", null};
    private static final String[] GOODNESS = {"100 - stats.free_capacity_gb / stats.total_capacity_gb * 100",
        "volume.size", "stats.storage_protocol == 'iscsi' ? 80 : 20", "'high'", null};
    private static final String[] QUERIES = {"[\">=\", \"$free_capacity_gb\", 50]",
        "[\"and\", [\"<\", \"$total_capacity_gb\", 500], [\"=\", \"$capabilities.tier\", \"gold\"]]"};

    @ParameterizedTest(name = "seed {0}")
    @ValueSource(longs = {1, 2, 3, 4, 5, 6})
    void batchFormsAgreeWithTest(long seed) {
        try (LogCapture log = LogCapture.named(GoodnessWeigher.class.getName(), JsonFilter.class.getName(), DriverFilter.class.getName(),
                "org.volsched.core.host.BackendState")) {
            Random random = new Random(seed);
            HostManager hosts = new HostManager(Clock.fixed(NOW, ZoneOffset.UTC), Duration.ofSeconds(60), "20.0",
                    new InMemoryCapacityLedger());
            int backends = 4 + random.nextInt(8);
            for (int b = 0; b < backends; b++) {
                report(hosts, random, b);
            }
            List<String> ids = hosts.candidates().stream().map(PoolState::backendId).toList();
            TestContext context = new TestContext();
            List<String> volumes = new ArrayList<>();
            for (int v = 0; v < 6; v++) {
                String id = String.format("3f0c9e1a-7b2d-4c55-9a10-%012d", v);
                PoolState on = hosts.candidates().get(random.nextInt(ids.size()));
                String where = switch (v % 3) {
                    case 0 -> on.host();
                    case 1 -> on.serviceHost();
                    default -> PoolState.hostOf(on.host());
                };
                context.volume("p1", id, where, on.clusterName() == null ? null : on.poolClusterName());
                volumes.add(id);
            }
            List<BackendFilter> filters = List.of(new DriverFilter(context), new JsonFilter(context),
                    new IgnoreAttemptedHostsFilter(context), new DifferentBackendFilter(context),
                    new SameBackendFilter(context));
            GoodnessWeigher weigher = new GoodnessWeigher(context);
            for (int r = 0; r < 30; r++) {
                FilterProperties props = request(random, ids, volumes);
                for (BackendFilter filter : filters) {
                    assertRowsAgree(filter, hosts.snapshot(), props, r % 2 == 1);
                }
                assertWeightsAgree(weigher, hosts.snapshot(), props, r % 2 == 1);
                if (r % 5 == 4) {
                    List<PoolState> now = hosts.candidates();
                    hosts.consume(now.get(random.nextInt(now.size())), 1 + random.nextInt(60));
                }
                if (r % 10 == 9) {
                    report(hosts, random, random.nextInt(backends));
                }
            }
            // The fleet reports 'high' goodness, free above total and string capacities on purpose.
            assertThat(log.messages()).as("only the warnings the odd reports call for").allMatch(w ->
                    FunctionMemoPropertiesTest.GOODNESS_WARNING.matcher(w).matches()
                            && w.contains("goodness_function \"'high'\" returned 'high'")
                    || w.matches("JsonFilter: rejected pool \\S+ where Cinder would fail the whole request: "
                            + "TypeError: .+")
                    || w.matches("Backend \\S+: capabilities\\.pools\\[\\d+\\]\\.free_capacity_gb: .+ is greater than "
                            + "total_capacity_gb .+"));
        }
    }

    private static void assertRowsAgree(BackendFilter filter, PoolTable table, FilterProperties props,
                                        boolean everyOtherRow) {
        PoolPredicate predicate = filter.prepare(props);
        int[] rows = new int[table.rows()];
        int n = 0;
        for (int row = 0; row < table.rows(); row++) {
            if (!everyOtherRow || row % 2 == 1) {
                rows[n++] = row;
            }
        }
        int[] out = new int[n];
        int k = predicate.testRows(table, rows, n, out);
        List<String> byRows = new ArrayList<>();
        for (int j = 0; j < k; j++) {
            byRows.add(table.pool(out[j]).backendId());
        }
        List<String> byTest = new ArrayList<>();
        for (int j = 0; j < n; j++) {
            if (predicate.test(table.pool(rows[j]))) {
                byTest.add(table.pool(rows[j]).backendId());
            }
        }
        assertThat(byRows).as("%s for %s", filter.name(), props).isEqualTo(byTest);
    }

    private static void assertWeightsAgree(GoodnessWeigher weigher, PoolTable table, FilterProperties props,
                                           boolean everyOtherRow) {
        int[] rows = new int[table.rows()];
        List<PoolState> pools = new ArrayList<>();
        int n = 0;
        for (int row = 0; row < table.rows(); row++) {
            if (!everyOtherRow || row % 2 == 1) {
                rows[n++] = row;
                pools.add(table.pool(row));
            }
        }
        double[] byRows = new double[n];
        weigher.weigh(new Candidates(table, rows, n), props, byRows);
        double[] byList = new double[n];
        weigher.weigh(Candidates.of(pools), props, byList);
        assertThat(byRows).as("GoodnessWeigher for %s", props).isEqualTo(byList);
    }

    private static FilterProperties request(Random random, List<String> ids, List<String> volumes) {
        VolumeType type = VolumeType.of("t", Map.of("tier", "gold"));
        Map<String, Object> volume = new LinkedHashMap<>();
        volume.put("size", (long) (1 + random.nextInt(100)));
        Map<String, Object> hints = new LinkedHashMap<>();
        hints.put("query", QUERIES[random.nextInt(QUERIES.length)]);
        hints.put("different_host", List.of(volumes.get(random.nextInt(volumes.size())),
                volumes.get(random.nextInt(volumes.size()))));
        hints.put("same_host", List.of(volumes.get(random.nextInt(volumes.size()))));
        List<String> tried = List.of(ids.get(random.nextInt(ids.size())), ids.get(random.nextInt(ids.size())));
        return new FilterProperties().setContext(RequestContext.of("p1", "u1")).setVolumeType(type)
                .setRequestSpec(RequestSpec.of("vol", 1, "nova", type).withVolumeProperties(volume))
                .setSchedulerHints(hints, true)
                .setRetry(new RetryState(1, tried, tried));
    }

    private static void report(HostManager hosts, Random random, int b) {
        String host = "node" + b + "@be";
        String cluster = b % 3 == 0 ? "cluster" + b + "@be" : null;
        hosts.updateService(new ServiceInfo(host, cluster, "nova", false, false, NOW));
        Map<String, Object> report = new LinkedHashMap<>();
        report.put("volume_backend_name", "be");
        report.put("storage_protocol", random.nextBoolean() ? "iSCSI" : "ceph");
        List<Object> pools = new ArrayList<>();
        int count = 1 + random.nextInt(4);
        for (int p = 0; p < count; p++) {
            Map<String, Object> pool = new LinkedHashMap<>();
            pool.put("pool_name", "pool" + p);
            pool.put("total_capacity_gb", (long) random.nextInt(1000));
            pool.put("free_capacity_gb", random.nextBoolean() ? (Object) (long) random.nextInt(500) : "infinite");
            pool.put("tier", random.nextBoolean() ? "gold" : "silver");
            String function = FUNCTIONS[random.nextInt(FUNCTIONS.length)];
            if (function != null) {
                pool.put("filter_function", function);
            }
            String goodness = GOODNESS[random.nextInt(GOODNESS.length)];
            if (goodness != null) {
                pool.put("goodness_function", goodness);
            }
            pools.add(pool);
        }
        report.put("pools", pools);
        hosts.updateServiceCapabilities("volume", host, cluster, report, NOW.minusSeconds(1));
    }
}
