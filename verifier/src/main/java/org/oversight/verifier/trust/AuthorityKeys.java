package org.oversight.verifier.trust;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import java.util.TreeMap;
import org.oversight.domain.crypto.Ed25519PublicKey;

/**
 * The genesis authority keys an auditor expects, obtained out of band (the authorities'
 * published keys): the log's genesis must declare exactly these keys (docs/rules.md, R-genesis).
 * Immutable; ordered by key id, so reports do not depend on the order they were given in.
 */
public final class AuthorityKeys {
    private final TreeMap<String, Ed25519PublicKey> byKeyId = new TreeMap<>();

    private AuthorityKeys(List<Ed25519PublicKey> keys) {
        for (Ed25519PublicKey key : keys) {
            Objects.requireNonNull(key, "key");
            if (byKeyId.put(key.keyId().hex(), key) != null) {
                throw new IllegalArgumentException("authority key " + key + " given twice");
            }
        }
        if (byKeyId.isEmpty()) {
            throw new IllegalArgumentException("no authority keys");
        }
    }

    /**
     * @param keys at least one key, no key twice
     * @throws IllegalArgumentException if {@code keys} is empty or holds a key twice (callers
     *     check user input first and report it as such)
     */
    public static AuthorityKeys of(List<Ed25519PublicKey> keys) {
        return new AuthorityKeys(List.copyOf(keys));
    }

    /** Whether {@code key} is one of the expected keys. */
    public boolean contains(Ed25519PublicKey key) {
        return byKeyId.containsKey(key.keyId().hex()) && byKeyId.get(key.keyId().hex()).equals(key);
    }

    /** The keys, by key id. */
    public List<Ed25519PublicKey> keys() {
        return Collections.unmodifiableList(new ArrayList<>(byKeyId.values()));
    }

    /** The number of keys. */
    public int size() {
        return byKeyId.size();
    }

    @Override
    public String toString() {
        return byKeyId.values().toString();
    }
}
