package org.oversight.ledger.engine;

import java.util.Optional;
import org.oversight.domain.crypto.Ed25519PrivateKey;
import org.oversight.domain.event.EventType;
import org.oversight.domain.event.MatchProposed;
import org.oversight.domain.event.SignedEvent;
import org.oversight.domain.event.EventSigner;

/**
 * Turns a projection decision into the signed {@code MatchProposed} event the engine appends.
 * Every header field is a function of the decision and its detection, and Ed25519 signing is
 * deterministic (RFC 8032), so the same decision always yields the same bytes — which is what
 * makes a resubmission after a restart or replay an idempotent duplicate:
 *
 * <ul>
 *   <li>stream {@code match/<match id>}, seq 0, prev null (the proposal opens its stream);
 *   <li>event id {@code ev-<match id>} (the match id is derived, docs/format.md §9.8);
 *   <li>time = the detection's header {@code time} (when the camera signed it), not the engine's
 *       clock: the header time is informational (§3.2), and a wall-clock value would change the
 *       bytes on every replay.
 * </ul>
 */
public final class MatchProposals {
    /** Prefix of the engine's event ids; the rest is the match id. */
    public static final String EVENT_ID_PREFIX = "ev-";

    private MatchProposals() {}

    /**
     * Signs {@code decision} with {@code engineKey}.
     *
     * @param detection the {@code FaceDetected} the decision names
     * @throws IllegalArgumentException if {@code detection} is not a {@code FaceDetected} or is not
     *     the event the decision names (by event hash)
     */
    public static SignedEvent sign(MatchProposed decision, SignedEvent detection, Ed25519PrivateKey engineKey) {
        if (detection.type() != EventType.FACE_DETECTED || !(detection.payload() instanceof org.oversight.domain.event.Detection)) {
            throw new IllegalArgumentException("decision " + decision.match() + " names a detection but got a "
                    + detection.type().wireName());
        }
        if (!detection.eventHash().equals(decision.detection().eventHash())) {
            throw new IllegalArgumentException("decision " + decision.match() + " names detection "
                    + decision.detection().eventHash() + " but got " + detection.eventHash());
        }
        return EventSigner.sign(EVENT_ID_PREFIX + decision.match(), 0, Optional.empty(), detection.header().time(),
                decision, engineKey);
    }
}
