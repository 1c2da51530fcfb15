package org.volsched.cli.scenario;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import org.volsched.spi.SchedulerException;
import org.volsched.spi.model.DecisionTrace;
import org.volsched.spi.model.Placement;
import org.volsched.spi.model.PoolState;
import org.volsched.spi.model.WeighedPool;
import org.volsched.python.PyException;

/** The decision document of {@code scenario-format.md}, from a decision trace. */
public final class DecisionJson {
    static final ObjectMapper MAPPER = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    private static final JsonNodeFactory F = JsonNodeFactory.instance;

    private DecisionJson() {
    }

    public static ObjectMapper mapper() {
        return MAPPER;
    }

    /**
     * @param hostDriver true for drivers that choose hosts, not pools (the chance driver): their
     *     {@code filtered} is the list of hosts they chose from, and {@code weighed} is null
     */
    public static ObjectNode decision(DecisionTrace trace, boolean hostDriver, boolean explain) {
        ObjectNode out = F.objectNode();
        Placement selected = trace.selected();
        if (selected == null) {
            out.putNull("selected");
        } else {
            ObjectNode s = out.putObject("selected");
            s.put("backend", selected.backend());
            if (selected.weight() == null) {
                s.putNull("weight");
            } else {
                s.set("weight", number(selected.weight()));
            }
        }
        if (hostDriver) {
            List<String> hosts = trace.candidates();
            if (hosts == null) {
                out.putNull("filtered");
            } else {
                ArrayNode a = out.putArray("filtered");
                hosts.forEach(a::add);
            }
            out.putNull("weighed");
        } else {
            List<PoolState> filtered = trace.filtered();
            if (filtered == null) {
                out.putNull("filtered");
            } else {
                ArrayNode a = out.putArray("filtered");
                filtered.forEach(p -> a.add(p.backendId()));
            }
            List<WeighedPool> weighed = trace.weighed();
            if (weighed == null) {
                out.putNull("weighed");
            } else {
                ArrayNode a = out.putArray("weighed");
                for (WeighedPool w : weighed) {
                    ObjectNode o = a.addObject();
                    o.put("backend", w.backendId());
                    o.set("weight", number(w.weight()));
                }
            }
        }
        RuntimeException failure = trace.failure();
        if (failure == null) {
            out.putNull("error");
        } else {
            ObjectNode e = out.putObject("error");
            e.put("type", errorType(failure));
            e.put("reason", failure.getMessage());
        }
        if (explain) {
            out.set("trace", TraceJson.trace(trace));
        }
        return out;
    }

    /** The Cinder class name of a failure. */
    public static String errorType(RuntimeException failure) {
        if (failure instanceof SchedulerException se) {
            return se.type();
        }
        if (failure instanceof PyException pe) {
            return pe.pythonType();
        }
        return failure.getClass().getSimpleName();
    }

    /** A number, or the strings {@code Infinity}, {@code -Infinity}, {@code NaN} JSON cannot hold. */
    public static JsonNode number(double d) {
        if (Double.isNaN(d)) {
            return F.textNode("NaN");
        }
        if (Double.isInfinite(d)) {
            return F.textNode(d > 0 ? "Infinity" : "-Infinity");
        }
        return F.numberNode(d);
    }
}
