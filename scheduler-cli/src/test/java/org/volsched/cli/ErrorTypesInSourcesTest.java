package org.volsched.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Error types are named once, in {@code org.volsched.spi.ErrorTypes}: no main source of the
 * repository builds a {@code SchedulerException} (or a subclass) with a type spelt out.
 */
class ErrorTypesInSourcesTest {
    private static final Path ROOT = Path.of("..");
    private static final Pattern SPELT = Pattern.compile("(new SchedulerException|super)\\(\\s*\"([A-Za-z]+)\"");

    @Test
    void noMainSourceSpellsAnErrorType() throws IOException {
        List<String> found = new ArrayList<>();
        List<Path> mains;
        try (Stream<Path> files = Files.walk(ROOT)) {
            mains = files.filter(p -> p.toString().endsWith(".java") && p.toString().contains("/src/main/java/")
                    && !p.toString().contains("/target/")).toList();
        }
        for (Path p : mains) {
            String text = read(p);
            Matcher m = SPELT.matcher(text);
            while (m.find()) {
                if (m.group(1).equals("super") && !text.contains("extends SchedulerException")) {
                    continue;
                }
                found.add(ROOT.relativize(p) + ": \"" + m.group(2) + "\"");
            }
        }
        assertThat(mains).as("the scan finds the sources").hasSizeGreaterThan(100);
        assertThat(found).as("error types spelt out instead of ErrorTypes constants").isEmpty();
    }

    private static String read(Path p) {
        try {
            return Files.readString(p);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
