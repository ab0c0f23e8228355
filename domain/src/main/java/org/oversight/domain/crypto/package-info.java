/**
 * Keys, key ids, digests and signatures: Ed25519 (RFC 8032) with Oversight's domain-separation
 * prefixes for events and checkpoints, SHA-256 (the JDK's intrinsic), and the key id derivation.
 * Every key is validated at construction (canonical encoding, prime order), so a key object is
 * always usable. Bouncy Castle is reached only through {@code internal}. Spec: docs/format.md §2.
 */
package org.oversight.domain.crypto;
