package org.oversight.recognition.projection;

/**
 * The input cannot come from an accepted log (docs/format.md §5.5): leaf indices not strictly
 * increasing, a watchlist entry authorised twice, or withdrawn before it was authorised. The
 * message names the leaf index and the offending value.
 */
public final class ProjectionInputException extends Exception {
    private static final long serialVersionUID = 1L;

    public ProjectionInputException(String message) {
        super(message);
    }
}
