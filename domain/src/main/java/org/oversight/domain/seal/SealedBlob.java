package org.oversight.domain.seal;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import org.oversight.domain.bytes.Hex;
import org.oversight.domain.crypto.Sha256Digest;
import org.oversight.domain.event.ErasureEpochOpened;
import org.oversight.domain.event.InvalidEventException;
import org.oversight.domain.event.PayloadFields;
import org.oversight.domain.event.StreamId;
import org.oversight.domain.event.StreamKind;
import org.oversight.domain.json.CanonicalJson;
import org.oversight.domain.json.JsonArray;
import org.oversight.domain.json.JsonException;
import org.oversight.domain.json.JsonLimits;
import org.oversight.domain.json.JsonNumber;
import org.oversight.domain.json.JsonObject;
import org.oversight.domain.json.JsonValue;
import org.oversight.domain.seal.hpke.rfc9180.ChaCha20Poly1305;

/**
 * A sealed biometric record as the vault stores it (docs/format.md §12.4), canonical JSON:
 * {@code {"ciphertext":bytes,"epoch":identifier,"seq":int,"stream":string,"v":1,
 * "wrappedKeys":[{"enc":bytes(32),"recipient":identifier,"wrapped":bytes(48)}…]}}. Its
 * {@link #digest()} is the leaf's {@code sealed.blobDigest}.
 *
 * <p>The blob names the event it belongs to (epoch, stream, seq): a detection's
 * ({@code detections/<camera>}, any seq) or a schema-2 watchlist entry's ({@code watchlist/<entry>},
 * seq 0; its record is a {@link SealedEnrolmentRecord}). Both the AEAD's aad and every HPKE info
 * bind those values, so a blob cannot be moved to another event. Size limits depend on the stream
 * kind: {@link #MAX_BYTES} for a detection's blob, {@link #MAX_WATCHLIST_BYTES} for an entry's.
 */
public final class SealedBlob {
    /** The blob format version, the value of {@code v}. */
    public static final int VERSION = 1;
    /** Most bytes of a canonical detection blob (stream {@code detections/…}; the vault's limit for those). */
    public static final int MAX_BYTES = 1 << 20;
    /** Most ciphertext bytes of a detection blob: a record of {@link BiometricRecord#MAX_BYTES} and its tag. */
    public static final int MAX_CIPHERTEXT = BiometricRecord.MAX_BYTES + ChaCha20Poly1305.TAG_LENGTH;
    /**
     * Most bytes of a canonical watchlist-entry blob (stream {@code watchlist/…}; the vault's limit
     * for those): 8 MiB + 256 KiB, room for the base64 of {@link #MAX_WATCHLIST_CIPHERTEXT} and 16
     * wrapped keys.
     */
    public static final int MAX_WATCHLIST_BYTES = 8_650_752;
    /** Most ciphertext bytes of a watchlist-entry blob: a record of {@link SealedEnrolmentRecord#MAX_BYTES} and its tag. */
    public static final int MAX_WATCHLIST_CIPHERTEXT = SealedEnrolmentRecord.MAX_BYTES + ChaCha20Poly1305.TAG_LENGTH;

    private static final JsonLimits LIMITS = new JsonLimits(3, MAX_WATCHLIST_BYTES);
    private static final Set<String> FIELDS = Set.of("ciphertext", "epoch", "seq", "stream", "v", "wrappedKeys");
    private static final Set<String> KEY_FIELDS = Set.of("enc", "recipient", "wrapped");

    private final byte[] ciphertext;
    private final String epoch;
    private final StreamId stream;
    private final long seq;
    private final List<WrappedKey> wrappedKeys;

    /**
     * @throws IllegalArgumentException if the epoch is not an identifier, the stream not of kind
     *     {@code detections} or {@code watchlist}, seq outside 0..2^53−1 (a watchlist blob: not 0),
     *     the ciphertext shorter than a tag or longer than the kind's limit ({@link #MAX_CIPHERTEXT},
     *     {@link #MAX_WATCHLIST_CIPHERTEXT}), there are not 1–16 wrapped keys, or two name one recipient
     */
    public SealedBlob(byte[] ciphertext, String epoch, StreamId stream, long seq, List<WrappedKey> wrappedKeys) {
        Objects.requireNonNull(ciphertext, "ciphertext");
        Objects.requireNonNull(stream, "stream");
        Objects.requireNonNull(wrappedKeys, "wrappedKeys");
        this.ciphertext = ciphertext.clone();
        this.epoch = epoch;
        this.stream = stream;
        this.seq = seq;
        this.wrappedKeys = List.copyOf(wrappedKeys);
        try {
            check("$", this.ciphertext, epoch, stream, seq, this.wrappedKeys);
        } catch (InvalidEventException e) {
            throw new IllegalArgumentException(e.getMessage(), e);
        }
    }

    private static void check(String at, byte[] ciphertext, String epoch, StreamId stream, long seq,
            List<WrappedKey> keys) throws InvalidEventException {
        if (!isSealedStream(stream)) {
            throw new InvalidEventException(at + ".stream", stream.text(), "not a detections/ or watchlist/ stream");
        }
        int maxCiphertext = stream.kind() == StreamKind.WATCHLIST ? MAX_WATCHLIST_CIPHERTEXT : MAX_CIPHERTEXT;
        if (ciphertext.length < ChaCha20Poly1305.TAG_LENGTH || ciphertext.length > maxCiphertext) {
            throw new InvalidEventException(at + ".ciphertext", ciphertext.length + " bytes",
                    "ciphertext length not in " + ChaCha20Poly1305.TAG_LENGTH + ".." + maxCiphertext);
        }
        PayloadFields.identifier(at + ".epoch", epoch);
        long maxSeq = stream.kind() == StreamKind.WATCHLIST ? 0 : JsonNumber.MAX_SAFE_INTEGER;
        if (seq < 0 || seq > maxSeq) {
            throw new InvalidEventException(at + ".seq", seq, "not in 0.." + maxSeq);
        }
        if (keys.isEmpty() || keys.size() > EpochRecipient.MAX_RECIPIENTS) {
            throw new InvalidEventException(at + ".wrappedKeys", keys.size() + " wrapped keys",
                    "not 1.." + EpochRecipient.MAX_RECIPIENTS);
        }
        Set<String> seen = new TreeSet<>();
        for (int i = 0; i < keys.size(); i++) {
            if (!seen.add(keys.get(i).recipient())) {
                throw new InvalidEventException(at + ".wrappedKeys[" + i + "].recipient", keys.get(i).recipient(),
                        "recipient named twice");
            }
        }
    }

    /** Whether records of events in {@code stream} are sealed in blobs: {@code detections/…} and {@code watchlist/…}. */
    public static boolean isSealedStream(StreamId stream) {
        return stream.kind() == StreamKind.DETECTIONS || stream.kind() == StreamKind.WATCHLIST;
    }

    /** The most bytes of a canonical blob of a stream of {@code kind}: {@link #MAX_WATCHLIST_BYTES} or {@link #MAX_BYTES}. */
    public static int maxBytes(StreamKind kind) {
        return kind == StreamKind.WATCHLIST ? MAX_WATCHLIST_BYTES : MAX_BYTES;
    }

    /**
     * Parses a blob from its canonical bytes.
     *
     * @throws MalformedSealedBlobException naming the path and value if the bytes are longer than
     *     {@link #MAX_WATCHLIST_BYTES}, or than {@link #maxBytes} of the blob's stream kind, not
     *     canonical JSON, or a member is missing, unknown or invalid
     */
    public static SealedBlob parse(byte[] bytes) throws MalformedSealedBlobException {
        Objects.requireNonNull(bytes, "bytes");
        if (bytes.length > MAX_WATCHLIST_BYTES) {
            throw new MalformedSealedBlobException("$", "sealed blob of " + bytes.length + " bytes is longer than "
                    + MAX_WATCHLIST_BYTES, null);
        }
        JsonValue value;
        try {
            value = CanonicalJson.parseCanonical(bytes, LIMITS);
        } catch (JsonException e) {
            throw new MalformedSealedBlobException("$", "sealed blob is not canonical JSON: " + e.getMessage(), e);
        }
        if (!(value instanceof JsonObject o)) {
            throw new MalformedSealedBlobException("$", "sealed blob is not a JSON object, found "
                    + value.getClass().getSimpleName(), null);
        }
        SealedBlob blob;
        try {
            blob = fromJson(o);
        } catch (InvalidEventException e) {
            throw new MalformedSealedBlobException(e.path(), "sealed blob " + e.getMessage(), e);
        }
        int max = maxBytes(blob.stream.kind());
        if (bytes.length > max) {
            throw new MalformedSealedBlobException("$", "sealed blob of " + bytes.length + " bytes for stream "
                    + blob.stream.text() + " is longer than " + max, null);
        }
        return blob;
    }

    private static SealedBlob fromJson(JsonObject o) throws InvalidEventException {
        PayloadFields.only(o, FIELDS);
        PayloadFields.integer(o, "v", VERSION, VERSION);
        byte[] ciphertext = PayloadFields.base64(o, "ciphertext", MAX_WATCHLIST_CIPHERTEXT);
        String epoch = PayloadFields.identifier(o, "epoch");
        String streamText = PayloadFields.string(o, "stream");
        StreamId stream = StreamId.parse(o.path() + ".stream", streamText);
        long seq = PayloadFields.integer(o, "seq", 0, JsonNumber.MAX_SAFE_INTEGER);
        JsonArray a = PayloadFields.array(o, "wrappedKeys", 1, EpochRecipient.MAX_RECIPIENTS);
        List<WrappedKey> keys = new ArrayList<>(a.size());
        for (int i = 0; i < a.size(); i++) {
            JsonObject k = PayloadFields.objectAt(a, i);
            PayloadFields.only(k, KEY_FIELDS);
            byte[] enc = exact(k, "enc", WrappedKey.ENC_LENGTH);
            String recipient = PayloadFields.identifier(k, "recipient");
            byte[] wrapped = exact(k, "wrapped", WrappedKey.WRAPPED_LENGTH);
            keys.add(new WrappedKey(recipient, enc, wrapped));
        }
        check(o.path(), ciphertext, epoch, stream, seq, keys);
        return new SealedBlob(ciphertext, epoch, stream, seq, keys);
    }

    private static byte[] exact(JsonObject o, String name, int length) throws InvalidEventException {
        byte[] b = PayloadFields.base64(o, name, length);
        if (b.length != length) {
            throw new InvalidEventException(o.path() + "." + name, PayloadFields.string(o, name),
                    name + " is " + b.length + " bytes, not " + length);
        }
        return b;
    }

    /** The canonical JSON bytes (§12.4). */
    public byte[] canonicalBytes() {
        return CanonicalJson.encode(toJson());
    }

    /** {@code SHA-256(canonical bytes)}: the leaf's {@code sealed.blobDigest} and the vault's key. */
    public Sha256Digest digest() {
        return Sha256Digest.hash(canonicalBytes());
    }

    /** The blob as a JSON object. */
    public JsonObject toJson() {
        JsonArray.Builder a = JsonArray.builder();
        for (WrappedKey k : wrappedKeys) {
            a.add(JsonObject.builder().putBase64("enc", k.enc()).put("recipient", k.recipient())
                    .putBase64("wrapped", k.wrapped()).build());
        }
        return JsonObject.builder()
                .putBase64("ciphertext", ciphertext)
                .put("epoch", epoch)
                .put("seq", seq)
                .put("stream", stream.text())
                .put("v", VERSION)
                .put("wrappedKeys", a.build())
                .build();
    }

    /**
     * Checks that the wrapped keys name exactly the epoch's recipients, in the epoch event's order
     * (§12.4), and that the blob is of that epoch.
     *
     * @throws RecordOpeningException.BlobMismatch naming the first difference
     */
    public void requireRecipientsOf(ErasureEpochOpened opened) throws RecordOpeningException.BlobMismatch {
        if (!epoch.equals(opened.epoch())) {
            throw new RecordOpeningException.BlobMismatch("$.epoch", epoch, opened.epoch());
        }
        List<String> expected = opened.recipients().stream().map(EpochRecipient::recipient).toList();
        List<String> found = wrappedKeys.stream().map(WrappedKey::recipient).toList();
        if (!expected.equals(found)) {
            throw new RecordOpeningException.BlobMismatch("$.wrappedKeys", found.toString(), expected.toString());
        }
    }

    /** A copy of the AEAD ciphertext (record and tag). */
    public byte[] ciphertext() {
        return ciphertext.clone();
    }

    public String epoch() {
        return epoch;
    }

    public StreamId stream() {
        return stream;
    }

    public long seq() {
        return seq;
    }

    /** The wrapped data keys, one per recipient, in the epoch event's order. */
    public List<WrappedKey> wrappedKeys() {
        return wrappedKeys;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof SealedBlob other && java.util.Arrays.equals(canonicalBytes(), other.canonicalBytes());
    }

    @Override
    public int hashCode() {
        return digest().hashCode();
    }

    @Override
    public String toString() {
        return "SealedBlob{" + stream + "#" + seq + ", epoch " + epoch + ", " + ciphertext.length
                + " ciphertext bytes, recipients " + wrappedKeys.stream().map(WrappedKey::recipient).toList()
                + ", digest " + Hex.encode(digest().toByteArray()).substring(0, 16) + "…}";
    }
}
