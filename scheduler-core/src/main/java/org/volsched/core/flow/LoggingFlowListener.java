package org.volsched.core.flow;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Logs a flow run, as the listener Cinder's scheduler manager attaches (rule M4): every state
 * change at DEBUG, a task's failure and a failed revert at WARN (with the stack trace when DEBUG
 * is enabled). Stateless; one instance may serve every engine.
 */
public final class LoggingFlowListener implements FlowListener {
    private static final Logger LOG = LoggerFactory.getLogger(LoggingFlowListener.class);

    @Override
    public void flowChanged(FlowTransition transition) {
        if (LOG.isDebugEnabled()) {
            LOG.debug("Flow '{}' transitioned from {} to {}", transition.flowName(), transition.from(),
                    transition.to());
        }
    }

    @Override
    public void taskChanged(TaskTransition transition) {
        Throwable failure = transition.failure();
        if (failure != null) {
            if (LOG.isDebugEnabled()) {
                LOG.warn("Task '{}' of flow '{}' went to {}: {}", transition.taskName(), transition.flowName(),
                        transition.to(), failure.toString(), failure);
            } else {
                LOG.warn("Task '{}' of flow '{}' went to {}: {}", transition.taskName(), transition.flowName(),
                        transition.to(), failure.toString());
            }
        } else if (LOG.isDebugEnabled()) {
            LOG.debug("Task '{}' of flow '{}' transitioned from {} to {}", transition.taskName(),
                    transition.flowName(), transition.from(), transition.to());
        }
    }

    @Override
    public String toString() {
        return "LoggingFlowListener";
    }
}
