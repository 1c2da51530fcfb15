package org.volsched.core.flow;

import java.util.List;

/**
 * One step of a {@link LinearFlow}, TaskFlow's {@code Task}: it declares the symbols it requires
 * and provides, the engine hands it its requirements in {@link Arguments}, and what it returns is
 * published for the tasks after it (rules TF3, TF4).
 *
 * <p>A task is a definition, not a run: one instance may serve many engines at once, so
 * implementations keep no per-run state and are thread-safe.
 */
public interface Task {
    /** A name unique within its flow; Cinder's tasks use {@code <module>.<ClassName>;<action>} (rule TF2). */
    String name();

    /** The symbols {@link #execute} reads, by the names the task uses for them (before rebinding). */
    List<Key<?>> requires();

    /** The symbols {@link #execute} publishes; every one of them must be in its {@link Results}. */
    List<Key<?>> provides();

    /**
     * Does the work.
     *
     * @param arguments every symbol of {@link #requires()}, resolved from the store and the results
     *     of earlier tasks
     * @return a value for every symbol of {@link #provides()} ({@link Results#none()} when it
     *     provides nothing)
     * @throws RuntimeException to fail the flow; the engine reverts and re-throws it as it is
     */
    Results execute(Arguments arguments);

    /**
     * Undoes the work after the flow failed (rule TF6). Called for every task that ran, the failed
     * one included, in reverse order. The default does nothing, as Cinder's scheduler tasks do.
     *
     * @param arguments the same arguments {@link #execute} received
     * @param result what {@link #execute} returned, or {@code null} for the task that failed
     * @param flowFailure the failure that stopped the flow
     */
    default void revert(Arguments arguments, Results result, Throwable flowFailure) {
    }
}
