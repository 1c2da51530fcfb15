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

        assertThat(groups).as("a group quotes no one pool's numbers: each differing number is the group's range")
                .extracting(Explanation.ReasonGroup::reason).containsExactly(
                "has 4.5 to 1000 GB free after 0 to 10% reserved, 100 to 2000 GB requested",
                "zone 'az-2', requested 'az-1'",
                "zone 'az-3', requested 'az-1'");
        assertThat(groups.get(0).pools()).containsExactly("b@x#p0", "d@x#p0", "f@x#p0");
        assertThat(groups.get(1).pools()).containsExactly("a@x#p0", "e@x#p0");
        assertThat(groups.get(2).pools()).containsExactly("c@x#p0");
    }

    @Test
    void aNumberSharedByTheWholeGroupIsQuotedOnceAndRounded() {
        List<Explanation.ReasonGroup> groups = Explanation.group(List.of(
                new Rejection("a@x#p0", "has 12.0 GB virtual free (thin, ratio 20.0, 0% reserved), 100 GB requested"),
                new Rejection("b@x#p0", "has 387533.0 GB virtual free (thin, ratio 20.0, 0% reserved), 100 GB requested"),
                new Rejection("c@x#p0", "has 32.452684210526314 GB virtual free (thin, ratio 20.0, 0% reserved), "
                        + "100 GB requested")));

        assertThat(groups).singleElement().extracting(Explanation.ReasonGroup::reason)
                .isEqualTo("has 12 to 387533 GB virtual free (thin, ratio 20, 0% reserved), 100 GB requested");
    }

    @Test
    void detailsInWhichSeveralNumbersVaryAreLeftToThePerPoolListing() {
        List<Explanation.ReasonGroup> groups = Explanation.group(List.of(
                new Rejection("a@x#p0", "provisioned ratio would be 4.07 (1617.0 GB provisioned + 100 GB requested "
                        + "over 6173.68 GB), above max_over_subscription_ratio 3.43"),
                new Rejection("b@x#p0", "provisioned ratio would be 99.94 (82785.0 GB provisioned + 100 GB requested "
                        + "over 171415.86 GB), above max_over_subscription_ratio 10.0")));

        assertThat(groups).singleElement().extracting(Explanation.ReasonGroup::reason)
                .isEqualTo("provisioned ratio would be 4.07 to 99.94 (...), above max_over_subscription_ratio 3.43 to 10");
    }

    @Test
    void reasonsAreShownWithTheirNumbersRoundedButNamesUntouched() {
        assertThat(Explanation.readable("provisioned ratio would be 32.452684210526314 (3000.0 GB provisioned + "
                + "100 GB requested over 95.5 GB), above max_over_subscription_ratio 20.0"))
                .isEqualTo("provisioned ratio would be 32.45 (3000 GB provisioned + 100 GB requested over 95.5 GB), "
                        + "above max_over_subscription_ratio 20");
        assertThat(Explanation.readable("zone 'az-2', requested 'nova' on stor-01@lvm#pool0"))
                .isEqualTo("zone 'az-2', requested 'nova' on stor-01@lvm#pool0");
    }

    @Test
    void numbersArePrintedWithAtMostTwoDecimals() {
        assertThat(Explanation.number(1.0)).isEqualTo("1");
        assertThat(Explanation.number(0.0)).isEqualTo("0");
        assertThat(Explanation.number(-0.0)).isEqualTo("0");
        assertThat(Explanation.number(1107.99)).isEqualTo("1107.99");
        assertThat(Explanation.number(1.0 / 3)).isEqualTo("0.33");
        assertThat(Explanation.number(32.452684210526314)).isEqualTo("32.45");
        assertThat(Explanation.number(0.0041666)).as("not rounded to 0").isEqualTo("0.0042");
        assertThat(Explanation.number(-2.5e12)).isEqualTo("-2500000000000");
        assertThat(Explanation.number(Double.POSITIVE_INFINITY)).isEqualTo("Infinity");
        assertThat(Explanation.number(Double.NaN)).isEqualTo("NaN");
    }
}
