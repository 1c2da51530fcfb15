package org.volsched.core.flow;

/** The states of one task within a flow run, as TaskFlow names them. */
public enum TaskState {
    /** Not run (yet). */
    PENDING,
    RUNNING,
    SUCCESS,
    /** {@link Task#execute} threw. */
    FAILURE,
    REVERTING,
    REVERTED,
    /** {@link Task#revert} threw. */
    REVERT_FAILURE
}
