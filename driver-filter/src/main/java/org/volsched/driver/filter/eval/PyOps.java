package org.volsched.driver.filter.eval;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;

import org.volsched.python.Py;
import org.volsched.python.PyException;
import org.volsched.python.PyNumbers;

/**
 * The operators and functions of the evaluator's language (rules EV6-EV12) with Python 3's
 * semantics, over the values an evaluation produces: {@link Long} or {@link BigInteger} (Python
 * {@code int}), {@link Double}, {@link Boolean}, {@link String} and {@link ArrayList} (never
 * shared, so results can be handed out).
 *
 * <p>What a number is, truthiness, equality, ordering, {@code int()}, {@code float()} and type
 * names are {@link Py}'s and {@link PyNumbers}'; this class only combines them the way Cinder's
 * evaluator does, and adds the arithmetic and functions that nothing else in Cinder uses.
 *
 * <p>Python errors are thrown as {@link PyException} (converted by {@link Expression#evaluate});
 * volsched's size limits and the wrapped division by zero are thrown as
 * {@link EvaluatorException}.
 */
final class PyOps {
    private PyOps() {
    }

    // ------------------------------------------------------------------ operand conversion (EV6)

    /**
     * Rule EV6's conversion of a variable's value: Python {@code int(v)}; on {@code ValueError}
     * {@code float(v)}; on {@code ValueError} the value itself, with every {@code '} and
     * {@code "} removed if it is a string. {@code TypeError} and {@code OverflowError} from
     * {@code int()} propagate. The only {@code ValueError} of {@code int()} on a number is a NaN's,
     * which {@code float()} then keeps.
     */
    static Object operand(Object value) {
        if (value instanceof Long) {
            return value;
        }
        if (value instanceof CharSequence cs) {
            return stringOperand(cs.toString());
        }
        if (Py.isFloat(value) && Double.isNaN(Py.asDouble(value))) {
            return Double.NaN;
        }
        return Py.toInt(value);
    }

    /** EV6 for a string: int, else float, else the string without quote characters. */
    static Object stringOperand(String s) {
        Object number = PyNumbers.parseIntOrFloat(s);
        if (number != null) {
            return number;
        }
        return stripQuotes(s);
    }

    /** Removes every {@code '} and {@code "} (Cinder's {@code replace('"', '').replace("'", '')}). */
    static String stripQuotes(String s) {
        if (s.indexOf('\'') < 0 && s.indexOf('"') < 0) {
            return s;
        }
        StringBuilder sb = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c != '\'' && c != '"') {
                sb.append(c);
            }
        }
        return sb.toString();
    }

    // ------------------------------------------------------------------ numbers

    /** The ints that the arithmetic below computes in a {@code long} first: the evaluator's usual ones. */
    private static boolean isSmallInt(Object o) {
        return o instanceof Long || o instanceof Boolean;
    }

    private static long smallInt(Object o) {
        if (o instanceof Boolean b) {
            return b ? 1L : 0L;
        }
        return (Long) o;
    }

    /** Python arithmetic on two numbers is in floats when either is a float. */
    private static boolean eitherFloat(Object a, Object b) {
        return Py.isFloat(a) || Py.isFloat(b);
    }

    private static Object checkedBig(BigInteger big) throws EvaluatorException {
        if (big.bitLength() > Expression.MAX_INTEGER_BITS) {
            throw integerTooLarge();
        }
        return Py.normaliseInt(big);
    }

    private static EvaluatorException integerTooLarge() {
        return EvaluatorException.limit("integer result larger than " + Expression.MAX_INTEGER_BITS + " bits", -1);
    }

    // ------------------------------------------------------------------ arithmetic (EV7)

    /** Python {@code a += b} (lists extend by any iterable, as {@code list.__iadd__} does). */
    static Object iadd(Object a, Object b) throws EvaluatorException {
        if (isSmallInt(a) && isSmallInt(b)) {
            long x = smallInt(a);
            long y = smallInt(b);
            long r = x + y;
            if (((x ^ r) & (y ^ r)) < 0) {
                return checkedBig(BigInteger.valueOf(x).add(BigInteger.valueOf(y)));
            }
            return r;
        }
        if (Py.isNumber(a) && Py.isNumber(b)) {
            if (eitherFloat(a, b)) {
                return Py.toFloat(a) + Py.toFloat(b);
            }
            return checkedBig(Py.bigInteger(a).add(Py.bigInteger(b)));
        }
        if (a instanceof String s) {
            if (b instanceof String t) {
                checkLength((long) s.length() + t.length());
                return s.concat(t);
            }
            throw PyException.typeError("can only concatenate str (not \"" + Py.typeName(b) + "\") to str");
        }
        if (a instanceof List<?> l) {
            if (b instanceof List<?> m) {
                checkLength((long) l.size() + m.size());
                List<Object> out = new ArrayList<>(l.size() + m.size());
                out.addAll(l);
                out.addAll(m);
                return out;
            }
            if (b instanceof String t) {
                checkLength((long) l.size() + t.length());
                List<Object> out = new ArrayList<>(l.size() + t.length());
                out.addAll(l);
                addCharacters(out, t);
                return out;
            }
            throw PyException.typeError("'" + Py.typeName(b) + "' object is not iterable");
        }
        throw unsupported("+=", a, b);
    }

    /** Python {@code a -= b}. */
    static Object isub(Object a, Object b) throws EvaluatorException {
        if (isSmallInt(a) && isSmallInt(b)) {
            long x = smallInt(a);
            long y = smallInt(b);
            long r = x - y;
            if (((x ^ y) & (x ^ r)) < 0) {
                return checkedBig(BigInteger.valueOf(x).subtract(BigInteger.valueOf(y)));
            }
            return r;
        }
        if (Py.isNumber(a) && Py.isNumber(b)) {
            if (eitherFloat(a, b)) {
                return Py.toFloat(a) - Py.toFloat(b);
            }
            return checkedBig(Py.bigInteger(a).subtract(Py.bigInteger(b)));
        }
        throw unsupported("-=", a, b);
    }

    /** Python {@code a * b} (and {@code a *= b}, which behaves the same for these types). */
    static Object mul(Object a, Object b) throws EvaluatorException {
        if (isSmallInt(a) && isSmallInt(b)) {
            long x = smallInt(a);
            long y = smallInt(b);
            long hi = Math.multiplyHigh(x, y);
            long lo = x * y;
            if (hi == 0 && lo >= 0 || hi == -1 && lo < 0) {
                return lo;
            }
            return checkedBig(BigInteger.valueOf(x).multiply(BigInteger.valueOf(y)));
        }
        if (Py.isNumber(a) && Py.isNumber(b)) {
            if (eitherFloat(a, b)) {
                return Py.toFloat(a) * Py.toFloat(b);
            }
            BigInteger x = Py.bigInteger(a);
            BigInteger y = Py.bigInteger(b);
            if ((long) x.bitLength() + y.bitLength() > Expression.MAX_INTEGER_BITS + 1L) {
                throw integerTooLarge();
            }
            return checkedBig(x.multiply(y));
        }
        if (a instanceof String || a instanceof List) {
            if (Py.isIntegral(b)) {
                return repeat(a, b);
            }
            throw PyException.typeError("can't multiply sequence by non-int of type '" + Py.typeName(b) + "'");
        }
        if (Py.isIntegral(a)) {
            return repeat(b, a);
        }
        throw PyException.typeError("can't multiply sequence by non-int of type '" + Py.typeName(a) + "'");
    }

    /** Python {@code a /= float(b)}; division by zero is Cinder's wrapped ZeroDivisionError. */
    static Object idiv(Object a, Object b) throws EvaluatorException {
        double divisor = Py.toFloat(b);
        if (!Py.isNumber(a)) {
            throw PyException.typeError("unsupported operand type(s) for /=: '" + Py.typeName(a) + "' and 'float'");
        }
        double dividend = Py.toFloat(a);
        if (divisor == 0.0) {
            throw EvaluatorException.wrapped("ZeroDivisionError: float division by zero");
        }
        return dividend / divisor;
    }

    /** Python {@code pow(a, b)}. */
    static Object pow(Object a, Object b) throws EvaluatorException {
        if (!Py.isNumber(a) || !Py.isNumber(b)) {
            throw PyException.typeError("unsupported operand type(s) for ** or pow(): '" + Py.typeName(a) + "' and '"
                    + Py.typeName(b) + "'");
        }
        if (Py.isIntegral(a) && Py.isIntegral(b)) {
            BigInteger exponent = Py.bigInteger(b);
            if (exponent.signum() >= 0) {
                return intPow(Py.bigInteger(a), exponent);
            }
        }
        return floatPow(Py.toFloat(a), Py.toFloat(b));
    }

    private static Object intPow(BigInteger base, BigInteger exponent) throws EvaluatorException {
        if (exponent.signum() == 0) {
            return 1L;
        }
        if (base.signum() == 0 || base.equals(BigInteger.ONE)) {
            return Py.normaliseInt(base);
        }
        if (base.equals(BigInteger.ONE.negate())) {
            return exponent.testBit(0) ? -1L : 1L;
        }
        // |base| >= 2, so the result has at least exponent + 1 bits.
        if (exponent.compareTo(BigInteger.valueOf(Expression.MAX_INTEGER_BITS)) >= 0) {
            throw integerTooLarge();
        }
        int e = exponent.intValue();
        if ((long) (base.abs().bitLength() - 1) * e >= Expression.MAX_INTEGER_BITS) {
            throw integerTooLarge();
        }
        return checkedBig(base.pow(e));
    }

    private static boolean isOddInteger(double y) {
        return Math.abs(y) < 9007199254740992.0 && y == Math.rint(y) && Math.abs(y % 2.0) == 1.0;
    }

    /** Python's {@code float.__pow__}, including its special cases and errors. */
    static double floatPow(double x, double y) throws EvaluatorException {
        if (y == 0.0) {
            return 1.0;
        }
        if (Double.isNaN(x)) {
            return x;
        }
        if (Double.isNaN(y)) {
            return x == 1.0 ? 1.0 : y;
        }
        if (x == 1.0) {
            return 1.0;
        }
        if (Double.isInfinite(y)) {
            double ax = Math.abs(x);
            if (ax == 1.0) {
                return 1.0;
            }
            return (ax > 1.0) == (y > 0) ? Double.POSITIVE_INFINITY : 0.0;
        }
        if (Double.isInfinite(x)) {
            boolean odd = isOddInteger(y);
            if (x > 0) {
                return y > 0 ? x : 0.0;
            }
            if (y > 0) {
                return odd ? x : Double.POSITIVE_INFINITY;
            }
            return odd ? -0.0 : 0.0;
        }
        if (x == 0.0) {
            if (y < 0) {
                throw new PyException("ZeroDivisionError", "0.0 cannot be raised to a negative power");
            }
            return isOddInteger(y) ? x : 0.0;
        }
        if (x < 0 && y != Math.rint(y)) {
            throw EvaluatorException.unsupported("a negative number raised to a fractional power is a complex number "
                    + "in Python, which volsched does not support");
        }
        double r = Math.pow(x, y);
        if (Double.isInfinite(r)) {
            throw new PyException("OverflowError", "(34, 'Numerical result out of range')");
        }
        return r;
    }

    private static PyException unsupported(String op, Object a, Object b) {
        return PyException.typeError("unsupported operand type(s) for " + op + ": '" + Py.typeName(a) + "' and '"
                + Py.typeName(b) + "'");
    }

    // ------------------------------------------------------------------ sequences

    private static void checkLength(long length) throws EvaluatorException {
        if (length > Expression.MAX_SEQUENCE_LENGTH) {
            throw EvaluatorException.limit("string or list longer than " + Expression.MAX_SEQUENCE_LENGTH
                    + " elements", -1);
        }
    }

    private static Object repeat(Object sequence, Object count) throws EvaluatorException {
        Number times = Py.toInt(count);
        if (times instanceof BigInteger) {
            throw new PyException("OverflowError", "cannot fit 'int' into an index-sized integer");
        }
        long n = times.longValue();
        int length = sequence instanceof String s ? s.length() : ((List<?>) sequence).size();
        if (n <= 0 || length == 0) {
            return sequence instanceof String ? "" : new ArrayList<>();
        }
        if (length > Long.MAX_VALUE / n) {
            if (sequence instanceof String) {
                throw new PyException("OverflowError", "repeated string is too long");
            }
            throw new PyException("MemoryError", "");
        }
        checkLength(n * length);
        if (sequence instanceof String s) {
            return s.repeat((int) n);
        }
        List<?> list = (List<?>) sequence;
        List<Object> out = new ArrayList<>((int) (n * length));
        for (long i = 0; i < n; i++) {
            out.addAll(list);
        }
        return out;
    }

    private static void addCharacters(List<Object> out, String s) {
        for (int i = 0; i < s.length(); ) {
            int cp = s.codePointAt(i);
            int next = i + Character.charCount(cp);
            out.add(s.substring(i, next));
            i = next;
        }
    }

    /** Python's iteration of a value passed alone to {@code max}/{@code min}. */
    private static List<?> iterate(Object value) {
        if (value instanceof List<?> l) {
            return l;
        }
        if (value instanceof String s) {
            List<Object> chars = new ArrayList<>(s.length());
            addCharacters(chars, s);
            return chars;
        }
        throw PyException.typeError("'" + Py.typeName(value) + "' object is not iterable");
    }

    // ------------------------------------------------------------------ comparisons (EV9)

    /** The comparison operators; {@code <>} is {@link #NE}. */
    enum Comparison {
        LT("<"), LE("<="), GT(">"), GE(">="), EQ("=="), NE("!=");

        final String symbol;

        Comparison(String symbol) {
            this.symbol = symbol;
        }
    }

    /** Python {@code a op b}; ordering TypeErrors name the operator, as Python's do. */
    static boolean compare(Comparison op, Object a, Object b) {
        switch (op) {
            case EQ:
                return Py.eq(a, b);
            case NE:
                return !Py.eq(a, b);
            case LT:
                return Py.lt(a, b);
            case LE:
                return Py.le(a, b);
            case GT:
                return Py.gt(a, b);
            default:
                return Py.ge(a, b);
        }
    }

    // ------------------------------------------------------------------ functions (EV12)

    /** The functions Cinder knows; any other name raises {@code KeyError}. */
    enum Function {
        ABS, MAX, MIN;

        static Function named(String name) {
            switch (name) {
                case "abs":
                    return ABS;
                case "max":
                    return MAX;
                case "min":
                    return MIN;
                default:
                    return null;
            }
        }
    }

    /** Calls {@code function}: a list argument is spread into the arguments, anything else is one argument. */
    static Object call(Function function, Object argument) {
        List<?> args = argument instanceof List<?> l ? l : null;
        int count = args == null ? 1 : args.size();
        if (function == Function.ABS) {
            if (count != 1) {
                throw PyException.typeError("abs() takes exactly one argument (" + count + " given)");
            }
            return abs(args == null ? argument : args.get(0));
        }
        String name = function == Function.MAX ? "max" : "min";
        List<?> items;
        if (count == 0) {
            throw PyException.typeError(name + " expected at least 1 argument, got 0");
        } else if (count == 1) {
            items = iterate(args == null ? argument : args.get(0));
            if (items.isEmpty()) {
                throw PyException.valueError(name + "() arg is an empty sequence");
            }
        } else {
            items = args;
        }
        Comparison better = function == Function.MAX ? Comparison.GT : Comparison.LT;
        Object best = items.get(0);
        for (int i = 1; i < items.size(); i++) {
            Object item = items.get(i);
            if (compare(better, item, best)) {
                best = item;
            }
        }
        return best;
    }

    /** Python {@code abs(x)}: an int for an int (a bool included), a float for a float. */
    private static Object abs(Object x) {
        if (x instanceof Long l) {
            return l == Long.MIN_VALUE ? (Object) BigInteger.valueOf(l).negate() : (Object) Math.abs(l);
        }
        if (Py.isIntegral(x)) {
            return Py.normaliseInt(Py.bigInteger(x).abs());
        }
        if (Py.isFloat(x)) {
            return Math.abs(Py.asDouble(x));
        }
        throw PyException.typeError("bad operand type for abs(): '" + Py.typeName(x) + "'");
    }
}
