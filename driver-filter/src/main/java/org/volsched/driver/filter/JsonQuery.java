package org.volsched.driver.filter;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.volsched.spi.model.PoolState;
import org.volsched.python.Py;
import org.volsched.python.PyException;

/**
 * A {@code JsonFilter} query (rules JF2-JF6) compiled once per request into a tree.
 *
 * <p>Cinder evaluates the whole query for every pool without short-circuiting: every argument is
 * cooked (sub-queries evaluated, {@code $}-variables resolved, {@code None}s dropped) before its
 * command runs, and a comparison compares the first argument with every other one. The tree does
 * the same work, so a pool passes here exactly when Cinder's evaluation returns a truthy result
 * without raising; it only avoids the lists Cinder builds (the cooked arguments, {@code not}'s
 * result where only its truthiness is needed). Filtering ({@link #passes}) and explaining
 * ({@link #result}) both use the tree. {@link #evaluate(Object, PoolState)} is the literal,
 * step-by-step evaluation of Cinder's code, kept as the reference the tests check the tree
 * against.
 */
final class JsonQuery {
    private final Node root;
    private final List<String> variables;

    private JsonQuery(Node root, List<String> variables) {
        this.root = root;
        this.variables = variables;
    }

    /** Compiles a parsed query (the top-level value of the JSON text). */
    static JsonQuery compile(Object query) {
        Set<String> variables = new LinkedHashSet<>();
        Node root = compileQuery(asTopLevel(query), variables);
        return new JsonQuery(root, List.copyOf(variables));
    }

    /** True when the query is falsy and every pool passes without evaluating anything. */
    boolean isTrivial() {
        return root == EmptyQuery.INSTANCE;
    }

    /** The {@code $} references of the query, in order of first appearance, for explanations. */
    List<String> variables() {
        return variables;
    }

    /**
     * Cinder's verdict for one pool: the query's result (reduced with {@code any} when it is a
     * list) is truthy.
     *
     * @throws PyException where Cinder's evaluation raises
     */
    boolean passes(PoolState pool) {
        return root.passesAtTop(pool);
    }

    /**
     * The query's result for one pool before the top-level reduction (a {@link Boolean} or a
     * {@link List}), from the same tree as {@link #passes}: what an explanation quotes.
     *
     * @throws PyException where Cinder's evaluation raises
     */
    Object result(PoolState pool) {
        return root.cook(pool);
    }

    /**
     * The literal evaluation of Cinder's {@code _process_filter(query, state)}, in Cinder's order.
     *
     * @return the result before the top-level reduction: a {@link Boolean} or a {@link List}
     * @throws PyException where Cinder's evaluation raises
     */
    static Object evaluate(Object query, PoolState pool) {
        query = asTopLevel(query);
        if (!Py.truthy(query)) {
            return Boolean.TRUE;
        }
        Command command = commandOf(query);
        List<?> list = (List<?>) query;
        List<Object> cooked = new ArrayList<>();
        for (Object arg : list.subList(1, list.size())) {
            Object value;
            if (arg instanceof List<?>) {
                value = evaluate(arg, pool);
            } else if (arg instanceof String s) {
                value = resolve(s, pool);
            } else {
                value = arg;
            }
            if (value != null) {
                cooked.add(value);
            }
        }
        return apply(command, cooked);
    }

    /** Cinder's top-level reduction and truthiness test of {@link #evaluate}'s result. */
    static boolean verdict(Object result) {
        if (result instanceof List<?> list) {
            for (Object o : list) {
                if (Py.truthy(o)) {
                    return true;
                }
            }
            return false;
        }
        return Py.truthy(result);
    }

    /**
     * Cinder's {@code _parse_string}: {@code ""} is {@code None}, a string not starting with
     * {@code $} is itself, {@code $a.b.c} is attribute {@code a} of the state then mapping
     * look-ups of {@code b} and {@code c}.
     *
     * @throws PyException {@code AttributeError} when a look-up meets a value that is not a mapping
     */
    static Object resolve(String s, PoolState pool) {
        if (s.isEmpty()) {
            return null;
        }
        if (s.charAt(0) != '$') {
            return s;
        }
        String[] path = s.substring(1).split("\\.", -1);
        return new Var(s, path[0], Arrays.copyOfRange(path, 1, path.length)).cook(pool);
    }

    /** A top-level string query is indexed and iterated by character, as Python does with a str. */
    private static Object asTopLevel(Object query) {
        if (query instanceof String s && !s.isEmpty()) {
            List<Object> chars = new ArrayList<>();
            s.codePoints().forEach(cp -> chars.add(new String(Character.toChars(cp))));
            return chars;
        }
        return query;
    }

    /** The command of a truthy query, or the error Cinder raises looking it up. */
    private static Command commandOf(Object query) {
        if (query instanceof Map<?, ?>) {
            throw new PyException("KeyError", "0");
        }
        if (!(query instanceof List<?> list)) {
            throw PyException.typeError("'" + Py.typeName(query) + "' object is not subscriptable");
        }
        Object cmd = list.get(0);
        if (cmd instanceof List<?> || cmd instanceof Map<?, ?>) {
            throw PyException.typeError("unhashable type: '" + Py.typeName(cmd) + "'");
        }
        Command command = cmd instanceof String s ? Command.of(s) : null;
        if (command == null) {
            throw new PyException("KeyError", Py.repr(cmd));
        }
        return command;
    }

    private static Object apply(Command command, List<Object> args) {
        switch (command) {
            case NOT: {
                List<Object> out = new ArrayList<>(args.size());
                for (Object a : args) {
                    out.add(!Py.truthy(a));
                }
                return out;
            }
            case OR: {
                for (Object a : args) {
                    if (Py.truthy(a)) {
                        return Boolean.TRUE;
                    }
                }
                return Boolean.FALSE;
            }
            case AND: {
                for (Object a : args) {
                    if (!Py.truthy(a)) {
                        return Boolean.FALSE;
                    }
                }
                return Boolean.TRUE;
            }
            case IN: {
                if (args.size() < 2) {
                    return Boolean.FALSE;
                }
                for (Object x : args.subList(1, args.size())) {
                    if (equal(x, args.get(0))) {
                        return Boolean.TRUE;
                    }
                }
                return Boolean.FALSE;
            }
            default: {
                if (args.size() < 2) {
                    return Boolean.FALSE;
                }
                boolean ok = true;
                for (Object x : args.subList(1, args.size())) {
                    if (!command.holds(args.get(0), x)) {
                        ok = false;
                    }
                }
                return ok;
            }
        }
    }

    /** Python {@code ==} as list membership uses it, without Py's BigInteger path for two longs. */
    static boolean equal(Object a, Object b) {
        if (a instanceof Long x && b instanceof Long y) {
            return x.longValue() == y.longValue();
        }
        return Py.eq(a, b);
    }

    private static Node compileQuery(Object query, Set<String> variables) {
        if (!Py.truthy(query)) {
            return EmptyQuery.INSTANCE;
        }
        Command command;
        try {
            command = commandOf(query);
        } catch (PyException e) {
            return new BadCommand(e);
        }
        List<?> list = (List<?>) query;
        List<Arg> args = new ArrayList<>();
        for (Object arg : list.subList(1, list.size())) {
            if (arg instanceof List<?>) {
                args.add(compileQuery(arg, variables));
            } else if (arg instanceof String s) {
                if (s.isEmpty()) {
                    continue;
                }
                if (s.charAt(0) == '$') {
                    String[] path = s.substring(1).split("\\.", -1);
                    args.add(new Var(s, path[0], Arrays.copyOfRange(path, 1, path.length)));
                    variables.add(s);
                } else {
                    args.add(new Literal(s));
                }
            } else if (arg != null) {
                args.add(new Literal(arg));
            }
        }
        Arg[] array = args.toArray(new Arg[0]);
        return switch (command) {
            case NOT -> new Not(array);
            case OR -> new AnyOf(array);
            case AND -> new AllOf(array);
            case IN -> new In(array);
            default -> new Compare(command, array);
        };
    }

    /** The commands of the query language. */
    enum Command {
        EQ("="), LT("<"), GT(">"), LE("<="), GE(">="), IN("in"), NOT("not"), OR("or"), AND("and");

        private final String symbol;

        Command(String symbol) {
            this.symbol = symbol;
        }

        static Command of(String s) {
            for (Command c : values()) {
                if (c.symbol.equals(s)) {
                    return c;
                }
            }
            return null;
        }

        /** Python's {@code operator.eq/lt/gt/le/ge(a, b)}. */
        boolean holds(Object a, Object b) {
            if (this == EQ) {
                if (a instanceof Double d && d.isNaN()) {
                    return false;
                }
                return equal(a, b);
            }
            int c;
            if (a instanceof Long x && b instanceof Long y) {
                c = Long.compare(x, y);
            } else {
                try {
                    c = Py.compare(a, b);
                } catch (PyException e) {
                    throw PyException.typeError("'" + symbol + "' not supported between instances of '"
                            + Py.typeName(a) + "' and '" + Py.typeName(b) + "'");
                }
                if (c == Py.NAN_UNORDERED) {
                    return false;
                }
            }
            return switch (this) {
                case LT -> c < 0;
                case GT -> c > 0;
                case LE -> c <= 0;
                case GE -> c >= 0;
                default -> throw new IllegalStateException(name());
            };
        }
    }

    /** An argument of a command: cooked to a value, or {@code null} when Cinder drops it. */
    private interface Arg {
        Object cook(PoolState pool);
    }

    /** A JSON value kept as it is (numbers, booleans, mappings, strings without {@code $}). */
    private record Literal(Object value) implements Arg {
        @Override
        public Object cook(PoolState pool) {
            return value;
        }
    }

    /** A {@code $attribute.key.key} reference. */
    private record Var(String text, String attribute, String[] keys) implements Arg {
        @Override
        public Object cook(PoolState pool) {
            Object value = pool.attribute(attribute);
            if (value == null) {
                return null;
            }
            for (String key : keys) {
                if (!(value instanceof Map<?, ?> m)) {
                    throw new PyException("AttributeError", "'" + Py.typeName(value)
                            + "' object has no attribute 'get'");
                }
                value = m.get(key);
                if (value == null) {
                    return null;
                }
            }
            return value;
        }
    }

    /** A (sub-)query: evaluates to a Boolean, or a List for {@code not}; never dropped. */
    private abstract static class Node implements Arg {
        /** Python truthiness of this node's value, without building it where possible. */
        abstract boolean truthy(PoolState pool);

        /** The top-level verdict: the value, reduced with {@code any} when it is a list. */
        boolean passesAtTop(PoolState pool) {
            return truthy(pool);
        }

        /** Cooks {@code arg} and tells whether it counts (is not dropped) and is truthy: 0 dropped, 1 false, 2 true. */
        static int truthOf(Arg arg, PoolState pool) {
            if (arg instanceof Node node) {
                return node.truthy(pool) ? 2 : 1;
            }
            Object v = arg.cook(pool);
            if (v == null) {
                return 0;
            }
            return Py.truthy(v) ? 2 : 1;
        }
    }

    /** A falsy query ({@code []}, {@code {}}, {@code null}, …): {@code True}. */
    private static final class EmptyQuery extends Node {
        static final EmptyQuery INSTANCE = new EmptyQuery();

        @Override
        public Object cook(PoolState pool) {
            return Boolean.TRUE;
        }

        @Override
        boolean truthy(PoolState pool) {
            return true;
        }
    }

    /** A query whose command Cinder cannot look up: raises before its arguments are looked at. */
    private static final class BadCommand extends Node {
        private final PyException error;

        BadCommand(PyException error) {
            this.error = error;
        }

        @Override
        public Object cook(PoolState pool) {
            throw new PyException(error.pythonType(), error.getMessage());
        }

        @Override
        boolean truthy(PoolState pool) {
            throw new PyException(error.pythonType(), error.getMessage());
        }
    }

    /** {@code =}, {@code <}, {@code >}, {@code <=}, {@code >=}: the first argument against every other. */
    private static final class Compare extends Node {
        private final Command command;
        private final Arg[] args;

        Compare(Command command, Arg[] args) {
            this.command = command;
            this.args = args;
        }

        @Override
        public Object cook(PoolState pool) {
            return truthy(pool);
        }

        @Override
        boolean truthy(PoolState pool) {
            Object first = null;
            int count = 0;
            boolean ok = true;
            for (Arg arg : args) {
                Object v = arg.cook(pool);
                if (v == null) {
                    continue;
                }
                if (count == 0) {
                    first = v;
                } else if (!command.holds(first, v)) {
                    ok = false;
                }
                count++;
            }
            return count >= 2 && ok;
        }
    }

    /** {@code in}: the first argument equals one of the others. */
    private static final class In extends Node {
        private final Arg[] args;

        In(Arg[] args) {
            this.args = args;
        }

        @Override
        public Object cook(PoolState pool) {
            return truthy(pool);
        }

        @Override
        boolean truthy(PoolState pool) {
            Object first = null;
            int count = 0;
            boolean found = false;
            for (Arg arg : args) {
                Object v = arg.cook(pool);
                if (v == null) {
                    continue;
                }
                if (count == 0) {
                    first = v;
                } else if (!found && equal(v, first)) {
                    found = true;
                }
                count++;
            }
            return count >= 2 && found;
        }
    }

    /** {@code not}: the list of the arguments' negations (truthy when it has any element). */
    private static final class Not extends Node {
        private final Arg[] args;

        Not(Arg[] args) {
            this.args = args;
        }

        @Override
        public Object cook(PoolState pool) {
            List<Object> out = new ArrayList<>(args.length);
            for (Arg arg : args) {
                int t = truthOf(arg, pool);
                if (t != 0) {
                    out.add(t == 1);
                }
            }
            return out;
        }

        @Override
        boolean truthy(PoolState pool) {
            boolean any = false;
            for (Arg arg : args) {
                if (truthOf(arg, pool) != 0) {
                    any = true;
                }
            }
            return any;
        }

        @Override
        boolean passesAtTop(PoolState pool) {
            boolean anyNegationTrue = false;
            for (Arg arg : args) {
                if (truthOf(arg, pool) == 1) {
                    anyNegationTrue = true;
                }
            }
            return anyNegationTrue;
        }
    }

    /** {@code or}: any argument truthy. */
    private static final class AnyOf extends Node {
        private final Arg[] args;

        AnyOf(Arg[] args) {
            this.args = args;
        }

        @Override
        public Object cook(PoolState pool) {
            return truthy(pool);
        }

        @Override
        boolean truthy(PoolState pool) {
            boolean any = false;
            for (Arg arg : args) {
                if (truthOf(arg, pool) == 2) {
                    any = true;
                }
            }
            return any;
        }
    }

    /** {@code and}: every argument truthy ({@code True} without arguments). */
    private static final class AllOf extends Node {
        private final Arg[] args;

        AllOf(Arg[] args) {
            this.args = args;
        }

        @Override
        public Object cook(PoolState pool) {
            return truthy(pool);
        }

        @Override
        boolean truthy(PoolState pool) {
            boolean all = true;
            for (Arg arg : args) {
                if (truthOf(arg, pool) == 1) {
                    all = false;
                }
            }
            return all;
        }
    }
}
