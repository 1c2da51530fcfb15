package org.volsched.replay;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HtmlReportTest {
    @TempDir
    Path dir;

    @Test
    void theReportIsOneSelfContainedPageWithEverySectionAndItsChartsAsDataUris() throws Exception {
        Fleet fleet = Fleets.eight();
        String trace = Fleets.trace(fleet, new TraceGenerator.Options(2000, 3, 2.0, 60, 3600, 10, 1.2, 4000));
        Path spreadDecisions = dir.resolve("spread.jsonl");
        Path stackDecisions = dir.resolve("stack.jsonl");
        Fleets.Replayed spread = Fleets.replay(fleet, trace, new ReplayEngine.Options("spread", Map.of(), "a", 0, 0, 1));
        Fleets.Replayed stack = Fleets.replay(fleet, trace, new ReplayEngine.Options("stack",
                Map.of("capacity_weight_multiplier", -1.0), "b", 0, 0, 1));
        Files.writeString(spreadDecisions, spread.decisions());
        Files.writeString(stackDecisions, stack.decisions());
        DecisionDiff diff = DecisionDiff.compare("spread", spreadDecisions, "stack", stackDecisions, 20);
        Path file = dir.resolve("report.html");

        HtmlReport.write(file, "test trace over eight", List.of(ReplaySummary.of(spread.result()),
                ReplaySummary.of(stack.result())), List.of(diff));

        Document page = Jsoup.parse(Files.readString(file, StandardCharsets.UTF_8));
        assertThat(page.title()).isEqualTo("volsched replay: test trace over eight");
        for (String id : HtmlReport.SECTIONS) {
            Element section = page.getElementById(id);
            assertThat(section).as(id).isNotNull();
            assertThat(section.selectFirst("h2")).as(id + " has a heading").isNotNull();
        }
        assertThat(page.select("img")).hasSize(7).allSatisfy(img -> {
            assertThat(img.attr("alt")).isNotBlank();
            assertThat(img.attr("src")).startsWith("data:image/png;base64,");
            byte[] png = Base64.getDecoder().decode(img.attr("src").substring("data:image/png;base64,".length()));
            assertThat(png).startsWith(0x89, 'P', 'N', 'G');
        });
        assertThat(page.select("[src], [href]")).as("nothing is fetched").allSatisfy(e ->
                assertThat(e.hasAttr("href") ? e.attr("href") : e.attr("src")).startsWith("data:"));
        assertThat(page.select("script, link, iframe, object, embed")).isEmpty();
        assertThat(page.select("style").html()).doesNotContain("url(", "@import");

        Element outcomes = page.getElementById("outcomes");
        assertThat(outcomes.select("tr").get(1).select("td").eachText()).startsWith("spread", "2000",
                Long.toString(spread.result().placed()), Long.toString(spread.result().refused()));
        assertThat(diff.differing()).as("stacking and spreading place differently").isPositive();
        assertThat(page.getElementById("placed-differently").text()).contains(diff.differing() + " of 2000 requests");
    }
}
