package org.oversight.domain.merkle.tiles;

/** A tile or entry-bundle path does not follow C2SP tlog-tiles; the message names the bad part. */
public final class TilePathException extends Exception {
    private static final long serialVersionUID = 1L;

    public TilePathException(String message) {
        super(message);
    }
}
