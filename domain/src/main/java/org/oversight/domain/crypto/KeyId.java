package org.oversight.domain.crypto;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Arrays;
import org.oversight.domain.bytes.ByteValue;
import org.oversight.domain.bytes.Hex;

/**
 * The id of an event signer's key: the first 16 bytes of
 * {@code SHA-256("oversight/key/v1\n" || 0x01 || publicKey)}, written as 32 lowercase hex digits
 * (docs/format.md §2). The byte {@code 0x01} names the algorithm (Ed25519), as in C2SP signed notes,
 * so that a later algorithm cannot produce a colliding id from the same bytes.
 *
 * <p>128 bits make accidental collisions negligible; an id is a name, never proof of a key: a
 * signature is always checked against the full enrolled key.
 */
public final class KeyId extends ByteValue {
    /** Length of a key id in bytes. */
    public static final int LENGTH = 16;

    private static final byte[] PREFIX = "oversight/key/v1\n".getBytes(StandardCharsets.US_ASCII);
    private static final byte ED25519 = 0x01;

    private KeyId(byte[] bytes) {
        super(bytes);
    }

    /** The id of an Ed25519 public key. */
    public static KeyId of(Ed25519PublicKey publicKey) {
        return ofEd25519(publicKey.toByteArray());
    }

    static KeyId ofEd25519(byte[] publicKey) {
        MessageDigest md = Sha256Digest.threadLocalDigest();
        md.update(PREFIX);
        md.update(ED25519);
        md.update(publicKey);
        return new KeyId(Arrays.copyOf(md.digest(), LENGTH));
    }

    /**
     * Parses 32 lowercase hex digits.
     *
     * @throws MalformedKeyException if {@code hex} is not exactly 32 lowercase hex digits
     */
    public static KeyId fromHex(String hex) throws MalformedKeyException {
        if (hex.length() != 2 * LENGTH) {
            throw new MalformedKeyException("key id hex length " + hex.length() + " != " + 2 * LENGTH);
        }
        try {
            return new KeyId(Hex.decode(hex));
        } catch (Hex.MalformedHexException e) {
            throw new MalformedKeyException("key id: " + e.getMessage());
        }
    }
}
