package org.oversight.ledger.sequencer;

import org.oversight.domain.crypto.Sha256Digest;

/**
 * One log leaf: the canonical bytes of a signed event, its RFC 9162 leaf hash (= the event hash),
 * the event id, and its stream and position in the stream.
 */
public final class Leaf {
    private final String eventId;
    private final String stream;
    private final long seq;
    private final byte[] leafBytes;
    private final Sha256Digest leafHash;

    /**
     * @param leafHash must be {@code SHA-256(0x00 || leafBytes)}; the caller (ingest) computed it
     *     as the event hash already, so it is not recomputed here
     */
    public Leaf(String eventId, String stream, long seq, byte[] leafBytes, Sha256Digest leafHash) {
        this.eventId = eventId;
        this.stream = stream;
        this.seq = seq;
        this.leafBytes = leafBytes.clone();
        this.leafHash = leafHash;
    }

    public String eventId() {
        return eventId;
    }

    public String stream() {
        return stream;
    }

    /** The event's position in its stream. */
    public long seq() {
        return seq;
    }

    public byte[] leafBytes() {
        return leafBytes.clone();
    }

    int length() {
        return leafBytes.length;
    }

    byte[] leafBytesUnsafe() {
        return leafBytes;
    }

    public Sha256Digest leafHash() {
        return leafHash;
    }

    @Override
    public String toString() {
        return "Leaf[" + eventId + " at " + stream + "#" + seq + ", " + leafHash.hex() + "]";
    }
}
