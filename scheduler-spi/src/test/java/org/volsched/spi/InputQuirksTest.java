package org.volsched.spi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatNullPointerException;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.volsched.spi.model.Candidates;
import org.volsched.spi.model.FilterProperties;
import org.volsched.spi.model.PoolState;

/** {@link InputQuirks}: none by default; {@code withQuirks} attaches checks and changes nothing else. */
class InputQuirksTest {
    private static final InputQuirks EQUALS_SIGN = new InputQuirks() {
        @Override
        public List<String> extraSpecs(Map<String, ?> extraSpecs) {
            return extraSpecs.entrySet().stream().filter(e -> "= 1".equals(e.getValue()))
                    .map(e -> e.getKey() + ": '= 1' means at least 1").toList();
        }
    };

    @Test
    void aFactoryReportsNothingByDefault() {
        FilterFactory factory = FilterFactory.of("F", List.of(), context -> null);

        assertThat(factory.quirks()).isSameAs(InputQuirks.NONE);
        assertThat(InputQuirks.NONE.extraSpecs(Map.of("k", "= 1"))).isEmpty();
        assertThat(InputQuirks.NONE.capabilities(Map.of("filter_function", "a and b and c"))).isEmpty();
    }

    @Test
    void withQuirksKeepsEverythingElseOfTheFactory() {
        OptionDeclaration option = OptionDeclaration.ofInt("f_limit", 2, "A limit.");
        BackendWeigher weigher = new BackendWeigher() {
            @Override
            public String name() {
                return "W";
            }

            @Override
            public double multiplier() {
                return 1.0;
            }

            @Override
            public void weigh(Candidates candidates, FilterProperties properties, double[] out) {
            }
        };
        WeigherFactory base = WeigherFactory.of("W", List.of("com.example.W"), List.of(option), context -> weigher);

        WeigherFactory factory = base.withQuirks(EQUALS_SIGN);

        assertThat(factory.name()).isEqualTo("W");
        assertThat(factory.aliases()).containsExactly("com.example.W");
        assertThat(factory.options()).containsExactly(option);
        assertThat(factory.create(null)).isSameAs(weigher);
        assertThat(factory).hasToString(base.toString());
        assertThat(factory.quirks()).isSameAs(EQUALS_SIGN);
        assertThat(factory.quirks().extraSpecs(Map.of("disk", "= 1"))).containsExactly("disk: '= 1' means at least 1");
        assertThat(base.quirks()).isSameAs(InputQuirks.NONE);
    }

    @Test
    void everyKindOfFactoryTakesQuirks() {
        assertThat(DriverFactory.of("d", List.of(), context -> null).withQuirks(EQUALS_SIGN).quirks())
                .isSameAs(EQUALS_SIGN);
        assertThat(FilterFactory.of("F", List.of(), context -> null).withQuirks(EQUALS_SIGN).quirks())
                .isSameAs(EQUALS_SIGN);
        assertThatNullPointerException().isThrownBy(() -> FilterFactory.of("F", List.of(), context -> null)
                .withQuirks(null));
    }
}
