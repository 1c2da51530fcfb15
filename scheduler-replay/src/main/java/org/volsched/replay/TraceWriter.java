package org.volsched.replay;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import java.io.Closeable;
import java.io.Flushable;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.math.BigInteger;
import java.util.List;
import java.util.Map;

/**
 * Writes a trace: the header line, then one event per line, in the order given (which must be time
 * order). The output of the same calls is the same bytes. Not thread-safe; {@link TraceRecorder}
 * serialises its callers.
 */
public final class TraceWriter implements Closeable, Flushable {
    private static final JsonFactory JSON = new JsonFactory();

    private final Writer out;
    private final JsonGenerator gen;
    private boolean headerWritten;

    public TraceWriter(Writer out) {
        this.out = out;
        try {
            this.gen = JSON.createGenerator(out);
            gen.setRootValueSeparator(null);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        gen.configure(JsonGenerator.Feature.AUTO_CLOSE_TARGET, false);
    }

    /** Writes the header line; at most once, before any event. */
    public void header(TraceHeader header) {
        if (headerWritten) {
            throw new IllegalStateException("the header is written once, first");
        }
        headerWritten = true;
        try {
            gen.writeStartObject();
            gen.writeNumberField("volsched_trace", TraceHeader.VERSION);
            if (!header.volumeTypes().isEmpty()) {
                gen.writeFieldName("volume_types");
                value(header.volumeTypes());
            }
            if (!header.meta().isEmpty()) {
                gen.writeFieldName("meta");
                value(header.meta());
            }
            endLine();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public void write(TraceEvent event) {
        headerWritten = true;
        try {
            gen.writeStartObject();
            gen.writeFieldName("t");
            gen.writeNumber(event.t());
            if (event instanceof TraceEvent.Report r) {
                gen.writeStringField("event", "report");
                gen.writeStringField("host", r.host());
                if (r.capabilities() != null) {
                    gen.writeFieldName("capabilities");
                    value(r.capabilities());
                }
            } else if (event instanceof TraceEvent.Service s) {
                gen.writeStringField("event", "service");
                gen.writeStringField("host", s.host());
                if (s.clusterName() != null) {
                    gen.writeStringField("cluster_name", s.clusterName());
                }
                if (s.zone() != null) {
                    gen.writeStringField("zone", s.zone());
                }
                bool("up", s.up());
                bool("disabled", s.disabled());
                bool("frozen", s.frozen());
            } else if (event instanceof TraceEvent.Create c) {
                gen.writeStringField("event", "create");
                gen.writeStringField("id", c.id());
                if (c.isShorthand()) {
                    gen.writeNumberField("size", c.size());
                    if (c.volumeType() != null) {
                        gen.writeStringField("volume_type", c.volumeType());
                    }
                    if (c.zone() != null) {
                        gen.writeStringField("zone", c.zone());
                    }
                } else {
                    field("request_spec", c.requestSpec());
                    field("filter_properties", c.filterProperties());
                    field("volume", c.volume());
                    field("volume_hosts", c.volumeHosts());
                    field("instance_hosts", c.instanceHosts());
                }
            } else if (event instanceof TraceEvent.Delete d) {
                gen.writeStringField("event", "delete");
                gen.writeStringField("id", d.id());
            }
            endLine();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void endLine() throws IOException {
        gen.writeEndObject();
        gen.flush();
        out.write('\n');
    }

    private void bool(String name, Boolean b) throws IOException {
        if (b != null) {
            gen.writeBooleanField(name, b);
        }
    }

    private void field(String name, Map<String, ?> m) throws IOException {
        if (m != null) {
            gen.writeFieldName(name);
            value(m);
        }
    }

    private void value(Object v) throws IOException {
        if (v == null) {
            gen.writeNull();
        } else if (v instanceof Map<?, ?> m) {
            gen.writeStartObject();
            for (Map.Entry<?, ?> e : m.entrySet()) {
                gen.writeFieldName(String.valueOf(e.getKey()));
                value(e.getValue());
            }
            gen.writeEndObject();
        } else if (v instanceof List<?> l) {
            gen.writeStartArray();
            for (Object o : l) {
                value(o);
            }
            gen.writeEndArray();
        } else if (v instanceof String s) {
            gen.writeString(s);
        } else if (v instanceof Boolean b) {
            gen.writeBoolean(b);
        } else if (v instanceof Long || v instanceof Integer || v instanceof Short || v instanceof Byte) {
            gen.writeNumber(((Number) v).longValue());
        } else if (v instanceof BigInteger b) {
            gen.writeNumber(b);
        } else if (v instanceof Double || v instanceof Float) {
            double d = ((Number) v).doubleValue();
            if (Double.isFinite(d)) {
                gen.writeNumber(d);
            } else {
                gen.writeString(Double.isNaN(d) ? "NaN" : d > 0 ? "Infinity" : "-Infinity");
            }
        } else if (v instanceof Number n) {
            gen.writeNumber(n.toString());
        } else {
            gen.writeString(String.valueOf(v));
        }
    }

    @Override
    public void flush() {
        try {
            out.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        try {
            gen.close();
            out.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
