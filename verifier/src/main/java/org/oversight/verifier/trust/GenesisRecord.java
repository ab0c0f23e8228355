package org.oversight.verifier.trust;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import java.util.OptionalLong;
import org.oversight.domain.crypto.Ed25519PublicKey;
import org.oversight.domain.event.AuthorityDeclared;
import org.oversight.domain.event.EventType;
import org.oversight.domain.event.SignedEvent;

/**
 * What a verifier has seen of a log's genesis (docs/format.md §5.4): the self-signed
 * {@code AuthorityDeclared} events it accepted (the trust anchors) and, if it saw it, the leaf of
 * the first accepted event of another type, which closes genesis for good.
 *
 * <p>The caller feeds it, in leaf order, exactly the events whose acceptance covers every leaf
 * before them: every accepted event of a whole log (audit), or the accepted events of the
 * bundle's carried prefix from leaf 0 without a gap (bundle). Rejected events change no state, so
 * they are never fed. Not thread-safe.
 */
public final class GenesisRecord {
    /**
     * One trust anchor: a self-signed {@code AuthorityDeclared}.
     *
     * @param leaf its leaf index
     * @param eventId its event id
     * @param principal the declared authority
     * @param key the declared (and signing) key
     */
    public record Anchor(long leaf, String eventId, String principal, Ed25519PublicKey key) {
        public Anchor {
            Objects.requireNonNull(eventId, "eventId");
            Objects.requireNonNull(principal, "principal");
            Objects.requireNonNull(key, "key");
        }

        /** {@code principal at leaf N (event ID): ed25519:…}. */
        String describe() {
            return principal + " at leaf " + leaf + " (event " + eventId + "): " + key.toText();
        }
    }

    private final List<Anchor> anchors = new ArrayList<>();
    private long closedAt = -1;
    private long lastLeaf = -1;

    /**
     * Notes an accepted event.
     *
     * @throws IllegalArgumentException if {@code leaf} is not after the last one observed
     */
    public void observe(SignedEvent event, long leaf) {
        Objects.requireNonNull(event, "event");
        if (leaf <= lastLeaf) {
            throw new IllegalArgumentException("leaf " + leaf + " not after " + lastLeaf);
        }
        lastLeaf = leaf;
        if (closedAt >= 0) {
            return;
        }
        if (event.type() != EventType.AUTHORITY_DECLARED) {
            closedAt = leaf;
            return;
        }
        AuthorityDeclared declared = (AuthorityDeclared) event.payload();
        if (declared.publicKey().keyId().equals(event.header().signer())) {
            anchors.add(new Anchor(leaf, event.header().eventId(), declared.principal(), declared.publicKey()));
        }
    }

    /** The self-signed declarations seen, in leaf order. */
    public List<Anchor> anchors() {
        return Collections.unmodifiableList(anchors);
    }

    /** The leaf of the first accepted event that is not an {@code AuthorityDeclared}, if seen. */
    public OptionalLong closedAt() {
        return closedAt < 0 ? OptionalLong.empty() : OptionalLong.of(closedAt);
    }
}
