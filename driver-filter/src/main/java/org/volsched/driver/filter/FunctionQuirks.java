package org.volsched.driver.filter;

import java.util.List;
import java.util.Map;
import org.volsched.driver.filter.eval.EvaluatorException;
import org.volsched.driver.filter.eval.Expression;
import org.volsched.python.Py;
import org.volsched.spi.InputQuirks;

/**
 * The {@link InputQuirks} of a component that evaluates one reported function
 * ({@link DriverFilter}'s {@code filter_function}, {@link GoodnessWeigher}'s {@code goodness_function}):
 * what Cinder's evaluator reads differently from how the text looks (section 12: the parse warnings of
 * {@link Expression}), and a text it cannot evaluate at all, with what the component then does.
 */
final class FunctionQuirks implements InputQuirks {
    private final String key;
    private final String whenUnevaluable;

    /**
     * @param key the capability holding the function
     * @param whenUnevaluable what the component does with a pool whose function cannot be evaluated
     *     ({@code DriverFilter rejects the pool})
     */
    FunctionQuirks(String key, String whenUnevaluable) {
        this.key = key;
        this.whenUnevaluable = whenUnevaluable;
    }

    @Override
    public List<String> capabilities(Map<String, ?> report) {
        Object f = report.get(key);
        if (f == null) {
            return List.of();
        }
        String text = Py.str(f);
        try {
            return Expression.parse(text).warnings().stream().map(w -> key + ": " + w).toList();
        } catch (EvaluatorException e) {
            return List.of(key + ": " + Py.repr(text) + " cannot be evaluated: " + e.getMessage() + "; "
                    + whenUnevaluable + ", as Cinder does");
        }
    }

    @Override
    public String toString() {
        return key + " quirks";
    }
}
