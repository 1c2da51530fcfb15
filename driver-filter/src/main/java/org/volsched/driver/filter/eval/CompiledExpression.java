package org.volsched.driver.filter.eval;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.volsched.python.PyException;

/**
 * An {@link Expression} compiled to a tree of specialised nodes over primitive {@code double}s,
 * with the expression's variables numbered so that callers resolve them once (per candidate pool
 * or per request) instead of looking them up by name at every evaluation.
 *
 * <p><b>Variables.</b> The distinct {@code namespace.key} operands of the text are split in two:
 * <em>candidate</em> variables, whose namespace is one of {@link #CANDIDATE_NAMESPACES}
 * ({@code stats}, {@code capabilities}: they depend on the pool), and <em>request</em> variables
 * (every other namespace: {@code extra}, {@code volume}, {@code qos}, or an unknown one). Each
 * side is resolved into an {@link Operands}: the value of each variable after rule EV6's
 * conversion, or a marker saying it is not a plain number.
 *
 * <p><b>The fast path.</b> {@link #evaluate(Frame, Operands, Operands)} computes the value with
 * Python's semantics restricted to plain numbers: ints of magnitude below 2<sup>53</sup> (exact as
 * doubles), floats and booleans. Whenever the exact interpreter could do something a double cannot
 * represent (a string, {@code None}, a list, an integer growing beyond 2<sup>53</sup>, a division by
 * zero, any Python error, a look-up failure), the fast path gives up and returns {@code false};
 * the caller then evaluates the {@link Expression} with the exact, boxed interpreter. So the fast
 * path never decides anything the interpreter would decide differently: it either returns the
 * interpreter's value (with its Python type: int, float or bool) or declines. Errors in particular
 * always come from the interpreter, with its messages.
 *
 * <p>Instances are immutable and thread-safe; a {@link Frame} is not and belongs to one thread.
 */
public final class CompiledExpression {
    /** The namespaces whose values depend on the candidate pool (rules DF1, W12). */
    public static final Set<String> CANDIDATE_NAMESPACES = Set.of("stats", "capabilities");

    /** {@link Frame#kind()}: a Python int. */
    public static final byte INT = 0;
    /** {@link Frame#kind()}: a Python float. */
    public static final byte FLOAT = 1;
    /** {@link Frame#kind()}: a Python bool (its value is 0 or 1). */
    public static final byte BOOL = 2;
    /** An operand's kind when it is not a plain number: the fast path gives up when it reads it. */
    static final byte OTHER = 3;

    /** Ints below this magnitude are exact doubles, and so are sums and products below it. */
    static final double EXACT = 9007199254740992.0; // 2^53

    private final Expression expression;
    private final Fast root;
    private final String[] candidateNamespaces;
    private final String[] candidateKeys;
    private final String[] requestNamespaces;
    private final String[] requestKeys;

    private CompiledExpression(Expression expression, Fast root, List<String[]> candidate, List<String[]> request) {
        this.expression = expression;
        this.root = root;
        this.candidateNamespaces = candidate.stream().map(v -> v[0]).toArray(String[]::new);
        this.candidateKeys = candidate.stream().map(v -> v[1]).toArray(String[]::new);
        this.requestNamespaces = request.stream().map(v -> v[0]).toArray(String[]::new);
        this.requestKeys = request.stream().map(v -> v[1]).toArray(String[]::new);
    }

    /** Compiles the tree of a parsed expression. */
    static CompiledExpression compile(Expression expression, Node root) {
        Map<String, Integer> candidate = new LinkedHashMap<>();
        Map<String, Integer> request = new LinkedHashMap<>();
        List<String[]> candidateVars = new ArrayList<>();
        List<String[]> requestVars = new ArrayList<>();
        Compiler compiler = new Compiler(candidate, request, candidateVars, requestVars);
        Fast fast = compiler.compile(root);
        return new CompiledExpression(expression, fast, candidateVars, requestVars);
    }

    /** The expression this was compiled from; its {@link Expression#evaluate} is the exact interpreter. */
    public Expression expression() {
        return expression;
    }

    /** False when the fast path can never produce a value (for example the text builds a list or uses strings). */
    public boolean hasFastPath() {
        return !(root instanceof GiveUp);
    }

    /** True when the expression reads no request variable: its value depends on the candidate only. */
    public boolean candidateOnly() {
        return requestNamespaces.length == 0;
    }

    /** The number of distinct candidate variables ({@code stats.*}, {@code capabilities.*}). */
    public int candidateVariables() {
        return candidateNamespaces.length;
    }

    /** The number of distinct request variables (every other namespace). */
    public int requestVariables() {
        return requestNamespaces.length;
    }

    /** Resolves the candidate variables through {@code namespaces} (rule EV6 applied once). */
    public Operands candidateOperands(Namespaces namespaces) {
        return Operands.resolve(candidateNamespaces, candidateKeys, namespaces);
    }

    /**
     * Resolves the request variables through {@code namespaces}. Two results are
     * {@link Operands#equals equal} exactly when the interpreter reads the same operands from them
     * (the converted values, or the same failure), so they can key what was computed with them.
     */
    public Operands requestOperands(Namespaces namespaces) {
        return Operands.resolve(requestNamespaces, requestKeys, namespaces);
    }

    /** A frame for {@link #evaluate(Frame, Operands, Operands)}; one per thread. */
    public static Frame newFrame() {
        return new Frame();
    }

    /**
     * The fast path: evaluates with the given operands (from {@link #candidateOperands} and
     * {@link #requestOperands} of this expression) and, when it can, leaves the value in
     * {@code frame} and returns true. Returns false when the exact interpreter must decide.
     */
    public boolean evaluate(Frame frame, Operands candidate, Operands request) {
        if (!hasFastPath()) {
            return false;
        }
        frame.candidate = candidate;
        frame.request = request;
        try {
            frame.value = root.eval(frame);
            frame.resultKind = frame.kind;
            return true;
        } catch (GiveUpSignal e) {
            return false;
        } finally {
            frame.candidate = null;
            frame.request = null;
        }
    }

    /**
     * Evaluates against {@code namespaces}: the fast path when it can, else the exact interpreter.
     * The result is always what {@link Expression#evaluate} returns (a value of the same type and
     * value, or the same exception).
     */
    public Object evaluate(Namespaces namespaces) throws EvaluatorException {
        Frame frame = new Frame();
        if (evaluate(frame, candidateOperands(namespaces), requestOperands(namespaces))) {
            return frame.boxed();
        }
        return expression.evaluate(namespaces);
    }

    // ------------------------------------------------------------------ operands and frames

    /**
     * Resolved variables: for each, its value as a double and its kind ({@link #INT},
     * {@link #FLOAT}, or not a plain number), plus the converted operand itself for
     * {@link #equals}. Immutable.
     */
    public static final class Operands {
        /** No variables. */
        public static final Operands NONE = new Operands(new double[0], new byte[0], new Object[0]);

        final double[] values;
        final byte[] kinds;
        private final Object[] key;
        private final int hash;

        private Operands(double[] values, byte[] kinds, Object[] key) {
            this.values = values;
            this.kinds = kinds;
            this.key = key;
            this.hash = Arrays.hashCode(key);
        }

        static Operands resolve(String[] namespaces, String[] keys, Namespaces ns) {
            int n = namespaces.length;
            if (n == 0) {
                return NONE;
            }
            double[] values = new double[n];
            byte[] kinds = new byte[n];
            Object[] key = new Object[n];
            for (int i = 0; i < n; i++) {
                Object raw = ns.lookup(namespaces[i], keys[i]);
                Object operand;
                if (raw instanceof Namespaces.Failure) {
                    operand = raw;
                } else {
                    try {
                        operand = PyOps.operand(raw);
                    } catch (PyException e) {
                        operand = new ConversionError(e.pythonType(), e.getMessage());
                    }
                }
                key[i] = operand;
                if (operand instanceof Long l && Math.abs((double) l) < EXACT) {
                    values[i] = l;
                    kinds[i] = INT;
                } else if (operand instanceof Double d) {
                    values[i] = d;
                    kinds[i] = FLOAT;
                } else {
                    kinds[i] = OTHER;
                }
            }
            return new Operands(values, kinds, key);
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Operands other && hash == other.hash && Arrays.equals(key, other.key);
        }

        @Override
        public int hashCode() {
            return hash;
        }

        @Override
        public String toString() {
            return Arrays.toString(key);
        }
    }

    /** What {@link PyOps#operand} raised for a value (the interpreter raises the same). */
    private record ConversionError(String type, String message) {
    }

    /** Evaluation state of the fast path, reused across evaluations by one thread. */
    public static final class Frame {
        Operands candidate;
        Operands request;
        /** Kind of the value the last node returned. */
        byte kind;
        double value;
        byte resultKind;

        Frame() {
        }

        /** The value of the last successful evaluation (0 or 1 for a bool). */
        public double value() {
            return value;
        }

        /** {@link #INT}, {@link #FLOAT} or {@link #BOOL}. */
        public byte kind() {
            return resultKind;
        }

        /** Python truthiness of the value (NaN is true). */
        public boolean truthy() {
            return value != 0.0;
        }

        /** The value as the interpreter returns it: a {@link Long}, {@link Double} or {@link Boolean}. */
        public Object boxed() {
            switch (resultKind) {
                case INT:
                    return (long) value;
                case BOOL:
                    return value != 0.0;
                default:
                    return value;
            }
        }
    }

    // ------------------------------------------------------------------ the nodes

    /** Thrown (preallocated, without a stack trace) when the fast path gives up. */
    private static final class GiveUpSignal extends RuntimeException {
        private static final long serialVersionUID = 1L;
        static final GiveUpSignal INSTANCE = new GiveUpSignal();

        private GiveUpSignal() {
            super("fast path gave up", null, false, false);
        }
    }

    private static GiveUpSignal giveUp() {
        return GiveUpSignal.INSTANCE;
    }

    /** A node of the fast path: returns its value and leaves its kind in {@link Frame#kind}. */
    private abstract static class Fast {
        abstract double eval(Frame f);
    }

    /** A node the fast path cannot evaluate (strings, lists, unknown functions, big integers). */
    private static final class GiveUp extends Fast {
        static final GiveUp INSTANCE = new GiveUp();

        @Override
        double eval(Frame f) {
            throw giveUp();
        }
    }

    private static final class Constant extends Fast {
        final double value;
        final byte kind;

        Constant(double value, byte kind) {
            this.value = value;
            this.kind = kind;
        }

        @Override
        double eval(Frame f) {
            f.kind = kind;
            return value;
        }
    }

    private static final class CandidateVariable extends Fast {
        final int index;

        CandidateVariable(int index) {
            this.index = index;
        }

        @Override
        double eval(Frame f) {
            byte k = f.candidate.kinds[index];
            if (k == OTHER) {
                throw giveUp();
            }
            f.kind = k;
            return f.candidate.values[index];
        }
    }

    private static final class RequestVariable extends Fast {
        final int index;

        RequestVariable(int index) {
            this.index = index;
        }

        @Override
        double eval(Frame f) {
            byte k = f.request.kinds[index];
            if (k == OTHER) {
                throw giveUp();
            }
            f.kind = k;
            return f.request.values[index];
        }
    }

    private static boolean isInt(byte kind) {
        return kind != FLOAT;
    }

    /** An int result, or give up when it may not be exact; {@code + 0.0} turns -0.0 into Python's int 0. */
    private static double exactInt(Frame f, double r) {
        if (!(Math.abs(r) < EXACT)) {
            throw giveUp();
        }
        f.kind = INT;
        return r + 0.0;
    }

    /** Python {@code a * b} of two numbers (PyOps.mul). */
    private static double mul(Frame f, double a, byte ka, double b, byte kb) {
        if (isInt(ka) && isInt(kb)) {
            return exactInt(f, a * b);
        }
        f.kind = FLOAT;
        return a * b;
    }

    /** Python {@code a /= float(b)} of two numbers (PyOps.idiv). */
    private static double div(Frame f, double a, double b) {
        if (b == 0.0) {
            throw giveUp();
        }
        f.kind = FLOAT;
        return a / b;
    }

    /** Python {@code pow(a, b)} of two numbers (PyOps.pow). */
    private static double pow(Frame f, double a, byte ka, double b, byte kb) {
        if (isInt(ka) && isInt(kb) && b >= 0) {
            if (b == 0) {
                f.kind = INT;
                return 1;
            }
            // Math.pow is exact for integer arguments whose result is representable.
            return exactInt(f, Math.pow(a, b));
        }
        try {
            double r = PyOps.floatPow(a, b);
            f.kind = FLOAT;
            return r;
        } catch (EvaluatorException | PyException e) {
            throw giveUp();
        }
    }

    private static final class Apply extends Fast {
        final PyOps.Function function;
        final Fast[] items;

        Apply(PyOps.Function function, Fast[] items) {
            this.function = function;
            this.items = items;
        }

        @Override
        double eval(Frame f) {
            if (function == PyOps.Function.ABS) {
                double x = items[0].eval(f);
                if (f.kind != FLOAT) {
                    f.kind = INT;
                }
                return Math.abs(x);
            }
            // max/min of two or more numbers: the first best one wins (Python compares item > best).
            boolean max = function == PyOps.Function.MAX;
            double best = items[0].eval(f);
            byte bestKind = f.kind;
            for (int i = 1; i < items.length; i++) {
                double x = items[i].eval(f);
                if (max ? x > best : x < best) {
                    best = x;
                    bestKind = f.kind;
                }
            }
            f.kind = bestKind;
            return best;
        }
    }

    private static final class Power extends Fast {
        final Fast[] operands;

        Power(Fast[] operands) {
            this.operands = operands;
        }

        @Override
        double eval(Frame f) {
            // Right-associative. The interpreter evaluates every operand first, left to right; the
            // order only matters for which error comes first, and errors are the interpreter's.
            int n = operands.length;
            double result = operands[n - 1].eval(f);
            byte kind = f.kind;
            for (int i = n - 2; i >= 0; i--) {
                double base = operands[i].eval(f);
                result = pow(f, base, f.kind, result, kind);
                kind = f.kind;
            }
            return result;
        }
    }

    private static final class Sign extends Fast {
        final boolean negative;
        final Fast operand;

        Sign(boolean negative, Fast operand) {
            this.negative = negative;
            this.operand = operand;
        }

        @Override
        double eval(Frame f) {
            double x = operand.eval(f);
            return mul(f, negative ? -1.0 : 1.0, INT, x, f.kind);
        }
    }

    private static final class Product extends Fast {
        final Fast first;
        final boolean[] divide;
        final Fast[] rest;

        Product(Fast first, boolean[] divide, Fast[] rest) {
            this.first = first;
            this.divide = divide;
            this.rest = rest;
        }

        @Override
        double eval(Frame f) {
            double value = first.eval(f);
            for (int i = 0; i < rest.length; i++) {
                byte kind = f.kind;
                double rhs = rest[i].eval(f);
                value = divide[i] ? div(f, value, rhs) : mul(f, value, kind, rhs, f.kind);
            }
            return value;
        }
    }

    private static final class Sum extends Fast {
        final Fast first;
        final boolean[] subtract;
        final Fast[] rest;

        Sum(Fast first, boolean[] subtract, Fast[] rest) {
            this.first = first;
            this.subtract = subtract;
            this.rest = rest;
        }

        @Override
        double eval(Frame f) {
            double value = first.eval(f);
            for (int i = 0; i < rest.length; i++) {
                byte kind = f.kind;
                double rhs = rest[i].eval(f);
                double r = subtract[i] ? value - rhs : value + rhs;
                if (isInt(kind) && isInt(f.kind)) {
                    value = exactInt(f, r);
                } else {
                    f.kind = FLOAT;
                    value = r;
                }
            }
            return value;
        }
    }

    private static final class Not extends Fast {
        final Fast operand;

        Not(Fast operand) {
            this.operand = operand;
        }

        @Override
        double eval(Frame f) {
            double x = operand.eval(f);
            f.kind = BOOL;
            return x != 0.0 ? 0.0 : 1.0;
        }
    }

    private static final class Compare extends Fast {
        final Fast first;
        final PyOps.Comparison[] ops;
        final Fast[] rest;

        Compare(Fast first, PyOps.Comparison[] ops, Fast[] rest) {
            this.first = first;
            this.ops = ops;
            this.rest = rest;
        }

        @Override
        double eval(Frame f) {
            double left = first.eval(f);
            for (int i = 0; i < rest.length; i++) {
                double right = rest[i].eval(f);
                if (!holds(ops[i], left, right)) {
                    f.kind = BOOL;
                    return 0.0;
                }
                left = right;
            }
            f.kind = BOOL;
            return 1.0;
        }

        /** Python's comparison of two numbers; exact because every int here is an exact double. */
        private static boolean holds(PyOps.Comparison op, double a, double b) {
            switch (op) {
                case LT:
                    return a < b;
                case LE:
                    return a <= b;
                case GT:
                    return a > b;
                case GE:
                    return a >= b;
                case EQ:
                    return a == b;
                default:
                    return a != b;
            }
        }
    }

    private static final class Conditional extends Fast {
        final Fast condition;
        final Fast then;
        final Fast otherwise;

        Conditional(Fast condition, Fast then, Fast otherwise) {
            this.condition = condition;
            this.then = then;
            this.otherwise = otherwise;
        }

        @Override
        double eval(Frame f) {
            return condition.eval(f) != 0.0 ? then.eval(f) : otherwise.eval(f);
        }
    }

    /** Python {@code x and y} (or {@code x or y}) of two operands, both evaluated. */
    private static final class AndOr extends Fast {
        final boolean or;
        final Fast left;
        final Fast right;

        AndOr(boolean or, Fast left, Fast right) {
            this.or = or;
            this.left = left;
            this.right = right;
        }

        @Override
        double eval(Frame f) {
            double l = left.eval(f);
            byte lk = f.kind;
            double r = right.eval(f);
            if ((l != 0.0) == or) {
                f.kind = lk;
                return l;
            }
            return r;
        }
    }

    // ------------------------------------------------------------------ the compiler

    private static final class Compiler {
        private final Map<String, Integer> candidate;
        private final Map<String, Integer> request;
        private final List<String[]> candidateVars;
        private final List<String[]> requestVars;

        Compiler(Map<String, Integer> candidate, Map<String, Integer> request, List<String[]> candidateVars,
                 List<String[]> requestVars) {
            this.candidate = candidate;
            this.request = request;
            this.candidateVars = candidateVars;
            this.requestVars = requestVars;
        }

        Fast compile(Node node) {
            if (node instanceof Node.Constant c) {
                return constant(c.value);
            }
            if (node instanceof Node.Variable v) {
                return variable(v.namespace, v.key);
            }
            if (node instanceof Node.Apply a) {
                return apply(a);
            }
            if (node instanceof Node.Power p) {
                return new Power(compileAll(p.operands));
            }
            if (node instanceof Node.Sign s) {
                return new Sign(s.factor < 0, compile(s.operand));
            }
            if (node instanceof Node.Product p) {
                return new Product(compile(p.first), p.divide.clone(), compileAll(p.rest));
            }
            if (node instanceof Node.Sum s) {
                return new Sum(compile(s.first), s.subtract.clone(), compileAll(s.rest));
            }
            if (node instanceof Node.Not n) {
                return new Not(compile(n.operand));
            }
            if (node instanceof Node.Compare c) {
                return new Compare(compile(c.first), c.ops.clone(), compileAll(c.rest));
            }
            if (node instanceof Node.Conditional c) {
                return new Conditional(compile(c.condition), compile(c.then), compile(c.otherwise));
            }
            if (node instanceof Node.And a) {
                return new AndOr(false, compile(a.left), compile(a.right));
            }
            if (node instanceof Node.Or o) {
                return new AndOr(true, compile(o.left), compile(o.right));
            }
            // A list (rule EV11) is not a number.
            return GiveUp.INSTANCE;
        }

        private Fast[] compileAll(Node[] nodes) {
            Fast[] out = new Fast[nodes.length];
            for (int i = 0; i < nodes.length; i++) {
                out[i] = compile(nodes[i]);
            }
            return out;
        }

        private static Fast constant(Object value) {
            if (value instanceof Long l && Math.abs((double) l) < EXACT) {
                return new Constant(l, INT);
            }
            if (value instanceof Double d) {
                return new Constant(d, FLOAT);
            }
            // Strings and integers beyond 2^53: the interpreter's business.
            return GiveUp.INSTANCE;
        }

        private Fast variable(String namespace, String key) {
            String name = namespace + "." + key;
            if (CANDIDATE_NAMESPACES.contains(namespace)) {
                Integer index = candidate.get(name);
                if (index == null) {
                    index = candidateVars.size();
                    candidate.put(name, index);
                    candidateVars.add(new String[] {namespace, key});
                }
                return new CandidateVariable(index);
            }
            Integer index = request.get(name);
            if (index == null) {
                index = requestVars.size();
                request.put(name, index);
                requestVars.add(new String[] {namespace, key});
            }
            return new RequestVariable(index);
        }

        private Fast apply(Node.Apply a) {
            // Compile the argument first so that its variables are numbered whatever happens.
            if (a.argument instanceof Node.ListOf list) {
                Fast[] items = compileAll(list.items);
                if (a.function == PyOps.Function.MAX || a.function == PyOps.Function.MIN) {
                    // Two or more items, none of them a list (a list item would not compile to a number).
                    for (Fast item : items) {
                        if (item == GiveUp.INSTANCE) {
                            return GiveUp.INSTANCE;
                        }
                    }
                    return new Apply(a.function, items);
                }
                // abs() of several arguments, or an unknown function: an error.
                return GiveUp.INSTANCE;
            }
            Fast argument = compile(a.argument);
            if (a.function == PyOps.Function.ABS && argument != GiveUp.INSTANCE) {
                return new Apply(a.function, new Fast[] {argument});
            }
            // max/min of one number (TypeError: not iterable), an unknown function (KeyError).
            return GiveUp.INSTANCE;
        }
    }
}
