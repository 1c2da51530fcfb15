package org.volsched.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.volsched.spi.model.DecisionTrace.Rejection;

/** How {@code explain} groups rejection reasons and prints weights. */
class ExplanationTest {
    @Test
    void reasonsDifferingOnlyInMeasuredNumbersShareAGroupButNamesWithDigitsDoNot() {
        List<Explanation.ReasonGroup> groups = Explanation.group(List.of(
                new Rejection("a@x#p0", "zone 'az-2', requested 'az-1'"),
                new Rejection("b@x#p0", "has 4.5 GB free after 5% reserved, 100 GB requested"),
                new Rejection("c@x#p0", "zone 'az-3', requested 'az-1'"),
                new Rejection("d@x#p0", "has 12.25 GB free after 10% reserved, 100 GB requested"),
                new Rejection("e@x#p0", "zone 'az-2', requested 'az-1'"),
                new Rejection("f@x#p0", "has 1e3 GB free after 0% reserved, 2000 GB requested")));

        assertThat(groups).extracting(Explanation.ReasonGroup::example).containsExactly(
                "has 4.5 GB free after 5% reserved, 100 GB requested",
                "zone 'az-2', requested 'az-1'",
                "zone 'az-3', requested 'az-1'");
        assertThat(groups.get(0).pools()).containsExactly("b@x#p0", "d@x#p0", "f@x#p0");
        assertThat(groups.get(1).pools()).containsExactly("a@x#p0", "e@x#p0");
        assertThat(groups.get(2).pools()).containsExactly("c@x#p0");
    }

    @Test
    void weightsArePrintedWithAtMostSixDecimals() {
        assertThat(Explanation.number(1.0)).isEqualTo("1");
        assertThat(Explanation.number(0.0)).isEqualTo("0");
        assertThat(Explanation.number(-0.0)).isEqualTo("0");
        assertThat(Explanation.number(1107.99)).isEqualTo("1107.99");
        assertThat(Explanation.number(1.0 / 3)).isEqualTo("0.333333");
        assertThat(Explanation.number(-2.5e12)).isEqualTo("-2500000000000");
        assertThat(Explanation.number(Double.POSITIVE_INFINITY)).isEqualTo("Infinity");
        assertThat(Explanation.number(Double.NaN)).isEqualTo("NaN");
    }
}
