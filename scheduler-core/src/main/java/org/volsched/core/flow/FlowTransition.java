package org.volsched.core.flow;

import java.util.Objects;

/**
 * A flow's state change, as {@link FlowListener}s see it.
 *
 * @param failure the failure that stopped the flow, for {@link FlowState#REVERTING},
 *     {@link FlowState#REVERTED} and {@link FlowState#FAILURE}; otherwise {@code null}
 */
public record FlowTransition(String flowName, FlowState from, FlowState to, Throwable failure) {
    public FlowTransition {
        Objects.requireNonNull(flowName, "flowName");
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(to, "to");
    }
}
