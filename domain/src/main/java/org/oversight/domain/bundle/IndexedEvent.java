package org.oversight.domain.bundle;

import java.util.Objects;
import org.oversight.domain.event.SignedEvent;

/** An event with its leaf index in the log. */
public record IndexedEvent(long leafIndex, SignedEvent event) {
    public IndexedEvent {
        Objects.requireNonNull(event, "event");
        if (leafIndex < 0) {
            throw new IllegalArgumentException("leaf index " + leafIndex + " < 0");
        }
    }
}
