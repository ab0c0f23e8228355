package org.oversight.domain.merkle.rfc6962;

import java.util.List;
import org.oversight.domain.crypto.Sha256Digest;
import org.oversight.domain.merkle.rfc6962.internal.NodeHashing;

/**
 * RFC 9162 §2.1.1 (= RFC 6962 §2.1) Merkle Tree Hash with SHA-256.
 *
 * <p>The 0x00 / 0x01 prefixes separate leaf hashes from interior node hashes, so no leaf can be
 * passed off as an interior node (second-preimage resistance of the tree).
 */
public final class Rfc6962Hashing {
    private static final Sha256Digest EMPTY_ROOT = Sha256Digest.hash(new byte[0]);

    private Rfc6962Hashing() {}

    /** {@code SHA-256(0x00 || leafData)}. */
    public static Sha256Digest leafHash(byte[] leafData) {
        return Sha256Digest.of(NodeHashing.leafHash(leafData));
    }

    /** {@code SHA-256(0x01 || left || right)}. */
    public static Sha256Digest nodeHash(Sha256Digest left, Sha256Digest right) {
        return Sha256Digest.of(NodeHashing.nodeHash(left.toByteArray(), right.toByteArray()));
    }

    /** The root of the empty tree, {@code SHA-256("")}. */
    public static Sha256Digest emptyRoot() {
        return EMPTY_ROOT;
    }

    /** The Merkle Tree Hash of the tree whose leaves have these hashes, in order. */
    public static Sha256Digest rootOf(List<Sha256Digest> leafHashes) {
        CompactRange range = CompactRange.empty();
        for (Sha256Digest leafHash : leafHashes) {
            range.append(leafHash);
        }
        return range.root();
    }
}
