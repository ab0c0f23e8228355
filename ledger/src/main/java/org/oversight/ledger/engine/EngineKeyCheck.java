package org.oversight.ledger.engine;

import java.util.Optional;
import org.oversight.domain.crypto.KeyId;
import org.oversight.domain.event.Role;
import org.oversight.domain.principal.KeyRecord;

/** Whether the engine key may sign an event at a given leaf (docs/format.md §5.4, role {@code engine}). */
final class EngineKeyCheck {
    private EngineKeyCheck() {}

    /**
     * Why {@code record}, the registry's record of key {@code keyId}, cannot sign a
     * {@code MatchProposed} at {@code leafIndex}; empty if it can.
     */
    static Optional<String> whyNotUsable(KeyId keyId, Optional<KeyRecord> record, long leafIndex) {
        if (record.isEmpty()) {
            return Optional.of("engine key " + keyId + " is not enrolled; an authority must enrol it with KeyEnrolled"
                    + " role engine (public key at GET /v1/keys)");
        }
        KeyRecord k = record.get();
        if (k.role() != Role.ENGINE) {
            return Optional.of("engine key " + keyId + " is enrolled for '" + k.owner() + "' with role "
                    + k.role().wireName() + ", not engine");
        }
        if (!k.validAt(leafIndex)) {
            return Optional.of("engine key " + keyId + " of '" + k.owner() + "' is not valid at leaf " + leafIndex
                    + " (enrolled at " + k.enrolledAt() + (k.revokedAt().isPresent()
                    ? ", revoked at " + k.revokedAt().getAsLong() : "") + ")");
        }
        return Optional.empty();
    }
}
