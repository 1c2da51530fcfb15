package org.volsched.core.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.volsched.core.pipeline.TestingPools.pools;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.OptionalDouble;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.volsched.spi.BackendWeigher;
import org.volsched.spi.model.Candidates;
import org.volsched.spi.model.DecisionTrace;
import org.volsched.spi.model.DecisionTrace.Weight;
import org.volsched.spi.model.DecisionTrace.WeigherStep;
import org.volsched.spi.model.FilterProperties;
import org.volsched.spi.model.PoolState;
import org.volsched.spi.model.WeighedPool;

/** Rules W1-W6: normalisation, the ordered handler and the stochastic handler. */
class WeightHandlerTest {
    private static final FilterProperties PROPERTIES = new FilterProperties();
    private static final double TOLERANCE = 1e-12;

    private static List<String> order(List<WeighedPool> weighed) {
        return weighed.stream().map(w -> w.pool().poolName()).toList();
    }

    private static List<Double> weights(List<WeighedPool> weighed) {
        return weighed.stream().map(WeighedPool::weight).toList();
    }

    @Nested
    class Normalisation {
        @Test
        void boundsWithoutPresetsAreTheMinimumAndMaximum() {
            double[] raw = {3, -1, 7, 2};
            assertThat(Normalizer.bounds(raw, 4, OptionalDouble.empty(), OptionalDouble.empty()))
                    .containsExactly(-1, 7);
        }

        @Test
        void boundsOnlyLookAtTheFirstNWeights() {
            double[] raw = {3, 4, 100, -100};
            assertThat(Normalizer.bounds(raw, 2, OptionalDouble.empty(), OptionalDouble.empty()))
                    .containsExactly(3, 4);
        }

        @Test
        void presetBoundsAreWidenedByOutOfRangeWeights() {
            double[] raw = {5, 20, -5};
            assertThat(Normalizer.bounds(raw, 3, OptionalDouble.of(0), OptionalDouble.of(10))).containsExactly(-5, 20);
            double[] inRange = {2, 4};
            assertThat(Normalizer.bounds(inRange, 2, OptionalDouble.of(0), OptionalDouble.of(10)))
                    .containsExactly(0, 10);
        }

        @Test
        void theFirstWeightSetsOnlyTheUnsetBound() {
            double[] raw = {3, 5, 1};
            assertThat(Normalizer.bounds(raw, 3, OptionalDouble.empty(), OptionalDouble.of(10)))
                    .containsExactly(1, 10);
            assertThat(Normalizer.bounds(raw, 3, OptionalDouble.of(-10), OptionalDouble.empty()))
                    .containsExactly(-10, 5);
        }

        @Test
        void aWeightThatLowersTheMinimumIsNotComparedWithTheMaximum() {
            // W2's "else": with inverted presets (min 10, max 0), 5 lowers the minimum and nothing else
            double[] raw = {5};
            assertThat(Normalizer.bounds(raw, 1, OptionalDouble.of(10), OptionalDouble.of(0))).containsExactly(5, 0);
        }

        @Test
        void normalisationMapsTheBoundsToZeroAndOneWithoutClamping() {
            double[] raw = {0, 5, 10, 15, -5};
            double[] out = new double[5];
            Normalizer.normalize(raw, 5, 0, 10, out);
            assertThat(out).containsExactly(0, 0.5, 1, 1.5, -0.5);
        }

        @Test
        void equalBoundsGiveZeroForEveryone() {
            double[] raw = {7, 7, 7};
            double[] out = {9, 9, 9};
            Normalizer.normalize(raw, 3, 7, 7, out);
            assertThat(out).containsExactly(0, 0, 0);
        }
    }

    @Nested
    class Ordered {
        private final OrderedWeightHandler handler = new OrderedWeightHandler();

        private List<WeighedPool> weigh(int candidates, BackendWeigher... weighers) {
            return handler.weigh(pools(candidates), List.of(weighers), PROPERTIES, null);
        }

        @Test
        void rawWeightsAreNormalisedAndTheHighestComesFirst() {
            List<WeighedPool> weighed = weigh(3, FixedWeigher.of("w", 1.0, 10, 30, 20));

            assertThat(order(weighed)).containsExactly("p1", "p2", "p0");
            assertThat(weights(weighed)).containsExactly(1.0, 0.5, 0.0);
        }

        @Test
        void multipliedWeightsAreSummedOverWeighers() {
            List<WeighedPool> weighed = weigh(3,
                    FixedWeigher.of("double", 2.0, 1, 2, 3),   // 0, 1, 2
                    FixedWeigher.of("inverse", -1.0, 3, 1, 2)); // -1, 0, -0.5

            assertThat(order(weighed)).containsExactly("p2", "p1", "p0");
            assertThat(weighed.get(0).weight()).isCloseTo(1.5, within(TOLERANCE));
            assertThat(weighed.get(1).weight()).isCloseTo(1.0, within(TOLERANCE));
            assertThat(weighed.get(2).weight()).isCloseTo(-1.0, within(TOLERANCE));
        }

        @Test
        void theHighestRawValueReceivesTheMultiplierAndTheLowestZero() {
            List<WeighedPool> weighed = weigh(3, FixedWeigher.of("w", 5.0, 40, 10, 25));
            assertThat(order(weighed)).containsExactly("p0", "p2", "p1");
            assertThat(weights(weighed)).containsExactly(5.0, 2.5, 0.0);
        }

        @Test
        void withANegativeMultiplierTheLowestRawValueRanksBest() {
            List<WeighedPool> weighed = weigh(3, FixedWeigher.of("allocated", -1.0, 40, 10, 25));
            assertThat(order(weighed)).containsExactly("p1", "p2", "p0");
            assertThat(weighed.get(0).weight()).isEqualTo(0.0);
            assertThat(weighed.get(2).weight()).isEqualTo(-1.0);
        }

        @Test
        void aWeigherWhoseWeightsAreAllEqualContributesNothing() {
            List<WeighedPool> weighed = weigh(3,
                    FixedWeigher.of("flat", 100.0, 7, 7, 7),
                    FixedWeigher.of("w", 1.0, 1, 3, 2));

            assertThat(weights(weighed)).containsExactly(1.0, 0.5, 0.0);
            assertThat(order(weighed)).containsExactly("p1", "p2", "p0");
        }

        @Test
        void tiesKeepTheirInputOrder() {
            List<WeighedPool> weighed = weigh(6, FixedWeigher.of("w", 1.0, 1, 2, 2, 0, 1, 2));

            assertThat(order(weighed)).containsExactly("p1", "p2", "p5", "p0", "p4", "p3");
        }

        @Test
        void theTopIsTheFirstOfTheBestEvenBeforeTheRankingIsSorted() {
            List<WeighedPool> weighed = weigh(4, FixedWeigher.of("w", 1.0, 1, 3, 3, 2));

            assertThat(weighed.get(0).pool().poolName()).isEqualTo("p1");
            assertThat(weighed).hasSize(4);
            assertThat(order(weighed)).containsExactly("p1", "p2", "p3", "p0");
            assertThat(weighed.get(0).pool().poolName()).isEqualTo("p1");
        }

        @Test
        void withoutWeighersEveryoneWeighsZeroInInputOrder() {
            List<WeighedPool> weighed = weigh(3);
            assertThat(order(weighed)).containsExactly("p0", "p1", "p2");
            assertThat(weights(weighed)).containsOnly(0.0);
        }

        @Test
        void noCandidatesGiveAnEmptyRankingWithoutWeighing() {
            FixedWeigher weigher = FixedWeigher.of("w", 1.0);
            assertThat(handler.weigh(Candidates.none(), List.of(weigher), PROPERTIES, null)).isEmpty();
            assertThat(weigher.calls()).isZero();
        }

        @Test
        void presetBoundsAreUsedForNormalisation() {
            List<WeighedPool> inRange = weigh(2,
                    FixedWeigher.bounded("bounded", 1.0, OptionalDouble.of(0), OptionalDouble.of(10), 2, 4));
            assertThat(weights(inRange)).containsExactly(0.4, 0.2);

            List<WeighedPool> widened = weigh(2,
                    FixedWeigher.bounded("bounded", 1.0, OptionalDouble.of(0), OptionalDouble.of(10), 2, 20));
            assertThat(weights(widened)).containsExactly(1.0, 0.1);
        }

        @Test
        void theDetailedTraceRecordsEachWeigher() {
            DecisionTrace trace = DecisionTrace.detailed();
            handler.weigh(pools(2), List.of(FixedWeigher.of("CapacityWeigher", 2.0, 10, 30),
                    FixedWeigher.of("AllocatedCapacityWeigher", -1.0, 5, 5)), PROPERTIES, trace);

            assertThat(trace.weigherSteps()).containsExactly(
                    new WeigherStep("CapacityWeigher", 2.0, 10, 30, List.of(
                            new Weight("node1@lvm#p0", 10, 0.0, 0.0), new Weight("node1@lvm#p1", 30, 1.0, 2.0))),
                    new WeigherStep("AllocatedCapacityWeigher", -1.0, 5, 5, List.of(
                            new Weight("node1@lvm#p0", 5, 0.0, -0.0), new Weight("node1@lvm#p1", 5, 0.0, -0.0))));
        }

        @Test
        void anOutcomeOnlyTraceRecordsNoWeigherSteps() {
            DecisionTrace trace = DecisionTrace.outcomeOnly();
            handler.weigh(pools(2), List.of(FixedWeigher.of("w", 1.0, 1, 2)), PROPERTIES, trace);
            assertThat(trace.weigherSteps()).isEmpty();
        }

        /**
         * For random weighers (few distinct raw values, so that ties are common, and multipliers of
         * both signs), the ranking is the candidates sorted stably by W3's weight, highest first.
         */
        @Test
        void theRankingIsAStableDescendingSortOfTheSummedWeights() {
            SplittableRandom random = new SplittableRandom(31L);
            double[] multipliers = {1.0, -1.0, 2.0, 0.5, 0.0, -3.0};
            for (int round = 0; round < 500; round++) {
                int n = random.nextInt(1, 10);
                int weigherCount = random.nextInt(0, 4);
                List<BackendWeigher> weighers = new ArrayList<>();
                double[] expectedWeights = new double[n];
                for (int w = 0; w < weigherCount; w++) {
                    double[] raw = new double[n];
                    for (int i = 0; i < n; i++) {
                        raw[i] = random.nextInt(0, 4) * 10;
                    }
                    double m = multipliers[random.nextInt(multipliers.length)];
                    weighers.add(FixedWeigher.of("w" + w, m, raw));
                    double min = java.util.Arrays.stream(raw).min().orElseThrow();
                    double max = java.util.Arrays.stream(raw).max().orElseThrow();
                    for (int i = 0; i < n; i++) {
                        expectedWeights[i] += m * (min == max ? 0.0 : (raw[i] - min) / (max - min));
                    }
                }
                List<Integer> expected = new ArrayList<>();
                for (int i = 0; i < n; i++) {
                    expected.add(i);
                }
                expected.sort(Comparator.comparingDouble((Integer i) -> -expectedWeights[i] + 0.0)); // stable; -0.0 as 0.0

                List<WeighedPool> weighed = handler.weigh(pools(n), weighers, PROPERTIES, null);

                PoolState top = weighed.get(0).pool();
                assertThat(top.slot()).as("round %d: the top", round).isEqualTo(expected.get(0));
                assertThat(weighed).extracting(w -> w.pool().slot()).as("round %d: %s", round, weighers)
                        .containsExactlyElementsOf(expected);
                for (WeighedPool w : weighed) {
                    assertThat(w.weight()).isCloseTo(expectedWeights[w.pool().slot()], within(TOLERANCE));
                }
            }
        }
    }

    @Nested
    class Stochastic {
        private static List<WeighedPool> weigh(ScriptedRandom random, int candidates, BackendWeigher... weighers) {
            return new StochasticWeightHandler(random).weigh(pools(candidates), List.of(weighers), PROPERTIES, null);
        }

        @Test
        void theWinnerIsTheFirstWhoseCumulativeWeightExceedsTheDrawAndTheListIsRotated() {
            ScriptedRandom random = new ScriptedRandom(0.4); // 0.4 * 6 = 2.4; cumulative 1, 3, 6

            List<WeighedPool> weighed = weigh(random, 3, FixedWeigher.of("w", 1.0, 1, 2, 3));

            assertThat(order(weighed)).containsExactly("p1", "p2", "p0");
            assertThat(random.used()).isEqualTo(1);
        }

        @Test
        void weightsAreNotNormalisedButAreMultiplied() {
            List<WeighedPool> weighed = weigh(new ScriptedRandom(0.0), 2,
                    FixedWeigher.of("a", 2.0, 10, 20), FixedWeigher.of("b", 1.0, 5, 5));

            assertThat(weights(weighed)).containsExactly(25.0, 45.0);
        }

        @Test
        void theComparisonIsStrict() {
            // 0.25 * 4 = 1.0 equals the first cumulative weight, which therefore does not win
            List<WeighedPool> weighed = weigh(new ScriptedRandom(0.25), 3, FixedWeigher.of("w", 1.0, 1, 1, 2));
            assertThat(order(weighed)).containsExactly("p1", "p2", "p0");
        }

        @Test
        void theResultIsARotationNotASort() {
            // cumulative 5, 6, 7, 8; 0.9 * 8 = 7.2 -> p3 wins; p0 keeps its place after the wrap
            List<WeighedPool> weighed = weigh(new ScriptedRandom(0.9), 4, FixedWeigher.of("w", 1.0, 5, 1, 1, 1));

            assertThat(order(weighed)).containsExactly("p3", "p0", "p1", "p2");
            assertThat(weights(weighed)).containsExactly(1.0, 5.0, 1.0, 1.0);
        }

        @Test
        void allZeroWeightsFallBackToTheFirstCandidate() {
            List<WeighedPool> weighed = weigh(new ScriptedRandom(0.7), 3, FixedWeigher.of("flat", 1.0, 0, 0, 0));
            assertThat(order(weighed)).containsExactly("p0", "p1", "p2");
        }

        @Test
        void withoutAWinnerTheFirstCandidateIsChosenNotTheLast() {
            // multiplier -1: weights -1, -2; cumulative -1, -3; 0.1 * -3 = -0.3 and no cumulative exceeds it
            List<WeighedPool> weighed = weigh(new ScriptedRandom(0.1), 2, FixedWeigher.of("w", -1.0, 1, 2));
            assertThat(order(weighed)).containsExactly("p0", "p1");
        }

        @Test
        void aSingleCandidateStillDrawsOnce() {
            ScriptedRandom random = new ScriptedRandom(0.5);
            assertThat(order(weigh(random, 1, FixedWeigher.of("w", 1.0, 3)))).containsExactly("p0");
            assertThat(random.used()).isEqualTo(1);
        }

        @Test
        void noCandidatesDrawNothing() {
            ScriptedRandom random = new ScriptedRandom();
            assertThat(weigh(random, 0, FixedWeigher.of("w", 1.0))).isEmpty();
            assertThat(random.used()).isZero();
        }

        @Test
        void aSeededGeneratorGivesTheSameChoiceAsItsFirstDraw() {
            double[] raw = {3, 1, 4, 1, 5};
            for (long seed = 0; seed < 50; seed++) {
                double r = new SplittableRandom(seed).nextDouble() * 14;
                int expectedWinner = 0;
                double cumulative = 0;
                for (int i = 0; i < raw.length; i++) {
                    cumulative += raw[i];
                    if (cumulative > r) {
                        expectedWinner = i;
                        break;
                    }
                }

                List<WeighedPool> weighed = new StochasticWeightHandler(new SplittableRandom(seed))
                        .weigh(pools(5), List.of(FixedWeigher.of("w", 1.0, raw)), PROPERTIES, null);

                List<String> expected = new ArrayList<>();
                for (int k = 0; k < raw.length; k++) {
                    expected.add("p" + (expectedWinner + k) % raw.length);
                }
                assertThat(order(weighed)).as("seed %d", seed).containsExactlyElementsOf(expected);
            }
        }
    }
}
