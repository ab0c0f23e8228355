package org.oversight.domain.principal;

import java.util.Objects;
import java.util.OptionalLong;
import org.oversight.domain.crypto.Ed25519PublicKey;
import org.oversight.domain.crypto.KeyId;
import org.oversight.domain.event.Role;

/**
 * A key as the registry knows it. A key enrolled by the event at leaf {@code e} and revoked by the
 * event at leaf {@code r} is valid for events at leaves {@code e < i < r} (docs/format.md §5.4).
 *
 * @param keyId the key's id
 * @param publicKey the key
 * @param owner the principal id, or for a camera device key the camera id
 * @param role the owner's role
 * @param enrolledAt leaf index of the enrolling event
 * @param revokedAt leaf index of the revoking event, if any
 */
public record KeyRecord(
        KeyId keyId, Ed25519PublicKey publicKey, String owner, Role role, long enrolledAt, OptionalLong revokedAt) {
    public KeyRecord {
        Objects.requireNonNull(keyId, "keyId");
        Objects.requireNonNull(publicKey, "publicKey");
        Objects.requireNonNull(owner, "owner");
        Objects.requireNonNull(role, "role");
        Objects.requireNonNull(revokedAt, "revokedAt");
        if (!publicKey.keyId().equals(keyId)) {
            throw new IllegalArgumentException("key id " + keyId + " != id of key " + publicKey.keyId());
        }
        if (revokedAt.isPresent() && revokedAt.getAsLong() <= enrolledAt) {
            throw new IllegalArgumentException("revokedAt " + revokedAt.getAsLong() + " <= enrolledAt " + enrolledAt);
        }
    }

    /** Whether the key may sign the event at {@code leafIndex}: {@code enrolledAt < leafIndex < revokedAt}. */
    public boolean validAt(long leafIndex) {
        return enrolledAt < leafIndex && (revokedAt.isEmpty() || leafIndex < revokedAt.getAsLong());
    }

    /** This key revoked at {@code leafIndex}. */
    KeyRecord revokedAt(long leafIndex) {
        return new KeyRecord(keyId, publicKey, owner, role, enrolledAt, OptionalLong.of(leafIndex));
    }
}
