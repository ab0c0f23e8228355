package org.oversight.ops.client;

import java.security.SecureRandom;
import java.util.Objects;
import org.oversight.domain.crypto.Ed25519PrivateKey;
import org.oversight.domain.crypto.Ed25519PublicKey;
import org.oversight.domain.crypto.KeyId;

/**
 * Someone who signs events: a principal id (or camera id, for a device key) with one Ed25519 key
 * pair. The private key never leaves this object except to {@link org.oversight.domain.event.EventSigner}.
 */
public final class Principal {
    private final String name;
    private final Ed25519PrivateKey key;

    private Principal(String name, Ed25519PrivateKey key) {
        this.name = name;
        this.key = key;
    }

    /**
     * @param name the principal id (docs/format.md §4.1 identifier) or, for a camera's device key, the camera id
     * @throws IllegalArgumentException if {@code name} is blank
     */
    public static Principal of(String name, Ed25519PrivateKey key) {
        Objects.requireNonNull(key, "key");
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("principal name '" + name + "' is blank");
        }
        return new Principal(name, key);
    }

    /** A principal with a fresh key from {@code random}. */
    public static Principal generate(String name, SecureRandom random) {
        return of(name, Ed25519PrivateKey.generate(random));
    }

    public String name() {
        return name;
    }

    public Ed25519PrivateKey privateKey() {
        return key;
    }

    public Ed25519PublicKey publicKey() {
        return key.publicKey();
    }

    public KeyId keyId() {
        return key.publicKey().keyId();
    }

    @Override
    public String toString() {
        return name + " (key " + keyId().hex() + ")";
    }
}
