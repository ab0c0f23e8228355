package org.oversight.verifier.report;

/**
 * Where a proposed match stands at the end of the audited log, judged from its accepted events
 * only, in the order an oversight body reads them: the unreviewed first. The domain's
 * {@link org.oversight.domain.policy.MatchState} decides it (each reviewer's first verdict, R1's N);
 * its {@code pending} is split here into unreviewed and inconclusive.
 */
public enum MatchState {
    UNREVIEWED("unreviewed", "proposed by the engine; no review yet"),
    INCONCLUSIVE("inconclusive", "reviewed, but fewer confirmations and fewer rejections than R1 requires"),
    CONFIRMED("confirmed", "confirmed by as many distinct reviewers as R1 requires; no action yet"),
    REJECTED("rejected", "rejected by as many distinct reviewers as R1 requires; not confirmed, no action"),
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
