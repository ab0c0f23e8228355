package org.oversight.ledger.engine;

import java.util.Objects;

/**
 * What the recognition processor is doing.
 *
 * @param state the state
 * @param position the last leaf index processed, −1 before the first
 * @param detail why it waits or stalled; empty otherwise
 */
public record EngineStatus(State state, long position, String detail) {
    /** The processor's states. */
    public enum State {
        /** Rebuilding the projection from the persisted position. */
        STARTING,
        /** Caught up with the committed log or working through it. */
        RUNNING,
        /** Decisions are pending but the engine key is not (yet) usable; retried on every round. */
        WAITING_FOR_ENGINE_KEY,
        /** The ingest path refused a decision for another reason; retried on every round. */
        STALLED,
        /** The log cannot be projected (a broken invariant); nothing more is processed until restart. */
        FAILED
    }

    public EngineStatus {
        Objects.requireNonNull(state, "state");
        Objects.requireNonNull(detail, "detail");
    }
}
