package org.volsched.core.flow;

import java.util.Objects;

/**
 * A task's state change, as {@link FlowListener}s see it.
 *
 * @param failure what {@link Task#execute} threw for {@link TaskState#FAILURE}, what
 *     {@link Task#revert} threw for {@link TaskState#REVERT_FAILURE}; otherwise {@code null}
 */
public record TaskTransition(String flowName, String taskName, TaskState from, TaskState to, Throwable failure) {
    public TaskTransition {
        Objects.requireNonNull(flowName, "flowName");
        Objects.requireNonNull(taskName, "taskName");
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(to, "to");
    }
}
