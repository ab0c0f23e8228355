package org.oversight.domain.event;

import org.oversight.domain.bytes.ByteValue;
import org.oversight.domain.crypto.Sha256Digest;

/**
 * The hash of a signed event: the RFC 9162 leaf hash {@code SHA-256(0x00 || leafBytes)} of its
 * canonical envelope (docs/format.md §3.5). Stream chains ({@code prev}) and matches refer to events
 * by this value; it equals the Merkle leaf hash of the event in the log.
 */
public final class EventHash extends ByteValue {
    /** Length in bytes. */
    public static final int LENGTH = 32;

    private static final byte[] LEAF_PREFIX = {0x00};

    private EventHash(byte[] bytes) {
        super(bytes);
    }

    /** The event hash of the given leaf bytes (the canonical envelope including {@code sig}). */
    public static EventHash ofLeafBytes(byte[] leafBytes) {
        return new EventHash(Sha256Digest.hash(LEAF_PREFIX, leafBytes).toByteArray());
    }

    /**
     * Wraps a copy of 32 bytes.
     *
     * @throws IllegalArgumentException if {@code bytes} is not exactly 32 bytes long
     */
    public static EventHash of(byte[] bytes) {
        if (bytes.length != LENGTH) {
            throw new IllegalArgumentException("event hash length " + bytes.length + " != " + LENGTH);
        }
        return new EventHash(bytes.clone());
    }

    /**
     * Parses 64 lowercase hex digits.
     *
     * @param path JSON path used in the error message
     * @throws InvalidEventException if {@code hex} is not exactly 64 lowercase hex digits
     */
    public static EventHash parse(String path, String hex) throws InvalidEventException {
        return new EventHash(Values.digestBytes(path, hex));
    }

    /** The same 32 bytes as a SHA-256 digest. */
    public Sha256Digest digest() {
        return Sha256Digest.of(rawBytes());
    }
}
