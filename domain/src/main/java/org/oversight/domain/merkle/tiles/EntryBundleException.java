package org.oversight.domain.merkle.tiles;

/** An entry bundle cannot be encoded or decoded; the message names the offending entry or offset. */
public final class EntryBundleException extends Exception {
    private static final long serialVersionUID = 1L;

    public EntryBundleException(String message) {
        super(message);
    }
}
