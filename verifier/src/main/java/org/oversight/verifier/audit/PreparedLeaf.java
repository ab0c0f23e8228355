package org.oversight.verifier.audit;

import org.oversight.domain.crypto.Ed25519PublicKey;
import org.oversight.domain.crypto.Sha256Digest;
import org.oversight.domain.event.EventSignatureException;
import org.oversight.domain.event.InvalidEventException;
import org.oversight.domain.event.SignedEvent;

/**
 * One leaf after the order-independent work ({@link LeafPreparer}): its bytes, its RFC 9162 leaf
 * hash, the parsed event or why it does not parse, and the outcome of a signature check against the
 * key its header names, if that key was known when the leaf was prepared. Written by one preparing
 * thread, then handed (with a happens-before edge) to the ordered pass, which only reads it.
 */
final class PreparedLeaf {
    private final byte[] leafBytes;
    private final Sha256Digest leafHash;
    private final SignedEvent event;
    private final InvalidEventException invalid;
    private Ed25519PublicKey triedKey;
    private EventSignatureException signatureProblem;

    private PreparedLeaf(byte[] leafBytes, Sha256Digest leafHash, SignedEvent event, InvalidEventException invalid) {
        this.leafBytes = leafBytes;
        this.leafHash = leafHash;
        this.event = event;
        this.invalid = invalid;
    }

    static PreparedLeaf parsed(byte[] leafBytes, SignedEvent event) {
        // The event hash is the leaf hash (format.md §3.5): hashed once, by the parser.
        return new PreparedLeaf(leafBytes, event.eventHash().digest(), event, null);
    }

    static PreparedLeaf unparseable(byte[] leafBytes, Sha256Digest leafHash, InvalidEventException invalid) {
        return new PreparedLeaf(leafBytes, leafHash, null, invalid);
    }

    /** The leaf's bytes as read from the export (not copied: never modified). */
    byte[] leafBytes() {
        return leafBytes;
    }

    /** {@code SHA-256(0x00 || leafBytes)}. */
    Sha256Digest leafHash() {
        return leafHash;
    }

    /** Whether the leaf parsed as a well-formed event. */
    boolean wellFormed() {
        return event != null;
    }

    /**
     * The parsed event.
     *
     * @throws InvalidEventException if the leaf is not a well-formed event
     */
    SignedEvent event() throws InvalidEventException {
        if (invalid != null) {
            throw invalid;
        }
        return event;
    }

    /** Records the outcome of checking the signature against {@code key} ({@code problem} null if it verified). */
    void tried(Ed25519PublicKey key, EventSignatureException problem) {
        this.triedKey = key;
        this.signatureProblem = problem;
    }

    /** The key the signature was checked against in advance, or null if none was. */
    Ed25519PublicKey triedKey() {
        return triedKey;
    }

    /** Why the signature did not verify under {@link #triedKey()}, or null if it did. */
    EventSignatureException signatureProblem() {
        return signatureProblem;
    }
}
