package org.volsched.driver.filter.eval;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Static analysis of a filter or goodness function for the Cinder quirks that make a function
 * do something other than what it looks like (for {@code volsched validate}). Each warning is
 * {@code char N: …}, N being the 0-based offset in the text (with tabs expanded, as in parse
 * errors), and says what Cinder does:
 * <ul>
 *   <li>AND / OR chains of three or more operands: only the first two are evaluated (EV10);</li>
 *   <li>chained {@code ?:} without parentheses: {@code c1 ? a : c2 ? d : e} is
 *       {@code c1 ? a : c2} (EV10);</li>
 *   <li>a word operator after an identifier, or where an operand is expected: a function call
 *       that fails with KeyError (EV4); any other identifier applied as a function;</li>
 *   <li>a word mixing letters and digits, or a number with a leading or trailing dot or an
 *       exponent: split into several tokens (EV1, EV4);</li>
 *   <li>{@code not x == y}: {@code (not x) == y} (EV3);</li>
 *   <li>a word operator at the start of a longer word: {@code nothing} is {@code not hing};</li>
 *   <li>{@code True}, {@code False}, {@code None}: strings, not literals (EV6).</li>
 * </ul>
 */
public final class ExpressionWarnings {

    /** A warning at a text offset, as gathered by the parser. */
    record Warning(int position, String message) {
    }

    private ExpressionWarnings() {
    }

    /**
     * The warnings for {@code text}. When the text does not parse, only the warnings that do not
     * need a parse (words mixing letters and digits, misplaced dots) are returned; the parse
     * failure itself is reported by {@link Expression#parse}.
     */
    public static List<String> analyse(String text) {
        try {
            return Expression.parse(text).warnings();
        } catch (EvaluatorException e) {
            return format(Expression.expandTabs(text), List.of());
        }
    }

    /** Lexical warnings of {@code text} plus {@code structural} ones, sorted, as strings. */
    static List<String> format(String text, List<Warning> structural) {
        List<Warning> all = new ArrayList<>(structural);
        lexical(text, all);
        if (all.isEmpty()) {
            return List.of();
        }
        all.sort(Comparator.comparingInt(Warning::position));
        List<String> out = new ArrayList<>(all.size());
        for (Warning w : all) {
            String line = "char " + w.position() + ": " + w.message();
            if (!out.contains(line)) {
                out.add(line);
            }
        }
        return List.copyOf(out);
    }

    /** Finds runs of letters, digits, {@code _} and {@code .} that Cinder splits into several tokens. */
    private static void lexical(String s, List<Warning> out) {
        int n = s.length();
        int i = 0;
        while (i < n) {
            char c = s.charAt(i);
            if (c == '\'' || c == '"') {
                int end = Parser.quotedEnd(s, i);
                i = end < 0 ? i + 1 : end;
                continue;
            }
            if (!Parser.isIdentifierChar(c) && !Parser.isDigit(c)) {
                i++;
                continue;
            }
            int start = i;
            List<String> pieces = new ArrayList<>();
            boolean hasWord = false;
            while (i < n && (Parser.isIdentifierChar(s.charAt(i)) || Parser.isDigit(s.charAt(i)))) {
                int p = i;
                if (Parser.isDigit(s.charAt(i))) {
                    while (i < n && Parser.isDigit(s.charAt(i))) {
                        i++;
                    }
                    if (i + 1 < n && s.charAt(i) == '.' && Parser.isDigit(s.charAt(i + 1))) {
                        i += 2;
                        while (i < n && Parser.isDigit(s.charAt(i))) {
                            i++;
                        }
                    }
                } else {
                    while (i < n && Parser.isIdentifierChar(s.charAt(i))) {
                        i++;
                    }
                    hasWord = true;
                }
                pieces.add(s.substring(p, i));
            }
            if (hasWord && pieces.size() > 1) {
                out.add(new Warning(start, "\"" + s.substring(start, i) + "\" is not one token: Cinder identifiers hold "
                        + "only letters, _ and ., and numbers have no exponent or leading or trailing dot, so it is "
                        + "read as " + String.join(" ", pieces) + " (usually a function call failing with KeyError, "
                        + "or a parse error)"));
            }
        }
    }
}
