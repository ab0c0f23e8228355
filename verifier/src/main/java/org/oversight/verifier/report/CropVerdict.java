package org.oversight.verifier.report;

import java.util.Objects;

/**
 * What a bundle's checks established about a face crop it carries (format.md §11.6), so that the
 * court summary presents a crop as the matched face only when the checks tie it to the match.
 *
 * @param status the outcome
 * @param words what was checked and its outcome, in a sentence a court reads (no trailing period)
 */
public record CropVerdict(Status status, String words) {
    /** The outcome of a crop's checks. */
    public enum Status {
        /** Every check of the crop passed: it derives the template the score was computed from. */
        VERIFIED,
        /** Its record opened its commitment, but pixels → template was not re-derived (no model). */
        NOT_DERIVED,
        /** A check of the crop failed: it is not shown to be the image that was matched. */
        FAILED
    }

    /** The two crops a bundle may carry. */
    public enum Face {
        /** The aligned crop of the detection (the probe). */
        PROBE,
        /** The aligned crop the watchlist entry's template was enrolled from. */
        ENROLMENT
    }

    public CropVerdict {
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(words, "words");
    }

    public static CropVerdict verified(String words) {
        return new CropVerdict(Status.VERIFIED, words);
    }

    public static CropVerdict notDerived(String words) {
        return new CropVerdict(Status.NOT_DERIVED, words);
    }

    public static CropVerdict failed(String words) {
        return new CropVerdict(Status.FAILED, words);
    }
}
