package org.volsched.spi;

import java.util.List;

/**
 * Configuration that cannot be used: every problem found, each naming the option, the value and
 * what would be right.
 */
public final class InvalidConfiguration extends SchedulerException {
    private static final long serialVersionUID = 1L;

    private final List<String> problems;

    public InvalidConfiguration(List<String> problems) {
        super(ErrorTypes.INVALID_CONFIGURATION, render(problems));
        this.problems = List.copyOf(problems);
    }

    public InvalidConfiguration(String problem) {
        this(List.of(problem));
    }

    public List<String> problems() {
        return problems;
    }

    private static String render(List<String> problems) {
        if (problems.size() == 1) {
            return problems.get(0);
        }
        return problems.size() + " configuration problems:\n  - " + String.join("\n  - ", problems);
    }
}
