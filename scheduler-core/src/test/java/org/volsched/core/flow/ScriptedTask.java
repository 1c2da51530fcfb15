package org.volsched.core.flow;

import java.util.List;
import java.util.Objects;
import java.util.function.Function;

/**
 * A task for engine tests: runs a given function and writes what it does ({@code execute X},
 * {@code revert X}) to a shared journal, so that tests can check order.
 */
final class ScriptedTask implements Task {
    private final String name;
    private final List<Key<?>> requires;
    private final List<Key<?>> provides;
    private final Function<Arguments, Results> body;
    private final RuntimeException revertFailure;
    private final List<String> journal;

    private ScriptedTask(String name, List<Key<?>> requires, List<Key<?>> provides,
                         Function<Arguments, Results> body, RuntimeException revertFailure, List<String> journal) {
        this.name = name;
        this.requires = List.copyOf(requires);
        this.provides = List.copyOf(provides);
        this.body = body;
        this.revertFailure = revertFailure;
        this.journal = Objects.requireNonNull(journal, "journal");
    }

    static ScriptedTask of(String name, List<Key<?>> requires, List<Key<?>> provides,
                           Function<Arguments, Results> body, List<String> journal) {
        return new ScriptedTask(name, requires, provides, body, null, journal);
    }

    /** A task that requires and provides nothing and does nothing. */
    static ScriptedTask noop(String name, List<String> journal) {
        return of(name, List.of(), List.of(), args -> Results.none(), journal);
    }

    /** A task that requires and provides nothing and throws {@code failure}. */
    static ScriptedTask failing(String name, RuntimeException failure, List<String> journal) {
        return of(name, List.of(), List.of(), args -> {
            throw failure;
        }, journal);
    }

    /** The same task, but its revert throws {@code failure}. */
    ScriptedTask revertFailingWith(RuntimeException failure) {
        return new ScriptedTask(name, requires, provides, body, failure, journal);
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public List<Key<?>> requires() {
        return requires;
    }

    @Override
    public List<Key<?>> provides() {
        return provides;
    }

    @Override
    public Results execute(Arguments arguments) {
        journal.add("execute " + name);
        return body.apply(arguments);
    }

    @Override
    public void revert(Arguments arguments, Results result, Throwable flowFailure) {
        journal.add("revert " + name + (result == null ? " (failed)" : ""));
        if (revertFailure != null) {
            throw revertFailure;
        }
    }
}
