package org.oversight.domain.seal;

import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import org.oversight.domain.crypto.Sha256Digest;
import org.oversight.domain.event.InvalidEventException;
import org.oversight.domain.event.PayloadFields;
import org.oversight.domain.event.Template;
import org.oversight.domain.event.WatchlistEntry;
import org.oversight.domain.json.CanonicalJson;
import org.oversight.domain.json.JsonArray;
import org.oversight.domain.json.JsonException;
import org.oversight.domain.json.JsonLimits;
import org.oversight.domain.json.JsonObject;
import org.oversight.domain.json.JsonValue;

/**
 * The sealed enrolment record of a schema-2 watchlist entry (docs/format.md §12.7): the §12.7
 * enrolment record — each template with the aligned crop it was derived from — plus a 32-byte
 * random nonce that makes its commitment hiding. Canonical JSON:
 * {@code {"crops":[{"alignedCrop":bytes,"template":template}…],"entry":identifier,"nonce":bytes(32)}}.
 * Its commitment is {@code SHA-256("oversight/enrolment/v1\n" || canonical bytes)}
 * ({@link RecordCommitment#ofEnrolmentCanonicalBytes}), a label no detection record uses.
 *
 * <p>Security: this is personal biometric data. It never goes into a leaf, a tile, an export or a
 * log line; {@link #toString} prints only the entry and sizes.
 */
public final class SealedEnrolmentRecord {
    /** Most bytes of a canonical sealed enrolment record. */
    public static final int MAX_BYTES = EnrolmentRecord.MAX_BYTES;

    private static final JsonLimits LIMITS = new JsonLimits(4, MAX_BYTES);
    private static final Set<String> FIELDS = Set.of("crops", "entry", "nonce");
    private static final Set<String> CROP_FIELDS = Set.of("alignedCrop", "template");

    private final String entry;
    private final List<EnrolmentRecord.Crop> crops;
    private final byte[] nonce;

    private SealedEnrolmentRecord(String entry, List<EnrolmentRecord.Crop> crops, byte[] nonce) {
        this.entry = entry;
        this.crops = crops;
        this.nonce = nonce;
    }

    /**
     * A record from copies of the crops and nonce.
     *
     * @param nonce 32 uniformly random bytes, fresh for this record (the commitment's hiding rests on it)
     * @throws IllegalArgumentException if {@code entry} is not an identifier, there are not 1–16
     *     crops, the nonce is not 32 bytes, or the canonical record would exceed {@link #MAX_BYTES}
     */
    public static SealedEnrolmentRecord of(String entry, List<EnrolmentRecord.Crop> crops, byte[] nonce) {
        Objects.requireNonNull(entry, "entry");
        Objects.requireNonNull(crops, "crops");
        Objects.requireNonNull(nonce, "nonce");
        if (!PayloadFields.isIdentifier(entry)) {
            throw new IllegalArgumentException("entry \"" + entry + "\" is not an identifier");
        }
        if (crops.isEmpty() || crops.size() > WatchlistEntry.MAX_TEMPLATES) {
            throw new IllegalArgumentException(crops.size() + " crops not in 1.." + WatchlistEntry.MAX_TEMPLATES);
        }
        if (nonce.length != BiometricRecord.NONCE_LENGTH) {
            throw new IllegalArgumentException("nonce of " + nonce.length + " bytes != " + BiometricRecord.NONCE_LENGTH);
        }
        SealedEnrolmentRecord r = new SealedEnrolmentRecord(entry, List.copyOf(crops), nonce.clone());
        int size = r.canonicalBytes().length;
        if (size > MAX_BYTES) {
            throw new IllegalArgumentException("canonical sealed enrolment record of " + size + " bytes > " + MAX_BYTES);
        }
        return r;
    }

    /** The record of {@code enrolment} with {@code nonce} added. */
    public static SealedEnrolmentRecord of(EnrolmentRecord enrolment, byte[] nonce) {
        Objects.requireNonNull(enrolment, "enrolment");
        return of(enrolment.entry(), enrolment.crops(), nonce);
    }

    /**
     * Parses a record from its canonical bytes.
     *
     * @throws MalformedRecordException naming the path and value if the bytes are longer than
     *     {@link #MAX_BYTES}, not canonical JSON, or any member is missing, unknown or invalid
     */
    public static SealedEnrolmentRecord parse(byte[] bytes) throws MalformedRecordException {
        Objects.requireNonNull(bytes, "bytes");
        if (bytes.length > MAX_BYTES) {
            throw new MalformedRecordException("$", "sealed enrolment record of " + bytes.length
                    + " bytes is longer than " + MAX_BYTES, null);
        }
        JsonValue value;
        try {
            value = CanonicalJson.parseCanonical(bytes, LIMITS);
        } catch (JsonException e) {
            throw new MalformedRecordException("$", "sealed enrolment record is not canonical JSON: " + e.getMessage(),
                    e);
        }
        if (!(value instanceof JsonObject o)) {
            throw new MalformedRecordException("$", "sealed enrolment record is not a JSON object, found "
                    + value.getClass().getSimpleName(), null);
        }
        return fromJson(o);
    }

    /**
     * Reads a sealed enrolment record object (as embedded in a records file line, §10.1).
     *
     * @throws MalformedRecordException naming the path and value of the first invalid member
     */
    public static SealedEnrolmentRecord fromJson(JsonObject o) throws MalformedRecordException {
        try {
            PayloadFields.only(o, FIELDS);
            String entry = PayloadFields.identifier(o, "entry");
            JsonArray a = PayloadFields.array(o, "crops", 1, WatchlistEntry.MAX_TEMPLATES);
            List<EnrolmentRecord.Crop> crops = new ArrayList<>(a.size());
            for (int i = 0; i < a.size(); i++) {
                JsonObject c = PayloadFields.objectAt(a, i);
                PayloadFields.only(c, CROP_FIELDS);
                byte[] crop = PayloadFields.base64(c, "alignedCrop", BiometricRecord.MAX_CROP_BYTES);
                crops.add(new EnrolmentRecord.Crop(crop, Template.fromJson(PayloadFields.object(c, "template"))));
            }
            byte[] nonce = PayloadFields.base64(o, "nonce", BiometricRecord.NONCE_LENGTH);
            if (nonce.length != BiometricRecord.NONCE_LENGTH) {
                throw new InvalidEventException(o.path() + ".nonce", PayloadFields.string(o, "nonce"),
                        "nonce is " + nonce.length + " bytes, not " + BiometricRecord.NONCE_LENGTH);
            }
            return new SealedEnrolmentRecord(entry, List.copyOf(crops), nonce);
        } catch (InvalidEventException e) {
            throw new MalformedRecordException(e.path(), "sealed enrolment record " + e.getMessage(), e);
        }
    }

    /** The canonical JSON bytes: what the commitment hashes and the AEAD encrypts. */
    public byte[] canonicalBytes() {
        return CanonicalJson.encode(toJson());
    }

    /** The record as a JSON object. */
    public JsonObject toJson() {
        JsonArray.Builder a = JsonArray.builder();
        crops.forEach(c -> a.add(c.toJson()));
        return JsonObject.builder().put("crops", a.build()).put("entry", entry).putBase64("nonce", nonce).build();
    }

    /** The commitment to this record ({@code oversight/enrolment/v1} label). */
    public Sha256Digest commitment() {
        return RecordCommitment.ofEnrolmentCanonicalBytes(canonicalBytes());
    }

    public String entry() {
        return entry;
    }

    /** The crops, in the entry's template order. */
    public List<EnrolmentRecord.Crop> crops() {
        return crops;
    }

    /** The templates, in order (each crop's). */
    public List<Template> templates() {
        return crops.stream().map(EnrolmentRecord.Crop::template).toList();
    }

    /** A copy of the nonce. */
    public byte[] nonce() {
        return nonce.clone();
    }

    /** The crops and templates without the nonce: the §12.7 enrolment record the bundle check re-derives. */
    public EnrolmentRecord enrolment() {
        return EnrolmentRecord.of(entry, crops);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof SealedEnrolmentRecord r && entry.equals(r.entry) && crops.equals(r.crops)
                && MessageDigest.isEqual(nonce, r.nonce);
    }

    @Override
    public int hashCode() {
        return Objects.hash(entry, crops, Arrays.hashCode(nonce));
    }

    /** The entry and sizes only: never the biometric values. */
    @Override
    public String toString() {
        return "SealedEnrolmentRecord{entry " + entry + ", " + crops.size() + " crops}";
    }
}
