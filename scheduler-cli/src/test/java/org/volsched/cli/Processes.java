package org.volsched.cli;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Runs {@code volsched} in a separate JVM, as a user's shell would, and captures what it prints. */
final class Processes {
    private static final long TIMEOUT_SECONDS = 60;

    private Processes() {
    }

    /** The {@code java} of the JVM running the tests. */
    static String java() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    /** {@code java -cp <test class path> org.volsched.cli.Main args…}: the real main() and its exit code. */
    static Cli.Run main(String stdin, String... args) {
        List<String> command = new ArrayList<>(List.of(java(), "-cp", System.getProperty("java.class.path"),
                Main.class.getName()));
        command.addAll(List.of(args));
        return run(command, stdin);
    }

    /** Runs {@code command}; {@code stdin} (may be null) is written to its standard input. */
    static Cli.Run run(List<String> command, String stdin) {
        try {
            Path out = Files.createTempFile("volsched-out", ".txt");
            Path err = Files.createTempFile("volsched-err", ".txt");
            try {
                Process p = new ProcessBuilder(command).redirectOutput(out.toFile()).redirectError(err.toFile())
                        .start();
                try (OutputStream in = p.getOutputStream()) {
                    if (stdin != null) {
                        in.write(stdin.getBytes(StandardCharsets.UTF_8));
                    }
                }
                if (!p.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                    p.destroyForcibly();
                    throw new AssertionError("timed out after " + TIMEOUT_SECONDS + " s: " + command);
                }
                return new Cli.Run(p.exitValue(), Files.readString(out), Files.readString(err));
            } finally {
                Files.deleteIfExists(out);
                Files.deleteIfExists(err);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
    }
}
