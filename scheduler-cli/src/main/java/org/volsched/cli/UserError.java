package org.volsched.cli;

import java.util.List;

/**
 * An input the command cannot use (a missing file, an unreadable plug-in directory, a bad option
 * value): every problem, each naming the file or option and what was expected. The command line
 * prints each as one {@code volsched: …} line and exits with {@link Main#BAD_INPUT}; no stack trace
 * unless {@code --verbose}.
 */
final class UserError extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final List<String> problems;

    UserError(List<String> problems) {
        super(String.join("\n", problems));
        this.problems = List.copyOf(problems);
    }

    UserError(String problem) {
        this(List.of(problem));
    }

    UserError(String problem, Throwable cause) {
        super(problem, cause);
        this.problems = List.of(problem);
    }

    List<String> problems() {
        return problems;
    }
}
