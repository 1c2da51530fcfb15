package org.volsched.spi.model;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * What one decision did, step by step: which candidates each filter received and rejected and
 * why, each weigher's raw and normalised weights, the final ranking and the choice.
 *
 * <p>The outcome fields ({@link #filtered()}, {@link #weighed()}, {@link #selected()}) are always
 * recorded. Per-filter and per-weigher detail costs time and is recorded only when the trace was
 * created {@link #detailed()}, for {@code volsched explain}.
 */
public final class DecisionTrace {
    private final boolean detailed;
    private List<String> candidates;
    private List<PoolState> filtered;
    private List<WeighedPool> weighed;
    private Placement selected;
    private String retry;
    private RetryState retryState;
    private RuntimeException failure;
    private final List<FilterStep> filterSteps = new ArrayList<>();
    private final List<WeigherStep> weigherSteps = new ArrayList<>();
    private final List<String> notes = new ArrayList<>();

    private DecisionTrace(boolean detailed) {
        this.detailed = detailed;
    }

    /** A trace that records the outcome only. */
    public static DecisionTrace outcomeOnly() {
        return new DecisionTrace(false);
    }

    /** A trace that records every filter and weigher step as well. */
    public static DecisionTrace detailed() {
        return new DecisionTrace(true);
    }

    public boolean isDetailed() {
        return detailed;
    }

    /** The candidates the driver started from (names); {@code null} until known. */
    public List<String> candidates() {
        return candidates;
    }

    public void setCandidates(List<String> candidates) {
        this.candidates = candidates;
    }

    /** Candidates that passed every filter, in input order; {@code null} if filtering did not finish. */
    public List<PoolState> filtered() {
        return filtered;
    }

    public void setFiltered(List<PoolState> filtered) {
        this.filtered = filtered;
    }

    /** The weighed candidates, best first; {@code null} if weighing did not finish. */
    public List<WeighedPool> weighed() {
        return weighed;
    }

    public void setWeighed(List<WeighedPool> weighed) {
        this.weighed = weighed;
    }

    public Placement selected() {
        return selected;
    }

    public void setSelected(Placement selected) {
        this.selected = selected;
    }

    /** The retry state as the filters saw it, rendered; {@code null} when retries are off. */
    public String retry() {
        return retry;
    }

    public void setRetry(String retry) {
        this.retry = retry;
    }

    /**
     * The retry state as the filters saw it (a copy, so later attempts recorded on the request do
     * not change it); {@code null} when retries are off or it was only recorded as text.
     */
    public RetryState retryState() {
        return retryState;
    }

    /** Records a copy of the retry state as the filters see it, and its rendering as {@link #retry()}. */
    public void setRetry(RetryState retry) {
        this.retryState = retry == null ? null : retry.copy();
        this.retry = retry == null ? null : retry.toString();
    }

    /** The failure that ended the decision, or {@code null}; recorded even when the flow swallows it. */
    public RuntimeException failure() {
        return failure;
    }

    public void setFailure(RuntimeException failure) {
        this.failure = failure;
    }

    public List<FilterStep> filterSteps() {
        return Collections.unmodifiableList(filterSteps);
    }

    public void addFilterStep(FilterStep step) {
        filterSteps.add(step);
    }

    public List<WeigherStep> weigherSteps() {
        return Collections.unmodifiableList(weigherSteps);
    }

    public void addWeigherStep(WeigherStep step) {
        weigherSteps.add(step);
    }

    /** Remarks worth an operator's attention (a value Cinder would have crashed on, a pruning). */
    public List<String> notes() {
        return Collections.unmodifiableList(notes);
    }

    public void addNote(String note) {
        notes.add(note);
    }

    /** One filter's work: how many it received and which it rejected, with reasons. */
    public record FilterStep(String filter, int received, List<Rejection> rejected) {
        public FilterStep {
            rejected = List.copyOf(rejected);
        }
    }

    /** A rejected candidate and why. */
    public record Rejection(String backend, String reason) {
    }

    /** One weigher's work. */
    public record WeigherStep(String weigher, double multiplier, double minval, double maxval,
                              List<Weight> weights) {
        public WeigherStep {
            weights = List.copyOf(weights);
        }
    }

    /** One candidate's weight from one weigher: raw, normalised, and multiplied. */
    public record Weight(String backend, double raw, double normalised, double weighted) {
    }
}
