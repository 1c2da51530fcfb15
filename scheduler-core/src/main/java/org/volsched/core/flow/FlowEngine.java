package org.volsched.core.flow;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.concurrent.CopyOnWriteArrayList;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * TaskFlow's serial engine for one run of a {@link LinearFlow} over a store of injected values.
 *
 * <p>{@link #load} checks the whole flow before anything runs: every requirement, after
 * rebinding, must be held by the store or provided by an earlier task, with a compatible type
 * (rules TF3-TF5). {@link #run} then executes the tasks in order (TF1); the first failure stops
 * the run, every task that ran is reverted in reverse order, the failed one included, and the
 * original exception is re-thrown as it is (TF6). A revert that throws does not hide the
 * original: its failure is logged, reported to the listeners and attached to the original as a
 * suppressed exception (unless the original was created with suppression disabled), and the
 * remaining tasks are still reverted.
 *
 * <p>An engine is single-use and confined to the thread that runs it; tasks and the flow itself
 * may be shared between engines.
 */
public final class FlowEngine {
    private static final Logger LOG = LoggerFactory.getLogger(FlowEngine.class);

    private final String flowName;
    private final List<LinearFlow.Step> steps;
    private final Map<String, Object> storage;
    private final Map<String, TaskState> taskStates = new LinkedHashMap<>();
    private final List<FlowListener> listeners = new CopyOnWriteArrayList<>();
    private FlowState flowState = FlowState.PENDING;

    private FlowEngine(LinearFlow flow, Map<String, Object> store) {
        this.flowName = flow.name();
        this.steps = flow.steps();
        this.storage = new LinkedHashMap<>(store);
        for (LinearFlow.Step step : steps) {
            taskStates.put(step.task().name(), TaskState.PENDING);
        }
    }

    /**
     * Loads {@code flow} over {@code store} (TaskFlow's {@code engines.load}) and validates it.
     *
     * @param store the initial symbols by name; values may be {@code null}
     * @throws MissingDependenciesException when some requirement cannot be satisfied
     * @throws IncompatibleTypeException when a stored value or an earlier task's declared result
     *     does not fit the type a task requires
     */
    public static FlowEngine load(LinearFlow flow, Map<String, Object> store) {
        Objects.requireNonNull(flow, "flow");
        Objects.requireNonNull(store, "store");
        FlowEngine engine = new FlowEngine(flow, store);
        engine.validate();
        return engine;
    }

    private void validate() {
        Map<String, Key<?>> provided = new LinkedHashMap<>();
        Map<String, String> providers = new LinkedHashMap<>();
        List<MissingDependenciesException.Missing> missing = new ArrayList<>();
        for (LinearFlow.Step step : steps) {
            Task task = step.task();
            for (Key<?> requirement : task.requires()) {
                String symbol = step.symbolFor(requirement.name());
                Key<?> providedKey = provided.get(symbol);
                if (providedKey != null) {
                    if (!requirement.type().isAssignableFrom(providedKey.type())) {
                        throw new IncompatibleTypeException("Task '" + task.name() + "' requires '" + symbol
                                + "' as " + requirement.type().getName() + ", but task '" + providers.get(symbol)
                                + "' provides it as " + providedKey.type().getName());
                    }
                } else if (storage.containsKey(symbol)) {
                    Object value = storage.get(symbol);
                    if (!requirement.accepts(value)) {
                        throw new IncompatibleTypeException("Task '" + task.name() + "' requires '" + symbol
                                + "' as " + requirement.type().getName() + ", but the store holds a "
                                + value.getClass().getName());
                    }
                } else {
                    missing.add(new MissingDependenciesException.Missing(task.name(), symbol, requirement.name()));
                }
            }
            for (Key<?> result : task.provides()) {
                provided.put(result.name(), result);
                providers.put(result.name(), task.name());
            }
        }
        if (!missing.isEmpty()) {
            throw new MissingDependenciesException(missing);
        }
    }

    /** Adds a listener for the run; listeners are called in the order they were added. */
    public FlowEngine addListener(FlowListener listener) {
        listeners.add(Objects.requireNonNull(listener, "listener"));
        return this;
    }

    public String flowName() {
        return flowName;
    }

    public FlowState flowState() {
        return flowState;
    }

    /**
     * A task's current state.
     *
     * @throws NoSuchElementException for a name that is not a task of the flow
     */
    public TaskState taskState(String taskName) {
        TaskState state = taskStates.get(taskName);
        if (state == null) {
            throw new NoSuchElementException("Flow '" + flowName + "' has no task named '" + taskName + "'");
        }
        return state;
    }

    /**
     * Runs the flow once. Returns normally when every task succeeded (rule TF7).
     *
     * @throws RuntimeException the exception the failed task threw, re-thrown as it is (rule TF6)
     * @throws Error an error the failed task threw, likewise
     * @throws IllegalStateException when the engine already ran
     */
    public void run() {
        if (flowState != FlowState.PENDING) {
            throw new IllegalStateException("Flow '" + flowName + "' already ran (state " + flowState + ")");
        }
        changeFlow(FlowState.RUNNING, null);
        List<Executed> executed = new ArrayList<>();
        for (LinearFlow.Step step : steps) {
            Task task = step.task();
            Arguments arguments = argumentsFor(step);
            changeTask(task, TaskState.RUNNING, null);
            Results results;
            try {
                results = task.execute(arguments);
                publish(task, results);
            } catch (RuntimeException | Error failure) {
                changeTask(task, TaskState.FAILURE, failure);
                executed.add(new Executed(step, arguments, null));
                revertAll(executed, failure);
                throw failure;
            }
            executed.add(new Executed(step, arguments, results));
            changeTask(task, TaskState.SUCCESS, null);
        }
        changeFlow(FlowState.SUCCESS, null);
    }

    /**
     * A symbol's current value: a stored value or a result of a task that ran.
     *
     * @throws NoSuchElementException when nothing is held under the key's name
     * @throws ClassCastException when the value does not have the key's type
     */
    public <T> T fetch(Key<T> key) {
        Objects.requireNonNull(key, "key");
        if (!storage.containsKey(key.name())) {
            throw new NoSuchElementException("Flow '" + flowName + "' holds nothing named '" + key.name() + "'");
        }
        return key.cast(storage.get(key.name()));
    }

    /** Every symbol held now (the store plus the results published so far), read-only copy. */
    public Map<String, Object> storage() {
        return Collections.unmodifiableMap(new LinkedHashMap<>(storage));
    }

    private Arguments argumentsFor(LinearFlow.Step step) {
        Map<String, Key<?>> keys = new LinkedHashMap<>();
        Map<String, Object> values = new LinkedHashMap<>();
        for (Key<?> requirement : step.task().requires()) {
            keys.put(requirement.name(), requirement);
            values.put(requirement.name(), storage.get(step.symbolFor(requirement.name())));
        }
        return new Arguments(step.task().name(), keys, values);
    }

    private void publish(Task task, Results results) {
        if (results == null) {
            throw new FlowException("Task '" + task.name() + "' returned null instead of its results");
        }
        Map<String, Object> published = new LinkedHashMap<>();
        for (Key<?> declared : task.provides()) {
            if (!results.contains(declared.name())) {
                throw new FlowException("Task '" + task.name() + "' declares it provides '" + declared.name()
                        + "' but its results lack it");
            }
            Object value = results.asMap().get(declared.name());
            if (!declared.accepts(value)) {
                throw new IncompatibleTypeException("Task '" + task.name() + "' provides '" + declared.name()
                        + "' as " + declared.type().getName() + " but returned a " + value.getClass().getName());
            }
            published.put(declared.name(), value);
        }
        storage.putAll(published);
    }

    private void revertAll(List<Executed> executed, Throwable original) {
        changeFlow(FlowState.REVERTING, original);
        boolean revertFailed = false;
        for (int i = executed.size() - 1; i >= 0; i--) {
            Executed done = executed.get(i);
            Task task = done.step().task();
            changeTask(task, TaskState.REVERTING, null);
            try {
                task.revert(done.arguments(), done.results(), original);
                changeTask(task, TaskState.REVERTED, null);
            } catch (RuntimeException | Error revertFailure) {
                revertFailed = true;
                LOG.error("Reverting task '{}' of flow '{}' failed; the original failure still surfaces: {}",
                        task.name(), flowName, original.toString(), revertFailure);
                if (revertFailure != original) {
                    original.addSuppressed(revertFailure);
                }
                changeTask(task, TaskState.REVERT_FAILURE, revertFailure);
            }
        }
        changeFlow(revertFailed ? FlowState.FAILURE : FlowState.REVERTED, original);
    }

    private void changeFlow(FlowState to, Throwable failure) {
        FlowTransition transition = new FlowTransition(flowName, flowState, to, failure);
        flowState = to;
        for (FlowListener listener : listeners) {
            try {
                listener.flowChanged(transition);
            } catch (RuntimeException e) {
                LOG.warn("Listener {} failed on {}; ignored", listener, transition, e);
            }
        }
    }

    private void changeTask(Task task, TaskState to, Throwable failure) {
        TaskTransition transition = new TaskTransition(flowName, task.name(), taskStates.get(task.name()), to, failure);
        taskStates.put(task.name(), to);
        for (FlowListener listener : listeners) {
            try {
                listener.taskChanged(transition);
            } catch (RuntimeException e) {
                LOG.warn("Listener {} failed on {}; ignored", listener, transition, e);
            }
        }
    }

    private record Executed(LinearFlow.Step step, Arguments arguments, Results results) {
    }
}
