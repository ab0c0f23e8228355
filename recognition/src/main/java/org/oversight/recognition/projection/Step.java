package org.oversight.recognition.projection;

import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.oversight.domain.event.MatchProposed;

/**
 * The result of feeding one leaf to the projection.
 *
 * @param state the state after the leaf
 * @param decisions the match proposals the leaf causes, best first (non-empty only for a
 *     {@code FaceDetected})
 * @param skip present iff the leaf is a {@code FaceDetected} that was not searched, with why
 */
public record Step(ProjectionState state, List<MatchProposed> decisions, Optional<Skip> skip) {
    public Step {
        Objects.requireNonNull(state, "state");
        decisions = List.copyOf(decisions);
        Objects.requireNonNull(skip, "skip");
        if (skip.isPresent() && !decisions.isEmpty()) {
            throw new IllegalArgumentException("a skipped detection has " + decisions.size() + " decisions");
        }
    }
}
