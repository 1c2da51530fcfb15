package org.volsched.cli.scenario;

import java.util.List;

/** A scenario that cannot be used: every problem, each naming the file, the field path and what was expected. */
public final class ScenarioException extends Exception {
    private static final long serialVersionUID = 1L;

    private final List<String> problems;

    public ScenarioException(List<String> problems) {
        super(problems.size() == 1 ? problems.get(0) : String.join("\n", problems));
        this.problems = List.copyOf(problems);
    }

    public ScenarioException(String problem) {
        this(List.of(problem));
    }

    public List<String> problems() {
        return problems;
    }
}
