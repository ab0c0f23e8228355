package org.oversight.verifier.audit;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import org.oversight.domain.crypto.Ed25519BatchVerifier;
import org.oversight.domain.crypto.Ed25519PublicKey;
import org.oversight.domain.crypto.KeyId;
import org.oversight.domain.crypto.SignatureDomain;
import org.oversight.domain.event.AuthorityDeclared;
import org.oversight.domain.event.CameraRegistered;
import org.oversight.domain.event.EventSignatureException;
import org.oversight.domain.event.EventVerifier;
import org.oversight.domain.event.InvalidEventException;
import org.oversight.domain.event.KeyEnrolled;
import org.oversight.domain.event.SignedEvent;
import org.oversight.domain.merkle.rfc6962.Rfc6962Hashing;

/**
 * The order-independent work on a batch of leaves: parse (which also hashes), and check the
 * signature against the key the header names, looked up by key id in a directory of every key
 * that appeared in an enrolling payload ({@code AuthorityDeclared}, {@code KeyEnrolled},
 * {@code CameraRegistered}) of a batch prepared so far. Safe to call from several threads at
 * once, on different batches.
 *
 * <p>Why the audit's result cannot depend on which thread prepares what, or when: parsing and
 * hashing are pure functions of the leaf bytes; a signature check is a pure function of (event,
 * public key). Whether a key is already in the directory when a leaf is prepared depends on
 * timing, but that only decides whether the check is done here in advance or later by the ordered
 * pass: {@link PreverifyingReplayer#accept} uses an advance outcome only if it was computed with
 * exactly the key the registry names for that leaf, and verifies there and then otherwise. The
 * directory is only looked up, never iterated.
 *
 * <p>The signatures of a batch are checked together ({@link Ed25519BatchVerifier}), whose verdict
 * for each signature is the single check's ({@link EventVerifier#verify}, docs/format.md §2.1); a
 * rejected one is checked again on its own, which yields the exact exception the ordered pass
 * would have raised. Its random coefficients change only how fast the verdicts come.
 */
final class LeafPreparer {
    private final ConcurrentHashMap<KeyId, Ed25519PublicKey> keyDirectory = new ConcurrentHashMap<>();

    /** Prepares {@code leaves}; the result has one entry per leaf, in the same order. */
    PreparedLeaf[] prepare(List<byte[]> leaves) {
        PreparedLeaf[] prepared = new PreparedLeaf[leaves.size()];
        for (int i = 0; i < prepared.length; i++) {
            byte[] leaf = leaves.get(i);
            try {
                SignedEvent event = SignedEvent.parse(leaf);
                prepared[i] = PreparedLeaf.parsed(leaf, event);
                remember(event);
            } catch (InvalidEventException e) {
                prepared[i] = PreparedLeaf.unparseable(leaf, Rfc6962Hashing.leafHash(leaf), e);
            }
        }
        tryVerify(prepared);
        return prepared;
    }

    /** Checks, in one batch, the signature of every well-formed leaf whose signer's key is known. */
    private void tryVerify(PreparedLeaf[] prepared) {
        Ed25519BatchVerifier batch = new Ed25519BatchVerifier();
        List<PreparedLeaf> leaves = new ArrayList<>(prepared.length);
        List<Ed25519PublicKey> keys = new ArrayList<>(prepared.length);
        for (PreparedLeaf p : prepared) {
            if (!p.wellFormed()) {
                continue;
            }
            SignedEvent event = eventOf(p);
            // Looked up by the header's key id, so EventVerifier's key-id check holds by construction.
            Ed25519PublicKey key = keyDirectory.get(event.header().signer());
            if (key != null) {
                batch.addFramed(key, SignatureDomain.EVENT_V1, event.signingInput(), event.signature());
                leaves.add(p);
                keys.add(key);
            }
        }
        boolean[] verified = batch.verify();
        for (int i = 0; i < verified.length; i++) {
            PreparedLeaf p = leaves.get(i);
            Ed25519PublicKey key = keys.get(i);
            if (verified[i]) {
                p.tried(key, null);
                continue;
            }
            // The single check gives the same verdict, and the exception the ordered pass reports.
            try {
                EventVerifier.verify(eventOf(p), key);
                p.tried(key, null);
            } catch (EventSignatureException e) {
                p.tried(key, e);
            }
        }
    }

    private static SignedEvent eventOf(PreparedLeaf p) {
        try {
            return p.event();
        } catch (InvalidEventException e) {
            throw new IllegalStateException("checked well-formed", e);
        }
    }

    private void remember(SignedEvent event) {
        Ed25519PublicKey key = null;
        if (event.payload() instanceof AuthorityDeclared p) {
            key = p.publicKey();
        } else if (event.payload() instanceof KeyEnrolled p) {
            key = p.publicKey();
        } else if (event.payload() instanceof CameraRegistered p) {
            key = p.devicePublicKey();
        }
        if (key != null) {
            keyDirectory.putIfAbsent(key.keyId(), key);
        }
    }
}
