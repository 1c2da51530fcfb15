package org.volsched.core.flow;

/** The states of a flow run, as TaskFlow names them. */
public enum FlowState {
    /** Loaded, not yet run. */
    PENDING,
    /** Running its tasks. */
    RUNNING,
    /** Every task succeeded (rule TF7). */
    SUCCESS,
    /** A task failed; the tasks that ran are being reverted (rule TF6). */
    REVERTING,
    /** Every revert succeeded; the original failure is re-thrown. */
    REVERTED,
    /** A revert failed as well; the original failure is re-thrown with the revert failures suppressed. */
    FAILURE
}
