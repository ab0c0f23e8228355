package org.oversight.recognition.projection;

import java.util.Comparator;
import java.util.Objects;
import org.oversight.domain.event.MatchProposed;

/**
 * What identifies a recognition decision (docs/rules.md, "Projection replay"): which detection —
 * its leaf and event hash — and which candidate entry. A logged {@code MatchProposed} pairs with the
 * derived decision of the same key; every other member is compared. Ordered by detection leaf, then
 * event hash, then entry, so maps of pending decisions iterate in log order.
 *
 * @param leafIndex the detection's leaf
 * @param eventHash the detection's event hash, hex
 * @param entry the candidate watchlist entry
 */
public record DecisionKey(long leafIndex, String eventHash, String entry) implements Comparable<DecisionKey> {
    private static final Comparator<DecisionKey> ORDER = Comparator.comparingLong(DecisionKey::leafIndex)
            .thenComparing(DecisionKey::eventHash).thenComparing(DecisionKey::entry);

    public DecisionKey {
        Objects.requireNonNull(eventHash, "eventHash");
        Objects.requireNonNull(entry, "entry");
    }

    /** The key of a proposal (derived or logged). */
    public static DecisionKey of(MatchProposed m) {
        return new DecisionKey(m.detection().leafIndex(), m.detection().eventHash().hex(), m.candidateEntry());
    }

    @Override
    public int compareTo(DecisionKey o) {
        return ORDER.compare(this, o);
    }
}
