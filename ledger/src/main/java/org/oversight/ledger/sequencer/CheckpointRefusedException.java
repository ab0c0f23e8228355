package org.oversight.ledger.sequencer;

/**
 * The checkpointer found the tree it was about to sign inconsistent with the last checkpoint it
 * signed. Signing would make the log equivocate, so it stops for good (until an operator has
 * investigated and restarted it).
 */
public final class CheckpointRefusedException extends Exception {
    public CheckpointRefusedException(String message, Throwable cause) {
        super(message, cause);
    }
}
