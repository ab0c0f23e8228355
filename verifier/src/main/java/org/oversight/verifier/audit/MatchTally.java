package org.oversight.verifier.audit;

import java.util.EnumMap;
import org.oversight.domain.policy.RuleBook;
import org.oversight.verifier.report.MatchState;

/**
 * The report's table of matches by state ({@link MatchState}), read from the rule book: the one
 * definition of a match's state (the domain's {@link org.oversight.domain.policy.MatchState}, which
 * the ledger's match feed also uses), so the table never disagrees with rule R1. Each reviewer's
 * first verdict counts; a match is confirmed once it has R1's N confirmations, rejected once as many
 * reviewers rejected it and it is not confirmed, actioned once an officer acted; the rest is pending,
 * which the table splits into unreviewed (no review yet) and inconclusive (reviewed, undecided).
 * Counts only; judges nothing (rule R1 does).
 */
final class MatchTally {
    private MatchTally() {}

    /** Matches per state, every state present, in {@link MatchState} order. */
    static EnumMap<MatchState, Long> counts(RuleBook rules) {
        EnumMap<MatchState, Long> counts = new EnumMap<>(MatchState.class);
        for (MatchState s : MatchState.values()) {
            counts.put(s, 0L);
        }
        for (RuleBook.MatchStanding m : rules.matchStandings().values()) {
            counts.merge(stateOf(m), 1L, Long::sum);
        }
        return counts;
    }

    private static MatchState stateOf(RuleBook.MatchStanding m) {
        return switch (m.state()) {
            case ACTIONED -> MatchState.ACTIONED;
            case CONFIRMED -> MatchState.CONFIRMED;
            case REJECTED -> MatchState.REJECTED;
            case PENDING -> m.reviewed() ? MatchState.INCONCLUSIVE : MatchState.UNREVIEWED;
        };
    }
}
