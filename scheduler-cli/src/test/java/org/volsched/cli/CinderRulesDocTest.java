package org.volsched.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Every Cinder rule identifier a main source cites (like {@code HM25}, {@code CF1}, {@code ESO3}) has
 * its own heading in {@code docs/cinder-rules.md}, so a link {@code docs/cinder-rules.md#hm25}
 * resolves. Ranges such as {@code HM10-HM16} are expanded: every identifier in between needs an
 * entry too ({@code HM18-HM22b} covers HM18 to HM22 and the lettered HM22a, HM22b).
 */
class CinderRulesDocTest {
    private static final Path ROOT = Path.of("..");

    /** The rule families of cinder-scheduler-semantics.md; longer prefixes first. */
    private static final String PREFIX = "(?:CAP|ESO|TF|FS|HM|FH|AZ|CF|DF|IA|AF|IL|JF|CM|EV|CS|P|M|F|D|W)";

    private static final Pattern ID = Pattern.compile("\\b(" + PREFIX + ")(\\d{1,2})([a-z]?)\\b");

    private static final Pattern RANGE =
            Pattern.compile("\\b(" + PREFIX + ")(\\d{1,2})([a-z]?)\\s*[-\u2013]\\s*(" + PREFIX + ")(\\d{1,2})([a-z]?)\\b");

    private static final Pattern HEADING = Pattern.compile("(?m)^#{2,4} +(" + PREFIX + "\\d{1,2}[a-z]?)\\b");

    @Test
    void everyCitedRuleHasAnEntry() throws IOException {
        Map<String, String> cited = citedIdentifiers();
        Set<String> documented = new TreeSet<>();
        Matcher h = HEADING.matcher(Files.readString(ROOT.resolve("docs/cinder-rules.md")));
        while (h.find()) {
            documented.add(h.group(1));
        }
        assertThat(cited).as("rule identifiers cited in main sources").hasSizeGreaterThan(100);
        Map<String, String> missing = new TreeMap<>(cited);
        missing.keySet().removeAll(documented);
        assertThat(missing).as("identifiers cited (first citing file shown) without an entry in docs/cinder-rules.md")
                .isEmpty();
    }

    @Test
    void patternKeepsRangesAndSkipsLookAlikes() {
        Map<String, String> ids = new TreeMap<>();
        scan("(rule HM18), rules HM10-HM16, CM2/CM3, HM18-HM22b; C2 compiler, G1, UTF8, SHA256", "x", ids);
        assertThat(ids.keySet()).containsExactlyInAnyOrder("HM10", "HM11", "HM12", "HM13", "HM14", "HM15",
                "HM16", "HM18", "HM19", "HM20", "HM21", "HM22", "HM22a", "HM22b", "CM2", "CM3");
    }

    private static Map<String, String> citedIdentifiers() throws IOException {
        List<Path> mains;
        try (Stream<Path> files = Files.walk(ROOT)) {
            mains = files.filter(p -> p.toString().endsWith(".java") && p.toString().contains("/src/main/java/")
                    && !p.toString().contains("/target/")).sorted().toList();
        }
        assertThat(mains).as("the scan finds the sources").hasSizeGreaterThan(100);
        Map<String, String> ids = new TreeMap<>();
        for (Path p : mains) {
            scan(read(p), ROOT.relativize(p).toString(), ids);
        }
        return ids;
    }

    /** Adds every identifier of {@code text} (ranges expanded) to {@code ids}, with where it was seen. */
    private static void scan(String text, String where, Map<String, String> ids) {
        Matcher m = ID.matcher(text);
        while (m.find()) {
            ids.putIfAbsent(m.group(), where);
        }
        Matcher r = RANGE.matcher(text);
        while (r.find()) {
            if (!r.group(1).equals(r.group(4))) {
                continue;
            }
            int from = Integer.parseInt(r.group(2));
            int to = Integer.parseInt(r.group(5));
            for (int n = from; n <= to; n++) {
                ids.putIfAbsent(r.group(1) + n, where);
            }
            String last = r.group(6);
            if (!last.isEmpty()) {
                for (char c = 'a'; c <= last.charAt(0); c++) {
                    ids.putIfAbsent(r.group(1) + to + c, where);
                }
            }
        }
    }

    private static String read(Path p) {
        try {
            return Files.readString(p);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
