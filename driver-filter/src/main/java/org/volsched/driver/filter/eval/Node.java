package org.volsched.driver.filter.eval;

import java.util.ArrayList;
import java.util.List;

import org.volsched.python.Py;

/**
 * A node of a parsed expression. Nodes are immutable; evaluating one reads only the namespaces,
 * so a tree can be evaluated by many threads at once.
 *
 * <p>Chains that Cinder nests (right-associative {@code ^} and {@code ,}) are flat here and
 * evaluated with loops; only parentheses and prefix operators nest, and the parser bounds those
 * by {@link Expression#MAX_DEPTH}, which bounds the Java stack an evaluation needs.
 */
abstract class Node {

    /** The value of this node (rule EV13 types). */
    abstract Object eval(Namespaces ns) throws EvaluatorException;

    /** Python truthiness of the value, without boxing where a node knows it is a boolean. */
    boolean test(Namespaces ns) throws EvaluatorException {
        return Py.truthy(eval(ns));
    }

    /** A literal; its EV6 conversion was done once by the parser. */
    static final class Constant extends Node {
        final Object value;

        Constant(Object value) {
            this.value = value;
        }

        @Override
        Object eval(Namespaces ns) {
            return value;
        }
    }

    /** A {@code namespace.key} operand (rule EV6). */
    static final class Variable extends Node {
        final String namespace;
        final String key;

        Variable(String namespace, String key) {
            this.namespace = namespace;
            this.key = key;
        }

        @Override
        Object eval(Namespaces ns) throws EvaluatorException {
            Object value = ns.lookup(namespace, key);
            if (value instanceof Namespaces.Failure failure) {
                throw EvaluatorException.wrapped(failure == Namespaces.Failure.NO_SUCH_KEY
                        ? "KeyError evaluating string" : "TypeError evaluating string");
            }
            return PyOps.operand(value);
        }
    }

    /** Function application {@code name operand} (rules EV4, EV12). */
    static final class Apply extends Node {
        final String name;
        final PyOps.Function function;
        final Node argument;

        Apply(String name, Node argument) {
            this.name = name;
            this.function = PyOps.Function.named(name);
            this.argument = argument;
        }

        @Override
        Object eval(Namespaces ns) throws EvaluatorException {
            Object value = argument.eval(ns);
            if (function == null) {
                throw EvaluatorException.python("KeyError", Py.repr(name));
            }
            return PyOps.call(function, value);
        }
    }

    /** {@code a ^ b ^ c}: right-associative Python {@code pow}; operands evaluated left to right first. */
    static final class Power extends Node {
        final Node[] operands;

        Power(Node[] operands) {
            this.operands = operands;
        }

        @Override
        Object eval(Namespaces ns) throws EvaluatorException {
            int n = operands.length;
            if (n == 2) {
                Object base = operands[0].eval(ns);
                return PyOps.pow(base, operands[1].eval(ns));
            }
            Object[] values = new Object[n];
            for (int i = 0; i < n; i++) {
                values[i] = operands[i].eval(ns);
            }
            Object result = values[n - 1];
            for (int i = n - 2; i >= 0; i--) {
                result = PyOps.pow(values[i], result);
            }
            return result;
        }
    }

    /** Unary {@code -x} / {@code +x}: Cinder computes {@code -1 * x} / {@code 1 * x} (rule EV7). */
    static final class Sign extends Node {
        final Long factor;
        final Node operand;

        Sign(boolean negative, Node operand) {
            this.factor = negative ? -1L : 1L;
            this.operand = operand;
        }

        @Override
        Object eval(Namespaces ns) throws EvaluatorException {
            return PyOps.mul(factor, operand.eval(ns));
        }
    }

    /** {@code a * b / c}: left to right, {@code *=} and {@code /= float(rhs)}. */
    static final class Product extends Node {
        final Node first;
        final boolean[] divide;
        final Node[] rest;

        Product(Node first, boolean[] divide, Node[] rest) {
            this.first = first;
            this.divide = divide;
            this.rest = rest;
        }

        @Override
        Object eval(Namespaces ns) throws EvaluatorException {
            Object value = first.eval(ns);
            for (int i = 0; i < rest.length; i++) {
                Object rhs = rest[i].eval(ns);
                value = divide[i] ? PyOps.idiv(value, rhs) : PyOps.mul(value, rhs);
            }
            return value;
        }
    }

    /** {@code a + b - c}: left to right, {@code +=} and {@code -=}. */
    static final class Sum extends Node {
        final Node first;
        final boolean[] subtract;
        final Node[] rest;

        Sum(Node first, boolean[] subtract, Node[] rest) {
            this.first = first;
            this.subtract = subtract;
            this.rest = rest;
        }

        @Override
        Object eval(Namespaces ns) throws EvaluatorException {
            Object value = first.eval(ns);
            for (int i = 0; i < rest.length; i++) {
                Object rhs = rest[i].eval(ns);
                value = subtract[i] ? PyOps.isub(value, rhs) : PyOps.iadd(value, rhs);
            }
            return value;
        }
    }

    /** {@code not x} (rule EV8). */
    static final class Not extends Node {
        final Node operand;

        Not(Node operand) {
            this.operand = operand;
        }

        @Override
        Object eval(Namespaces ns) throws EvaluatorException {
            return !operand.test(ns);
        }

        @Override
        boolean test(Namespaces ns) throws EvaluatorException {
            return !operand.test(ns);
        }
    }

    /** Chained comparisons {@code a < b <= c} (rule EV9): stops at the first false pair. */
    static final class Compare extends Node {
        final Node first;
        final PyOps.Comparison[] ops;
        final Node[] rest;

        Compare(Node first, PyOps.Comparison[] ops, Node[] rest) {
            this.first = first;
            this.ops = ops;
            this.rest = rest;
        }

        @Override
        Object eval(Namespaces ns) throws EvaluatorException {
            return test(ns);
        }

        @Override
        boolean test(Namespaces ns) throws EvaluatorException {
            Object left = first.eval(ns);
            for (int i = 0; i < rest.length; i++) {
                Object right = rest[i].eval(ns);
                if (!PyOps.compare(ops[i], left, right)) {
                    return false;
                }
                left = right;
            }
            return true;
        }
    }

    /** {@code c ? a : b}: only the chosen branch is evaluated (rule EV10). */
    static final class Conditional extends Node {
        final Node condition;
        final Node then;
        final Node otherwise;

        Conditional(Node condition, Node then, Node otherwise) {
            this.condition = condition;
            this.then = then;
            this.otherwise = otherwise;
        }

        @Override
        Object eval(Namespaces ns) throws EvaluatorException {
            return condition.test(ns) ? then.eval(ns) : otherwise.eval(ns);
        }
    }

    /** Python {@code x and y} of the first two operands, both evaluated (rule EV10). */
    static final class And extends Node {
        final Node left;
        final Node right;

        And(Node left, Node right) {
            this.left = left;
            this.right = right;
        }

        @Override
        Object eval(Namespaces ns) throws EvaluatorException {
            Object l = left.eval(ns);
            Object r = right.eval(ns);
            return Py.truthy(l) ? r : l;
        }
    }

    /** Python {@code x or y} of the first two operands, both evaluated (rule EV10). */
    static final class Or extends Node {
        final Node left;
        final Node right;

        Or(Node left, Node right) {
            this.left = left;
            this.right = right;
        }

        @Override
        Object eval(Namespaces ns) throws EvaluatorException {
            Object l = left.eval(ns);
            Object r = right.eval(ns);
            return Py.truthy(l) ? l : r;
        }
    }

    /**
     * {@code a, b, c} (rule EV11). Cinder nests to the right and spreads a list on the right of
     * each comma, which amounts to: every element as it is, except that a list in last position
     * is spread.
     */
    static final class ListOf extends Node {
        final Node[] items;

        ListOf(Node[] items) {
            this.items = items;
        }

        @Override
        Object eval(Namespaces ns) throws EvaluatorException {
            int n = items.length;
            List<Object> out = new ArrayList<>(n + 4);
            for (int i = 0; i < n - 1; i++) {
                out.add(items[i].eval(ns));
            }
            Object last = items[n - 1].eval(ns);
            if (last instanceof List<?> l) {
                if ((long) out.size() + l.size() > Expression.MAX_SEQUENCE_LENGTH) {
                    throw EvaluatorException.limit("string or list longer than " + Expression.MAX_SEQUENCE_LENGTH
                            + " elements", -1);
                }
                out.addAll(l);
            } else {
                out.add(last);
            }
            return out;
        }
    }
}
