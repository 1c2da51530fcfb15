package org.volsched.driver.filter.eval;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import org.volsched.python.PyNumbers;

/**
 * Scannerless recursive-descent parser for the grammar of section 12.2 of the semantics
 * document (levels 0-11, tightest first).
 *
 * <p>Cinder's grammar is a parsing-expression grammar: each level is "first operand, then as
 * many (operator operand) pairs as parse", a pair that does not parse is given back, and the
 * first alternative that parses wins. Operators are matched as plain text, not as whole words,
 * which is where several quirks come from (rule EV4 and the ones recorded by
 * {@link ExpressionWarnings}): {@code and}, {@code or} and {@code not} are also identifiers, so
 * after an identifier they are read as a function call; and a word operator is recognised at the
 * start of a longer word ({@code 4 andy} is {@code 4 and y}, {@code nothing} is
 * {@code not hing}). This parser reproduces those decisions with a bounded amount of backtracking:
 * the only places that retry another reading of the same text are a failed operator pair (given
 * back), a failed function application (the identifier is then a plain operand) and a failed
 * {@code not} (the word is then a plain operand, see {@link #parseNot}).
 *
 * <p>Nesting (parentheses, prefix operators, right-associative links) is counted and bounded by
 * {@link Expression#MAX_DEPTH}, so neither parsing nor evaluating can exhaust the Java stack.
 */
final class Parser {
    private static final String[] NOT_OPERATORS = {"NOT", "not", "!"};
    private static final String[] AND_OPERATORS = {"AND", "and", "&&"};
    private static final String[] OR_OPERATORS = {"OR", "or", "||"};

    private final String s;
    private final int n;
    private int pos;
    private int depth;
    /** Position whose identifier must be read as a plain operand (after a failed {@code not}). */
    private int plainIdentifierAt = -1;
    private int failPos = -1;
    private String failExpected;
    private final List<ExpressionWarnings.Warning> warnings = new ArrayList<>();
    /**
     * The parse's work: operands attempted plus characters given back by backtracking. A
     * deterministic measure of its cost, for the tests that check it grows linearly with the text.
     */
    private long work;

    private Parser(String text) {
        this.s = text;
        this.n = text.length();
    }

    /** The parsed tree and the structural warnings gathered while parsing. */
    record Result(Node root, List<ExpressionWarnings.Warning> warnings) {
    }

    /** Parses {@code text}, whose length the caller has already checked. */
    static Result parse(String text) throws EvaluatorException {
        Parser parser = new Parser(text);
        Node root = parser.parseList();
        parser.skipWhitespace();
        if (root == null || parser.pos < parser.n) {
            throw parser.error(root == null ? -1 : parser.pos);
        }
        return new Result(root, parser.warnings);
    }

    /** The {@link #work} parsing {@code text} takes, up to its end or its first failure. */
    static long work(String text) {
        Parser parser = new Parser(text);
        try {
            parser.parseList();
        } catch (EvaluatorException e) {
            // the work done until the failure is the cost
        }
        return parser.work;
    }

    // ------------------------------------------------------------------ errors and bookkeeping

    private void fail(int at, String expected) {
        if (at > failPos) {
            failPos = at;
            failExpected = expected;
        }
    }

    private EvaluatorException error(int leftover) {
        int at;
        String expected;
        if (leftover >= 0 && leftover >= failPos) {
            at = leftover;
            expected = "end of text";
        } else {
            at = Math.max(failPos, 0);
            expected = failExpected == null ? "an operand" : failExpected;
        }
        int line = 1;
        int lineStart = 0;
        for (int i = 0; i < at; i++) {
            if (s.charAt(i) == '\n') {
                line++;
                lineStart = i + 1;
            }
        }
        String found = at >= n ? "end of text" : "'" + s.charAt(at) + "'";
        return EvaluatorException.parse("Expected " + expected + ", found " + found + " (at char " + at
                + "), (line:" + line + ", col:" + (at - lineStart + 1) + ")", at);
    }

    /** Opens one nesting level for the construct at {@code at}. */
    private void enter(int at) throws EvaluatorException {
        if (++depth > Expression.MAX_DEPTH) {
            throw EvaluatorException.limit("expression nests deeper than " + Expression.MAX_DEPTH + " levels (at char "
                    + at + ")", at);
        }
    }

    private void warn(int at, String message) {
        warnings.add(new ExpressionWarnings.Warning(at, message));
    }

    private int mark() {
        return warnings.size();
    }

    private void reset(int position, int mark) {
        work += Math.max(0, pos - position);
        pos = position;
        while (warnings.size() > mark) {
            warnings.remove(warnings.size() - 1);
        }
    }

    // ------------------------------------------------------------------ lexical helpers (EV1)

    private void skipWhitespace() {
        while (pos < n) {
            char c = s.charAt(pos);
            if (c != ' ' && c != '\t' && c != '\n' && c != '\r') {
                return;
            }
            pos++;
        }
    }

    static boolean isIdentifierChar(char c) {
        return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c == '_' || c == '.';
    }

    static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }

    private int identifierEnd(int from) {
        int i = from;
        while (i < n && isIdentifierChar(s.charAt(i))) {
            i++;
        }
        return i;
    }

    /** Skips whitespace and consumes {@code c} if it comes next. */
    private boolean accept(char c) {
        skipWhitespace();
        if (pos < n && s.charAt(pos) == c) {
            pos++;
            return true;
        }
        return false;
    }

    /** Skips whitespace and tells whether {@code c} comes next, without consuming it. */
    private boolean peek(char c) {
        skipWhitespace();
        return pos < n && s.charAt(pos) == c;
    }

    /** Length of the first of {@code operators} found at {@code at} (text match, no word boundary), or 0. */
    private int match(String[] operators, int at) {
        for (String op : operators) {
            if (s.startsWith(op, at)) {
                return op.length();
            }
        }
        return 0;
    }

    /** Records that a word operator was taken from the start of a longer word. */
    private void checkWordPrefix(int at, int length) {
        int end = at + length;
        if (isIdentifierChar(s.charAt(at)) && end < n && isIdentifierChar(s.charAt(end))) {
            String word = s.substring(at, identifierEnd(at));
            String op = s.substring(at, end);
            warn(at, "Cinder reads the operator \"" + op + "\" at the start of the word \"" + word + "\", as \"" + op
                    + " " + word.substring(length) + "\"");
        }
    }

    // ------------------------------------------------------------------ the levels
    //
    // Parentheses recurse through one method per level, so the methods on that path only parse
    // their first operand and hand any operator that follows to a separate "tail" method: the
    // recursing frames stay small, which keeps MAX_DEPTH within a modest thread stack.

    /** Level 11: {@code a , b} (right-associative, flattened). */
    private Node parseList() throws EvaluatorException {
        Node first = parseBoolean(true);
        if (first == null || !peek(',')) {
            return first;
        }
        return listTail(first);
    }

    private Node listTail(Node first) throws EvaluatorException {
        List<Node> items = null;
        int saved = depth;
        while (true) {
            int save = pos;
            int mark = mark();
            if (!accept(',')) {
                break;
            }
            enter(pos - 1);
            Node next = parseBoolean(true);
            if (next == null) {
                reset(save, mark);
                break;
            }
            if (items == null) {
                items = new ArrayList<>();
                items.add(first);
            }
            items.add(next);
        }
        depth = saved;
        return items == null ? first : new Node.ListOf(items.toArray(new Node[0]));
    }

    /** Levels 10 ({@code or}) and 9 ({@code and}): only the first two operands count (EV10). */
    private Node parseBoolean(boolean or) throws EvaluatorException {
        skipWhitespace();
        int start = pos;
        Node first = or ? parseBoolean(false) : parseConditional();
        if (first == null) {
            return null;
        }
        skipWhitespace();
        if (match(or ? OR_OPERATORS : AND_OPERATORS, pos) == 0) {
            return first;
        }
        return booleanTail(or, start, first);
    }

    private Node booleanTail(boolean or, int start, Node first) throws EvaluatorException {
        Node second = null;
        int count = 1;
        while (true) {
            int save = pos;
            int mark = mark();
            skipWhitespace();
            int at = pos;
            int length = match(or ? OR_OPERATORS : AND_OPERATORS, at);
            if (length == 0) {
                break;
            }
            pos += length;
            checkWordPrefix(at, length);
            Node next = or ? parseBoolean(false) : parseConditional();
            if (next == null) {
                reset(save, mark);
                break;
            }
            if (++count == 2) {
                second = next;
            }
        }
        if (count == 1) {
            return first;
        }
        if (count > 2) {
            String name = or ? "OR" : "AND";
            String word = name.toLowerCase(Locale.ROOT);
            warn(start, name + " chain with " + count + " operands: Cinder evaluates only the first two and ignores the "
                    + "other " + (count - 2) + "; group them with parentheses, e.g. (a " + word + " b) " + word + " c");
        }
        return or ? new Node.Or(first, second) : new Node.And(first, second);
    }

    /** Level 8: {@code c ? a : b}, left-associative, only the first of a chain counts (EV10). */
    private Node parseConditional() throws EvaluatorException {
        skipWhitespace();
        int start = pos;
        Node condition = parseComparison();
        if (condition == null || !peek('?')) {
            return condition;
        }
        return conditionalTail(start, condition);
    }

    private Node conditionalTail(int start, Node condition) throws EvaluatorException {
        Node then = null;
        Node otherwise = null;
        int count = 0;
        while (true) {
            int save = pos;
            int mark = mark();
            if (!accept('?')) {
                break;
            }
            Node a = parseComparison();
            if (a == null) {
                reset(save, mark);
                break;
            }
            if (!accept(':')) {
                fail(pos, "':'");
                reset(save, mark);
                break;
            }
            Node b = parseComparison();
            if (b == null) {
                reset(save, mark);
                break;
            }
            if (++count == 1) {
                then = a;
                otherwise = b;
            }
        }
        if (count == 0) {
            return condition;
        }
        if (count > 1) {
            warn(start, "chained ?: without parentheses: Cinder evaluates only \"c1 ? a : c2\" and ignores the "
                    + (count - 1) + " following \"? x : y\" part(s); write c1 ? a : (c2 ? d : e)");
        }
        return new Node.Conditional(condition, then, otherwise);
    }

    private PyOps.Comparison comparisonAt(int at) {
        if (at >= n) {
            return null;
        }
        char c = s.charAt(at);
        char d = at + 1 < n ? s.charAt(at + 1) : '\0';
        switch (c) {
            case '<':
                return d == '=' ? PyOps.Comparison.LE : d == '>' ? PyOps.Comparison.NE : PyOps.Comparison.LT;
            case '>':
                return d == '=' ? PyOps.Comparison.GE : PyOps.Comparison.GT;
            case '=':
                return d == '=' ? PyOps.Comparison.EQ : null;
            case '!':
                return d == '=' ? PyOps.Comparison.NE : null;
            default:
                return null;
        }
    }

    /** Level 7: chainable comparisons. */
    private Node parseComparison() throws EvaluatorException {
        skipWhitespace();
        int start = pos;
        Node first = parseNot();
        if (first == null) {
            return null;
        }
        skipWhitespace();
        if (comparisonAt(pos) == null) {
            return first;
        }
        return comparisonTail(start, first);
    }

    private Node comparisonTail(int start, Node first) throws EvaluatorException {
        List<PyOps.Comparison> ops = new ArrayList<>();
        List<Node> rest = new ArrayList<>();
        while (true) {
            int save = pos;
            int mark = mark();
            skipWhitespace();
            PyOps.Comparison op = comparisonAt(pos);
            if (op == null) {
                break;
            }
            char c = s.charAt(pos);
            char d = pos + 1 < n ? s.charAt(pos + 1) : '\0';
            pos += (d == '=' || c == '<' && d == '>') ? 2 : 1;
            Node next = parseNot();
            if (next == null) {
                reset(save, mark);
                break;
            }
            ops.add(op);
            rest.add(next);
        }
        if (ops.isEmpty()) {
            return first;
        }
        if (first instanceof Node.Not && match(NOT_OPERATORS, start) > 0) {
            warn(start, "NOT binds tighter than comparisons in Cinder: \"not x == y\" means \"(not x) == y\"; write "
                    + "not (x == y), or use !=");
        }
        return new Node.Compare(first, ops.toArray(new PyOps.Comparison[0]), rest.toArray(new Node[0]));
    }

    /**
     * Level 6: {@code NOT x}. If no operand follows the operator, the word is an ordinary operand
     * instead ({@code not * 2} is {@code 'notnot'}). In that case the identifier cannot be a
     * function name either: its argument would have to start where the failed operand started,
     * and anything that parses as a function argument also parses as an operand of NOT.
     */
    private Node parseNot() throws EvaluatorException {
        skipWhitespace();
        int at = pos;
        int length = match(NOT_OPERATORS, at);
        if (length > 0) {
            Node negation = negation(at, length);
            if (negation != null) {
                return negation;
            }
        }
        return parseSum();
    }

    private Node negation(int at, int length) throws EvaluatorException {
        int mark = mark();
        pos = at + length;
        enter(at);
        Node operand = parseNot();
        depth--;
        if (operand != null) {
            checkWordPrefix(at, length);
            return new Node.Not(operand);
        }
        reset(at, mark);
        if (length == 3) {
            plainIdentifierAt = at;
        }
        return null;
    }

    /** Level 5: binary {@code + -}. */
    private Node parseSum() throws EvaluatorException {
        Node first = parseProduct();
        if (first == null || !peek('+') && !peek('-')) {
            return first;
        }
        return arithmeticTail(first, '+', '-');
    }

    /** Level 4: {@code * /}. */
    private Node parseProduct() throws EvaluatorException {
        Node first = parseSign();
        if (first == null || !peek('*') && !peek('/')) {
            return first;
        }
        return arithmeticTail(first, '*', '/');
    }

    private Node arithmeticTail(Node first, char plain, char other) throws EvaluatorException {
        List<Node> rest = new ArrayList<>();
        StringBuilder ops = new StringBuilder();
        while (true) {
            int save = pos;
            int mark = mark();
            skipWhitespace();
            if (pos >= n || s.charAt(pos) != plain && s.charAt(pos) != other) {
                break;
            }
            char op = s.charAt(pos++);
            Node next = plain == '+' ? parseProduct() : parseSign();
            if (next == null) {
                reset(save, mark);
                break;
            }
            rest.add(next);
            ops.append(op);
        }
        if (rest.isEmpty()) {
            return first;
        }
        boolean[] flags = new boolean[ops.length()];
        for (int i = 0; i < flags.length; i++) {
            flags[i] = ops.charAt(i) == other;
        }
        Node[] operands = rest.toArray(new Node[0]);
        return plain == '+' ? new Node.Sum(first, flags, operands) : new Node.Product(first, flags, operands);
    }

    /** Level 3: unary {@code + -}, repeatable. */
    private Node parseSign() throws EvaluatorException {
        skipWhitespace();
        if (pos < n && (s.charAt(pos) == '+' || s.charAt(pos) == '-')) {
            boolean negative = s.charAt(pos) == '-';
            enter(pos);
            pos++;
            Node operand = parseSign();
            depth--;
            return operand == null ? null : new Node.Sign(negative, operand);
        }
        return parsePower();
    }

    /** Level 2: {@code a ^ b}, right-associative. */
    private Node parsePower() throws EvaluatorException {
        Node first = parseApplication();
        if (first == null || !peek('^')) {
            return first;
        }
        return powerTail(first);
    }

    private Node powerTail(Node first) throws EvaluatorException {
        List<Node> operands = null;
        int saved = depth;
        while (true) {
            int save = pos;
            int mark = mark();
            if (!accept('^')) {
                break;
            }
            enter(pos - 1);
            Node next = parseApplication();
            if (next == null) {
                reset(save, mark);
                break;
            }
            if (operands == null) {
                operands = new ArrayList<>();
                operands.add(first);
            }
            operands.add(next);
        }
        depth = saved;
        return operands == null ? first : new Node.Power(operands.toArray(new Node[0]));
    }

    /** Level 1: {@code IDENT operand}, right-associative (EV4). */
    private Node parseApplication() throws EvaluatorException {
        skipWhitespace();
        int at = pos;
        if (at < n && isIdentifierChar(s.charAt(at))) {
            if (at == plainIdentifierAt) {
                plainIdentifierAt = -1;
            } else {
                plainIdentifierAt = -1;
                Node application = application(at);
                if (application != null) {
                    return application;
                }
            }
        }
        return parsePrimary();
    }

    private Node application(int at) throws EvaluatorException {
        int end = identifierEnd(at);
        int mark = mark();
        pos = end;
        enter(at);
        Node argument = parseApplication();
        depth--;
        if (argument == null) {
            reset(at, mark);
            return null;
        }
        String name = s.substring(at, end);
        warnApplication(at, name, argument);
        return new Node.Apply(name, argument);
    }

    private static boolean isWordOperator(String name) {
        switch (name) {
            case "and":
            case "AND":
            case "or":
            case "OR":
            case "not":
            case "NOT":
                return true;
            default:
                return false;
        }
    }

    private void warnApplication(int at, String name, Node argument) {
        if (PyOps.Function.named(name) != null) {
            return;
        }
        if (isWordOperator(name)) {
            warn(at, "\"" + name + "\" is read as a function name here, not as an operator (a word operator directly "
                    + "after an identifier, or where an operand is expected, starts a function call); evaluation "
                    + "fails with KeyError '" + name + "'; use && || ! or put the left operand in parentheses");
            return;
        }
        if (argument instanceof Node.Apply inner && isWordOperator(inner.name)) {
            // replaces the warning just recorded for the inner call
            warnings.remove(warnings.size() - 1);
            warn(at, "the identifier \"" + name + "\" is followed by the word operator \"" + inner.name + "\": Cinder "
                    + "reads this as the function call " + name + "(" + inner.name + "(...)), which fails with "
                    + "KeyError; write (" + name + ") " + inner.name + " ... or use && || !");
            return;
        }
        warn(at, "\"" + name + "\" is applied as a function to the operand that follows it (Cinder reads an "
                + "identifier followed by an operand as a function call); only abs, max and min exist, so "
                + "evaluation fails with KeyError '" + name + "'");
    }

    /** Level 0: number, identifier, quoted string, {@code ( expr )}. */
    private Node parsePrimary() throws EvaluatorException {
        work++;
        skipWhitespace();
        int at = pos;
        if (at < n && s.charAt(at) == '(') {
            enter(at);
            pos++;
            Node inner = parseList();
            depth--;
            if (inner == null) {
                return null;
            }
            if (!accept(')')) {
                fail(pos, "')'");
                return null;
            }
            return inner;
        }
        return operand(at);
    }

    private Node operand(int at) throws EvaluatorException {
        if (at >= n) {
            fail(at, "an operand");
            return null;
        }
        char c = s.charAt(at);
        if (isDigit(c)) {
            return number(at);
        }
        if (isIdentifierChar(c)) {
            int end = identifierEnd(at);
            pos = end;
            return word(at, s.substring(at, end));
        }
        if (c == '\'' || c == '"') {
            int end = quotedEnd(s, at);
            if (end < 0) {
                fail(at, "a string closed by " + c + " on the same line");
                return null;
            }
            pos = end;
            return new Node.Constant(PyOps.stripQuotes(s.substring(at, end)));
        }
        fail(at, "an operand");
        return null;
    }

    /** {@code digits} or {@code digits.digits} (no whitespace inside). */
    private Node number(int at) throws EvaluatorException {
        int i = at;
        while (i < n && isDigit(s.charAt(i))) {
            i++;
        }
        if (i + 1 < n && s.charAt(i) == '.' && isDigit(s.charAt(i + 1))) {
            i += 2;
            while (i < n && isDigit(s.charAt(i))) {
                i++;
            }
        }
        if (i - at > Expression.MAX_NUMBER_DIGITS) {
            throw EvaluatorException.limit("numeric literal longer than " + Expression.MAX_NUMBER_DIGITS
                    + " digits (at char " + at + ")", at);
        }
        pos = i;
        return new Node.Constant(PyNumbers.parseIntOrFloat(s.substring(at, i)));
    }

    /** A word: a {@code ns.key} variable, or a literal converted once as EV6 says. */
    private Node word(int at, String token) {
        int dot = token.indexOf('.');
        if (dot > 0 && dot < token.length() - 1 && token.indexOf('.', dot + 1) < 0) {
            return new Node.Variable(token.substring(0, dot), token.substring(dot + 1));
        }
        Object number = PyNumbers.parseIntOrFloat(token);
        if (number != null) {
            return new Node.Constant(number);
        }
        String lower = token.toLowerCase(Locale.ROOT);
        if (lower.equals("true") || lower.equals("false") || lower.equals("none") || lower.equals("null")) {
            warn(at, "\"" + token + "\" is the string '" + token + "', not a boolean or None: Cinder has no such "
                    + "literals, and a non-empty string is true");
        }
        return new Node.Constant(token);
    }

    /**
     * End (exclusive) of the quoted string starting at {@code at}, or -1. The body may hold
     * anything but the quote, a line break or a backslash; a doubled quote and a backslash
     * escape ({@code \x} needs hex digits) are part of the body. The body is taken as long as
     * possible and must then be followed by the closing quote.
     */
    static int quotedEnd(String s, int at) {
        int n = s.length();
        char quote = s.charAt(at);
        int i = at + 1;
        while (i < n) {
            char c = s.charAt(i);
            if (c == '\n' || c == '\r') {
                break;
            }
            if (c == '\\') {
                if (i + 1 >= n) {
                    break;
                }
                if (s.charAt(i + 1) != 'x') {
                    i += 2;
                    continue;
                }
                int j = i + 2;
                while (j < n && Character.digit(s.charAt(j), 16) >= 0 && s.charAt(j) < 128) {
                    j++;
                }
                if (j == i + 2) {
                    break;
                }
                i = j;
                continue;
            }
            if (c == quote) {
                if (i + 1 < n && s.charAt(i + 1) == quote) {
                    i += 2;
                    continue;
                }
                break;
            }
            i++;
        }
        return i < n && s.charAt(i) == quote ? i + 1 : -1;
    }
}
