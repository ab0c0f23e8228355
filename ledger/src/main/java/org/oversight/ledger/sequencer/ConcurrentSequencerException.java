package org.oversight.ledger.sequencer;

/** A second writer moved the sequencer state: a broken single-writer invariant, so unchecked. */
public final class ConcurrentSequencerException extends RuntimeException {
    public ConcurrentSequencerException(String message) {
        super(message);
    }
}
