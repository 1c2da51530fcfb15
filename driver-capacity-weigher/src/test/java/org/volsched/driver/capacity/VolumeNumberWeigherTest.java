package org.volsched.driver.capacity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.volsched.driver.capacity.TestingPools.pool;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.volsched.spi.model.Candidates;
import org.volsched.spi.BackendWeigher;
import org.volsched.spi.model.DecisionTrace;
import org.volsched.spi.model.FilterProperties;
import org.volsched.spi.model.PoolState;
import org.volsched.spi.model.WeighedPool;
import org.volsched.core.memory.InMemoryVolumeCounter;
import org.volsched.testing.TestContext;

/** Rule W15. */
class VolumeNumberWeigherTest {
    private static final FilterProperties PROPERTIES = new FilterProperties();

    @Test
    void rawWeightIsThePoolsVolumeCount() {
        InMemoryVolumeCounter counter = new InMemoryVolumeCounter().setPool("n1@lvm#a", 12).setPool("n2@ceph#rbd", 3);
        List<PoolState> pools = List.of(pool("n1@lvm#a"), pool("n2@ceph#rbd"), pool("n3@nfs#share"));
        double[] out = new double[3];

        new VolumeNumberWeigher(-1.0, counter).weigh(Candidates.of(pools), PROPERTIES, out);

        assertThat(out).containsExactly(12.0, 3.0, 0.0);
    }

    @Test
    void countsArePerPoolNotPerBackend() {
        InMemoryVolumeCounter counter = new InMemoryVolumeCounter().setPool("n1@lvm#a", 20).setPool("n1@lvm#b", 5);
        List<PoolState> pools = List.of(pool("n1@lvm#a"), pool("n1@lvm#b"));
        double[] out = new double[2];

        new VolumeNumberWeigher(-1.0, counter).weigh(Candidates.of(pools), PROPERTIES, out);

        assertThat(out).containsExactly(20.0, 5.0);
        assertThat(TestContext.ranking(pools, PROPERTIES, new VolumeNumberWeigher(-1.0, counter)))
                .containsExactly("n1@lvm#b", "n1@lvm#a");
    }

    @Test
    void positiveMultiplierStacksVolumes() {
        InMemoryVolumeCounter counter = new InMemoryVolumeCounter().setPool("n1@lvm#a", 1).setPool("n2@lvm#a", 9);
        List<PoolState> pools = List.of(pool("n1@lvm#a"), pool("n2@lvm#a"));

        assertThat(TestContext.ranking(pools, PROPERTIES, new VolumeNumberWeigher(1.0, counter)))
                .containsExactly("n2@lvm#a", "n1@lvm#a");
    }

    @Test
    void equalCountsContributeNothingAndKeepInputOrder() {
        InMemoryVolumeCounter counter = new InMemoryVolumeCounter().setPool("n1@lvm#a", 4).setPool("n2@lvm#a", 4);
        List<PoolState> pools = List.of(pool("n1@lvm#a"), pool("n2@lvm#a"));

        assertThat(TestContext.weigh(pools, PROPERTIES, List.of(new VolumeNumberWeigher(-1.0, counter))))
                .extracting(WeighedPool::weight).containsExactly(0.0, 0.0);
    }

    @Test
    void factoryUsesTheContextsCounterAndMultiplier() {
        TestContext context = new TestContext().declaring(new CapacityWeigherPlugin())
                .withVolumeCount("n1@lvm#a", 7).withVolumeCount("n2@lvm#a", 2);
        var factory = new CapacityWeigherPlugin().weigherFactories().get(2);

        BackendWeigher weigher = factory.create(context);
        context.withWeigher(weigher);
        List<WeighedPool> weighed = context.weigh(Candidates.of(List.of(pool("n1@lvm#a"), pool("n2@lvm#a"))), PROPERTIES,
                DecisionTrace.outcomeOnly());

        assertThat(factory.name()).isEqualTo("VolumeNumberWeigher");
        assertThat(weigher.multiplier()).isEqualTo(-1.0);
        assertThat(weighed).extracting(WeighedPool::backendId).containsExactly("n2@lvm#a", "n1@lvm#a");
        assertThat(factory.create(new TestContext().declaring(new CapacityWeigherPlugin()).withOption("volume_number_multiplier", 0.5))
                .multiplier()).isEqualTo(0.5);
    }

    @Test
    void combinesWithTheCapacityWeigher() {
        // capacity: raw [100, 300, 200] -> normalised [0, 1, 0.5], x1
        // volumes:  raw [0, 10, 5]      -> normalised [0, 1, 0.5], x-2
        // totals:   [0, -1, -0.5]
        InMemoryVolumeCounter counter = new InMemoryVolumeCounter().setPool("n2@lvm#a", 10).setPool("n3@lvm#a", 5);
        List<PoolState> pools = List.of(TestingPools.thickPool("n1@lvm#a", 100), TestingPools.thickPool("n2@lvm#a", 300),
                TestingPools.thickPool("n3@lvm#a", 200));

        List<WeighedPool> weighed = TestContext.weigh(pools, PROPERTIES,
                List.of(new CapacityWeigher(1.0), new VolumeNumberWeigher(-2.0, counter)));

        assertThat(weighed).extracting(w -> w.backendId() + "=" + w.weight())
                .containsExactly("n1@lvm#a=0.0", "n3@lvm#a=-0.5", "n2@lvm#a=-1.0");
    }
}
