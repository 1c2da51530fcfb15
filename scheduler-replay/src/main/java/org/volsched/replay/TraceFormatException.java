package org.volsched.replay;

/**
 * A trace line that cannot be read: names the trace, the line number and the field path, what was
 * expected and what was found ({@code trace.jsonl:12: size: expected a whole number of GB of at least
 * 0, found "big"}).
 */
public final class TraceFormatException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final String source;
    private final long line;
    private final String field;

    public TraceFormatException(String source, long line, String field, String problem) {
        super(source + ":" + line + ": " + (field == null || field.isEmpty() ? "" : field + ": ") + problem);
        this.source = source;
        this.line = line;
        this.field = field;
    }

    public String source() {
        return source;
    }

    /** 1-based line number. */
    public long line() {
        return line;
    }

    /** The field path ({@code capabilities.pools[0].total_capacity_gb}), empty for the whole line. */
    public String field() {
        return field;
    }
}
