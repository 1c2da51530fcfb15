package org.volsched.driver.chance;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.random.RandomGenerator;
import org.junit.jupiter.api.Test;
import org.volsched.spi.model.Candidates;
import org.volsched.core.host.PoolReports;
import org.volsched.spi.BackendWeigher;
import org.volsched.spi.model.FilterProperties;
import org.volsched.spi.model.PoolState;
import org.volsched.testing.TestContext;

/** Rule W11. */
class ChanceWeigherTest {
    private static final FilterProperties PROPERTIES = new FilterProperties();
    private static final List<PoolState> POOLS = List.of(pool("a@x#p"), pool("b@x#p"), pool("c@x#p"));

    @Test
    void drawsOncePerCandidateInListOrder() {
        TestingRandom random = TestingRandom.of(0.3, 0.9, 0.1);
        double[] out = new double[3];

        weigher(random).weigh(Candidates.of(POOLS), PROPERTIES, out);

        assertThat(out).containsExactly(0.3, 0.9, 0.1);
        assertThat(random.draws()).isEqualTo(3);
    }

    @Test
    void rawWeightsAreTheSeededSequence() {
        Random expected = new Random(99);
        double[] out = new double[3];

        weigher(new Random(99)).weigh(Candidates.of(POOLS), PROPERTIES, out);

        assertThat(out).containsExactly(expected.nextDouble(), expected.nextDouble(), expected.nextDouble());
    }

    @Test
    void sameSeedSameWeightsAcrossRequests() {
        BackendWeigher first = weigher(new Random(5));
        BackendWeigher second = weigher(new Random(5));
        for (int request = 0; request < 10; request++) {
            double[] a = new double[3];
            double[] b = new double[3];
            first.weigh(Candidates.of(POOLS), PROPERTIES, a);
            second.weigh(Candidates.of(POOLS), PROPERTIES, b);
            assertThat(a).containsExactly(b);
            for (double w : a) {
                assertThat(w).isGreaterThanOrEqualTo(0.0).isLessThan(1.0);
            }
        }
    }

    @Test
    void noCandidatesNoDraws() {
        TestingRandom random = TestingRandom.of();

        weigher(random).weigh(Candidates.of(List.of()), PROPERTIES, new double[0]);

        assertThat(random.draws()).isZero();
    }

    @Test
    void multiplierIsOne() {
        BackendWeigher weigher = weigher(new Random(1));

        assertThat(weigher.multiplier()).isEqualTo(1.0);
        assertThat(weigher.name()).isEqualTo("ChanceWeigher");
    }

    private static BackendWeigher weigher(RandomGenerator random) {
        return new ChancePlugin().weigherFactories().get(0)
                .create(new TestContext().declaring(new ChancePlugin()).withRandom(random));
    }

    private static PoolState pool(String name) {
        String host = PoolState.backendOf(name);
        return PoolReports.fromReport(new PoolState.Builder()
                .backend(host, host, null)
                .poolName(PoolState.poolOf(name)), Map.of("total_capacity_gb", 10L, "free_capacity_gb", 10L), "20.0")
                .build();
    }
}
