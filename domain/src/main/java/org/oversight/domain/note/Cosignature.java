package org.oversight.domain.note;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.oversight.domain.bytes.Hex;

/**
 * A C2SP tlog-cosignature/v1 (c2sp.org/tlog-cosignature, Ed25519 type 0x04): the witness's key name
 * and key id, the POSIX time in seconds at which it cosigned, and the Ed25519 signature over
 * {@link #signedMessage}. In a note it is the signature line
 * {@code — <name> base64(key id || u64 big-endian timestamp || 64-byte signature)}.
 *
 * <p>A {@code Cosignature} is well-formed, not verified: see {@link Ed25519CosignatureVerifier#verify}.
 */
public final class Cosignature {
    /** Bytes after the key id: an 8-byte timestamp and a 64-byte Ed25519 signature. */
    public static final int SIGNATURE_BYTES = 8 + 64;

    private static final byte[] HEADER = "cosignature/v1\ntime ".getBytes(StandardCharsets.US_ASCII);

    private final String keyName;
    private final int keyId;
    private final long timestamp;
    private final byte[] signature;

    private Cosignature(String keyName, int keyId, long timestamp, byte[] signature) {
        this.keyName = keyName;
        this.keyId = keyId;
        this.timestamp = timestamp;
        this.signature = signature;
    }

    /**
     * A cosignature's content.
     *
     * @param timestamp POSIX seconds, {@code >= 0}
     * @param signature the 64-byte Ed25519 signature
     * @throws IllegalArgumentException if the name is invalid, {@code timestamp < 0}, or the
     *     signature is not 64 bytes
     */
    public static Cosignature of(String keyName, int keyId, long timestamp, byte[] signature) {
        String problem = NoteKeyNames.problem(keyName);
        if (problem != null) {
            throw new IllegalArgumentException(problem);
        }
        if (timestamp < 0) {
            throw new IllegalArgumentException("cosignature timestamp " + timestamp + " < 0");
        }
        if (signature.length != 64) {
            throw new IllegalArgumentException("Ed25519 signature length " + signature.length + " != 64");
        }
        return new Cosignature(keyName, keyId, timestamp, signature.clone());
    }

    /**
     * Reads a note signature line as a cosignature: the bytes after the key id must be exactly
     * {@value #SIGNATURE_BYTES}, and the timestamp at most 2^63 − 1.
     *
     * @throws MalformedNoteException naming the line's key and the offending length or timestamp
     */
    public static Cosignature parse(NoteSignature line) throws MalformedNoteException {
        byte[] raw = line.signatureBytes();
        if (raw.length != SIGNATURE_BYTES) {
            throw new MalformedNoteException("cosignature by " + line.keyLabel() + " has " + raw.length
                    + " bytes after the key id, not " + SIGNATURE_BYTES + " (timestamp and Ed25519 signature)", 0);
        }
        long timestamp = 0;
        for (int i = 0; i < 8; i++) {
            timestamp = (timestamp << 8) | (raw[i] & 0xff);
        }
        if (timestamp < 0) {
            throw new MalformedNoteException("cosignature by " + line.keyLabel() + " has timestamp "
                    + Long.toUnsignedString(timestamp) + " > 2^63-1", 0);
        }
        return new Cosignature(line.keyName(), line.keyId(), timestamp, Arrays.copyOfRange(raw, 8, raw.length));
    }

    /**
     * The message a cosignature/v1 signs: {@code "cosignature/v1\ntime <timestamp>\n"} followed by
     * the checkpoint's note text (final newline included, signature lines excluded).
     *
     * @throws IllegalArgumentException if {@code timestamp < 0}
     */
    public static byte[] signedMessage(long timestamp, byte[] checkpointText) {
        if (timestamp < 0) {
            throw new IllegalArgumentException("cosignature timestamp " + timestamp + " < 0");
        }
        byte[] time = (Long.toString(timestamp) + "\n").getBytes(StandardCharsets.US_ASCII);
        byte[] out = new byte[HEADER.length + time.length + checkpointText.length];
        System.arraycopy(HEADER, 0, out, 0, HEADER.length);
        System.arraycopy(time, 0, out, HEADER.length, time.length);
        System.arraycopy(checkpointText, 0, out, HEADER.length + time.length, checkpointText.length);
        return out;
    }

    /** The witness's key name. */
    public String keyName() {
        return keyName;
    }

    /** The witness's 32-bit key id (type 0x04). */
    public int keyId() {
        return keyId;
    }

    /** {@code <name>+<8 hex key id>}. */
    public String keyLabel() {
        return keyName + "+" + NoteKeyIds.hex(keyId);
    }

    /** POSIX seconds at which the witness cosigned. */
    public long timestamp() {
        return timestamp;
    }

    /** A copy of the 64-byte Ed25519 signature. */
    public byte[] signature() {
        return signature.clone();
    }

    byte[] signatureShared() {
        return signature;
    }

    /** The note signature line carrying this cosignature. */
    public NoteSignature toNoteSignature() {
        byte[] raw = new byte[SIGNATURE_BYTES];
        for (int i = 0; i < 8; i++) {
            raw[i] = (byte) (timestamp >>> (56 - 8 * i));
        }
        System.arraycopy(signature, 0, raw, 8, 64);
        return NoteSignature.trusted(keyName, keyId, raw);
    }

    /** The signature line with its final newline, as a witness returns it from add-checkpoint. */
    public String toLine() {
        return toNoteSignature().toLine();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Cosignature other && keyName.equals(other.keyName) && keyId == other.keyId
                && timestamp == other.timestamp && Arrays.equals(signature, other.signature);
    }

    @Override
    public int hashCode() {
        return (keyName.hashCode() * 31 + keyId) * 31 + Long.hashCode(timestamp);
    }

    @Override
    public String toString() {
        return "Cosignature(" + keyLabel() + ", time " + timestamp + ", " + Hex.encode(signature) + ")";
    }
}
