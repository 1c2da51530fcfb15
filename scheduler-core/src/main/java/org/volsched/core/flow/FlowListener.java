package org.volsched.core.flow;

/**
 * Observes a flow run (TaskFlow's listeners): every state change of the flow and of each task,
 * delivered synchronously on the thread that runs the engine, in the order they happen.
 *
 * <p>A listener that throws is logged and otherwise ignored: it never changes the run's outcome.
 */
public interface FlowListener {
    /** The flow changed state: PENDING to RUNNING, then SUCCESS or REVERTING and REVERTED or FAILURE. */
    default void flowChanged(FlowTransition transition) {
    }

    /**
     * A task changed state: PENDING to RUNNING to SUCCESS or FAILURE; after a failure, the tasks
     * that ran go REVERTING to REVERTED or REVERT_FAILURE.
     */
    default void taskChanged(TaskTransition transition) {
    }
}
