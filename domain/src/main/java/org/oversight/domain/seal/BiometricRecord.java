package org.oversight.domain.seal;

import java.security.MessageDigest;
import java.util.Arrays;
import java.util.Objects;
import java.util.Set;
import org.oversight.domain.event.InvalidEventException;
import org.oversight.domain.event.Landmarks;
import org.oversight.domain.event.PayloadFields;
import org.oversight.domain.event.Template;
import org.oversight.domain.json.CanonicalJson;
import org.oversight.domain.json.JsonException;
import org.oversight.domain.json.JsonLimits;
import org.oversight.domain.json.JsonObject;
import org.oversight.domain.json.JsonValue;

/**
 * The biometric values of one schema-2 detection, sealed outside the log (docs/format.md §12.1):
 * the template, the 68 landmarks, the aligned crop's canonical pixel bytes (§9.2) and a 32-byte
 * random nonce that makes the {@link RecordCommitment} hiding. Canonical JSON:
 * {@code {"alignedCrop":bytes,"landmarks":[68×[x,y]],"nonce":bytes(32),"template":template}}.
 *
 * <p>Security: this is personal biometric data. It never goes into a leaf, a tile, an export or a
 * log line; {@link #toString} prints only sizes and the template's model.
 */
public final class BiometricRecord {
    /** Length of the nonce. */
    public static final int NONCE_LENGTH = 32;
    /** Most aligned-crop bytes (the §9.2 crop is 67,500). */
    public static final int MAX_CROP_BYTES = 262_144;
    /** Most bytes of a canonical record. */
    public static final int MAX_BYTES = 524_288;

    private static final JsonLimits LIMITS = new JsonLimits(3, MAX_BYTES);
    private static final Set<String> FIELDS = Set.of("alignedCrop", "landmarks", "nonce", "template");

    private final Template template;
    private final Landmarks landmarks;
    private final byte[] alignedCrop;
    private final byte[] nonce;

    private BiometricRecord(Template template, Landmarks landmarks, byte[] alignedCrop, byte[] nonce) {
        this.template = template;
        this.landmarks = landmarks;
        this.alignedCrop = alignedCrop;
        this.nonce = nonce;
    }

    /**
     * A record from copies of the byte arrays.
     *
     * @param nonce 32 uniformly random bytes, fresh for this record (the commitment's hiding rests on it)
     * @throws IllegalArgumentException if the crop is empty or over {@link #MAX_CROP_BYTES}, the
     *     nonce is not 32 bytes, or the canonical record would exceed {@link #MAX_BYTES}
     */
    public static BiometricRecord of(Template template, Landmarks landmarks, byte[] alignedCrop, byte[] nonce) {
        Objects.requireNonNull(template, "template");
        Objects.requireNonNull(landmarks, "landmarks");
        Objects.requireNonNull(alignedCrop, "alignedCrop");
        Objects.requireNonNull(nonce, "nonce");
        if (alignedCrop.length < 1 || alignedCrop.length > MAX_CROP_BYTES) {
            throw new IllegalArgumentException("aligned crop of " + alignedCrop.length + " bytes not in 1.."
                    + MAX_CROP_BYTES);
        }
        if (nonce.length != NONCE_LENGTH) {
            throw new IllegalArgumentException("nonce of " + nonce.length + " bytes != " + NONCE_LENGTH);
        }
        BiometricRecord r = new BiometricRecord(template, landmarks, alignedCrop.clone(), nonce.clone());
        int size = r.canonicalBytes().length;
        if (size > MAX_BYTES) {
            throw new IllegalArgumentException("canonical record of " + size + " bytes > " + MAX_BYTES);
        }
        return r;
    }

    /**
     * Parses a record from its canonical bytes.
     *
     * @throws MalformedRecordException naming the path and value if the bytes are longer than
     *     {@link #MAX_BYTES}, not canonical JSON, or any member is missing, unknown or invalid
     */
    public static BiometricRecord parse(byte[] bytes) throws MalformedRecordException {
        Objects.requireNonNull(bytes, "bytes");
        if (bytes.length > MAX_BYTES) {
            throw new MalformedRecordException("$", "record of " + bytes.length + " bytes is longer than "
                    + MAX_BYTES, null);
        }
        JsonValue value;
        try {
            value = CanonicalJson.parseCanonical(bytes, LIMITS);
        } catch (JsonException e) {
            throw new MalformedRecordException("$", "record is not canonical JSON: " + e.getMessage(), e);
        }
        if (!(value instanceof JsonObject o)) {
            throw new MalformedRecordException("$", "record is not a JSON object, found "
                    + value.getClass().getSimpleName(), null);
        }
        try {
            PayloadFields.only(o, FIELDS);
            byte[] crop = PayloadFields.base64(o, "alignedCrop", MAX_CROP_BYTES);
            Landmarks landmarks = Landmarks.fromJson(PayloadFields.array(o, "landmarks", 0, Integer.MAX_VALUE));
            byte[] nonce = PayloadFields.base64(o, "nonce", NONCE_LENGTH);
            if (nonce.length != NONCE_LENGTH) {
                throw new InvalidEventException("$.nonce", PayloadFields.string(o, "nonce"),
                        "nonce is " + nonce.length + " bytes, not " + NONCE_LENGTH);
            }
            Template template = Template.fromJson(PayloadFields.object(o, "template"));
            return new BiometricRecord(template, landmarks, crop, nonce);
        } catch (InvalidEventException e) {
            throw new MalformedRecordException(e.path(), "record " + e.getMessage(), e);
        }
    }

    /** The canonical JSON bytes (§12.1): what the commitment hashes and the AEAD encrypts. */
    public byte[] canonicalBytes() {
        return CanonicalJson.encode(toJson());
    }

    /** The record as a JSON object. */
    public JsonObject toJson() {
        return JsonObject.builder()
                .putBase64("alignedCrop", alignedCrop)
                .put("landmarks", landmarks.toJson())
                .putBase64("nonce", nonce)
                .put("template", template.toJson())
                .build();
    }

    /** The commitment to this record (§12.2). */
    public org.oversight.domain.crypto.Sha256Digest commitment() {
        return RecordCommitment.of(this);
    }

    public Template template() {
        return template;
    }

    public Landmarks landmarks() {
        return landmarks;
    }

    /** A copy of the aligned crop's canonical pixel bytes (§9.2). */
    public byte[] alignedCrop() {
        return alignedCrop.clone();
    }

    /** A copy of the nonce. */
    public byte[] nonce() {
        return nonce.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof BiometricRecord other && template.equals(other.template)
                && landmarks.equals(other.landmarks) && MessageDigest.isEqual(alignedCrop, other.alignedCrop)
                && MessageDigest.isEqual(nonce, other.nonce);
    }

    @Override
    public int hashCode() {
        return Objects.hash(template, landmarks, Arrays.hashCode(alignedCrop), Arrays.hashCode(nonce));
    }

    /** Sizes and model only: never the biometric values. */
    @Override
    public String toString() {
        return "BiometricRecord{template " + template.modelId() + " format " + template.format() + ", "
                + template.length() + " bytes; crop " + alignedCrop.length + " bytes}";
    }
}
