package org.volsched.core.flow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.NoSuchElementException;
import org.junit.jupiter.api.Test;
import org.volsched.testing.LogCapture;

class FlowEngineTest {
    private static final Key<Integer> NUMBER = Key.of("number", Integer.class);
    private static final Key<Integer> DOUBLED = Key.of("doubled", Integer.class);
    private static final Key<String> TEXT = Key.of("text", String.class);
    private static final Key<String> RAW_TEXT = Key.of("raw_text", String.class);

    private final List<String> journal = new ArrayList<>();

    @Test
    void runsTasksInInsertionOrderAndPublishesResultsToLaterTasks() {
        LinearFlow flow = new LinearFlow("numbers")
                .add(ScriptedTask.of("double", List.of(NUMBER), List.of(DOUBLED),
                        args -> Results.of(DOUBLED, args.get(NUMBER) * 2), journal))
                .add(ScriptedTask.of("describe", List.of(DOUBLED), List.of(TEXT),
                        args -> Results.of(TEXT, "got " + args.get(DOUBLED)), journal))
                .add(ScriptedTask.noop("last", journal));
        FlowEngine engine = FlowEngine.load(flow, Map.of("number", 21));

        engine.run();

        assertThat(journal).containsExactly("execute double", "execute describe", "execute last");
        assertThat(engine.fetch(DOUBLED)).isEqualTo(42);
        assertThat(engine.fetch(TEXT)).isEqualTo("got 42");
        assertThat(engine.flowState()).isEqualTo(FlowState.SUCCESS);
        assertThat(engine.taskState("describe")).isEqualTo(TaskState.SUCCESS);
        assertThat(engine.storage()).containsOnlyKeys("number", "doubled", "text");
    }

    @Test
    void rebindFillsARequirementFromAnotherSymbol() {
        List<String> seen = new ArrayList<>();
        LinearFlow flow = new LinearFlow("rebind")
                .add(ScriptedTask.of("read", List.of(TEXT), List.of(), args -> {
                    seen.add(args.get(TEXT));
                    return Results.none();
                }, journal), Map.of("text", "raw_text"));

        FlowEngine.load(flow, Map.of("raw_text", "hello", "text", "not this one")).run();

        assertThat(seen).containsExactly("hello");
    }

    @Test
    void aTaskMayRequireWhatTheRebindingTaskProvidesUnderTheOriginalName() {
        LinearFlow flow = new LinearFlow("extract")
                .add(ScriptedTask.of("extract", List.of(TEXT), List.of(TEXT),
                        args -> Results.of(TEXT, args.get(TEXT).toUpperCase(Locale.ROOT)), journal),
                        Map.of("text", "raw_text"))
                .add(ScriptedTask.of("use", List.of(TEXT), List.of(), args -> {
                    journal.add("used " + args.get(TEXT));
                    return Results.none();
                }, journal));

        FlowEngine engine = FlowEngine.load(flow, Map.of("raw_text", "spec"));
        engine.run();

        assertThat(journal).containsExactly("execute extract", "execute use", "used SPEC");
        assertThat(engine.fetch(RAW_TEXT)).isEqualTo("spec");
    }

    @Test
    void aNullStoredValueSatisfiesARequirement() {
        Map<String, Object> store = new HashMap<>();
        store.put("text", null);
        List<String> seen = new ArrayList<>();
        LinearFlow flow = new LinearFlow("nulls").add(ScriptedTask.of("read", List.of(TEXT), List.of(), args -> {
            seen.add(String.valueOf(args.get(TEXT)));
            return Results.none();
        }, journal));

        FlowEngine.load(flow, store).run();

        assertThat(seen).containsExactly("null");
    }

    @Test
    void aMissingRequirementFailsAtLoadNamingTheTaskAndTheKey() {
        LinearFlow flow = new LinearFlow("missing")
                .add(ScriptedTask.of("X", List.of(RAW_TEXT), List.of(), args -> Results.none(), journal));

        Throwable thrown = catchThrowable(() -> FlowEngine.load(flow, Map.of()));

        assertThat(thrown).isInstanceOf(MissingDependenciesException.class)
                .hasMessage("Task 'X' requires 'raw_text', which neither the store nor an earlier task provides");
        assertThat(((MissingDependenciesException) thrown).missing())
                .containsExactly(new MissingDependenciesException.Missing("X", "raw_text", "raw_text"));
        assertThat(journal).isEmpty();
    }

    @Test
    void aMissingReboundRequirementNamesTheSymbolAndTheArgument() {
        LinearFlow flow = new LinearFlow("missing")
                .add(ScriptedTask.of("X", List.of(TEXT), List.of(), args -> Results.none(), journal),
                        Map.of("text", "raw_request_spec"));

        assertThatThrownBy(() -> FlowEngine.load(flow, Map.of("text", "present under the wrong name")))
                .isInstanceOf(MissingDependenciesException.class)
                .hasMessage("Task 'X' requires 'raw_request_spec', which neither the store nor an earlier task "
                        + "provides (its argument 'text' is rebound to it)");
    }

    @Test
    void everyMissingRequirementIsReportedAndALaterProviderDoesNotCount() {
        LinearFlow flow = new LinearFlow("missing")
                .add(ScriptedTask.of("first", List.of(DOUBLED, NUMBER), List.of(), args -> Results.none(), journal))
                .add(ScriptedTask.of("second", List.of(), List.of(DOUBLED), args -> Results.of(DOUBLED, 1), journal))
                .add(ScriptedTask.of("third", List.of(TEXT), List.of(), args -> Results.none(), journal));

        Throwable thrown = catchThrowable(() -> FlowEngine.load(flow, Map.of("number", 1)));

        assertThat(((MissingDependenciesException) thrown).missing()).containsExactly(
                new MissingDependenciesException.Missing("first", "doubled", "doubled"),
                new MissingDependenciesException.Missing("third", "text", "text"));
        assertThat(thrown).hasMessageContaining("Task 'first' requires 'doubled'")
                .hasMessageContaining("; Task 'third' requires 'text'");
    }

    @Test
    void aStoredValueOfTheWrongTypeFailsAtLoad() {
        LinearFlow flow = new LinearFlow("types")
                .add(ScriptedTask.of("X", List.of(NUMBER), List.of(), args -> Results.none(), journal));

        assertThatThrownBy(() -> FlowEngine.load(flow, Map.of("number", "42")))
                .isInstanceOf(IncompatibleTypeException.class)
                .hasMessage("Task 'X' requires 'number' as java.lang.Integer, but the store holds a java.lang.String");
        assertThat(journal).isEmpty();
    }

    @Test
    void anEarlierTaskProvidingAnIncompatibleTypeFailsAtLoad() {
        Key<String> doubledAsText = Key.of("doubled", String.class);
        LinearFlow flow = new LinearFlow("types")
                .add(ScriptedTask.of("A", List.of(), List.of(DOUBLED), args -> Results.of(DOUBLED, 2), journal))
                .add(ScriptedTask.of("B", List.of(doubledAsText), List.of(), args -> Results.none(), journal));

        assertThatThrownBy(() -> FlowEngine.load(flow, Map.of()))
                .isInstanceOf(IncompatibleTypeException.class)
                .hasMessage("Task 'B' requires 'doubled' as java.lang.String, but task 'A' provides it as "
                        + "java.lang.Integer");
    }

    @Test
    void listenersSeeEveryStateChangeOfASuccessfulRun() {
        LinearFlow flow = new LinearFlow("ok").add(ScriptedTask.noop("a", journal)).add(ScriptedTask.noop("b", journal));
        RecordingListener listener = new RecordingListener();

        FlowEngine.load(flow, Map.of()).addListener(listener).run();

        assertThat(listener.events()).containsExactly(
                "flow PENDING->RUNNING",
                "task a PENDING->RUNNING",
                "task a RUNNING->SUCCESS",
                "task b PENDING->RUNNING",
                "task b RUNNING->SUCCESS",
                "flow RUNNING->SUCCESS");
    }

    @Test
    void aFailureRevertsEveryTaskThatRanInReverseOrderAndSurfacesTheOriginalException() {
        IllegalStateException failure = new IllegalStateException("boom");
        LinearFlow flow = new LinearFlow("failing")
                .add(ScriptedTask.noop("a", journal))
                .add(ScriptedTask.noop("b", journal))
                .add(ScriptedTask.failing("c", failure, journal))
                .add(ScriptedTask.noop("d", journal));
        RecordingListener listener = new RecordingListener();
        FlowEngine engine = FlowEngine.load(flow, Map.of()).addListener(listener);

        Throwable thrown = catchThrowable(engine::run);

        assertThat(thrown).isSameAs(failure);
        assertThat(thrown.getSuppressed()).isEmpty();
        assertThat(journal).containsExactly("execute a", "execute b", "execute c",
                "revert c (failed)", "revert b", "revert a");
        assertThat(listener.events()).containsExactly(
                "flow PENDING->RUNNING",
                "task a PENDING->RUNNING",
                "task a RUNNING->SUCCESS",
                "task b PENDING->RUNNING",
                "task b RUNNING->SUCCESS",
                "task c PENDING->RUNNING",
                "task c RUNNING->FAILURE",
                "flow RUNNING->REVERTING",
                "task c FAILURE->REVERTING",
                "task c REVERTING->REVERTED",
                "task b SUCCESS->REVERTING",
                "task b REVERTING->REVERTED",
                "task a SUCCESS->REVERTING",
                "task a REVERTING->REVERTED",
                "flow REVERTING->REVERTED");
        assertThat(listener.taskTransitions().get(5).failure()).isSameAs(failure);
        assertThat(engine.flowState()).isEqualTo(FlowState.REVERTED);
        assertThat(engine.taskState("d")).isEqualTo(TaskState.PENDING);
    }

    @Test
    void revertReceivesTheTasksResultAndTheFlowFailure() {
        List<Object> seen = new ArrayList<>();
        IllegalArgumentException failure = new IllegalArgumentException("bad");
        Task recording = new Task() {
            @Override
            public String name() {
                return "provider";
            }

            @Override
            public List<Key<?>> requires() {
                return List.of(NUMBER);
            }

            @Override
            public List<Key<?>> provides() {
                return List.of(DOUBLED);
            }

            @Override
            public Results execute(Arguments arguments) {
                return Results.of(DOUBLED, arguments.get(NUMBER) * 2);
            }

            @Override
            public void revert(Arguments arguments, Results result, Throwable flowFailure) {
                seen.add(arguments.get(NUMBER));
                seen.add(result.get(DOUBLED));
                seen.add(flowFailure);
            }
        };
        LinearFlow flow = new LinearFlow("revert").add(recording).add(ScriptedTask.failing("fail", failure, journal));

        assertThatThrownBy(() -> FlowEngine.load(flow, Map.of("number", 4)).run()).isSameAs(failure);
        assertThat(seen).containsExactly(4, 8, failure);
    }

    @Test
    void aFailingRevertIsAttachedAsSuppressedAndTheOtherTasksAreStillReverted() {
        try (LogCapture log = LogCapture.of(FlowEngine.class)) {
            IllegalStateException failure = new IllegalStateException("boom");
            IllegalArgumentException revertFailure = new IllegalArgumentException("revert broke");
            LinearFlow flow = new LinearFlow("failing")
                    .add(ScriptedTask.noop("a", journal))
                    .add(ScriptedTask.noop("b", journal).revertFailingWith(revertFailure))
                    .add(ScriptedTask.failing("c", failure, journal));
            RecordingListener listener = new RecordingListener();
            FlowEngine engine = FlowEngine.load(flow, Map.of()).addListener(listener);

            Throwable thrown = catchThrowable(engine::run);

            assertThat(thrown).isSameAs(failure);
            assertThat(thrown.getSuppressed()).containsExactly(revertFailure);
            assertThat(journal).containsExactly("execute a", "execute b", "execute c",
                    "revert c (failed)", "revert b", "revert a");
            assertThat(listener.events()).contains("task b REVERTING->REVERT_FAILURE", "task a REVERTING->REVERTED")
                    .endsWith("flow REVERTING->FAILURE");
            assertThat(listener.taskTransitions()).filteredOn(t -> t.to() == TaskState.REVERT_FAILURE)
                    .singleElement().extracting(TaskTransition::failure).isSameAs(revertFailure);
            assertThat(engine.flowState()).isEqualTo(FlowState.FAILURE);
            assertThat(engine.taskState("b")).isEqualTo(TaskState.REVERT_FAILURE);
            assertThat(log.errors()).containsExactly("Reverting task 'b' of flow 'failing' failed; the original failure "
                    + "still surfaces: java.lang.IllegalStateException: boom");
            assertThat(log.exceptions()).containsExactly(IllegalArgumentException.class.getName());
        }
    }

    @Test
    void anErrorIsRevertedAndRethrownAsItIs() {
        AssertionError error = new AssertionError("invariant");
        LinearFlow flow = new LinearFlow("error").add(ScriptedTask.noop("a", journal)).add(ScriptedTask.of(
                "b", List.of(), List.of(), args -> {
                    throw error;
                }, journal));

        assertThatThrownBy(() -> FlowEngine.load(flow, Map.of()).run()).isSameAs(error);
        assertThat(journal).containsExactly("execute a", "execute b", "revert b (failed)", "revert a");
    }

    @Test
    void aTaskThatDoesNotPublishWhatItDeclaresFailsTheFlow() {
        LinearFlow flow = new LinearFlow("contract")
                .add(ScriptedTask.of("liar", List.of(), List.of(DOUBLED), args -> Results.none(), journal));

        assertThatThrownBy(() -> FlowEngine.load(flow, Map.of()).run())
                .isInstanceOf(FlowException.class)
                .hasMessage("Task 'liar' declares it provides 'doubled' but its results lack it");
        assertThat(journal).containsExactly("execute liar", "revert liar (failed)");
    }

    @Test
    void aTaskPublishingAValueOfTheWrongTypeFailsTheFlow() {
        Key<Object> loose = Key.of("doubled", Object.class);
        LinearFlow flow = new LinearFlow("contract")
                .add(ScriptedTask.of("liar", List.of(), List.of(DOUBLED), args -> Results.of(loose, "two"), journal));

        assertThatThrownBy(() -> FlowEngine.load(flow, Map.of()).run())
                .isInstanceOf(IncompatibleTypeException.class)
                .hasMessage("Task 'liar' provides 'doubled' as java.lang.Integer but returned a java.lang.String");
    }

    @Test
    void aThrowingListenerDoesNotChangeTheOutcome() {
        try (LogCapture log = LogCapture.of(FlowEngine.class)) {
            LinearFlow flow = new LinearFlow("ok").add(ScriptedTask.noop("a", journal));
            RecordingListener after = new RecordingListener();
            FlowEngine engine = FlowEngine.load(flow, Map.of()).addListener(new FlowListener() {
                @Override
                public void taskChanged(TaskTransition transition) {
                    throw new IllegalStateException("listener broke");
                }
            }).addListener(after);

            engine.run();

            assertThat(engine.flowState()).isEqualTo(FlowState.SUCCESS);
            assertThat(after.events()).hasSize(4);
            assertThat(log.warnings()).hasSize(2).allSatisfy(w -> assertThat(w).startsWith("Listener ")
                    .contains(" failed on TaskTransition[flowName=ok, taskName=a").endsWith("; ignored"));
            assertThat(log.exceptionMessages()).containsOnly("listener broke");
        }
    }

    @Test
    void anEngineRunsOnce() {
        FlowEngine engine = FlowEngine.load(new LinearFlow("once").add(ScriptedTask.noop("a", journal)), Map.of());
        engine.run();

        assertThatThrownBy(engine::run).isInstanceOf(IllegalStateException.class)
                .hasMessage("Flow 'once' already ran (state SUCCESS)");
        assertThat(journal).containsExactly("execute a");
    }

    @Test
    void oneFlowServesSeveralEngines() {
        LinearFlow flow = new LinearFlow("shared")
                .add(ScriptedTask.of("double", List.of(NUMBER), List.of(DOUBLED),
                        args -> Results.of(DOUBLED, args.get(NUMBER) * 2), journal));
        FlowEngine first = FlowEngine.load(flow, Map.of("number", 1));
        FlowEngine second = FlowEngine.load(flow, Map.of("number", 5));

        first.run();
        second.run();

        assertThat(first.fetch(DOUBLED)).isEqualTo(2);
        assertThat(second.fetch(DOUBLED)).isEqualTo(10);
    }

    @Test
    void flowsRejectUnknownRebindsAndDuplicateTaskNames() {
        LinearFlow flow = new LinearFlow("f").add(ScriptedTask.noop("a", journal));

        assertThatThrownBy(() -> flow.add(ScriptedTask.noop("a", journal)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("Flow 'f' already has a task named 'a'");
        assertThatThrownBy(() -> flow.add(ScriptedTask.of("b", List.of(TEXT), List.of(), a -> Results.none(), journal),
                Map.of("txt", "raw_text")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("Task 'b' cannot rebind [txt]: it requires only [text]");
    }

    @Test
    void argumentsAndResultsAreTyped() {
        Arguments arguments = new Arguments("t", Map.<String, Key<?>>of("number", NUMBER), Map.of("number", 3));

        assertThat(arguments.get(NUMBER)).isEqualTo(3);
        assertThat(arguments.get(Key.of("number", Number.class))).isEqualTo(3);
        assertThatThrownBy(() -> arguments.get(TEXT)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("Task 't' did not declare the requirement text:String");
        assertThatThrownBy(() -> Results.of(Key.of("x", Object.class), "ok").get(Key.of("x", Integer.class)))
                .isInstanceOf(ClassCastException.class);
        assertThatThrownBy(() -> Key.of("n", int.class)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> FlowEngine.load(new LinearFlow("f"), Map.of()).fetch(TEXT))
                .isInstanceOf(NoSuchElementException.class);
    }
}
