package org.volsched.cli;

import java.io.PrintWriter;
import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.volsched.cli.scenario.DecisionJson;
import org.volsched.cli.scenario.Scenario;
import org.volsched.core.config.SchedulerConfig;
import org.volsched.spi.NoValidBackend;
import org.volsched.spi.model.DecisionTrace;
import org.volsched.spi.model.DecisionTrace.FilterStep;
import org.volsched.spi.model.DecisionTrace.Rejection;
import org.volsched.spi.model.DecisionTrace.WeigherStep;
import org.volsched.spi.model.Placement;
import org.volsched.spi.model.RetryState;
import org.volsched.spi.model.WeighedPool;
import org.volsched.python.Py;

/**
 * The readable form of {@code volsched explain}: the outcome first (and, when nothing could be
 * placed, which filter emptied the list and the most common rejection reasons), then the request,
 * every filter with the candidates it received and rejected and why, every weigher with each
 * candidate's raw, normalised and multiplied weight, and the final ranking.
 */
final class Explanation {
    /** Rejection-reason groups shown per filter in the failure summary. */
    static final int TOP_REASONS = 3;
    /** Example pools shown per reason group. */
    static final int EXAMPLES = 3;

    /** A number standing alone (not part of a name such as {@code az-2} or {@code stor-01@lvm}). */
    private static final Pattern NUMBER =
            Pattern.compile("(?<![\\w.@#-])-?\\d+(\\.\\d+)?([eE][-+]?\\d+)?(?![\\w.@#-])");

    /** Marks a number that varies within a reason group while its reason is built. */
    private static final String VARYING = "\u0000";
    /** A parenthesis without nested ones. */
    private static final Pattern DETAILS = Pattern.compile("\\([^()]*\\)");

    private final Scenario scenario;
    private final String source;
    private final SchedulerConfig config;
    private final DecisionTrace trace;
    private final boolean hostDriver;

    /**
     * @param source the scenario as named to the user (a file, {@code <stdin>}, a bundled example)
     * @param config the configuration it ran with, or {@code null} when it could not be built
     */
    Explanation(Scenario scenario, String source, SchedulerConfig config, DecisionTrace trace, boolean hostDriver) {
        this.scenario = scenario;
        this.source = source;
        this.config = config;
        this.trace = trace;
        this.hostDriver = hostDriver;
    }

    /** Prints the whole explanation. */
    void print(PrintWriter out) {
        out.println("Scenario " + scenario.name() + " (" + source + ")");
        out.println("  request:    " + requestSummary(scenario));
        if (config != null) {
            out.println("  scheduler:  driver " + config.schedulerDriver() + ", filters "
                    + String.join(", ", config.filters()) + "; weighers " + String.join(", ", config.weighers())
                    + " (" + config.getString("scheduler_weight_handler") + ")");
        }
        List<String> candidates = trace.candidates();
        out.println("  candidates: " + (candidates == null ? "not built (the request failed before the filters)"
                : candidates.size() + (hostDriver ? " hosts" : " pools")));
        if (trace.retryState() != null) {
            out.println("  retry:      " + retrySummary(trace.retryState()));
        } else if (trace.retry() != null) {
            out.println("  retry:      " + trace.retry());
        }
        out.println();
        printOutcome(out);
        if (hostDriver) {
            printHostDriver(out);
        } else {
            printFilters(out);
            printWeighers(out);
            printRanking(out);
        }
        if (!trace.notes().isEmpty()) {
            out.println();
            out.println("Notes");
            trace.notes().forEach(n -> out.println("  - " + n));
        }
    }

    /** The outcome, and for a failure the filter that emptied the list and the commonest reasons. */
    void printOutcome(PrintWriter out) {
        Placement selected = trace.selected();
        RuntimeException failure = trace.failure();
        if (selected != null && failure == null) {
            int passed = trace.filtered() == null ? 0 : trace.filtered().size();
            out.println("Outcome: selected " + selected.backend()
                    + (selected.weight() == null ? "" : " (weight " + number(selected.weight()) + ")")
                    + (hostDriver || candidates() == 0 ? "" : "; " + passed + " of " + candidates()
                    + " candidates passed the filters"));
            return;
        }
        out.println("Outcome: " + (failure == null ? "nothing selected"
                : DecisionJson.errorType(failure) + ": " + failure.getMessage()));
        if (failure != null && !(failure instanceof NoValidBackend)) {
            return;
        }
        FilterStep emptied = emptyingFilter();
        if (candidates() == 0 && trace.candidates() != null) {
            out.println("Why: there was no candidate at all: no backend is up, enabled and has reported its "
                    + "capabilities.");
        } else if (emptied != null) {
            out.println("Why: " + emptied.filter() + " emptied the list: it received " + emptied.received()
                    + (emptied.received() == 1 ? " candidate" : " candidates") + " and rejected "
                    + (emptied.received() == 1 ? "it." : "all of them."));
        } else if (trace.filtered() != null && !trace.filtered().isEmpty()) {
            out.println("Why: " + trace.filtered().size() + " candidates passed the filters, but none could be "
                    + "selected (see the reason above).");
        }
        List<FilterStep> rejecting = trace.filterSteps().stream().filter(s -> !s.rejected().isEmpty()).toList();
        if (!rejecting.isEmpty()) {
            out.println("Most common rejection reasons:");
            for (FilterStep step : rejecting) {
                out.println("  " + step.filter() + " rejected " + step.rejected().size() + " of " + step.received()
                        + (step == emptied ? " (emptied the list)" : ""));
                List<ReasonGroup> groups = group(step.rejected());
                for (int i = 0; i < Math.min(TOP_REASONS, groups.size()); i++) {
                    ReasonGroup g = groups.get(i);
                    out.println("    " + g.pools().size() + (g.pools().size() == 1 ? " pool: " : " pools: ") + g.reason());
                    out.println("        e.g. " + examples(g.pools()));
                }
                if (groups.size() > TOP_REASONS) {
                    int rest = groups.subList(TOP_REASONS, groups.size()).stream()
                            .mapToInt(g -> g.pools().size()).sum();
                    out.println("    ... and " + rest + " more with " + (groups.size() - TOP_REASONS)
                            + " other reasons");
                }
            }
        }
    }

    private int candidates() {
        return trace.candidates() == null ? 0 : trace.candidates().size();
    }

    /** The first filter that received candidates and rejected every one of them. */
    FilterStep emptyingFilter() {
        for (FilterStep step : trace.filterSteps()) {
            if (step.received() > 0 && step.rejected().size() == step.received()) {
                return step;
            }
        }
        return null;
    }

    /**
     * Rejections grouped by reason with the numbers blanked out, largest group first. A group's
     * reason quotes a number only when every pool of the group has it; a number that differs
     * within the group is shown as its range ({@code has 100 to 900 GB free ...}); a parenthesis in
     * which several numbers vary becomes {@code (...)} when the rest of the reason has a range (the
     * per-filter listing and {@code --json} keep each pool's exact reason).
     */
    static List<ReasonGroup> group(List<Rejection> rejections) {
        Map<String, List<Rejection>> groups = new LinkedHashMap<>();
        for (Rejection r : rejections) {
            String key = NUMBER.matcher(r.reason()).replaceAll("#");
            groups.computeIfAbsent(key, k -> new ArrayList<>()).add(r);
        }
        List<ReasonGroup> sorted = new ArrayList<>();
        for (List<Rejection> members : groups.values()) {
            sorted.add(new ReasonGroup(groupReason(members), members.stream().map(Rejection::backend).toList()));
        }
        sorted.sort((a, b) -> Integer.compare(b.pools().size(), a.pools().size()));
        return sorted;
    }

    /** The reason of rejections that differ only in their numbers: each number, or its range in the group. */
    private static String groupReason(List<Rejection> members) {
        List<List<Double>> slots = new ArrayList<>();
        for (Rejection r : members) {
            Matcher m = NUMBER.matcher(r.reason());
            for (int i = 0; m.find(); i++) {
                if (slots.size() <= i) {
                    slots.add(new ArrayList<>());
                }
                slots.get(i).add(Double.parseDouble(m.group()));
            }
        }
        Matcher m = NUMBER.matcher(members.get(0).reason());
        StringBuilder sb = new StringBuilder();
        for (int i = 0; m.find(); i++) {
            List<Double> values = slots.get(i);
            double min = values.stream().mapToDouble(Double::doubleValue).min().orElseThrow();
            double max = values.stream().mapToDouble(Double::doubleValue).max().orElseThrow();
            String shown = number(min).equals(number(max)) ? number(min)
                    : VARYING + number(min) + " to " + number(max);
            m.appendReplacement(sb, Matcher.quoteReplacement(shown));
        }
        m.appendTail(sb);
        String reason = sb.toString();
        // A parenthesis of details in which several numbers vary is a list of ranges that no longer
        // says which goes with which: leave it to the per-pool listing when the rest still has a range.
        StringBuilder out = new StringBuilder();
        Matcher details = DETAILS.matcher(reason);
        while (details.find()) {
            int inside = count(details.group());
            int outside = count(reason) - inside;
            details.appendReplacement(out, Matcher.quoteReplacement(inside >= 2 && outside >= 1 ? "(...)"
                    : details.group()));
        }
        details.appendTail(out);
        return out.toString().replace(VARYING, "");
    }

    private static int count(String text) {
        return text.split(VARYING, -1).length - 1;
    }

    /** A reason for people: every number in it rounded as {@link #number(double)} does. */
    static String readable(String reason) {
        return NUMBER.matcher(reason).replaceAll(r -> Matcher.quoteReplacement(number(Double.parseDouble(r.group()))));
    }

    /**
     * Rejections that share a reason (numbers aside).
     *
     * @param reason what the pools share: their reason with each number rounded, or its range in the group
     */
    record ReasonGroup(String reason, List<String> pools) {
    }

    private static String examples(List<String> pools) {
        List<String> shown = pools.subList(0, Math.min(EXAMPLES, pools.size()));
        String more = pools.size() > EXAMPLES ? " (+" + (pools.size() - EXAMPLES) + " more)" : "";
        return String.join(", ", shown) + more;
    }

    private void printHostDriver(PrintWriter out) {
        out.println();
        List<String> hosts = trace.candidates();
        out.println("The " + (config == null ? "" : config.schedulerDriver() + " ")
                + "driver runs no filters or weighers: it picks at random among the hosts that are up and "
                + "enabled and not ignored:");
        if (hosts == null || hosts.isEmpty()) {
            out.println("  (none)");
        } else {
            hosts.forEach(h -> out.println("  " + h));
        }
    }

    private void printFilters(PrintWriter out) {
        List<FilterStep> steps = trace.filterSteps();
        out.println();
        out.println("Filters");
        if (steps.isEmpty()) {
            out.println("  (no filter ran)");
            return;
        }
        TextTable table = TextTable.of("#", "FILTER", "RECEIVED", "REJECTED", "PASSED").right(0, 2, 3, 4);
        int i = 1;
        for (FilterStep step : steps) {
            table.row(i++, step.filter(), step.received(), step.rejected().size(),
                    step.received() - step.rejected().size());
        }
        table.print(out, "  ");
        for (FilterStep step : steps) {
            if (step.rejected().isEmpty()) {
                continue;
            }
            out.println();
            out.println(step.filter() + " rejected " + step.rejected().size() + ":");
            TextTable rejected = TextTable.of("BACKEND", "REASON");
            step.rejected().forEach(r -> rejected.row(r.backend(), readable(r.reason())));
            rejected.print(out, "  ");
        }
    }

    private void printWeighers(PrintWriter out) {
        List<WeigherStep> steps = trace.weigherSteps();
        if (steps.isEmpty()) {
            return;
        }
        out.println();
        out.println("Weighers (final weight = sum of multiplier x normalised weight)");
        for (WeigherStep step : steps) {
            out.println("  " + step.weigher() + ": multiplier " + number(step.multiplier()) + ", raw weights from "
                    + number(step.minval()) + " to " + number(step.maxval()));
            TextTable table = TextTable.of("BACKEND", "RAW", "NORMALISED", "WEIGHTED").right(1, 2, 3);
            step.weights().forEach(w -> table.row(w.backend(), number(w.raw()), number(w.normalised()),
                    number(w.weighted())));
            table.print(out, "    ");
        }
    }

    private void printRanking(PrintWriter out) {
        List<WeighedPool> weighed = trace.weighed();
        if (weighed == null || weighed.isEmpty()) {
            return;
        }
        out.println();
        out.println("Ranking");
        Placement selected = trace.selected();
        TextTable table = TextTable.of("RANK", "BACKEND", "WEIGHT", "").right(0, 2);
        int rank = 1;
        for (WeighedPool w : weighed) {
            boolean chosen = selected != null && selected.backend().equals(w.backendId());
            table.row(rank++, w.backendId(), number(w.weight()), chosen ? "<- selected" : "");
        }
        table.print(out, "  ");
    }

    /** {@code attempt 1, no backend tried yet}, {@code attempt 3, already tried a, b}. */
    static String retrySummary(RetryState retry) {
        StringBuilder sb = new StringBuilder(retry.numAttempts() == null ? "attempt count unknown"
                : "attempt " + retry.numAttempts());
        List<String> tried = retry.attempted();
        sb.append(tried.isEmpty() ? ", no backend tried yet" : ", already tried " + String.join(", ", tried));
        if (retry.backends() != null && retry.hosts() != null && !retry.hosts().equals(retry.backends())) {
            sb.append(" (hosts: ").append(retry.hosts().isEmpty() ? "none" : String.join(", ", retry.hosts()))
                    .append(')');
        }
        return sb.toString();
    }

    /** {@code 100 GB, volume type 'gold' {…}, zone 'az-1'}. */
    @SuppressWarnings("unchecked")
    static String requestSummary(Scenario scenario) {
        Scenario.Request r = scenario.request();
        Map<String, Object> props;
        Object type;
        if (r.requestSpec() != null) {
            props = r.requestSpec().get("volume_properties") instanceof Map<?, ?> m ? (Map<String, Object>) m : Map.of();
            type = r.requestSpec().get("volume_type");
        } else {
            props = r.volume() == null ? Map.of() : r.volume();
            type = props.get("volume_type");
        }
        StringBuilder sb = new StringBuilder();
        Object size = props.get("size");
        sb.append(size == null ? "size unknown" : Py.str(size) + " GB");
        if (type instanceof Map<?, ?> t) {
            Object name = t.get("name") != null ? t.get("name") : t.get("id");
            sb.append(", volume type ").append(name == null ? "(unnamed)" : Py.repr(name));
            if (t.get("extra_specs") instanceof Map<?, ?> specs && !specs.isEmpty()) {
                sb.append(' ').append(Py.repr(specs));
            }
        } else {
            sb.append(", no volume type");
        }
        Object zone = props.get("availability_zone");
        sb.append(zone == null ? ", any zone" : ", zone " + Py.repr(zone));
        return sb.toString();
    }

    /**
     * A number for people: two decimals, no trailing zeros ({@code 32.45}, {@code 100}); a non-zero
     * value that would round to 0 keeps two significant digits ({@code 0.0042}); JSON's names for
     * non-finite values. {@code --json} keeps the exact numbers.
     */
    static String number(double d) {
        if (Double.isNaN(d) || Double.isInfinite(d)) {
            return DecisionJson.number(d).asText();
        }
        BigDecimal exact = BigDecimal.valueOf(d);
        BigDecimal b = exact.setScale(2, RoundingMode.HALF_EVEN);
        if (b.signum() == 0 && exact.signum() != 0) {
            b = exact.round(new MathContext(2, RoundingMode.HALF_EVEN));
        }
        b = b.stripTrailingZeros();
        if (b.signum() == 0) {
            return "0";
        }
        return b.scale() < 0 ? b.setScale(0, RoundingMode.UNNECESSARY).toPlainString() : b.toPlainString();
    }
}
