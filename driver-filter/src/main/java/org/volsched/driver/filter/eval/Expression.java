package org.volsched.driver.filter.eval;

import java.util.List;
import java.util.Objects;

import org.volsched.python.PyException;

/**
 * A parsed Cinder filter or goodness function (section 12 of the semantics document, rules
 * EV1-EV14), ready to be evaluated against many candidates.
 *
 * <p>{@link #parse} reads the text once into a tree; literals are converted once (rule EV6), so
 * {@link #evaluate} neither re-reads the text nor uses regular expressions; it only looks up
 * variables, converts their values (EV6) and applies the operators with Python's semantics.
 * Instances are immutable and thread-safe. Use {@link ExpressionCache} to parse each distinct
 * text only once.
 *
 * <p>Every Cinder quirk is reproduced, including the ones a function author rarely intends: no
 * boolean literals (a bare word is a string), float variables truncated to int, {@code NOT}
 * binding tighter than comparisons, word operators after an identifier read as function calls,
 * only the first two operands of an AND/OR chain and the first {@code c ? a : b} of a chain
 * evaluated. {@link #warnings()} lists the ones found in the text.
 *
 * <p>volsched bounds the work an expression can cause, which Cinder does not; going beyond a
 * bound is an {@link EvaluatorException.Kind#LIMIT} failure:
 * <ul>
 *   <li>{@link #MAX_LENGTH}: characters of text;</li>
 *   <li>{@link #MAX_DEPTH}: nesting (Cinder itself stops with a Python {@code RecursionError}
 *       after a handful of nested parentheses);</li>
 *   <li>{@link #MAX_NUMBER_DIGITS}: digits of a numeric literal;</li>
 *   <li>{@link #MAX_SEQUENCE_LENGTH}: elements of a string or list built by {@code +},
 *       {@code *} or {@code ,};</li>
 *   <li>{@link #MAX_INTEGER_BITS}: bits of an integer result of {@code +}, {@code -},
 *       {@code *} or {@code ^}.</li>
 * </ul>
 */
public final class Expression {
    /** Longest accepted text, in characters (after tab expansion, see {@link #parse}). */
    public static final int MAX_LENGTH = 65_536;

    /**
     * Deepest accepted nesting. Each parenthesis, prefix operator ({@code +}, {@code -},
     * {@code NOT}, function application) and each link of a right-associative chain ({@code ^},
     * {@code ,}) opens one level; left-associative chains ({@code a + b + c}) do not. Parsing
     * and evaluating at this depth needs well under 512 KB of thread stack (the JVM's default is
     * 1 MB).
     */
    public static final int MAX_DEPTH = 100;

    /**
     * Longest numeric literal, in characters. Equal to Python 3.11's limit on {@code int()} of a
     * string; a longer literal is rejected instead of being read as a float as Cinder would.
     */
    public static final int MAX_NUMBER_DIGITS = 4_300;

    /** Longest string or list an evaluation may build. */
    public static final int MAX_SEQUENCE_LENGTH = 1 << 20;

    /** Largest integer (in bits, about 19,700 decimal digits) an evaluation may compute. */
    public static final int MAX_INTEGER_BITS = 1 << 16;

    private final String text;
    private final Node root;
    private final List<String> warnings;
    private final CompiledExpression compiled;

    private Expression(String text, Node root, List<String> warnings) {
        this.text = text;
        this.root = root;
        this.warnings = warnings;
        this.compiled = CompiledExpression.compile(this, root);
    }

    /**
     * Parses {@code text}. Like pyparsing, the parser first expands tabs to spaces (tab stops every
     * 8 columns): this only shows inside quoted literals and in the positions of messages.
     *
     * @throws EvaluatorException of kind {@link EvaluatorException.Kind#PARSE} with a message
     *     starting {@code ParseException:} when the text is empty or does not follow the grammar
     *     (rule EV5); of kind {@link EvaluatorException.Kind#LIMIT} when it exceeds
     *     {@link #MAX_LENGTH}, {@link #MAX_DEPTH} or {@link #MAX_NUMBER_DIGITS}
     */
    public static Expression parse(String text) throws EvaluatorException {
        Objects.requireNonNull(text, "text");
        if (text.length() > MAX_LENGTH) {
            throw EvaluatorException.limit("expression longer than " + MAX_LENGTH + " characters", MAX_LENGTH);
        }
        String source = expandTabs(text);
        if (source.length() > MAX_LENGTH) {
            throw EvaluatorException.limit("expression longer than " + MAX_LENGTH + " characters once tabs are expanded",
                    MAX_LENGTH);
        }
        Parser.Result result = Parser.parse(source);
        return new Expression(text, result.root(), ExpressionWarnings.format(source, result.warnings()));
    }

    /**
     * Python's {@code str.expandtabs()} (tab stops every 8 columns, columns counted from the last
     * line break), which pyparsing applies to the text before parsing it: a tab inside a quoted
     * literal becomes spaces, and positions in messages refer to the expanded text.
     */
    static String expandTabs(String text) {
        if (text.indexOf('\t') < 0) {
            return text;
        }
        StringBuilder sb = new StringBuilder(text.length() + 16);
        int column = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '\t') {
                int spaces = 8 - column % 8;
                sb.append(" ".repeat(spaces));
                column += spaces;
            } else {
                sb.append(c);
                column = c == '\n' || c == '\r' ? 0 : column + 1;
            }
        }
        return sb.toString();
    }

    /**
     * Evaluates the expression against {@code namespaces}.
     *
     * @return a {@link Long} (or {@link java.math.BigInteger} beyond 64 bits) for a Python int,
     *     a {@link Double}, a {@link Boolean}, a {@link String}, or a new mutable {@link List}
     *     (rule EV13)
     * @throws EvaluatorException of kind {@link EvaluatorException.Kind#EVALUATION} for
     *     everything Cinder raises (see {@link EvaluatorException} for the messages), of kind
     *     {@link EvaluatorException.Kind#LIMIT} or {@link EvaluatorException.Kind#UNSUPPORTED}
     *     for values volsched does not build
     */
    public Object evaluate(Namespaces namespaces) throws EvaluatorException {
        Objects.requireNonNull(namespaces, "namespaces");
        try {
            return root.eval(namespaces);
        } catch (PyException e) {
            throw EvaluatorException.python(e);
        }
    }

    /**
     * This expression compiled to primitive doubles, with its variables numbered (see
     * {@link CompiledExpression}); compiled once, when the text is parsed.
     */
    public CompiledExpression compiled() {
        return compiled;
    }

    /** The text this expression was parsed from. */
    public String text() {
        return text;
    }

    /**
     * Human-readable notes on the Cinder quirks this text runs into, each saying what Cinder does
     * (see {@link ExpressionWarnings}); empty for most texts.
     */
    public List<String> warnings() {
        return warnings;
    }

    @Override
    public String toString() {
        return text;
    }
}
