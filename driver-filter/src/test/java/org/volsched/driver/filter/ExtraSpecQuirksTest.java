package org.volsched.driver.filter;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * {@link CapabilitiesFilter#QUIRKS}: what {@code volsched validate} says about extra-spec values
 * (rules ESO2-ESO9), and which keys it looks at (rule CAP3).
 */
class ExtraSpecQuirksTest {
    @Test
    void valuesThatMeanWhatTheySayAreNotFlagged() {
        for (String ok : new String[] {"<in> iSCSI", ">= 10", "<= 5.5", "== 3", "s== NetApp", "<is> True",
            "<or> FC <or> iSCSI", "gold", "", "  ", "<or> FC <or>"}) {
            assertThat(ExtraSpecQuirks.extraSpec(ok)).as(ok).isNull();
        }
    }

    @Test
    void eachQuirkIsExplained() {
        assertThat(ExtraSpecQuirks.extraSpec("<all-in> a b")).contains("'<all-in>' is not an operator in Cinder");
        assertThat(ExtraSpecQuirks.extraSpec("< 5")).contains("'<' alone is not an operator in Cinder");
        assertThat(ExtraSpecQuirks.extraSpec("= 2")).contains("'=' means at least in Cinder (float(capability) >= 2)");
        assertThat(ExtraSpecQuirks.extraSpec("s== Net App")).isEqualTo("'s== Net App': only the first operand word "
                + "'Net' is used, Cinder ignores App (so 's== Net App' tests 'Net' only)");
        assertThat(ExtraSpecQuirks.extraSpec("<in>")).isEqualTo("'<in>': '<in>' without an operand never matches in "
                + "Cinder");
        assertThat(ExtraSpecQuirks.extraSpec("<or>")).contains("IndexError");
        assertThat(ExtraSpecQuirks.extraSpec("<or> a b c")).contains("'b' is ignored and only 'a', 'c' can match");
        assertThat(ExtraSpecQuirks.extraSpec("false")).contains("the boolean false").contains("'<is> False'");
        assertThat(ExtraSpecQuirks.extraSpec("1.5")).contains("the number 1.5").contains("'== 1.5'");
    }

    @Test
    void findingsNameTheKeyOfEveryExtraSpecTheFilterMatchesInOrder() {
        Map<String, Object> specs = new LinkedHashMap<>();
        specs.put("disk", "= 100");
        specs.put("capabilities:storage_protocol", "<in> iSCSI FC");
        specs.put("provisioning:type", "= thin");
        specs.put("QoS:iops", "5000");
        specs.put("gold", "gold");
        specs.put("count", 5L);
        specs.put("nothing", null);
        specs.put("capabilities:tier:level", "> 1");

        assertThat(CapabilitiesFilter.QUIRKS.extraSpecs(specs)).containsExactly(
                "disk: '= 100': '=' means at least in Cinder (float(capability) >= 100), not equality; write "
                        + "'>= 100' to say so, or '== 100' for equality",
                "capabilities:storage_protocol: '<in> iSCSI FC': only the first operand word 'iSCSI' is used, "
                        + "Cinder ignores FC (so '<in> iSCSI FC' tests 'iSCSI' only)",
                "capabilities:tier:level: '> 1': '>' alone is not an operator in Cinder: the whole string is "
                        + "compared with == to the capability, so it never matches a number; Cinder's numeric "
                        + "operators are =, ==, !=, >= and <=");
    }

    @Test
    void capabilityReportsAreNotItsConcern() {
        assertThat(CapabilitiesFilter.QUIRKS.capabilities(Map.of("filter_function", "a and b and c",
                "thin_provisioning_support", "True"))).isEmpty();
    }
}
