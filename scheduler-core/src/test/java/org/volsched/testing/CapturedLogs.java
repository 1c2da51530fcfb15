package org.volsched.testing;

import ch.qos.logback.classic.Level;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A {@link LogCapture} around every test of a class, as a JUnit 5 extension: what the named loggers
 * log at WARN and above is captured instead of printed, each test asserts on what it provokes
 * ({@link #warnings()}), and after each test every captured message must match one of the
 * {@link #expecting expected} patterns, so that an unexpected warning still fails the test.
 *
 * <pre>{@code
 * @RegisterExtension
 * final CapturedLogs logs = CapturedLogs.of(CapacityFilter.class)
 *         .expecting("CapacityFilter: pool \\S+ rejected where Cinder would fail the request: .+");
 * }</pre>
 */
public final class CapturedLogs implements BeforeEachCallback, AfterEachCallback {
    private final String[] loggers;
    private final List<Pattern> expected = new ArrayList<>();
    private LogCapture capture;

    private CapturedLogs(String[] loggers) {
        this.loggers = loggers;
    }

    public static CapturedLogs of(Class<?>... types) {
        return new CapturedLogs(Arrays.stream(types).map(Class::getName).toArray(String[]::new));
    }

    public static CapturedLogs named(String... loggerNames) {
        return new CapturedLogs(loggerNames.clone());
    }

    /** Messages matching one of {@code regexes} (whole message) may be logged by any test of the class. */
    public CapturedLogs expecting(String... regexes) {
        for (String r : regexes) {
            expected.add(Pattern.compile(r, Pattern.DOTALL));
        }
        return this;
    }

    @Override
    public void beforeEach(ExtensionContext context) {
        capture = LogCapture.named(loggers);
    }

    @Override
    public void afterEach(ExtensionContext context) {
        LogCapture c = capture;
        capture = null;
        c.close();
        if (context.getExecutionException().isPresent()) {
            return;
        }
        for (String message : c.messages()) {
            if (expected.stream().noneMatch(p -> p.matcher(message).matches())) {
                throw new AssertionError("unexpected log message (not among " + expected + "): " + message);
            }
        }
    }

    private LogCapture capture() {
        if (capture == null) {
            throw new IllegalStateException("CapturedLogs is only open while a test runs");
        }
        return capture;
    }

    public List<String> warnings() {
        return capture().warnings();
    }

    public List<String> errors() {
        return capture().errors();
    }

    public List<String> messages() {
        return capture().messages();
    }

    public List<String> messages(Level level) {
        return capture().messages(level);
    }

    /** The class names of the exceptions logged with the events, in order ({@code null} for none). */
    public List<String> exceptions() {
        return capture().exceptions();
    }

    /** The messages of the exceptions logged with the events, in order ({@code null} for none). */
    public List<String> exceptionMessages() {
        return capture().exceptionMessages();
    }

    public void clear() {
        capture().clear();
    }
}
