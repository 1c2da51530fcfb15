package org.volsched.cli.scenario;

import java.util.List;

/** A scenario that cannot be used: every problem, each naming the file, the field path and what was expected. */
public final class ScenarioException extends Exception {
    private static final long serialVersionUID = 1L;

    private final List<String> problems;
    private final List<String> warnings;

    public ScenarioException(List<String> problems) {
        this(problems, List.of());
    }

    /** Problems, with the warnings found before reading stopped (for {@code volsched validate}). */
    public ScenarioException(List<String> problems, List<String> warnings) {
        super(problems.size() == 1 ? problems.get(0) : String.join("\n", problems));
        this.problems = List.copyOf(problems);
        this.warnings = List.copyOf(warnings);
    }

    public ScenarioException(String problem) {
        this(List.of(problem));
    }

    public List<String> problems() {
        return problems;
    }

    /** Findings that would not have stopped scheduling on their own. */
    public List<String> warnings() {
        return warnings;
    }
}
