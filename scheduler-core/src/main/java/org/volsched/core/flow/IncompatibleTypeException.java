package org.volsched.core.flow;

/**
 * Raised by {@link FlowEngine#load} when a stored value, or the type an earlier task declares it
 * provides, does not fit the type a task requires under that name; and by a run when a task
 * publishes results that break its declaration.
 */
public final class IncompatibleTypeException extends FlowException {
    private static final long serialVersionUID = 1L;

    IncompatibleTypeException(String message) {
        super(message);
    }
}
