package org.volsched.cli;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.volsched.driver.filter.eval.EvaluatorException;
import org.volsched.driver.filter.eval.Expression;
import org.volsched.python.Py;

/**
 * Finds what a scenario says that Cinder reads differently from how it looks: extra specs hitting
 * {@code extra_specs_ops} quirks (rules ESO2-ESO9) and filter or goodness functions hitting the
 * evaluator's (section 12). Each finding names the field and says what Cinder does with it; volsched
 * does the same, so these are warnings, not errors.
 */
final class CinderQuirks {
    /** Cinder's extra-spec operators with one operand (all but {@code <or>}). */
    private static final Set<String> SINGLE_OPERAND = Set.of("=", "==", "!=", ">=", "<=", "s==", "s!=", "s<", "s<=",
            "s>", "s>=", "<in>", "<is>");

    private CinderQuirks() {
    }

    /**
     * Every finding of a scenario document, each starting with {@code source: field path:}.
     *
     * @param root the scenario as Python-like values; parts that do not have the expected shape are skipped
     */
    @SuppressWarnings("unchecked")
    static List<String> of(Map<String, Object> root, String source) {
        List<String> out = new ArrayList<>();
        if (root.get("request") instanceof Map<?, ?> request) {
            for (String holder : List.of("request_spec", "volume")) {
                if (request.get(holder) instanceof Map<?, ?> h && h.get("volume_type") instanceof Map<?, ?> t
                        && t.get("extra_specs") instanceof Map<?, ?> specs) {
                    extraSpecs((Map<String, Object>) specs, source + ": request." + holder
                            + ".volume_type.extra_specs", out);
                }
            }
        }
        if (root.get("backends") instanceof List<?> backends) {
            for (int i = 0; i < backends.size(); i++) {
                if (!(backends.get(i) instanceof Map<?, ?> b) || !(b.get("capabilities") instanceof Map<?, ?> caps)) {
                    continue;
                }
                String path = source + ": backends[" + i + "].capabilities";
                functions((Map<String, Object>) caps, path, out);
                if (caps.get("pools") instanceof List<?> pools) {
                    for (int j = 0; j < pools.size(); j++) {
                        if (pools.get(j) instanceof Map<?, ?> pool) {
                            functions((Map<String, Object>) pool, path + ".pools[" + j + "]", out);
                        }
                    }
                }
            }
        }
        return out;
    }

    /** Findings about each extra spec CapabilitiesFilter matches (unscoped or {@code capabilities:}). */
    static void extraSpecs(Map<String, Object> specs, String path, List<String> out) {
        for (Map.Entry<String, Object> e : specs.entrySet()) {
            String key = e.getKey();
            String[] scope = key.split(":", -1);
            if (scope.length > 1 && !scope[0].equals("capabilities")) {
                continue;
            }
            if (!(e.getValue() instanceof String value)) {
                continue;
            }
            String finding = extraSpec(value);
            if (finding != null) {
                out.add(path + "." + key + ": " + finding);
            }
        }
    }

    /** What Cinder does with one extra-spec value when it is not what it looks like, or {@code null}. */
    static String extraSpec(String value) {
        String stripped = value.strip();
        List<String> words = stripped.isEmpty() ? List.of() : Arrays.asList(stripped.split("\\s+"));
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

    /** Findings about the filter and goodness functions of one report (top level or pool). */
    private static void functions(Map<String, Object> report, String path, List<String> out) {
        for (String key : List.of("filter_function", "goodness_function")) {
            Object f = report.get(key);
            if (f == null) {
                continue;
            }
            String text = Py.str(f);
            try {
                for (String w : Expression.parse(text).warnings()) {
                    out.add(path + "." + key + ": " + w);
                }
            } catch (EvaluatorException e) {
                out.add(path + "." + key + ": " + Py.repr(text) + " cannot be evaluated: " + e.getMessage() + "; "
                        + (key.equals("filter_function") ? "DriverFilter rejects the pool"
                        : "GoodnessWeigher rates the pool 0") + ", as Cinder does");
            }
        }
    }
}
