package org.volsched.driver.filter;

import java.util.ArrayList;
import java.util.List;
import org.volsched.python.Py;
import org.volsched.python.PyException;
import org.volsched.python.PyNumbers;

/**
 * One extra-spec requirement ({@code "<in> gold"}, {@code ">= 10"}, {@code "s== NetApp"},
 * {@code "<or> FC <or> iSCSI"}, a plain value, …) compiled once, matched against capability values
 * many times: Cinder's {@code extra_specs_ops.match(value, req)} (rules ESO1-ESO9).
 *
 * <p>{@link #compile(Object)} splits the requirement into its operator and operand and converts
 * the operand for its operator ahead of time (a float for the numeric operators, a boolean for
 * {@code <is>}, the candidate words for {@code <or>}), so {@link #matches(Object)} only compares.
 * Cinder's quirks are kept: {@code =} means <em>at least</em>, only the first operand word counts,
 * {@code <in>} is a substring (or membership) test, plain requirements use type-sensitive
 * equality, {@code >}, {@code <} and {@code <all-in>} are not operators, and a non-numeric value
 * under a numeric operator simply does not match.
 *
 * <p>Where Cinder itself would raise (ordering a non-string with {@code s<}, {@code <in>} on a
 * number, a mapping under a numeric operator, a bare {@code <or>}), {@link #matches(Object)} throws
 * the {@link PyException} Python would have raised; callers turn it into a rejection.
 * Instances are immutable and thread-safe.
 */
public final class ExtraSpecsMatcher {
    /** What the requirement does with a value. */
    public enum Kind {
        /** The requirement is {@code None}: matches only {@code None} (ESO1). */
        NONE,
        /** No operator: Python {@code value == req} with the whole requirement string (ESO2). */
        EQUALS,
        /** An operator without an operand: never matches (ESO4). */
        NO_OPERAND,
        /** {@code =}: {@code float(value) >= float(operand)} (ESO5). */
        AT_LEAST,
        /** {@code ==}: numeric equality. */
        NUM_EQ,
        /** {@code !=}: numeric inequality. */
        NUM_NE,
        /** {@code >=}: numeric. */
        NUM_GE,
        /** {@code <=}: numeric. */
        NUM_LE,
        /** {@code s==}: Python {@code ==} with the operand string (ESO6). */
        STR_EQ,
        /** {@code s!=}: Python {@code !=} with the operand string. */
        STR_NE,
        /** {@code s<}. */
        STR_LT,
        /** {@code s<=}. */
        STR_LE,
        /** {@code s>}. */
        STR_GT,
        /** {@code s>=}. */
        STR_GE,
        /** {@code <in>}: {@code operand in value} (ESO7). */
        IN,
        /** {@code <is>}: {@code bool_from_string(value) is bool_from_string(operand)} (ESO8). */
        IS,
        /** {@code <or>}: any candidate word equals the value (ESO9). */
        OR,
        /** The requirement is not a string: Cinder fails with {@code AttributeError} on {@code req.split()}. */
        NOT_A_STRING
    }

    private final Object requirement;
    private final Kind kind;
    private final String operator;
    private final String operand;
    private final double operandFloat;
    private final boolean operandFloatValid;
    private final boolean operandBool;
    private final String[] candidates;

    private ExtraSpecsMatcher(Object requirement, Kind kind, String operator, String operand, String[] candidates) {
        this.requirement = requirement;
        this.kind = kind;
        this.operator = operator;
        this.operand = operand;
        this.candidates = candidates;
        double f = Double.NaN;
        boolean valid = false;
        if (operand != null && isNumeric(kind)) {
            f = PyNumbers.parseFloat(operand);
            valid = !Double.isNaN(f) || PyNumbers.isFloatLiteral(operand);
        }
        this.operandFloat = f;
        this.operandFloatValid = valid;
        this.operandBool = kind == Kind.IS && Py.boolFromString(operand);
    }

    /**
     * Compiles one extra-spec value.
     *
     * @param requirement the extra spec's value: normally a string, {@code null} for an explicit
     *     {@code None}; any other object is kept and fails as Cinder does when matched
     */
    public static ExtraSpecsMatcher compile(Object requirement) {
        if (requirement == null) {
            return new ExtraSpecsMatcher(null, Kind.NONE, null, null, null);
        }
        if (!(requirement instanceof String req)) {
            return new ExtraSpecsMatcher(requirement, Kind.NOT_A_STRING, null, null, null);
        }
        List<String> words = splitWords(req);
        if (words.isEmpty()) {
            return new ExtraSpecsMatcher(req, Kind.EQUALS, null, null, null);
        }
        String op = words.get(0);
        Kind kind = operatorKind(op);
        if (kind == null) {
            return new ExtraSpecsMatcher(req, Kind.EQUALS, null, null, null);
        }
        if (kind == Kind.OR) {
            List<String> candidates = new ArrayList<>();
            for (int i = 1; i < words.size(); i += 2) {
                candidates.add(words.get(i));
            }
            return new ExtraSpecsMatcher(req, Kind.OR, op, words.size() > 1 ? words.get(1) : null,
                    candidates.toArray(new String[0]));
        }
        if (words.size() < 2) {
            return new ExtraSpecsMatcher(req, Kind.NO_OPERAND, op, null, null);
        }
        return new ExtraSpecsMatcher(req, kind, op, words.get(1), null);
    }

    private static Kind operatorKind(String word) {
        return switch (word) {
            case "=" -> Kind.AT_LEAST;
            case "==" -> Kind.NUM_EQ;
            case "!=" -> Kind.NUM_NE;
            case ">=" -> Kind.NUM_GE;
            case "<=" -> Kind.NUM_LE;
            case "s==" -> Kind.STR_EQ;
            case "s!=" -> Kind.STR_NE;
            case "s<" -> Kind.STR_LT;
            case "s<=" -> Kind.STR_LE;
            case "s>" -> Kind.STR_GT;
            case "s>=" -> Kind.STR_GE;
            case "<in>" -> Kind.IN;
            case "<is>" -> Kind.IS;
            case "<or>" -> Kind.OR;
            default -> null;
        };
    }

    private static boolean isNumeric(Kind kind) {
        return kind == Kind.AT_LEAST || kind == Kind.NUM_EQ || kind == Kind.NUM_NE || kind == Kind.NUM_GE
                || kind == Kind.NUM_LE;
    }

    /** Python's {@code str.split()}: runs of whitespace separate words; leading/trailing runs ignored. */
    static List<String> splitWords(String s) {
        List<String> words = new ArrayList<>();
        int i = 0;
        int n = s.length();
        while (i < n) {
            while (i < n && Py.isPyWhitespace(s.codePointAt(i))) {
                i += Character.charCount(s.codePointAt(i));
            }
            if (i >= n) {
                break;
            }
            int start = i;
            while (i < n && !Py.isPyWhitespace(s.codePointAt(i))) {
                i += Character.charCount(s.codePointAt(i));
            }
            words.add(s.substring(start, i));
        }
        return words;
    }

    /** The requirement as given ({@code null} for {@code None}). */
    public Object requirement() {
        return requirement;
    }

    public Kind kind() {
        return kind;
    }

    /** The operator word ({@code "<in>"}, {@code "s=="}, …), or {@code null} for a plain requirement. */
    public String operator() {
        return operator;
    }

    /** The operand word that counts (the first one after the operator), or {@code null}. */
    public String operand() {
        return operand;
    }

    /**
     * Cinder's {@code match(value, req)} for this requirement.
     *
     * @param value a capability value as reported (one element of a list capability)
     * @throws PyException where Cinder raises: {@code TypeError} (string ordering of a non-string,
     *     {@code <in>} on a number or boolean, a list or mapping under a numeric operator),
     *     {@code IndexError} (a bare {@code <or>}), {@code AttributeError} (a non-string requirement)
     */
    public boolean matches(Object value) {
        switch (kind) {
            case NONE:
                return value == null;
            case NOT_A_STRING:
                throw new PyException("AttributeError", "'" + Py.typeName(requirement)
                        + "' object has no attribute 'split'");
            case EQUALS:
                return Py.eq(value, requirement);
            default:
                break;
        }
        if (value == null) {
            return false;
        }
        switch (kind) {
            case NO_OPERAND:
                return false;
            case OR:
                if (candidates.length == 0) {
                    throw new PyException("IndexError", "pop from empty list");
                }
                for (String candidate : candidates) {
                    if (Py.eq(candidate, value)) {
                        return true;
                    }
                }
                return false;
            case AT_LEAST:
            case NUM_EQ:
            case NUM_NE:
            case NUM_GE:
            case NUM_LE:
                return numeric(value);
            case STR_EQ:
                return Py.eq(value, operand);
            case STR_NE:
                return !Py.eq(value, operand);
            case STR_LT:
            case STR_LE:
            case STR_GT:
            case STR_GE:
                return ordered(value);
            case IN:
                return Py.contains(value, operand);
            case IS:
                return Py.boolFromString(value) == operandBool;
            default:
                throw new IllegalStateException(kind.name());
        }
    }

    private boolean numeric(Object value) {
        double x;
        if (value instanceof String s) {
            x = PyNumbers.parseFloat(s);
            if (Double.isNaN(x) && !PyNumbers.isFloatLiteral(s)) {
                return false;
            }
        } else {
            x = Py.toFloat(value);
        }
        if (!operandFloatValid) {
            return false;
        }
        double y = operandFloat;
        return switch (kind) {
            case AT_LEAST, NUM_GE -> x >= y;
            case NUM_EQ -> x == y;
            case NUM_NE -> x != y;
            case NUM_LE -> x <= y;
            default -> throw new IllegalStateException(kind.name());
        };
    }

    private boolean ordered(Object value) {
        if (!(value instanceof String)) {
            String symbol = operator.substring(1);
            throw PyException.typeError("'" + symbol + "' not supported between instances of '"
                    + Py.typeName(value) + "' and 'str'");
        }
        int c = Py.compare(value, operand);
        return switch (kind) {
            case STR_LT -> c < 0;
            case STR_LE -> c <= 0;
            case STR_GT -> c > 0;
            case STR_GE -> c >= 0;
            default -> throw new IllegalStateException(kind.name());
        };
    }

    /** The requirement as written, for messages ({@code None} for a null requirement). */
    @Override
    public String toString() {
        if (requirement == null) {
            return "None";
        }
        return requirement instanceof String s ? s : Py.repr(requirement);
    }
}
