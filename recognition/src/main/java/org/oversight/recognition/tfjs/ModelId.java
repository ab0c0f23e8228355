package org.oversight.recognition.tfjs;

import java.security.MessageDigest;
import java.util.List;
import org.oversight.domain.bytes.ByteValue;
import org.oversight.domain.bytes.Hex;
import org.oversight.domain.crypto.Sha256Digest;

/**
 * The identity of a model: 32 bytes, written into every template (docs/format.md §9).
 *
 * <p>{@code ModelId = SHA-256("oversight-model-v1" || 0x00 || F(manifest) || F(shard_1) || ... ||
 * F(shard_n))} where {@code F(b) = uint64_be(len(b)) || b}, the manifest is the
 * {@code *-weights_manifest.json} file's exact bytes, and shards follow the manifest's order
 * (groups in order, each group's {@code paths} in order). The manifest is included because its
 * quantisation scales give the weight bytes their meaning.
 */
public final class ModelId extends ByteValue {
    /** Length in bytes. */
    public static final int LENGTH = 32;
    private static final byte[] DOMAIN = "oversight-model-v1\0".getBytes(java.nio.charset.StandardCharsets.US_ASCII);

    private ModelId(byte[] bytes) {
        super(bytes);
    }

    /**
     * Wraps a copy of 32 bytes.
     *
     * @throws IllegalArgumentException if the length is not 32
     */
    public static ModelId of(byte[] bytes) {
        if (bytes.length != LENGTH) {
            throw new IllegalArgumentException("model id length " + bytes.length + " != " + LENGTH);
        }
        return new ModelId(bytes.clone());
    }

    /** Parses 64 lowercase hex digits. */
    public static ModelId fromHex(String hex) throws Hex.MalformedHexException {
        if (hex.length() != 2 * LENGTH) {
            throw new Hex.MalformedHexException("model id hex length " + hex.length() + " != " + 2 * LENGTH);
        }
        return new ModelId(Hex.decode(hex));
    }

    /** Computes the id from the manifest bytes and the shard bytes in manifest order (see class comment). */
    public static ModelId compute(byte[] manifest, List<byte[]> shardsInOrder) {
        MessageDigest md = Sha256Digest.threadLocalDigest();
        md.update(DOMAIN);
        framed(md, manifest);
        for (byte[] shard : shardsInOrder) {
            framed(md, shard);
        }
        return new ModelId(md.digest());
    }

    private static void framed(MessageDigest md, byte[] b) {
        long len = b.length;
        byte[] prefix = new byte[8];
        for (int i = 0; i < 8; i++) {
            prefix[i] = (byte) (len >>> (56 - 8 * i));
        }
        md.update(prefix);
        md.update(b);
    }
}
