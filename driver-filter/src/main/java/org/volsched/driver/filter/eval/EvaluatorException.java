package org.volsched.driver.filter.eval;

import org.volsched.python.PyException;

/**
 * Why an expression could not be parsed or evaluated.
 *
 * <p>The exception is checked so that every caller decides what a failure means for it: the
 * DriverFilter fails the candidate (rule DF4), the GoodnessWeigher rates it 0 (rule W13),
 * {@code volsched validate} reports it.
 *
 * <p>The {@linkplain #getMessage() message} is the text Cinder would show:
 * <ul>
 *   <li>for the failures Cinder wraps in {@code EvaluatorParseException} ({@link #pythonType()}
 *       is {@value #EVALUATOR_PARSE_EXCEPTION}): {@code ParseException: …},
 *       {@code KeyError evaluating string}, {@code TypeError evaluating string} or
 *       {@code ZeroDivisionError: float division by zero};</li>
 *   <li>for the Python errors Cinder lets escape unwrapped (a {@code TypeError} from
 *       {@code 'a' + 1}, the {@code KeyError} of an unknown function, …): the Python type, a
 *       colon and Python's message, for example {@code KeyError: 'and'};</li>
 *   <li>for the resource limits volsched adds (kind {@link Kind#LIMIT}) and the results it cannot
 *       represent (kind {@link Kind#UNSUPPORTED}): a plain description.</li>
 * </ul>
 *
 * <p>Instances carry no stack trace and are immutable, so {@link ExpressionCache} can rethrow the
 * same instance for every use of a text that failed to parse.
 */
public final class EvaluatorException extends Exception {
    private static final long serialVersionUID = 1L;

    /** {@link #pythonType()} of the failures Cinder reports as {@code EvaluatorParseException}. */
    public static final String EVALUATOR_PARSE_EXCEPTION = "EvaluatorParseException";

    /** {@link #pythonType()} of {@link Kind#LIMIT} and {@link Kind#UNSUPPORTED} failures. */
    public static final String NOT_A_PYTHON_ERROR = "volsched";

    /** What kind of failure this is. */
    public enum Kind {
        /** The text is empty or does not follow the grammar (rule EV5). */
        PARSE,
        /** Evaluation raised, as it would in Cinder. */
        EVALUATION,
        /**
         * The text or a value built while evaluating it exceeds one of the bounds documented on
         * {@link Expression}. Cinder has no such bounds (it overflows the Python stack on deep
         * nesting, and would otherwise just work for a long time).
         */
        LIMIT,
        /** Cinder would produce a value volsched cannot represent (a complex number). */
        UNSUPPORTED
    }

    private final Kind kind;
    private final String pythonType;
    private final int position;

    private EvaluatorException(Kind kind, String pythonType, String message, int position) {
        super(message, null, false, false);
        this.kind = kind;
        this.pythonType = pythonType;
        this.position = position;
    }

    /** A parse failure at {@code position}; {@code detail} is prefixed with {@code ParseException: }. */
    static EvaluatorException parse(String detail, int position) {
        return new EvaluatorException(Kind.PARSE, EVALUATOR_PARSE_EXCEPTION, "ParseException: " + detail, position);
    }

    /** An evaluation failure Cinder wraps in {@code EvaluatorParseException} with {@code reason}. */
    static EvaluatorException wrapped(String reason) {
        return new EvaluatorException(Kind.EVALUATION, EVALUATOR_PARSE_EXCEPTION, reason, -1);
    }

    /** A Python error that escapes Cinder's evaluator unwrapped. */
    static EvaluatorException python(String pythonType, String message) {
        return new EvaluatorException(Kind.EVALUATION, pythonType, pythonType + ": " + message, -1);
    }

    /** A Python error raised by {@link org.volsched.python.Py}. */
    static EvaluatorException python(PyException e) {
        return python(e.pythonType(), e.getMessage());
    }

    /** A volsched resource limit; {@code position} is -1 when the limit is not tied to the text. */
    static EvaluatorException limit(String message, int position) {
        return new EvaluatorException(Kind.LIMIT, NOT_A_PYTHON_ERROR, message, position);
    }

    /** A result volsched cannot represent. */
    static EvaluatorException unsupported(String message) {
        return new EvaluatorException(Kind.UNSUPPORTED, NOT_A_PYTHON_ERROR, message, -1);
    }

    /** The kind of failure. */
    public Kind kind() {
        return kind;
    }

    /**
     * The exception class Cinder raises: {@value #EVALUATOR_PARSE_EXCEPTION} for parse failures
     * and the wrapped evaluation failures, the Python type ({@code TypeError}, {@code KeyError},
     * {@code ValueError}, {@code OverflowError}, {@code ZeroDivisionError}) for unwrapped ones,
     * and {@value #NOT_A_PYTHON_ERROR} for {@link Kind#LIMIT} and {@link Kind#UNSUPPORTED}.
     */
    public String pythonType() {
        return pythonType;
    }

    /** The 0-based character offset in the text the failure refers to, or -1 if none. */
    public int position() {
        return position;
    }
}
