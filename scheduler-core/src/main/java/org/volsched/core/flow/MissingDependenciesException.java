package org.volsched.core.flow;

import java.util.List;
import java.util.Objects;
import java.util.stream.Collectors;

/**
 * TaskFlow's {@code MissingDependencies}: raised by {@link FlowEngine#load} when a task requires a
 * symbol that neither the store nor an earlier task provides (rule TF5). Every missing symbol of
 * the flow is listed, not only the first.
 */
public final class MissingDependenciesException extends FlowException {
    private static final long serialVersionUID = 1L;

    private final transient List<Missing> missing;

    MissingDependenciesException(List<Missing> missing) {
        super(missing.stream().map(Missing::describe).collect(Collectors.joining("; ")));
        this.missing = List.copyOf(missing);
    }

    /** Every missing requirement, in flow order. */
    public List<Missing> missing() {
        return missing;
    }

    /**
     * One missing requirement.
     *
     * @param taskName the task that requires it
     * @param symbol the symbol looked for (after rebinding)
     * @param requirement the task's own name for it (equal to {@code symbol} unless rebound)
     */
    public record Missing(String taskName, String symbol, String requirement) {
        public Missing {
            Objects.requireNonNull(taskName, "taskName");
            Objects.requireNonNull(symbol, "symbol");
            Objects.requireNonNull(requirement, "requirement");
        }

        String describe() {
            String text = "Task '" + taskName + "' requires '" + symbol
                    + "', which neither the store nor an earlier task provides";
            return symbol.equals(requirement) ? text : text + " (its argument '" + requirement + "' is rebound to it)";
        }
    }
}
