package org.volsched.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** What {@code validate} says about single extra-spec values (rules ESO2-ESO9). */
class CinderQuirksTest {
    @Test
    void valuesThatMeanWhatTheySayAreNotFlagged() {
        for (String ok : new String[] {"<in> iSCSI", ">= 10", "<= 5.5", "== 3", "s== NetApp", "<is> True",
            "<or> FC <or> iSCSI", "gold", "", "  ", "<or> FC <or>"}) {
            assertThat(CinderQuirks.extraSpec(ok)).as(ok).isNull();
        }
    }

    @Test
    void eachQuirkIsExplained() {
        assertThat(CinderQuirks.extraSpec("<all-in> a b")).contains("'<all-in>' is not an operator in Cinder");
        assertThat(CinderQuirks.extraSpec("< 5")).contains("'<' alone is not an operator in Cinder");
        assertThat(CinderQuirks.extraSpec("= 2")).contains("'=' means at least in Cinder (float(capability) >= 2)");
        assertThat(CinderQuirks.extraSpec("s== Net App")).isEqualTo("'s== Net App': only the first operand word "
                + "'Net' is used, Cinder ignores App (so 's== Net App' tests 'Net' only)");
        assertThat(CinderQuirks.extraSpec("<in>")).isEqualTo("'<in>': '<in>' without an operand never matches in "
                + "Cinder");
        assertThat(CinderQuirks.extraSpec("<or>")).contains("IndexError");
        assertThat(CinderQuirks.extraSpec("<or> a b c")).contains("'b' is ignored and only 'a', 'c' can match");
        assertThat(CinderQuirks.extraSpec("false")).contains("the boolean false").contains("'<is> False'");
        assertThat(CinderQuirks.extraSpec("1.5")).contains("the number 1.5").contains("'== 1.5'");
    }
}
