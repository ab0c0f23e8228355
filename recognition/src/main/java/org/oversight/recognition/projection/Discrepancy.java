package org.oversight.recognition.projection;

import java.util.List;
import java.util.Objects;
import org.oversight.domain.event.MatchProposed;

/**
 * A difference between the decisions the projection derives and the {@code MatchProposed} events
 * in the log (docs/format.md §9.8). A decision is identified by (detection leaf index, detection
 * event hash, candidate entry); every other field is compared. {@link NotRederived} is not a
 * difference but the one kind of proposal a replay could not judge (its sealed record was not
 * available), listed so that nothing goes unreported.
 */
public sealed interface Discrepancy {

    /** The detection's leaf index the discrepancy is about. */
    long detectionLeafIndex();

    /** A derived decision with no {@code MatchProposed} for it after its detection. */
    record Missing(MatchProposed expected) implements Discrepancy {
        public Missing {
            Objects.requireNonNull(expected, "expected");
        }

        @Override
        public long detectionLeafIndex() {
            return expected.detection().leafIndex();
        }

        @Override
        public String toString() {
            return "missing: detection at leaf " + detectionLeafIndex() + " should have a MatchProposed "
                    + expected.match() + " for entry " + expected.candidateEntry();
        }
    }

    /** A {@code MatchProposed} at {@code leafIndex} that the projection does not derive. */
    record Extra(long leafIndex, MatchProposed actual, String why) implements Discrepancy {
        public Extra {
            Objects.requireNonNull(actual, "actual");
            Objects.requireNonNull(why, "why");
        }

        @Override
        public long detectionLeafIndex() {
            return actual.detection().leafIndex();
        }

        @Override
        public String toString() {
            return "extra: MatchProposed " + actual.match() + " at leaf " + leafIndex + " (entry "
                    + actual.candidateEntry() + ", detection leaf " + detectionLeafIndex() + "): " + why;
        }
    }

    /** A {@code MatchProposed} at {@code leafIndex} for a derived decision, with different content. */
    record Differing(long leafIndex, MatchProposed expected, MatchProposed actual, List<FieldDifference> fields)
            implements Discrepancy {
        public Differing {
            Objects.requireNonNull(expected, "expected");
            Objects.requireNonNull(actual, "actual");
            fields = List.copyOf(fields);
            if (fields.isEmpty()) {
                throw new IllegalArgumentException("a differing decision needs at least one field difference");
            }
        }

        @Override
        public long detectionLeafIndex() {
            return expected.detection().leafIndex();
        }

        @Override
        public String toString() {
            return "differing: MatchProposed at leaf " + leafIndex + " for detection leaf " + detectionLeafIndex()
                    + ", entry " + expected.candidateEntry() + ": " + fields;
        }
    }

    /**
     * A {@code MatchProposed} at {@code leafIndex} on a sealed detection whose record the replay did
     * not have: neither confirmed nor refuted (never extra, never missing), reported with why.
     *
     * @param reason {@link SkipReason#RECORD_WITHHELD} or {@link SkipReason#RECORD_ERASED}
     */
    record NotRederived(long leafIndex, MatchProposed actual, SkipReason reason) implements Discrepancy {
        public NotRederived {
            Objects.requireNonNull(actual, "actual");
            if (reason != SkipReason.RECORD_WITHHELD && reason != SkipReason.RECORD_ERASED) {
                throw new IllegalArgumentException("not a record reason: " + reason);
            }
        }

        @Override
        public long detectionLeafIndex() {
            return actual.detection().leafIndex();
        }

        @Override
        public String toString() {
            return "not re-derived: " + (reason == SkipReason.RECORD_ERASED ? "erased" : "withheld") + ": MatchProposed "
                    + actual.match() + " at leaf " + leafIndex + " (entry " + actual.candidateEntry()
                    + ", detection leaf " + detectionLeafIndex() + ")";
        }
    }

    /**
     * One field that differs.
     *
     * @param field the payload member path, e.g. {@code watchlistSnapshot.root}
     * @param expected the derived value
     * @param actual the logged value
     */
    record FieldDifference(String field, String expected, String actual) {
        @Override
        public String toString() {
            return field + " expected " + expected + " but was " + actual;
        }
    }
}
