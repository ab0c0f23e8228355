package org.oversight.domain.policy;

/** The rules of docs/design.md §7 that {@link RuleBook} evaluates (docs/rules.md). */
public enum PolicyRule {
    /** Two-person review: an action needs the policy's number (at least two) of distinct confirmations before it. */
    R1("R1"),
    /** Match provenance: detection, watchlist snapshot, model, threshold and engine version. */
    R2("R2"),
    /** Watchlist authorisation: a match only against an entry authorised, unwithdrawn and valid at capture time. */
    R3("R3"),
    /**
     * Retrospective search: requested for an authorised entry, results as searched over the
     * searchable set, authorised by its deadline or destroyed completely, and not used after.
     */
    R4("R4"),
    /**
     * Erasure: a sealed record is erased by its epoch's close, on time and completely, and never used
     * again unless kept; kept only for a match or live search logged before the close, and every such
     * match and live search's hit kept.
     */
    R5("R5"),
    /** Threshold: the policy's threshold, within its cap, and the score (a distance) within it. */
    R6("R6"),
    /** Accuracy: the policy attests the model's accuracy at a watchlist size at least the one the match searched. */
    R7("R7"),
    /** Retention: kept records are kept no longer than the policy allows and destroyed by their retainUntil. */
    R8("R8"),
    /** Disclosure: a sealed record is unsealed only by a role the purpose allows, and names a sealed detection. */
    R_DISCLOSURE("R-disclosure"),
    /** Trusted time: a detection's capture time lies within the policy's reporting delay before its witnesses' time. */
    R11("R11");

    private final String id;

    PolicyRule(String id) {
        this.id = id;
    }

    /** The rule's id in docs/design.md §7 (docs/rules.md for R-disclosure), e.g. {@code R1}. */
    public String id() {
        return id;
    }
}
