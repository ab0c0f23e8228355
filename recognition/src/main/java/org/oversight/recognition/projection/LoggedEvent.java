package org.oversight.recognition.projection;

import java.util.Objects;
import org.oversight.domain.event.SignedEvent;

/**
 * An event with its leaf index in the log.
 *
 * @param leafIndex the leaf index, ≥ 0
 * @param event the event
 */
public record LoggedEvent(long leafIndex, SignedEvent event) {
    public LoggedEvent {
        if (leafIndex < 0) {
            throw new IllegalArgumentException("leaf index " + leafIndex + " < 0");
        }
        Objects.requireNonNull(event, "event");
    }
}
