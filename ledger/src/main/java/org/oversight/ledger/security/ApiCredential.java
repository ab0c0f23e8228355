package org.oversight.ledger.security;

import java.security.MessageDigest;
import java.time.Instant;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;
import org.oversight.domain.bytes.Hex;
import org.oversight.domain.crypto.Sha256Digest;

/**
 * One issued API credential as stored: principal name, roles, a random salt and
 * {@code SHA-256(salt || secret)}. The secret itself is never stored. A salted fast hash suffices
 * because secrets are 256-bit random values chosen by the ledger, not passwords: there is nothing
 * to guess, so a slow KDF would only slow every request down.
 */
public final class ApiCredential {
    private final String tokenId;
    private final String principal;
    private final Set<Role> roles;
    private final byte[] salt;
    private final byte[] secretHash;
    /** When it stops being accepted, or null: never. */
    private final Instant expiresAt;

    ApiCredential(String tokenId, String principal, Set<Role> roles, byte[] salt, byte[] secretHash) {
        this(tokenId, principal, roles, salt, secretHash, Optional.empty());
    }

    ApiCredential(String tokenId, String principal, Set<Role> roles, byte[] salt, byte[] secretHash,
            Optional<Instant> expiresAt) {
        this.expiresAt = expiresAt.orElse(null);
        this.tokenId = tokenId;
        this.principal = principal;
        this.roles = Set.copyOf(EnumSet.copyOf(roles));
        this.salt = salt.clone();
        this.secretHash = secretHash.clone();
    }

    public String tokenId() {
        return tokenId;
    }

    public String principal() {
        return principal;
    }

    public Set<Role> roles() {
        return roles;
    }

    /** When it stops being accepted; empty: never. */
    public Optional<Instant> expiresAt() {
        return Optional.ofNullable(expiresAt);
    }

    /** Whether it has expired at {@code now} (an expiry is exclusive: at that instant it is expired). */
    public boolean expiredAt(Instant now) {
        return expiresAt != null && !now.isBefore(expiresAt);
    }

    /** Whether {@code secret} is this credential's secret; constant-time in the secret. */
    public boolean matches(byte[] secret) {
        return MessageDigest.isEqual(secretHash, hash(salt, secret));
    }

    static byte[] hash(byte[] salt, byte[] secret) {
        return Sha256Digest.hash(salt, secret).toByteArray();
    }

    /** The stored line: {@code tokenId principal role[,role] saltHex hashHex [expires=ISO-8601 instant]}. */
    String toLine() {
        StringBuilder r = new StringBuilder();
        for (Role role : EnumSet.copyOf(roles)) {
            if (r.length() > 0) {
                r.append(',');
            }
            r.append(role.name().toLowerCase(java.util.Locale.ROOT));
        }
        return tokenId + ' ' + principal + ' ' + r + ' ' + Hex.encode(salt) + ' ' + Hex.encode(secretHash)
                + (expiresAt == null ? "" : " " + CredentialsFile.EXPIRES + expiresAt);
    }

    @Override
    public String toString() {
        return "ApiCredential[" + tokenId + ", " + principal + ", " + roles
                + (expiresAt == null ? "" : ", expires " + expiresAt) + "]";
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ApiCredential c && c.tokenId.equals(tokenId) && c.principal.equals(principal)
                && c.roles.equals(roles) && Arrays.equals(c.salt, salt) && Arrays.equals(c.secretHash, secretHash)
                && java.util.Objects.equals(c.expiresAt, expiresAt);
    }

    @Override
    public int hashCode() {
        return tokenId.hashCode();
    }
}
