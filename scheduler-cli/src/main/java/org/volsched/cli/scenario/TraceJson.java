package org.volsched.cli.scenario;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.volsched.spi.model.DecisionTrace;
import org.volsched.spi.model.RetryState;

/** The {@code trace} object of {@code volsched explain --json}. */
final class TraceJson {
    private static final JsonNodeFactory F = JsonNodeFactory.instance;

    private TraceJson() {
    }

    static ObjectNode trace(DecisionTrace trace) {
        ObjectNode t = F.objectNode();
        t.put("candidates_built", trace.candidates() == null ? 0 : trace.candidates().size());
        RetryState retry = trace.retryState();
        if (retry != null) {
            ObjectNode r = t.putObject("retry");
            if (retry.numAttempts() == null) {
                r.putNull("num_attempts");
            } else {
                r.put("num_attempts", retry.numAttempts());
            }
            if (retry.backends() != null) {
                retry.backends().forEach(r.putArray("backends")::add);
            }
            if (retry.hosts() != null) {
                retry.hosts().forEach(r.putArray("hosts")::add);
            }
        } else if (trace.retry() != null) {
            t.put("retry", trace.retry());
        } else {
            t.putNull("retry");
        }
        ArrayNode filters = t.putArray("filters");
        for (DecisionTrace.FilterStep step : trace.filterSteps()) {
            ObjectNode f = filters.addObject();
            f.put("name", step.filter());
            f.put("received", step.received());
            ArrayNode rejected = f.putArray("rejected");
            for (DecisionTrace.Rejection r : step.rejected()) {
                rejected.addObject().put("backend", r.backend()).put("reason", r.reason());
            }
        }
        ArrayNode weighers = t.putArray("weighers");
        for (DecisionTrace.WeigherStep step : trace.weigherSteps()) {
            ObjectNode w = weighers.addObject();
            w.put("name", step.weigher());
            w.set("multiplier", DecisionJson.number(step.multiplier()));
            w.set("minval", DecisionJson.number(step.minval()));
            w.set("maxval", DecisionJson.number(step.maxval()));
            ArrayNode weights = w.putArray("weights");
            for (DecisionTrace.Weight weight : step.weights()) {
                ObjectNode o = weights.addObject();
                o.put("backend", weight.backend());
                o.set("raw", DecisionJson.number(weight.raw()));
                o.set("normalised", DecisionJson.number(weight.normalised()));
                o.set("weighted", DecisionJson.number(weight.weighted()));
            }
        }
        ArrayNode notes = t.putArray("notes");
        trace.notes().forEach(notes::add);
        return t;
    }
}
