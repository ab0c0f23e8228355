package org.oversight.verifier.report;

import java.util.Objects;

/**
 * A logged decision the verifier could neither confirm nor refute because the biometric record of
 * its sealed detection was not available (docs/format.md §9.8, §12): not a violation and not a
 * pass, listed one by one so that nothing is left unjudged silently.
 *
 * @param leafIndex the leaf of the logged {@code MatchProposed}
 * @param eventId its event id
 * @param decision what it proposes (match id, detection leaf, candidate entry)
 * @param reason why its detection's record was unavailable
 * @param detail the values behind the reason (epoch, its close)
 */
public record NotRederived(long leafIndex, String eventId, String decision, Reason reason, String detail) {
    public NotRederived {
        if (leafIndex < 0) {
            throw new IllegalArgumentException("leafIndex " + leafIndex + " < 0");
        }
        Objects.requireNonNull(eventId, "eventId");
        Objects.requireNonNull(decision, "decision");
        Objects.requireNonNull(reason, "reason");
        Objects.requireNonNull(detail, "detail");
    }

    /** Why the record was unavailable. */
    public enum Reason {
        /** The record exists (its epoch's close kept it, or the epoch is open) but was not given to the verifier. */
        WITHHELD("withheld"),
        /** The record was destroyed: its epoch closed without keeping it, or a kept record was destroyed. */
        ERASED("erased");

        private final String word;

        Reason(String word) {
            this.word = word;
        }

        /** The word reports print: {@code withheld}, {@code erased}. */
        public String word() {
            return word;
        }
    }

    /** The one-line label reports print: {@code not re-derived: withheld}. */
    public String label() {
        return "not re-derived: " + reason.word();
    }
}
