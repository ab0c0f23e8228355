package org.oversight.domain.checkpoint;

/**
 * A checkpoint that does not carry valid cosignatures from the required number of the named
 * witnesses, or carries a cosignature line by a named witness that does not verify.
 */
public final class WitnessQuorumException extends Exception {
    public WitnessQuorumException(String message) {
        super(message);
    }
}
