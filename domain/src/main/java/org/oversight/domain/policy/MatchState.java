package org.oversight.domain.policy;

import java.util.Collection;
import java.util.Optional;
import org.oversight.domain.event.Verdict;

/**
 * Where a match stands at a point of the log (docs/ledger.md §3.3), decided from its events and the
 * policies in force alone. With N = {@link #confirmationsRequired} for an action at that point (rule
 * R1: the stricter of the policy in force at the match's detection and the one in force now, never
 * fewer than {@link RuleBook#MIN_CONFIRMATIONS}), C the reviewer principals whose first review
 * is {@code confirm} and R those whose first review is {@code reject}:
 *
 * <ul>
 *   <li>{@link #ACTIONED}: the match stream holds a {@code MatchActioned};
 *   <li>{@link #CONFIRMED}: not actioned and C ≥ N (an officer may act: R1 is met);
 *   <li>{@link #REJECTED}: not actioned, C &lt; N and R ≥ N (as many reviewers rejected it as an
 *       action would need confirmations; a reject is no veto, so a later confirming majority can
 *       still make it {@code confirmed});
 *   <li>{@link #PENDING}: anything else — awaiting reviews (inconclusive reviews count for neither).
 * </ul>
 *
 * <p>Pure and deterministic; the one implementation of R1's required count, used by {@link RuleBook}.
 */
public enum MatchState {
    PENDING("pending"),
    CONFIRMED("confirmed"),
    REJECTED("rejected"),
    ACTIONED("actioned");

    private final String wireName;

    MatchState(String wireName) {
        this.wireName = wireName;
    }

    /** The name used on the wire, e.g. {@code pending}. */
    public String wireName() {
        return wireName;
    }

    /** The state named {@code name} exactly (lower case), if any. */
    public static Optional<MatchState> fromWireName(String name) {
        for (MatchState s : values()) {
            if (s.wireName.equals(name)) {
                return Optional.of(s);
            }
        }
        return Optional.empty();
    }

    /**
     * R1's N: the largest of {@link RuleBook#MIN_CONFIRMATIONS} and the {@code reviewersRequired} of
     * each governing policy (the one in force at the match's detection and the one in force at the
     * action; pass those that exist).
     */
    public static long confirmationsRequired(long... reviewersRequired) {
        long required = RuleBook.MIN_CONFIRMATIONS;
        for (long r : reviewersRequired) {
            required = Math.max(required, r);
        }
        return required;
    }

    /**
     * The state of a match.
     *
     * @param actioned whether its stream holds a {@code MatchActioned}
     * @param countedVerdicts the first verdict of each distinct reviewer principal
     * @param required N, from {@link #confirmationsRequired}; at least 1
     * @throws IllegalArgumentException if {@code required} is below 1
     */
    public static MatchState of(boolean actioned, Collection<Verdict> countedVerdicts, long required) {
        if (required < 1) {
            throw new IllegalArgumentException("required confirmations " + required + " < 1");
        }
        if (actioned) {
            return ACTIONED;
        }
        long confirms = countedVerdicts.stream().filter(v -> v == Verdict.CONFIRM).count();
        long rejects = countedVerdicts.stream().filter(v -> v == Verdict.REJECT).count();
        if (confirms >= required) {
            return CONFIRMED;
        }
        return rejects >= required ? REJECTED : PENDING;
    }
}
