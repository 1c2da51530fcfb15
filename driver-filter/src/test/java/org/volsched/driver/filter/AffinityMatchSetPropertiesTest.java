package org.volsched.driver.filter;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;
import java.util.Set;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * The affinity filters test a candidate by one look-up in a set built from the volumes' locations;
 * that set must hold exactly the candidates Cinder's host match ({@link AffinityHint#locationMatches})
 * accepts. Short strings over an alphabet of separators make every case likely.
 */
class AffinityMatchSetPropertiesTest {

    @Property(tries = 5000)
    void theMatchSetHoldsExactlyTheMatchingCandidates(@ForAll("names") String field, @ForAll("names") String candidate) {
        Set<String> matches = new HashSet<>();
        AffinityHint.addMatchingCandidates(field, matches);
        assertThat(matches.contains(candidate)).as("%s against %s", candidate, field)
                .isEqualTo(AffinityHint.locationMatches(field, candidate));
    }

    @Property(tries = 2000)
    void everyMatchingPrefixIsFound(@ForAll("names") String field) {
        Set<String> matches = new HashSet<>();
        AffinityHint.addMatchingCandidates(field, matches);
        for (int i = 0; i <= field.length(); i++) {
            String prefix = field.substring(0, i);
            assertThat(matches.contains(prefix)).as("%s against %s", prefix, field)
                    .isEqualTo(AffinityHint.locationMatches(field, prefix));
        }
    }

    @Provide
    Arbitrary<String> names() {
        return Arbitraries.strings().withChars('h', 'b', 'p', '@', '#').ofMinLength(0).ofMaxLength(6);
    }
}
