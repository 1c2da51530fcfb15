package org.volsched.driver.filter;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.volsched.spi.DriverFactory;
import org.volsched.spi.FilterFactory;
import org.volsched.spi.InputQuirks;
import org.volsched.spi.WeigherFactory;

/**
 * {@link DriverFilter#QUIRKS} and {@link GoodnessWeigher#QUIRKS}: what {@code volsched validate} says about
 * a reported {@code filter_function} or {@code goodness_function} (section 12), each component about its own.
 */
class FunctionQuirksTest {
    private static final Map<String, Object> POOL = Map.of(
            "pool_name", "p0",
            "filter_function", "volume.size < 10 and volume.size > 1 and volume.size != 5",
            "goodness_function", "((");

    @Test
    void anAndChainOfThreeIsReadAsItsFirstTwoOperands() {
        assertThat(DriverFilter.QUIRKS.capabilities(POOL)).singleElement().asString()
                .startsWith("filter_function: char 0: AND chain with 3 operands: Cinder evaluates only the "
                        + "first two");
    }

    @Test
    void aTextThatCannotBeEvaluatedSaysWhatTheComponentDoes() {
        assertThat(GoodnessWeigher.QUIRKS.capabilities(POOL)).singleElement().asString()
                .startsWith("goodness_function: '((' cannot be evaluated: ParseException")
                .endsWith("; GoodnessWeigher rates the pool 0, as Cinder does");
        assertThat(DriverFilter.QUIRKS.capabilities(Map.of("filter_function", "((")))
                .singleElement().asString().endsWith("; DriverFilter rejects the pool, as Cinder does");
    }

    @Test
    void aPlainFunctionOrNoneIsNotFlagged() {
        assertThat(DriverFilter.QUIRKS.capabilities(Map.of("filter_function", "volume.size < 10"))).isEmpty();
        assertThat(GoodnessWeigher.QUIRKS.capabilities(Map.of("total_capacity_gb", 10L))).isEmpty();
        assertThat(GoodnessWeigher.QUIRKS.capabilities(Map.of("goodness_function", 50L))).isEmpty();
        assertThat(DriverFilter.QUIRKS.extraSpecs(Map.of("filter_function", "((", "disk", "= 1"))).isEmpty();
    }

    @Test
    void thePluginsFactoriesCarryTheirComponentsQuirksAndNoOtherHas() {
        FilterSchedulerPlugin plugin = new FilterSchedulerPlugin();

        assertThat(plugin.filterFactories()).filteredOn(f -> f.quirks() != InputQuirks.NONE)
                .extracting(FilterFactory::name, FilterFactory::quirks)
                .containsExactly(tuple("CapabilitiesFilter", CapabilitiesFilter.QUIRKS),
                        tuple("DriverFilter", DriverFilter.QUIRKS));
        assertThat(plugin.weigherFactories()).extracting(WeigherFactory::quirks)
                .containsExactly(GoodnessWeigher.QUIRKS);
        assertThat(plugin.driverFactories()).extracting(DriverFactory::quirks).containsExactly(InputQuirks.NONE);
    }
}
