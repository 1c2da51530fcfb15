package org.volsched.driver.capacity;

import org.volsched.spi.model.Candidates;
import org.volsched.core.host.PoolReports;
import org.volsched.testing.LogCapture;
import static org.assertj.core.api.Assertions.assertThat;
import static org.volsched.driver.capacity.TestingPools.pool;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.volsched.spi.model.FilterProperties;
import org.volsched.spi.model.PoolState;
import org.volsched.testing.TestContext;

/** Rule W10. */
class AllocatedCapacityWeigherTest {
    private static final FilterProperties PROPERTIES = new FilterProperties();

    @Test
    void rawWeightIsTheAllocatedCapacity() {
        assertThat(weigh(-1.0, allocated("h@b#a", 400L), allocated("h@b#b", 12.5), pool("h@b#c")))
                .containsExactly(400.0, 12.5, 0.0);
    }

    @Test
    void defaultNegativeMultiplierPrefersTheLeastAllocatedPool() {
        List<PoolState> pools = List.of(allocated("h@b#a", 400L), allocated("h@b#b", 100L), allocated("h@b#c", 250L));

        assertThat(TestContext.ranking(pools, PROPERTIES, new AllocatedCapacityWeigher(-1.0)))
                .containsExactly("h@b#b", "h@b#c", "h@b#a");
        assertThat(TestContext.ranking(pools, PROPERTIES, new AllocatedCapacityWeigher(1.0)))
                .containsExactly("h@b#a", "h@b#c", "h@b#b");
    }

    @Test
    void consumptionIsSeen() {
        PoolState consumed = PoolReports.consumed(allocated("h@b#a", 100L), 50, null);

        assertThat(weigh(-1.0, consumed)).containsExactly(150.0);
    }

    @Test
    void provisionedCapacityDefaultsDoNotMatter() {
        // only allocated_capacity_gb is read
        PoolState p = pool("h@b#a", "allocated_capacity_gb", 7L, "provisioned_capacity_gb", 900L);

        assertThat(weigh(-1.0, p)).containsExactly(7.0);
    }

    @Test
    void tiesKeepInputOrder() {
        List<PoolState> pools = List.of(allocated("h@b#a", 5L), allocated("h@b#b", 5L), allocated("h@b#c", 5L));

        assertThat(TestContext.weigh(pools, PROPERTIES, List.of(new AllocatedCapacityWeigher(-1.0))))
                .extracting(w -> w.backendId() + "=" + w.weight())
                .containsExactly("h@b#a=0.0", "h@b#b=0.0", "h@b#c=0.0");
    }

    @Test
    void nonNumericAllocatedCapacityGetsTheLowestWeight() {
        List<PoolState> pools = List.of(allocated("h@b#bad", "unknown"), allocated("h@b#a", 10L),
                allocated("h@b#b", 30L));

        try (LogCapture log = LogCapture.of(AllocatedCapacityWeigher.class)) {
            // negative multiplier: lowest weight = above the largest allocation by the range
            assertThat(weigh(-1.0, pools.toArray(PoolState[]::new))).containsExactly(50.0, 10.0, 30.0);
            assertThat(log.warnings()).singleElement().asString().contains("h@b#bad").contains("unknown");
            assertThat(TestContext.ranking(pools, PROPERTIES, new AllocatedCapacityWeigher(-1.0)))
                    .containsExactly("h@b#a", "h@b#b", "h@b#bad");
            assertThat(TestContext.ranking(pools, PROPERTIES, new AllocatedCapacityWeigher(1.0)))
                    .containsExactly("h@b#b", "h@b#a", "h@b#bad");
        }
    }

    @Test
    void factoryReadsTheMultiplierOption() {
        var factory = new CapacityWeigherPlugin().weigherFactories().get(1);

        assertThat(factory.name()).isEqualTo("AllocatedCapacityWeigher");
        assertThat(factory.create(new TestContext().declaring(new CapacityWeigherPlugin())).multiplier()).isEqualTo(-1.0);
        assertThat(factory.create(new TestContext().declaring(new CapacityWeigherPlugin())
                .withOption("allocated_capacity_weight_multiplier", 3.0)).multiplier()).isEqualTo(3.0);
    }

    private static PoolState allocated(String name, Object allocated) {
        return pool(name, "total_capacity_gb", 1000L, "free_capacity_gb", 500L, "allocated_capacity_gb", allocated);
    }

    private static double[] weigh(double multiplier, PoolState... pools) {
        double[] out = new double[pools.length];
        new AllocatedCapacityWeigher(multiplier).weigh(Candidates.of(List.of(pools)), PROPERTIES, out);
        return out;
    }
}
