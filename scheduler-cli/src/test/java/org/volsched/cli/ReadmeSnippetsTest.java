package org.volsched.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * Every Java and XML snippet of the README is code the build compiles: its first line names the
 * example file it comes from ({@code // file: PATH}, or {@code // file: PATH (excerpt TAG)} for the
 * lines between {@code tag::TAG[]} and {@code end::TAG[]}, de-indented), and the rest of the block
 * must be identical to that file.
 */
class ReadmeSnippetsTest {
    /** The repository root, relative to this module. */
    private static final Path ROOT = Path.of("..");
    private static final Pattern FENCE = Pattern.compile("^```(\\w*)\\s*$");
    private static final Pattern MARKER =
            Pattern.compile("^(?://|<!--)\\s*file: (\\S+)(?: \\(excerpt ([\\w-]+)\\))?\\s*(?:-->)?\\s*$");

    /** A fenced block: its language, the README line it starts on and its lines. */
    record Block(String language, int line, List<String> lines) {
    }

    @Test
    void everyJavaAndXmlSnippetIsACompiledExampleFile() throws IOException {
        List<Block> blocks = blocks(Files.readAllLines(ROOT.resolve("README.md"), StandardCharsets.UTF_8));
        List<String> checked = new ArrayList<>();
        for (Block b : blocks) {
            if (!b.language().equals("java") && !b.language().equals("xml")) {
                continue;
            }
            String where = "README.md:" + b.line();
            assertThat(b.lines()).as(where).isNotEmpty();
            Matcher m = MARKER.matcher(b.lines().get(0));
            assertThat(m.matches()).as("%s: a ```%s block must start with '// file: PATH' (or '<!-- file: PATH -->'), "
                    + "PATH being the example file it is copied from; got '%s'", where, b.language(), b.lines().get(0))
                    .isTrue();
            Path file = ROOT.resolve(m.group(1));
            assertThat(file).as("%s: the file the snippet names", where).isRegularFile();
            List<String> expected = m.group(2) == null ? trimmed(Files.readAllLines(file, StandardCharsets.UTF_8))
                    : excerpt(file, m.group(2));
            assertThat(String.join("\n", b.lines().subList(1, b.lines().size())))
                    .as("%s: the snippet differs from %s%s; copy the file's text into the README", where, m.group(1),
                            m.group(2) == null ? "" : " (excerpt " + m.group(2) + ")")
                    .isEqualTo(String.join("\n", expected));
            checked.add(m.group(1) + (m.group(2) == null ? "" : "#" + m.group(2)));
        }
        assertThat(checked).as("the README's snippets of the plug-in and embedding examples").contains(
                "examples/example-plugin/src/main/java/org/volsched/examples/tier/TierPlugin.java",
                "examples/example-plugin/src/main/java/org/volsched/examples/tier/TierFilter.java#prepare",
                "examples/embedding/pom.xml#dependencies",
                "examples/embedding/src/main/java/org/volsched/examples/embedding/EmbeddingExample.java");
    }

    @Test
    void anExcerptIsTheTaggedLinesDeIndented(@org.junit.jupiter.api.io.TempDir Path dir) throws IOException {
        Path file = Files.writeString(dir.resolve("A.java"), "class A {\n    // tag::m[]\n    void m() {\n"
                + "        run();\n    }\n    // end::m[]\n}\n");

        assertThat(excerpt(file, "m")).containsExactly("void m() {", "    run();", "}");
        assertThat(blocks(List.of("text", "```java", "// file: A.java", "x", "```", "```bash", "y", "```")))
                .containsExactly(new Block("java", 2, List.of("// file: A.java", "x")),
                        new Block("bash", 6, List.of("y")));
    }

    static List<Block> blocks(List<String> readme) {
        List<Block> blocks = new ArrayList<>();
        for (int i = 0; i < readme.size(); i++) {
            Matcher open = FENCE.matcher(readme.get(i));
            if (!open.matches()) {
                continue;
            }
            int start = i;
            List<String> lines = new ArrayList<>();
            for (i++; i < readme.size() && !readme.get(i).startsWith("```"); i++) {
                lines.add(readme.get(i));
            }
            assertThat(i).as("README.md:%d: an unclosed ``` block", start + 1).isLessThan(readme.size());
            blocks.add(new Block(open.group(1), start + 1, lines));
        }
        return blocks;
    }

    /** The lines between {@code tag::TAG[]} and {@code end::TAG[]}, without their common indentation. */
    static List<String> excerpt(Path file, String tag) throws IOException {
        List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        int start = -1;
        int end = -1;
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).contains("tag::" + tag + "[]")) {
                start = i;
            } else if (lines.get(i).contains("end::" + tag + "[]")) {
                end = i;
            }
        }
        assertThat(start).as("%s: a line with tag::%s[]", file, tag).isNotNegative();
        assertThat(end).as("%s: a line with end::%s[] after tag::%s[]", file, tag, tag).isGreaterThan(start);
        List<String> body = lines.subList(start + 1, end);
        int indent = body.stream().filter(l -> !l.isBlank())
                .mapToInt(l -> l.length() - l.stripLeading().length()).min().orElse(0);
        return body.stream().map(l -> l.isBlank() ? "" : l.substring(indent)).toList();
    }

    private static List<String> trimmed(List<String> lines) {
        int end = lines.size();
        while (end > 0 && lines.get(end - 1).isBlank()) {
            end--;
        }
        return lines.subList(0, end);
    }
}
