package org.oversight.domain.event;

/** Where in its stream an event type may stand (docs/format.md §4.2). */
public enum SeqPlacement {
    /** Only at seq 0: the event opens its stream. */
    FIRST,
    /** Only at seq ≥ 1: the event follows the stream's opening event. */
    LATER,
    /** At any seq. */
    ANY,
    /** Only at seq 1: the event directly follows the stream's opening event. */
    SECOND,
    /** Only at seq ≥ 2: the event follows the stream's {@link #SECOND} event. */
    AFTER_SECOND,
    /**
     * Only at seq 2: the event directly follows the stream's {@link #SECOND} event, and nothing can
     * follow it (every type of its stream kind stands at seq 0, 1 or 2).
     */
    THIRD;

    /** The allowed positions in words, for messages: {@code seq 0}, {@code seq >= 1}, …. */
    public String describe() {
        return switch (this) {
            case FIRST -> "seq 0";
            case LATER -> "seq >= 1";
            case ANY -> "any seq";
            case SECOND -> "seq 1";
            case AFTER_SECOND -> "seq >= 2";
            case THIRD -> "seq 2";
        };
    }

    /** Whether an event with this placement may have sequence number {@code seq}. */
    public boolean allows(long seq) {
        return switch (this) {
            case FIRST -> seq == 0;
            case LATER -> seq >= 1;
            case ANY -> seq >= 0;
            case SECOND -> seq == 1;
            case AFTER_SECOND -> seq >= 2;
            case THIRD -> seq == 2;
        };
    }
}
