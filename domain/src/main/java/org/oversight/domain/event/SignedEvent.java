package org.oversight.domain.event;

import java.nio.charset.StandardCharsets;
import java.util.Objects;
import java.util.Set;
import org.oversight.domain.crypto.Ed25519Signature;
import org.oversight.domain.crypto.MalformedSignatureException;
import org.oversight.domain.crypto.SignatureDomain;
import org.oversight.domain.json.CanonicalJson;
import org.oversight.domain.json.JsonException;
import org.oversight.domain.json.JsonLimits;
import org.oversight.domain.json.JsonObject;
import org.oversight.domain.json.JsonValue;

/**
 * A signed event envelope (docs/format.md §3):
 * {@code {"header":{…},"payload":{…},"sig":"<base64>","v":1}} in canonical JSON (RFC 8785).
 *
 * <p>An instance is always well formed: header and payload are valid and consistent (type,
 * stream), and {@link #leafBytes()} are the canonical encoding of the envelope. Whether the
 * signature is valid is a separate stage: {@link EventVerifier}.
 */
public final class SignedEvent {
    /** The envelope format version, the value of {@code v}. */
    public static final int VERSION = 1;
    /** Largest accepted envelope in bytes (a FaceDetected with a large template fits easily). */
    public static final int MAX_BYTES = 1 << 20;

    /** Deepest envelope: envelope, payload, templates array, template = 4; landmarks nest 4 too. */
    private static final JsonLimits LIMITS = new JsonLimits(8, MAX_BYTES);
    private static final Set<String> FIELDS = Set.of("header", "payload", "sig", "v");
    /** {@code ,"v":1}} */
    private static final byte[] V_SUFFIX = ",\"v\":1}".getBytes(StandardCharsets.US_ASCII);
    /** Length of {@code ,"sig":"<88 chars>","v":1}}. */
    private static final int SIG_SUFFIX_LENGTH = ",\"sig\":\"".length() + 88 + "\",\"v\":1}".length();

    private final EventHeader header;
    private final EventPayload payload;
    private final Ed25519Signature signature;
    private final byte[] leafBytes;
    private final EventHash eventHash;

    private SignedEvent(EventHeader header, EventPayload payload, Ed25519Signature signature, byte[] leafBytes) {
        this.header = header;
        this.payload = payload;
        this.signature = signature;
        this.leafBytes = leafBytes;
        this.eventHash = EventHash.ofLeafBytes(leafBytes);
    }

    /**
     * Parses an envelope from its canonical bytes.
     *
     * @throws InvalidEventException if the bytes are too long, not canonical JSON (RFC 8785), or
     *     the envelope, header or payload is invalid, has unknown or missing fields, or header and
     *     payload disagree on type or stream; the message names the field path and value
     */
    public static SignedEvent parse(byte[] bytes) throws InvalidEventException {
        Objects.requireNonNull(bytes, "bytes");
        if (bytes.length > MAX_BYTES) {
            throw new InvalidEventException("$", bytes.length + " bytes", "envelope longer than " + MAX_BYTES + " bytes");
        }
        JsonValue value;
        try {
            value = CanonicalJson.parseCanonical(bytes, LIMITS);
        } catch (JsonException e) {
            throw new InvalidEventException("$", "not canonical JSON: " + e.getMessage(), e);
        }
        if (!(value instanceof JsonObject envelope)) {
            throw new InvalidEventException("$", value.getClass().getSimpleName(), "envelope is not a JSON object");
        }
        return fromJson(envelope, bytes.clone());
    }

    private static SignedEvent fromJson(JsonObject o, byte[] leafBytes) throws InvalidEventException {
        Fields.only(o, FIELDS);
        long v = Fields.integer(o, "v", VERSION, VERSION);
        assert v == VERSION;
        EventHeader header = EventHeader.fromJson(Fields.object(o, "header"));
        EventPayload payload = header.type().parsePayload(header.schema(), Fields.object(o, "payload"));
        if (!payload.stream().equals(header.stream())) {
            throw new InvalidEventException("$.header.stream", header.stream().text(),
                    "payload names stream " + payload.stream().text());
        }
        String sigText = Fields.string(o, "sig");
        Ed25519Signature sig;
        try {
            sig = Ed25519Signature.fromBase64(sigText);
        } catch (MalformedSignatureException e) {
            throw new InvalidEventException("$.sig", sigText, "not a base64 Ed25519 signature: " + e.getMessage());
        }
        return new SignedEvent(header, payload, sig, leafBytes);
    }

    /**
     * Assembles an envelope from parts (used by {@link EventSigner}); the signature is not checked.
     *
     * @throws IllegalArgumentException if header and payload disagree on type or stream, or the
     *     envelope would exceed {@link #MAX_BYTES}
     */
    static SignedEvent assemble(EventHeader header, EventPayload payload, Ed25519Signature signature) {
        requireConsistent(header, payload);
        byte[] leaf = CanonicalJson.encode(envelope(header, payload).put("sig", signature.toBase64()).build());
        if (leaf.length > MAX_BYTES) {
            throw new IllegalArgumentException("envelope of " + leaf.length + " bytes > " + MAX_BYTES);
        }
        return new SignedEvent(header, payload, signature, leaf);
    }

    static void requireConsistent(EventHeader header, EventPayload payload) {
        if (header.type() != payload.type()) {
            throw new IllegalArgumentException(
                    "header type " + header.type().wireName() + " != payload type " + payload.type().wireName());
        }
        if (header.schema() != payload.schema()) {
            throw new IllegalArgumentException(
                    "header schema " + header.schema() + " != payload schema " + payload.schema());
        }
        if (!header.stream().equals(payload.stream())) {
            throw new IllegalArgumentException(
                    "header stream " + header.stream() + " != payload stream " + payload.stream());
        }
    }

    /** The canonical bytes of the envelope without {@code sig}: what is signed, after the prefix. */
    static byte[] unsignedBytes(EventHeader header, EventPayload payload) {
        return CanonicalJson.encode(envelope(header, payload).build());
    }

    private static JsonObject.Builder envelope(EventHeader header, EventPayload payload) {
        return JsonObject.builder().put("header", header.toJson()).put("payload", payload.toJson()).put("v", VERSION);
    }

    public EventHeader header() {
        return header;
    }

    public EventPayload payload() {
        return payload;
    }

    public Ed25519Signature signature() {
        return signature;
    }

    /** The event type (from the header). */
    public EventType type() {
        return header.type();
    }

    /** The stream (from the header). */
    public StreamId stream() {
        return header.stream();
    }

    /** The sequence number in the stream (from the header). */
    public long seq() {
        return header.seq();
    }

    /**
     * The canonical envelope without {@code sig} — the message Ed25519 signs after the prefix.
     *
     * <p>Cut from the leaf bytes rather than re-encoded: members are sorted, so the canonical
     * envelope ends in {@code ,"sig":"<88 base64 chars>","v":1}} and removing
     * {@code ,"sig":"…"} leaves exactly the canonical encoding of the envelope without it.
     */
    public byte[] unsignedBytes() {
        int cut = leafBytes.length - SIG_SUFFIX_LENGTH;
        byte[] out = new byte[cut + V_SUFFIX.length];
        System.arraycopy(leafBytes, 0, out, 0, cut);
        System.arraycopy(V_SUFFIX, 0, out, cut, V_SUFFIX.length);
        return out;
    }

    /** The exact bytes signed: {@code "oversight/event/v1\n" || unsignedBytes()}. */
    public byte[] signingInput() {
        return SignatureDomain.EVENT_V1.frame(leafBytes, leafBytes.length - SIG_SUFFIX_LENGTH, V_SUFFIX);
    }

    /** The canonical envelope including {@code sig}: the Merkle leaf data (a copy). */
    public byte[] leafBytes() {
        return leafBytes.clone();
    }

    /** Length of {@link #leafBytes()} without copying. */
    public int leafLength() {
        return leafBytes.length;
    }

    /** {@code SHA-256(0x00 || leafBytes)}: the event hash, equal to its Merkle leaf hash. */
    public EventHash eventHash() {
        return eventHash;
    }

    /** The envelope as a JSON object. */
    public JsonObject toJson() {
        return envelope(header, payload).put("sig", signature.toBase64()).build();
    }

    /** Events are equal iff their leaf bytes are equal. */
    @Override
    public boolean equals(Object o) {
        return o instanceof SignedEvent other && eventHash.equals(other.eventHash);
    }

    @Override
    public int hashCode() {
        return eventHash.hashCode();
    }

    @Override
    public String toString() {
        return header.type().wireName() + "{" + header.stream() + "#" + header.seq() + ", id=" + header.eventId()
                + ", hash=" + eventHash + "}";
    }
}
