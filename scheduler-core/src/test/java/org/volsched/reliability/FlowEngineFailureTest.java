package org.volsched.reliability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.Supplier;
import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;
import org.volsched.core.flow.Arguments;
import org.volsched.core.flow.FlowEngine;
import org.volsched.core.flow.FlowException;
import org.volsched.core.flow.FlowListener;
import org.volsched.core.flow.FlowState;
import org.volsched.core.flow.FlowTransition;
import org.volsched.core.flow.Key;
import org.volsched.core.flow.LinearFlow;
import org.volsched.core.flow.Results;
import org.volsched.core.flow.Task;
import org.volsched.core.flow.TaskState;
import org.volsched.core.flow.TaskTransition;

/**
 * The flow engine under failure, beyond {@code FlowEngineTest}: several reverts failing at once,
 * the failed task's own revert failing, reverts throwing {@link Error}s or the original failure
 * itself, originals that cannot carry suppressed exceptions, contract failures after successful
 * tasks, listeners failing while reverting, and a randomized sweep over flow shapes. In every case
 * each task that ran is reverted exactly once, in reverse order, and the original failure surfaces
 * as it is, with every revert failure reported beside it.
 */
class FlowEngineFailureTest {
    private static final Key<Integer> NUMBER = Key.of("number", Integer.class);

    private static final Logger ENGINE_LOG = (Logger) LoggerFactory.getLogger(FlowEngine.class);
    private static Level engineLogLevel;

    private final List<String> journal = Collections.synchronizedList(new ArrayList<>());

    /** Every failing revert here is deliberate; the engine logs each at ERROR with its stack trace. */
    @BeforeAll
    static void quietEngineLog() {
        engineLogLevel = ENGINE_LOG.getLevel();
        ENGINE_LOG.setLevel(Level.OFF);
    }

    @AfterAll
    static void restoreEngineLog() {
        ENGINE_LOG.setLevel(engineLogLevel);
    }

    /** A task that records what it does; it may fail when executed and when reverted. */
    private final class Step implements Task {
        private final String name;
        private final List<Key<?>> provides;
        private final Supplier<Results> body;
        private final Throwable revertFailure;

        Step(String name, List<Key<?>> provides, Supplier<Results> body, Throwable revertFailure) {
            this.name = name;
            this.provides = provides;
            this.body = body;
            this.revertFailure = revertFailure;
        }

        @Override
        public String name() {
            return name;
        }

        @Override
        public List<Key<?>> requires() {
            return List.of();
        }

        @Override
        public List<Key<?>> provides() {
            return provides;
        }

        @Override
        public Results execute(Arguments arguments) {
            journal.add("execute " + name);
            return body.get();
        }

        @Override
        public void revert(Arguments arguments, Results result, Throwable flowFailure) {
            journal.add("revert " + name + (result == null ? " (failed)" : ""));
            if (revertFailure instanceof RuntimeException e) {
                throw e;
            }
            if (revertFailure instanceof Error e) {
                throw e;
            }
        }
    }

    private Step ok(String name) {
        return new Step(name, List.of(), Results::none, null);
    }

    private Step ok(String name, Throwable revertFailure) {
        return new Step(name, List.of(), Results::none, revertFailure);
    }

    private Step failing(String name, Throwable failure, Throwable revertFailure) {
        return new Step(name, List.of(), () -> {
            if (failure instanceof RuntimeException e) {
                throw e;
            }
            throw (Error) failure;
        }, revertFailure);
    }

    /** Records transitions. */
    private static final class Transitions implements FlowListener {
        final List<TaskTransition> tasks = new ArrayList<>();
        final List<FlowTransition> flows = new ArrayList<>();

        @Override
        public void flowChanged(FlowTransition transition) {
            flows.add(transition);
        }

        @Override
        public void taskChanged(TaskTransition transition) {
            tasks.add(transition);
        }

        List<String> revertFailures() {
            return tasks.stream().filter(t -> t.to() == TaskState.REVERT_FAILURE).map(TaskTransition::taskName).toList();
        }
    }

    @Test
    void everyFailingRevertIsReportedWithTheOriginalInRevertOrder() {
        IllegalStateException original = new IllegalStateException("d failed");
        IllegalArgumentException revertA = new IllegalArgumentException("a cannot undo");
        IllegalArgumentException revertC = new IllegalArgumentException("c cannot undo");
        LinearFlow flow = new LinearFlow("reverts")
                .add(ok("a", revertA)).add(ok("b")).add(ok("c", revertC)).add(failing("d", original, null))
                .add(ok("e"));
        Transitions listener = new Transitions();
        FlowEngine engine = FlowEngine.load(flow, Map.of()).addListener(listener);

        Throwable thrown = catchThrowable(engine::run);

        assertThat(thrown).isSameAs(original);
        assertThat(thrown.getSuppressed()).containsExactly(revertC, revertA);
        assertThat(journal).containsExactly("execute a", "execute b", "execute c", "execute d",
                "revert d (failed)", "revert c", "revert b", "revert a");
        assertThat(listener.revertFailures()).containsExactly("c", "a");
        assertThat(engine.taskState("b")).isEqualTo(TaskState.REVERTED);
        assertThat(engine.taskState("e")).isEqualTo(TaskState.PENDING);
        assertThat(engine.flowState()).isEqualTo(FlowState.FAILURE);
        assertThat(listener.flows.get(listener.flows.size() - 1).failure()).isSameAs(original);
    }

    @Test
    void theFailedTasksOwnRevertFailingIsReportedAndTheOthersAreStillReverted() {
        IllegalStateException original = new IllegalStateException("b failed");
        IllegalStateException ownRevert = new IllegalStateException("b cannot undo half its work");
        LinearFlow flow = new LinearFlow("own").add(ok("a")).add(failing("b", original, ownRevert));

        Throwable thrown = catchThrowable(() -> FlowEngine.load(flow, Map.of()).run());

        assertThat(thrown).isSameAs(original);
        assertThat(thrown.getSuppressed()).containsExactly(ownRevert);
        assertThat(journal).containsExactly("execute a", "execute b", "revert b (failed)", "revert a");
    }

    @Test
    void aRevertThrowingAnErrorIsReportedAndDoesNotStopTheOtherReverts() {
        IllegalStateException original = new IllegalStateException("c failed");
        StackOverflowError overflow = new StackOverflowError("revert recursed");
        AssertionError assertion = new AssertionError("revert invariant");
        LinearFlow flow = new LinearFlow("errors")
                .add(ok("a", assertion)).add(ok("b", overflow)).add(failing("c", original, null));
        FlowEngine engine = FlowEngine.load(flow, Map.of());

        Throwable thrown = catchThrowable(engine::run);

        assertThat(thrown).isSameAs(original);
        assertThat(thrown.getSuppressed()).containsExactly(overflow, assertion);
        assertThat(journal).endsWith("revert b", "revert a");
        assertThat(engine.taskState("a")).isEqualTo(TaskState.REVERT_FAILURE);
    }

    @Test
    void anErrorFromATaskIsRevertedAndCarriesTheRevertFailures() {
        OutOfMemoryError original = new OutOfMemoryError("simulated");
        IllegalStateException revertA = new IllegalStateException("a cannot undo");
        LinearFlow flow = new LinearFlow("error").add(ok("a", revertA)).add(failing("b", original, null));

        Throwable thrown = catchThrowable(() -> FlowEngine.load(flow, Map.of()).run());

        assertThat(thrown).isSameAs(original);
        assertThat(thrown.getSuppressed()).containsExactly(revertA);
        assertThat(journal).containsExactly("execute a", "execute b", "revert b (failed)", "revert a");
    }

    @Test
    void aRevertRethrowingTheOriginalDoesNotSuppressItIntoItself() {
        IllegalStateException original = new IllegalStateException("b failed");
        LinearFlow flow = new LinearFlow("same").add(ok("a", original)).add(failing("b", original, original));
        Transitions listener = new Transitions();
        FlowEngine engine = FlowEngine.load(flow, Map.of()).addListener(listener);

        Throwable thrown = catchThrowable(engine::run);

        assertThat(thrown).isSameAs(original);
        assertThat(thrown.getSuppressed()).isEmpty();
        assertThat(journal).containsExactly("execute a", "execute b", "revert b (failed)", "revert a");
        assertThat(listener.revertFailures()).containsExactly("b", "a");
        assertThat(engine.flowState()).isEqualTo(FlowState.FAILURE);
    }

    @Test
    void anOriginalThatCannotCarrySuppressedFailuresStillSurfacesAndListenersSeeTheRevertFailure() {
        RuntimeException original = new RuntimeException("no suppression", null, false, false) {
            private static final long serialVersionUID = 1L;
        };
        IllegalStateException revertA = new IllegalStateException("a cannot undo");
        LinearFlow flow = new LinearFlow("bare").add(ok("a", revertA)).add(failing("b", original, null));
        Transitions listener = new Transitions();
        FlowEngine engine = FlowEngine.load(flow, Map.of()).addListener(listener);

        Throwable thrown = catchThrowable(engine::run);

        assertThat(thrown).isSameAs(original);
        assertThat(thrown.getSuppressed()).isEmpty();
        assertThat(listener.tasks).filteredOn(t -> t.to() == TaskState.REVERT_FAILURE).singleElement()
                .extracting(TaskTransition::failure).isSameAs(revertA);
        assertThat(engine.flowState()).isEqualTo(FlowState.FAILURE);
    }

    @Test
    void aFailureOfTheFirstTaskRevertsOnlyThatTask() {
        IllegalStateException original = new IllegalStateException("first failed");
        LinearFlow flow = new LinearFlow("first").add(failing("a", original, null)).add(ok("b"));

        Throwable thrown = catchThrowable(() -> FlowEngine.load(flow, Map.of()).run());

        assertThat(thrown).isSameAs(original);
        assertThat(journal).containsExactly("execute a", "revert a (failed)");
    }

    @Test
    void aBrokenContractAfterSuccessfulTasksRevertsThemInReverseOrder() {
        Step liar = new Step("liar", List.of(NUMBER), Results::none, null);
        IllegalStateException revertB = new IllegalStateException("b cannot undo");
        LinearFlow flow = new LinearFlow("contract").add(ok("a")).add(ok("b", revertB)).add(liar).add(ok("d"));

        Throwable thrown = catchThrowable(() -> FlowEngine.load(flow, Map.of()).run());

        assertThat(thrown).isInstanceOf(FlowException.class)
                .hasMessage("Task 'liar' declares it provides 'number' but its results lack it");
        assertThat(thrown.getSuppressed()).containsExactly(revertB);
        assertThat(journal).containsExactly("execute a", "execute b", "execute liar", "revert liar (failed)",
                "revert b", "revert a");
    }

    @Test
    void listenersThatThrowWhileRevertingStopNothing() {
        IllegalStateException original = new IllegalStateException("c failed");
        LinearFlow flow = new LinearFlow("noisy").add(ok("a")).add(ok("b")).add(failing("c", original, null));
        Transitions after = new Transitions();
        FlowEngine engine = FlowEngine.load(flow, Map.of()).addListener(new FlowListener() {
            @Override
            public void flowChanged(FlowTransition transition) {
                if (transition.to() == FlowState.REVERTING) {
                    throw new IllegalStateException("listener broke on REVERTING");
                }
            }

            @Override
            public void taskChanged(TaskTransition transition) {
                if (transition.to() == TaskState.REVERTING) {
                    throw new IllegalStateException("listener broke on a revert");
                }
            }
        }).addListener(after);

        Throwable thrown = catchThrowable(engine::run);

        assertThat(thrown).isSameAs(original);
        assertThat(thrown.getSuppressed()).isEmpty();
        assertThat(journal).endsWith("revert c (failed)", "revert b", "revert a");
        assertThat(engine.flowState()).isEqualTo(FlowState.REVERTED);
        assertThat(after.tasks.stream().filter(t -> t.to() == TaskState.REVERTED).map(TaskTransition::taskName))
                .containsExactly("c", "b", "a");
    }

    /**
     * Flows of 1 to 8 tasks, one failing with a runtime exception or an error, any subset of the
     * tasks that ran failing to revert with either: the same invariants every time. The seed is
     * fixed so that a failure reproduces; 2,000 flows take well under a second.
     */
    @Test
    void randomizedFlowsAlwaysRevertInReverseOrderAndReportEveryRevertFailure() {
        Random random = new Random(20260107L);
        for (int run = 0; run < 2_000; run++) {
            journal.clear();
            int size = 1 + random.nextInt(8);
            int failAt = random.nextInt(size);
            Throwable original = random.nextBoolean() ? new IllegalStateException("task " + failAt)
                    : new AssertionError("task " + failAt);
            LinearFlow flow = new LinearFlow("random-" + run);
            List<Throwable> expectedSuppressed = new ArrayList<>();
            List<String> expectedJournal = new ArrayList<>();
            List<Throwable> revertFailures = new ArrayList<>();
            for (int i = 0; i < size; i++) {
                Throwable revertFailure = null;
                if (i <= failAt && random.nextInt(3) == 0) {
                    revertFailure = random.nextBoolean() ? new IllegalArgumentException("revert " + i)
                            : new StackOverflowError("revert " + i);
                }
                revertFailures.add(revertFailure);
                flow.add(i == failAt ? failing("t" + i, original, revertFailure) : ok("t" + i, revertFailure));
            }
            for (int i = 0; i <= failAt; i++) {
                expectedJournal.add("execute t" + i);
            }
            for (int i = failAt; i >= 0; i--) {
                expectedJournal.add("revert t" + i + (i == failAt ? " (failed)" : ""));
                if (revertFailures.get(i) != null) {
                    expectedSuppressed.add(revertFailures.get(i));
                }
            }
            Transitions listener = new Transitions();
            FlowEngine engine = FlowEngine.load(flow, Map.of()).addListener(listener);

            Throwable thrown = catchThrowable(engine::run);

            String what = "run " + run + ": " + size + " tasks, failing at " + failAt + ", revert failures "
                    + revertFailures;
            assertThat(thrown).as(what).isSameAs(original);
            assertThat(thrown.getSuppressed()).as(what).containsExactlyElementsOf(expectedSuppressed);
            assertThat(journal).as(what).containsExactlyElementsOf(expectedJournal);
            assertThat(engine.flowState()).as(what)
                    .isEqualTo(expectedSuppressed.isEmpty() ? FlowState.REVERTED : FlowState.FAILURE);
            for (int i = 0; i < size; i++) {
                TaskState expected = i > failAt ? TaskState.PENDING
                        : revertFailures.get(i) != null ? TaskState.REVERT_FAILURE : TaskState.REVERTED;
                assertThat(engine.taskState("t" + i)).as(what + ", task t" + i).isEqualTo(expected);
            }
        }
    }
}
