package org.volsched.core.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.volsched.core.pipeline.TestingPools.names;
import static org.volsched.core.pipeline.TestingPools.pools;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.function.Function;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.api.Test;
import org.volsched.spi.BackendFilter;
import org.volsched.spi.SchedulerException;
import org.volsched.spi.model.Candidates;
import org.volsched.spi.model.DecisionTrace;
import org.volsched.spi.model.DecisionTrace.FilterStep;
import org.volsched.spi.model.DecisionTrace.Rejection;
import org.volsched.spi.model.FilterProperties;
import org.volsched.spi.model.PoolState;

/** Rules FH1-FH6: Cinder's filter handler, fused and with a detailed trace. */
class FilterPipelineTest {
    private static final FilterProperties PROPERTIES = new FilterProperties();

    /** The three ways a decision runs the pipeline: no trace, an outcome-only trace, a detailed trace. */
    enum Mode {
        NO_TRACE(() -> null), OUTCOME_ONLY(DecisionTrace::outcomeOnly), DETAILED(DecisionTrace::detailed);

        private final java.util.function.Supplier<DecisionTrace> traces;

        Mode(java.util.function.Supplier<DecisionTrace> traces) {
            this.traces = traces;
        }

        DecisionTrace trace() {
            return traces.get();
        }
    }

    private static List<PoolState> run(Mode mode, List<PoolState> candidates, BackendFilter... filters) {
        return new FilterPipeline(List.of(filters)).run(Candidates.of(candidates), PROPERTIES, mode.trace());
    }

    @ParameterizedTest
    @EnumSource(Mode.class)
    void survivorsKeepTheirInputOrder(Mode mode) {
        List<PoolState> result = run(mode, pools(6), RecordingFilter.keeping("odd", "p5", "p1", "p3"));
        assertThat(names(result)).containsExactly("p1", "p3", "p5");
    }

    @ParameterizedTest
    @EnumSource(Mode.class)
    void eachFilterSeesOnlyWhatThePreviousOnesKept(Mode mode) {
        RecordingFilter first = RecordingFilter.keeping("first", "p0", "p2", "p3");
        RecordingFilter second = RecordingFilter.keeping("second", "p2", "p3", "p4");
        RecordingFilter third = RecordingFilter.passingAll("third");

        List<PoolState> result = run(mode, pools(5), first, second, third);

        assertThat(first.tested()).containsExactly("p0", "p1", "p2", "p3", "p4");
        assertThat(second.tested()).containsExactly("p0", "p2", "p3");
        assertThat(third.tested()).containsExactly("p2", "p3");
        assertThat(names(result)).containsExactly("p2", "p3");
    }

    @ParameterizedTest
    @EnumSource(Mode.class)
    void eachFilterIsPreparedOncePerRun(Mode mode) {
        RecordingFilter filter = RecordingFilter.passingAll("all");
        FilterPipeline pipeline = new FilterPipeline(List.of(filter));

        pipeline.run(pools(4), PROPERTIES, mode.trace());
        pipeline.run(pools(4), PROPERTIES, mode.trace());

        assertThat(filter.timesPrepared()).isEqualTo(2);
    }

    @ParameterizedTest
    @EnumSource(Mode.class)
    void aFilterNamedTwiceRunsTwice(Mode mode) {
        RecordingFilter filter = RecordingFilter.keeping("twice", "p0", "p1");

        List<PoolState> result = run(mode, pools(3), filter, filter);

        assertThat(filter.timesPrepared()).isEqualTo(2);
        // the fused run interleaves the two runs pool by pool; either way each survivor is asked twice
        assertThat(filter.tested()).containsExactlyInAnyOrder("p0", "p1", "p2", "p0", "p1");
        assertThat(names(result)).containsExactly("p0", "p1");
    }

    @ParameterizedTest
    @EnumSource(Mode.class)
    void aFilterNoCandidateReachesIsNeverPrepared(Mode mode) {
        RecordingFilter nothing = RecordingFilter.keeping("nothing");
        RecordingFilter refusing = RecordingFilter.failingToPrepare("refusing",
                new SchedulerException("InvalidUUID", "Expected a UUID but received x."));

        List<PoolState> result = run(mode, pools(3), nothing, refusing);

        assertThat(result).isEmpty();
        assertThat(refusing.timesPrepared()).isZero();
    }

    @ParameterizedTest
    @EnumSource(Mode.class)
    void withoutCandidatesNoFilterIsPrepared(Mode mode) {
        RecordingFilter filter = RecordingFilter.failingToPrepare("refusing", new IllegalStateException("prepared"));

        assertThat(run(mode, List.of(), filter)).isEmpty();
        assertThat(filter.timesPrepared()).isZero();
    }

    @ParameterizedTest
    @EnumSource(Mode.class)
    void aFilterThatRefusesTheRequestStopsSchedulingOnceACandidateReachesIt(Mode mode) {
        SchedulerException refusal = new SchedulerException("InvalidUUID", "Expected a UUID but received x.");
        RecordingFilter some = RecordingFilter.keeping("some", "p2");
        RecordingFilter refusing = RecordingFilter.failingToPrepare("refusing", refusal);
        RecordingFilter after = RecordingFilter.passingAll("after");

        SchedulerException thrown = catchThrowableOfType(SchedulerException.class,
                () -> run(mode, pools(3), some, refusing, after));

        assertThat(thrown).isSameAs(refusal);
        assertThat(after.timesPrepared()).isZero();
    }

    @Test
    void anEmptyIntermediateResultDoesNotStopTheLoopInTheTrace() {
        DecisionTrace trace = DecisionTrace.detailed();
        RecordingFilter nothing = RecordingFilter.keeping("nothing");
        RecordingFilter later = RecordingFilter.passingAll("later");

        List<PoolState> result = new FilterPipeline(List.of(nothing, later)).run(pools(2), PROPERTIES, trace);

        assertThat(result).isEmpty();
        assertThat(trace.filterSteps()).extracting(FilterStep::filter, FilterStep::received)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("nothing", 2),
                        org.assertj.core.groups.Tuple.tuple("later", 0));
        assertThat(trace.filterSteps().get(1).rejected()).isEmpty();
    }

    @Test
    void theDetailedTraceRecordsEveryRejectionWithItsReason() {
        DecisionTrace trace = DecisionTrace.detailed();
        RecordingFilter first = RecordingFilter.keeping("FirstFilter", "p0", "p2", "p3");
        RecordingFilter second = RecordingFilter.keeping("SecondFilter", "p3");

        new FilterPipeline(List.of(first, second)).run(pools(4), PROPERTIES, trace);

        assertThat(trace.filterSteps()).containsExactly(
                new FilterStep("FirstFilter", 4, List.of(new Rejection("node1@lvm#p1", "FirstFilter rejects p1"))),
                new FilterStep("SecondFilter", 3, List.of(
                        new Rejection("node1@lvm#p0", "SecondFilter rejects p0"),
                        new Rejection("node1@lvm#p2", "SecondFilter rejects p2"))));
    }

    @Test
    void anOutcomeOnlyTraceRecordsNoFilterSteps() {
        DecisionTrace trace = DecisionTrace.outcomeOnly();
        new FilterPipeline(List.of(RecordingFilter.keeping("some", "p1"))).run(pools(3), PROPERTIES, trace);
        assertThat(trace.filterSteps()).isEmpty();
    }

    @Test
    void noFiltersKeepEveryCandidate() {
        Candidates candidates = pools(3);
        assertThat(new FilterPipeline(List.of()).run(candidates, PROPERTIES, null)).containsExactlyElementsOf(candidates);
    }

    @Test
    void theFilterListIsCopied() {
        List<BackendFilter> filters = new ArrayList<>(List.of(RecordingFilter.passingAll("a")));
        FilterPipeline pipeline = new FilterPipeline(filters);
        filters.add(RecordingFilter.keeping("none"));

        assertThat(pipeline.filters()).extracting(BackendFilter::name).containsExactly("a");
        assertThat(pipeline.run(pools(2), PROPERTIES, null)).hasSize(2);
    }

    /**
     * For random filter chains over random candidate lists, the fused run (no trace, outcome-only
     * trace) and the filter-by-filter run (detailed trace) keep exactly the same pools, which are
     * those every filter accepts, in input order; and each filter sees the same pools.
     */
    @Test
    void fusedAndDetailedRunsAgreeForRandomFilterChains() {
        SplittableRandom random = new SplittableRandom(2024L);
        for (int round = 0; round < 500; round++) {
            Candidates candidates = pools(random.nextInt(0, 13));
            int filterCount = random.nextInt(0, 6);
            List<Set<String>> accepted = new ArrayList<>();
            for (int f = 0; f < filterCount; f++) {
                double passRate = random.nextDouble();
                Set<String> names = new HashSet<>();
                for (PoolState pool : candidates) {
                    if (random.nextDouble() < passRate) {
                        names.add(pool.poolName());
                    }
                }
                accepted.add(names);
            }
            Function<Mode, List<RecordingFilter>> chain = mode -> {
                List<RecordingFilter> filters = new ArrayList<>();
                for (int f = 0; f < filterCount; f++) {
                    Set<String> names = accepted.get(f);
                    filters.add(RecordingFilter.passing("f" + f, pool -> names.contains(pool.poolName())));
                }
                return filters;
            };
            List<String> expected = candidates.stream().map(PoolState::poolName)
                    .filter(name -> accepted.stream().allMatch(a -> a.contains(name))).toList();

            List<RecordingFilter> detailedChain = chain.apply(Mode.DETAILED);
            List<PoolState> detailed = new FilterPipeline(List.copyOf(detailedChain))
                    .run(candidates, PROPERTIES, DecisionTrace.detailed());
            assertThat(names(detailed)).as("round %d, detailed", round).isEqualTo(expected);
            for (Mode mode : List.of(Mode.NO_TRACE, Mode.OUTCOME_ONLY)) {
                List<RecordingFilter> fusedChain = chain.apply(mode);
                List<PoolState> fused = new FilterPipeline(List.copyOf(fusedChain)).run(candidates, PROPERTIES,
                        mode.trace());
                assertThat(names(fused)).as("round %d, %s", round, mode).isEqualTo(expected);
                for (int f = 0; f < filterCount; f++) {
                    assertThat(fusedChain.get(f).tested()).as("round %d, filter %d sees the same pools", round, f)
                            .isEqualTo(detailedChain.get(f).tested());
                }
            }
        }
    }
}
