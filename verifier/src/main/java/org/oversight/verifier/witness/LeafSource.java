package org.oversight.verifier.witness;

import java.util.List;

/** Where the live auditor reads the log's leaves: in production the log's tlog-tiles entry bundles. */
public interface LeafSource {
    /**
     * The leaves {@code [from, to)}, in order.
     *
     * @throws LeafFetchException if they cannot be obtained (unreachable, not served, malformed)
     */
    List<byte[]> leaves(long from, long to) throws LeafFetchException;

    /** Leaves that could not be obtained; says which and why. */
    final class LeafFetchException extends Exception {
        public LeafFetchException(String message) {
            super(message);
        }

        public LeafFetchException(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
