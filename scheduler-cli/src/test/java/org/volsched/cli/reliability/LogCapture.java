package org.volsched.cli.reliability;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import java.util.List;
import org.slf4j.LoggerFactory;

/** Collects the warnings volsched logs while it is open. */
final class LogCapture implements AutoCloseable {
    private final Logger logger;
    private final ListAppender<ILoggingEvent> appender = new ListAppender<>();
    private final Level level;

    /** Warnings of every volsched logger. */
    LogCapture() {
        this("org.volsched");
    }

    /** Warnings of one logger (and its children). */
    LogCapture(String loggerName) {
        logger = (Logger) LoggerFactory.getLogger(loggerName);
        level = logger.getLevel();
        logger.setLevel(Level.WARN);
        appender.start();
        logger.addAppender(appender);
    }

    /** Formatted messages of WARN (and worse) events, each prefixed with the logger's simple name. */
    List<String> warnings() {
        return appender.list.stream().filter(e -> e.getLevel().isGreaterOrEqual(Level.WARN))
                .map(e -> simpleName(e.getLoggerName()) + ": " + e.getFormattedMessage()).toList();
    }

    private static String simpleName(String logger) {
        return logger.substring(logger.lastIndexOf('.') + 1);
    }

    @Override
    public void close() {
        logger.detachAppender(appender);
        logger.setLevel(level);
        appender.stop();
    }
}
