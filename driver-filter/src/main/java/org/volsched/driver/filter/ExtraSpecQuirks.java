package org.volsched.driver.filter;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.volsched.python.Py;
import org.volsched.spi.InputQuirks;

/**
 * {@link CapabilitiesFilter}'s {@link InputQuirks}: extra specs that hit Cinder's
 * {@code extra_specs_ops} quirks (rules ESO2-ESO9), each saying what Cinder does with the value.
 * Only the keys the filter matches are checked (unscoped or {@code capabilities:}, rule CAP3), and
 * only string values.
 */
final class ExtraSpecQuirks implements InputQuirks {
    /** Cinder's extra-spec operators with one operand (all but {@code <or>}). */
    private static final Set<String> SINGLE_OPERAND = Set.of("=", "==", "!=", ">=", "<=", "s==", "s!=", "s<", "s<=",
            "s>", "s>=", "<in>", "<is>");

    @Override
    public List<String> extraSpecs(Map<String, ?> extraSpecs) {
        List<String> out = new ArrayList<>();
        for (Map.Entry<String, ?> e : extraSpecs.entrySet()) {
            String key = e.getKey();
            if (key == null || !CapabilitiesFilter.concernsCapabilities(key)) {
                continue;
            }
            if (!(e.getValue() instanceof String value)) {
                continue;
            }
            String finding = extraSpec(value);
            if (finding != null) {
                out.add(key + ": " + finding);
            }
        }
        return out;
    }

    @Override
    public String toString() {
        return "CapabilitiesFilter's extra-spec quirks";
    }

    /** What Cinder does with one extra-spec value when it is not what it looks like, or {@code null}. */
    static String extraSpec(String value) {
        // The same split as the matcher's (Python's str.split()), so a warning is about the words Cinder sees.
        String stripped = Py.pyStrip(value);
        List<String> words = ExtraSpecsMatcher.splitWords(value);
        if (words.isEmpty()) {
            return null;
        }
        String op = words.get(0);
        String quoted = Py.repr(value);
        switch (op) {
            case "<all-in>":
                return quoted + ": '<all-in>' is not an operator in Cinder (Nova has it, Cinder does not): the whole "
                        + "string is compared with == to the capability, so it matches only a capability equal to "
                        + quoted + "; use '<in> WORD' for one word";
            case ">":
            case "<":
                return quoted + ": '" + op + "' alone is not an operator in Cinder: the whole string is compared "
                        + "with == to the capability, so it never matches a number; Cinder's numeric operators are "
                        + "=, ==, !=, >= and <=";
            case "=":
                return quoted + ": '=' means at least in Cinder (float(capability) >= "
                        + (words.size() > 1 ? words.get(1) : "N") + "), not equality; write '>= "
                        + (words.size() > 1 ? words.get(1) : "N") + "' to say so, or '== "
                        + (words.size() > 1 ? words.get(1) : "N") + "' for equality"
                        + (words.size() > 2 ? extraWords(words) : "");
            case "<or>":
                return orFinding(words, quoted);
            default:
                break;
        }
        if (SINGLE_OPERAND.contains(op)) {
            if (words.size() == 1) {
                return quoted + ": '" + op + "' without an operand never matches in Cinder";
            }
            if (words.size() > 2) {
                return quoted + extraWords(words).replaceFirst("^; ", ": ");
            }
            return null;
        }
        String lower = stripped.toLowerCase(Locale.ROOT);
        if (lower.equals("true") || lower.equals("false")) {
            return quoted + ": a plain value is compared with == as a string, type-sensitively: a capability "
                    + "reported as the boolean " + lower + " does not equal it in Cinder; use '<is> "
                    + (lower.equals("true") ? "True" : "False") + "'";
        }
        if (isNumber(stripped)) {
            return quoted + ": a plain value is compared with == as a string, type-sensitively: a capability "
                    + "reported as the number " + stripped + " does not equal it in Cinder; use '== " + stripped + "'";
        }
        return null;
    }

    private static String extraWords(List<String> words) {
        return "; only the first operand word '" + words.get(1) + "' is used, Cinder ignores "
                + String.join(" ", words.subList(2, words.size())) + " (so " + Py.repr(words.get(0) + " "
                + String.join(" ", words.subList(1, words.size()))) + " tests " + Py.repr(words.get(1)) + " only)";
    }

    private static String orFinding(List<String> words, String quoted) {
        if (words.size() == 1) {
            return quoted + ": '<or>' without a value: Cinder fails the request with IndexError (volsched rejects "
                    + "every pool)";
        }
        List<String> candidates = new ArrayList<>();
        List<String> separators = new ArrayList<>();
        for (int i = 1; i < words.size(); i++) {
            if (i % 2 == 1) {
                candidates.add(words.get(i));
            } else if (!words.get(i).equals("<or>")) {
                separators.add(words.get(i));
            }
        }
        if (separators.isEmpty()) {
            return null;
        }
        return quoted + ": Cinder reads the words after '<or>' as VALUE <or> VALUE … without checking the "
                + "separators, so " + String.join(", ", separators.stream().map(Py::repr).toList())
                + (separators.size() == 1 ? " is" : " are") + " ignored and only "
                + String.join(", ", candidates.stream().map(Py::repr).toList()) + " can match";
    }

    private static boolean isNumber(String s) {
        return s.matches("[-+]?(\\d+(\\.\\d*)?|\\.\\d+)([eE][-+]?\\d+)?");
    }
}
