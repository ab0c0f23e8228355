package org.oversight.domain.event;

/** Where in its stream an event type may stand (docs/format.md §4.2). */
public enum SeqPlacement {
    /** Only at seq 0: the event opens its stream. */
    FIRST,
    /** Only at seq ≥ 1: the event follows the stream's opening event. */
    LATER,
    /** At any seq. */
    ANY;

    /** Whether an event with this placement may have sequence number {@code seq}. */
    public boolean allows(long seq) {
        return switch (this) {
            case FIRST -> seq == 0;
            case LATER -> seq >= 1;
            case ANY -> seq >= 0;
        };
    }
}
