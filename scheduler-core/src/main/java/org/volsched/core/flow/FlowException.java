package org.volsched.core.flow;

/**
 * A failure of the flow engine itself (a flow that cannot be loaded, a task that broke its
 * declared contract), as opposed to a failure a task raises, which the engine re-throws as it is.
 */
public class FlowException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public FlowException(String message) {
        super(message);
    }
}
