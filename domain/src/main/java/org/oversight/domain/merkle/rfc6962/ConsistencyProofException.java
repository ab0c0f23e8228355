package org.oversight.domain.merkle.rfc6962;

/**
 * A consistency proof was rejected: a precondition failed (size1 = 0 or size1 &gt; size2, wrong
 * number of hashes, a value that is not a 32-byte hash) or a root computed from the proof differs
 * from the expected root at size1 or size2. The message names the offending values.
 */
public final class ConsistencyProofException extends Exception {
    private static final long serialVersionUID = 1L;

    public ConsistencyProofException(String message) {
        super(message);
    }
}
