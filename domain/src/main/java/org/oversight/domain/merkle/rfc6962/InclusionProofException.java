package org.oversight.domain.merkle.rfc6962;

/**
 * An inclusion proof was rejected: a precondition failed (index outside the tree, wrong number of
 * hashes, a value that is not a 32-byte hash) or the root computed from the proof differs from the
 * expected root. The message names the offending values.
 */
public final class InclusionProofException extends Exception {
    private static final long serialVersionUID = 1L;

    public InclusionProofException(String message) {
        super(message);
    }
}
