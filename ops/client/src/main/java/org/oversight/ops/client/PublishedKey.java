package org.oversight.ops.client;

import org.oversight.domain.crypto.Ed25519PublicKey;

/**
 * A key the ledger publishes at {@code GET /v1/keys}.
 *
 * @param keyName the C2SP key name (the log origin for the log key)
 * @param verifierKey the C2SP verifier key text ({@code name+keyid+base64}), what {@code verifier --log-key} takes
 * @param publicKey the Ed25519 public key, as enrolled with {@code KeyEnrolled}
 */
public record PublishedKey(String keyName, String verifierKey, Ed25519PublicKey publicKey) {}
