package org.volsched.spi;

import java.util.List;
import java.util.Map;

/**
 * What a component reads differently from how it looks, because Cinder does: the quirks an operator
 * should hear about before scheduling (an extra spec {@code "= 100"} means <em>at least</em> 100; a
 * filter function {@code "a and b and c"} is evaluated as {@code a and b}). volsched keeps these
 * quirks, so a finding is a warning, never an error.
 *
 * <p>A component's factory returns its checks from {@link ComponentFactory#quirks()}; a factory made
 * with {@code FilterFactory.of(…)} (or the driver and weigher counterparts) gets them with
 * {@code .withQuirks(…)}. {@code volsched validate} asks the factory of every registered driver, filter
 * and weigher, without building any component, and prints each finding as a warning prefixed with
 * where the mapping it was given sits ({@code scenario.json: request.request_spec.volume_type.extra_specs.}
 * or {@code scenario.json: backends[0].capabilities.pools[2].}).
 *
 * <p><b>A finding</b> is one string: the key it concerns, {@code ": "}, then the value as Python's
 * {@code repr} shows it and what Cinder does with it, with a better spelling when there is one:
 * <pre>{@code
 * disk: '= 100': '=' means at least in Cinder (float(capability) >= 100), not equality; write '>= 100' …
 * filter_function: char 0: AND chain with 3 operands: Cinder evaluates only the first two …
 * }</pre>
 * Report only what your own component reads (the keys in its scope), so that every finding is true
 * of the component that makes it.
 *
 * <p><b>The mappings</b> hold Python-like values as a scenario's JSON reads them ({@code String},
 * {@code Boolean}, {@code Long}, {@code BigInteger}, {@code Double}, {@code List}, {@code Map} with
 * string keys, {@code null}), in document order. They may be partial or malformed (validation goes on
 * where the scenario reader stops): skip what does not have the shape you expect, and never modify
 * them. The checks see no {@link SchedulerContext} (no options, no integrations): a quirk that depends
 * on configuration is not one to report here.
 *
 * <p>Implementations must be stateless or thread-safe. Both methods default to no findings;
 * {@link #NONE} has neither.
 */
public interface InputQuirks {
    /** No findings, for either kind of input: the default of {@link ComponentFactory#quirks()}. */
    InputQuirks NONE = new InputQuirks() {
        @Override
        public String toString() {
            return "InputQuirks.NONE";
        }
    };

    /**
     * What the component reads differently from how it looks in a volume type's extra specs.
     *
     * @param extraSpecs the volume type's {@code extra_specs}, every key (scoped or not) as written
     * @return the findings, each {@code KEY: what Cinder does}, in the mapping's order; empty for none
     */
    default List<String> extraSpecs(Map<String, ?> extraSpecs) {
        return List.of();
    }

    /**
     * What the component reads differently from how it looks in one capability report: a backend's
     * (its top level, which also holds its {@code pools} list) or one of its pools'. Each is passed
     * on its own, so a finding about a pool's key is made once, for that pool.
     *
     * @param report the reported capabilities, as the volume service sent them
     * @return the findings, each {@code KEY: what Cinder does}; empty for none
     */
    default List<String> capabilities(Map<String, ?> report) {
        return List.of();
    }
}
