package org.volsched.cli.reliability;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import org.slf4j.LoggerFactory;

/**
 * Silences logging while thousands of odd inputs are decided: every failed request is logged at
 * ERROR by design, which would bury the test report. Tests of what is logged attach their own
 * appender and do not use this.
 */
final class QuietLogs {
    private static final Logger ROOT = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
    private static Level saved;

    private QuietLogs() {
    }

    static synchronized void on() {
        saved = ROOT.getLevel();
        ROOT.setLevel(Level.OFF);
    }

    static synchronized void off() {
        ROOT.setLevel(saved == null ? Level.WARN : saved);
    }
}
