package org.oversight.domain.policy;

/** The rules of docs/design.md §7 that {@link RuleBook} evaluates (docs/rules.md). */
public enum PolicyRule {
    /** Two-person review: an action needs the policy's number (at least two) of distinct confirmations before it. */
    R1("R1"),
    /** Match provenance: detection, watchlist snapshot, model, threshold and engine version. */
    R2("R2"),
    /** Watchlist authorisation: a match only against an entry authorised, unwithdrawn and valid at capture time. */
    R3("R3"),
    /** Threshold: the policy's threshold, within its cap, and the score (a distance) within it. */
    R6("R6"),
    /** Accuracy: the policy attests the model's accuracy at a watchlist size at least the one the match searched. */
    R7("R7"),
    /** Trusted time: a detection's capture time lies within the policy's reporting delay before its witnesses' time. */
    R11("R11");

    private final String id;

    PolicyRule(String id) {
        this.id = id;
    }

    /** The rule's id in docs/design.md §7, e.g. {@code R1}. */
    public String id() {
        return id;
    }
}
