package org.oversight.domain.merkle.rfc6962;

/**
 * A proof or root was requested for positions the tree does not have (e.g. "index 9 &gt;= size 8",
 * "size1 5 &gt; size2 3", "size 12 &gt; available 10"). The message names the offending values.
 */
public final class ProofRequestException extends Exception {
    private static final long serialVersionUID = 1L;

    public ProofRequestException(String message) {
        super(message);
    }
}
