package org.oversight.verifier.report;

import java.util.List;
import java.util.Objects;

/**
 * A decision over an erased record (docs/rules.md, "Decisions over erased records"): no audit can
 * re-derive it any more, so the report names the witnesses that did, before the erasure — the named
 * witnesses that were recipients of the detection's epoch and cosigned a checkpoint containing the
 * detection but not the epoch's close. Not a violation either way.
 *
 * @param leafIndex the leaf of the logged {@code MatchProposed}, or of the detection for "no match"
 * @param eventId the event id at that leaf
 * @param decision what the log decided (the proposal's members, or no match for the detection)
 * @param detectionLeaf the sealed detection's leaf
 * @param epoch its erasure epoch
 * @param closeLeaf the leaf of the epoch's close
 * @param witnesses the witnesses that re-derived it before its erasure ({@code name+keyid}), in the
 *     order named; empty: re-derived by nobody before its erasure
 */
public record ErasedDecision(long leafIndex, String eventId, String decision, long detectionLeaf, String epoch,
        long closeLeaf, List<String> witnesses) {
    public ErasedDecision {
        if (detectionLeaf < 0 || leafIndex < detectionLeaf || closeLeaf <= detectionLeaf) {
            throw new IllegalArgumentException("leaf " + leafIndex + ", detection leaf " + detectionLeaf
                    + ", close leaf " + closeLeaf + ": not 0 <= detection <= leaf and detection < close");
        }
        Objects.requireNonNull(eventId, "eventId");
        Objects.requireNonNull(decision, "decision");
        Objects.requireNonNull(epoch, "epoch");
        witnesses = List.copyOf(witnesses);
    }

    /**
     * Who re-derived it, in words: {@code re-derived before its erasure by W1, W2}, or
     * {@code re-derived by nobody before its erasure (…)} with the window no witness cosigned in.
     */
    public String witnessed() {
        if (witnesses.isEmpty()) {
            return "re-derived by nobody before its erasure (no named witness that was a recipient of epoch " + epoch
                    + " cosigned a checkpoint of size " + (detectionLeaf + 1) + " to " + closeLeaf + ")";
        }
        return "re-derived before its erasure by " + String.join(", ", witnesses);
    }
}
