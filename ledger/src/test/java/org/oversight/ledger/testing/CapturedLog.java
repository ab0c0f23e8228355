package org.oversight.ledger.testing;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import java.util.List;
import org.slf4j.LoggerFactory;

/**
 * Takes over one logger for the duration of a test: its events are kept here instead of printed,
 * so that a test provoking an ERROR on purpose (a tampered log raising the checkpointer alarm)
 * leaves no ERROR line in the build output for a reader to mistake for a failure, and can assert
 * that the error was in fact logged. Every other logger still prints as configured.
 */
public final class CapturedLog implements AutoCloseable {
    private final Logger logger;
    private final boolean additive;
    private final ListAppender<ILoggingEvent> events = new ListAppender<>();

    private CapturedLog(Logger logger) {
        this.logger = logger;
        this.additive = logger.isAdditive();
        events.start();
        logger.addAppender(events);
        logger.setAdditive(false);
    }

    /** Captures the logger of {@code type} until {@link #close()}. */
    public static CapturedLog of(Class<?> type) {
        return new CapturedLog((Logger) LoggerFactory.getLogger(type));
    }

    /** The formatted messages logged at {@code level}, in order. */
    public List<String> messages(Level level) {
        return events.list.stream().filter(e -> e.getLevel() == level).map(ILoggingEvent::getFormattedMessage).toList();
    }

    @Override
    public void close() {
        logger.setAdditive(additive);
        logger.detachAppender(events);
    }
}
