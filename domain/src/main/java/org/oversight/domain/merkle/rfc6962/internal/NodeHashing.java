package org.oversight.domain.merkle.rfc6962.internal;

import java.security.MessageDigest;
import org.oversight.domain.crypto.Sha256Digest;

/**
 * RFC 9162 §2.1.1 hashing on raw 32-byte arrays, for hot paths (the sequencer's append, proof
 * verification) that must not wrap every intermediate hash.
 */
public final class NodeHashing {
    /** Domain-separation prefix of a leaf hash. */
    public static final byte LEAF_PREFIX = 0x00;
    /** Domain-separation prefix of an interior node hash. */
    public static final byte NODE_PREFIX = 0x01;

    private NodeHashing() {}

    /** {@code SHA-256(0x00 || leafData)}. */
    public static byte[] leafHash(byte[] leafData) {
        MessageDigest md = Sha256Digest.threadLocalDigest();
        md.update(LEAF_PREFIX);
        md.update(leafData);
        return md.digest();
    }

    /** {@code SHA-256(0x01 || left || right)}; callers guarantee both are hashes. */
    public static byte[] nodeHash(byte[] left, byte[] right) {
        MessageDigest md = Sha256Digest.threadLocalDigest();
        md.update(NODE_PREFIX);
        md.update(left);
        md.update(right);
        return md.digest();
    }

    /** {@code SHA-256("")}, the root of the empty tree. */
    public static byte[] emptyRoot() {
        return Sha256Digest.hashBytes(new byte[0]);
    }
}
