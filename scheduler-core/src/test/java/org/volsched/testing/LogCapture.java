package org.volsched.testing;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.IThrowableProxy;
import ch.qos.logback.core.read.ListAppender;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.LoggerFactory;

/**
 * Captures what some classes log at WARN and above, without printing it, for as long as it is
 * open: tests that provoke warnings assert on them instead of letting them scroll by. Shared by the
 * modules' tests through the core test-jar.
 *
 * <pre>{@code
 * try (LogCapture log = LogCapture.of(CapacityFilter.class)) {
 *     ...
 *     assertThat(log.warnings()).singleElement().asString().contains("host1@lvm#pool", "'lots'");
 * }
 * }</pre>
 */
public final class LogCapture implements AutoCloseable {
    private final List<Captured> captured = new ArrayList<>();

    private record Captured(Logger logger, ListAppender<ILoggingEvent> appender, Level previousLevel,
                            boolean previousAdditive) {
    }

    private LogCapture(String... names) {
        for (String name : names) {
            Logger logger = (Logger) LoggerFactory.getLogger(name);
            ListAppender<ILoggingEvent> appender = new ListAppender<>();
            Captured c = new Captured(logger, appender, logger.getLevel(), logger.isAdditive());
            appender.start();
            logger.addAppender(appender);
            logger.setLevel(Level.WARN);
            logger.setAdditive(false);
            captured.add(c);
        }
    }

    /** Starts capturing what the loggers of {@code types} log at WARN and above. */
    public static LogCapture of(Class<?>... types) {
        return new LogCapture(java.util.Arrays.stream(types).map(Class::getName).toArray(String[]::new));
    }

    /** Starts capturing what the named loggers log at WARN and above (for classes a test cannot name). */
    public static LogCapture named(String... loggerNames) {
        return new LogCapture(loggerNames);
    }

    /** Every event captured, WARN and above, in the order each logger received them (logger by logger). */
    public synchronized List<ILoggingEvent> events() {
        List<ILoggingEvent> all = new ArrayList<>();
        for (Captured c : captured) {
            synchronized (c.appender()) {
                all.addAll(c.appender().list);
            }
        }
        return all;
    }

    /** The formatted warning messages, in order. */
    public List<String> warnings() {
        return messages(Level.WARN);
    }

    /** The formatted error messages, in order. */
    public List<String> errors() {
        return messages(Level.ERROR);
    }

    /** The formatted messages at {@code level}, in order. */
    public List<String> messages(Level level) {
        return events().stream().filter(e -> e.getLevel() == level).map(ILoggingEvent::getFormattedMessage).toList();
    }

    /** The formatted messages at every level captured (WARN and above), in order. */
    public List<String> messages() {
        return events().stream().map(ILoggingEvent::getFormattedMessage).toList();
    }

    /** The class names of the exceptions logged with the events, in order ({@code null} for none). */
    public List<String> exceptions() {
        return events().stream().map(ILoggingEvent::getThrowableProxy)
                .map(t -> t == null ? null : t.getClassName()).toList();
    }

    /** The messages of the exceptions logged with the events, in order ({@code null} for none). */
    public List<String> exceptionMessages() {
        return events().stream().map(ILoggingEvent::getThrowableProxy)
                .map(t -> t == null ? null : message(t)).toList();
    }

    private static String message(IThrowableProxy t) {
        return t.getMessage();
    }

    /** Forgets what was captured so far. */
    public void clear() {
        for (Captured c : captured) {
            synchronized (c.appender()) {
                c.appender().list.clear();
            }
        }
    }

    @Override
    public void close() {
        for (Captured c : captured) {
            c.logger().detachAppender(c.appender());
            c.logger().setLevel(c.previousLevel());
            c.logger().setAdditive(c.previousAdditive());
        }
    }
}
