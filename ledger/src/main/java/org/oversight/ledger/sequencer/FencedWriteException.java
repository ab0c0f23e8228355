package org.oversight.ledger.sequencer;

/**
 * A write by a process that is not (or no longer) the log's leader was refused by the
 * {@link SequencerFence}; its transaction rolls back and nothing of it is acknowledged.
 */
public final class FencedWriteException extends RuntimeException {
    public FencedWriteException(String message) {
        super(message);
    }
}
