package org.oversight.verifier.report;

/**
 * Where a proposed match stands at the end of the audited log, judged from its accepted events
 * only, in the order an oversight body reads them: the unreviewed first.
 */
public enum MatchState {
    UNREVIEWED("unreviewed", "proposed by the engine; no review yet"),
    INCONCLUSIVE("inconclusive", "reviewed, but every reviewer's latest verdict is inconclusive"),
    CONFIRMED("confirmed", "confirmed by at least one reviewer, rejected by none; no action yet"),
    REJECTED("rejected", "rejected by at least one reviewer (latest verdict); no action"),
    ACTIONED("actioned", "an officer acted on it");

    private final String label;
    private final String meaning;

    MatchState(String label, String meaning) {
        this.label = label;
        this.meaning = meaning;
    }

    /** The state as printed, e.g. {@code unreviewed}. */
    public String label() {
        return label;
    }

    /** What the state means, in one phrase. */
    public String meaning() {
        return meaning;
    }
}
