package org.volsched.driver.filter;

import java.util.List;
import java.util.Map;
import org.volsched.driver.filter.eval.EvaluatorException;
import org.volsched.driver.filter.eval.Expression;
import org.volsched.driver.filter.eval.ExpressionCache;
import org.volsched.spi.model.FilterProperties;
import org.volsched.spi.model.PoolState;
import org.volsched.spi.model.RequestSpec;
import org.volsched.spi.model.VolumeType;
import org.volsched.python.Py;

/**
 * What DriverFilter and GoodnessWeigher share: the parsed-once expressions, the namespaces of one
 * request, and the protocol-variant expansion of rule DF3.
 */
final class FunctionEvaluation {
    /** Expressions parsed once per distinct text, across requests. */
    static final ExpressionCache CACHE = new ExpressionCache();

    /** One evaluation's outcome: a value, or why it failed. */
    record Outcome(Object value, EvaluatorException failure) {
    }

    private FunctionEvaluation() {
    }

    /** The request's extra specs, or {@code null} when Cinder could not read the type (legacy pairs). */
    static Map<String, Object> extraSpecs(FilterProperties properties) {
        VolumeType type = properties.volumeType();
        if (type == null) {
            return Map.of();
        }
        if (type.legacyPairs() && !type.isEmpty()) {
            return null;
        }
        return type.extraSpecsOrEmpty();
    }

    static Map<String, Object> volumeProperties(FilterProperties properties) {
        RequestSpec spec = properties.requestSpec();
        return spec == null ? Map.of() : spec.volumeProperties();
    }

    /** The function text of a pool ({@code str()} of the capability), or {@code null} when it has none. */
    static String functionText(PoolState pool, String capability) {
        if (capability.equals("filter_function")) {
            return pool.filterFunctionText();
        }
        if (capability.equals("goodness_function")) {
            return pool.goodnessFunctionText();
        }
        Object fn = pool.capabilities().get(capability);
        return fn == null ? null : Py.str(fn);
    }

    /** The variants to evaluate with (rule DF3), or {@code null} to evaluate once as reported. */
    static List<?> variants(PoolState pool, String text) {
        if (text.contains("storage_protocol") && pool.storageProtocol() instanceof List<?> variants) {
            return variants;
        }
        return null;
    }

    /** Evaluates an already parsed expression with the exact interpreter. */
    static Outcome evaluate(Expression expression, PoolNamespaces namespaces) {
        try {
            return new Outcome(expression.evaluate(namespaces), null);
        } catch (EvaluatorException e) {
            return new Outcome(null, e);
        }
    }

    static Outcome evaluate(String text, PoolNamespaces namespaces) {
        try {
            Expression e = CACHE.get(text);
            return new Outcome(e.evaluate(namespaces), null);
        } catch (EvaluatorException e) {
            return new Outcome(null, e);
        }
    }
}
