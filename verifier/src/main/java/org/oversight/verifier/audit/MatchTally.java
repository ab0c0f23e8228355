package org.oversight.verifier.audit;

import java.util.EnumMap;
import java.util.HashMap;
import java.util.Map;
import org.oversight.domain.event.MatchActioned;
import org.oversight.domain.event.MatchProposed;
import org.oversight.domain.event.MatchReviewed;
import org.oversight.domain.event.SignedEvent;
import org.oversight.domain.event.Verdict;
import org.oversight.verifier.report.MatchState;

/**
 * The state of every proposed match, from accepted events only, for the report's table of matches
 * by state ({@link MatchState}): a reviewer's latest verdict counts; any rejection outweighs
 * confirmations; an action outweighs everything. Counts only; judges nothing (rule R1 does).
 *
 * <p>Memory: one entry per proposed match. The counts do not depend on iteration order.
 */
final class MatchTally {
    private static final class Match {
        final Map<String, Verdict> latest = new HashMap<>();
        boolean actioned;
    }

    private final Map<String, Match> matches = new HashMap<>();

    /**
     * Takes note of an accepted event; ignores all but proposals, reviews and actions.
     *
     * @param signer the principal owning the key that signed it (a reviewer's verdicts are theirs
     *     whichever of their keys signed)
     */
    void observe(SignedEvent event, String signer) {
        var payload = event.payload();
        if (payload instanceof MatchProposed m) {
            matches.putIfAbsent(m.match(), new Match());
        } else if (payload instanceof MatchReviewed r) {
            Match m = matches.get(r.match());
            if (m != null) {
                m.latest.put(signer, r.verdict());
            }
        } else if (payload instanceof MatchActioned a) {
            Match m = matches.get(a.match());
            if (m != null) {
                m.actioned = true;
            }
        }
    }

    /** Matches per state, every state present, in {@link MatchState} order. */
    EnumMap<MatchState, Long> counts() {
        EnumMap<MatchState, Long> counts = new EnumMap<>(MatchState.class);
        for (MatchState s : MatchState.values()) {
            counts.put(s, 0L);
        }
        for (Match m : matches.values()) {
            counts.merge(stateOf(m), 1L, Long::sum);
        }
        return counts;
    }

    private static MatchState stateOf(Match m) {
        if (m.actioned) {
            return MatchState.ACTIONED;
        }
        if (m.latest.containsValue(Verdict.REJECT)) {
            return MatchState.REJECTED;
        }
        if (m.latest.containsValue(Verdict.CONFIRM)) {
            return MatchState.CONFIRMED;
        }
        return m.latest.isEmpty() ? MatchState.UNREVIEWED : MatchState.INCONCLUSIVE;
    }
}
