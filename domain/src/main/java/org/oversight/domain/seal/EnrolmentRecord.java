package org.oversight.domain.seal;

import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import org.oversight.domain.event.InvalidEventException;
import org.oversight.domain.event.PayloadFields;
import org.oversight.domain.event.Template;
import org.oversight.domain.json.CanonicalJson;
import org.oversight.domain.json.JsonArray;
import org.oversight.domain.json.JsonException;
import org.oversight.domain.json.JsonLimits;
import org.oversight.domain.json.JsonObject;
import org.oversight.domain.json.JsonValue;

/**
 * A watchlist entry's enrolment record (docs/format.md §12.7): for each of the entry's templates,
 * in the order of its {@code WatchlistEntryAuthorized.templates}, the aligned crop (§9.2 canonical
 * pixel bytes) the template was derived from, and that template. Canonical JSON:
 * {@code {"crops":[{"alignedCrop":bytes,"template":template}, …],"entry":identifier}}.
 *
 * <p>The vault holds it outside the log and releases it only to a recorded disclosure (a schema-2
 * {@code RecordDisclosed} naming the entry). Nothing in the log commits to the crops except the
 * templates: a holder with the recognition model re-derives each template from its crop, bit for
 * bit, which is what makes a crop "the image the entry was enrolled from".
 *
 * <p>Security: this is personal biometric data; {@link #toString} prints only the entry and sizes.
 */
public final class EnrolmentRecord {
    /** Most crops (an entry has 1–16 templates). */
    public static final int MAX_CROPS = 16;
    /** Most bytes of a canonical enrolment record (16 largest crops with their templates fit). */
    public static final int MAX_BYTES = 6_291_456;

    private static final JsonLimits LIMITS = new JsonLimits(4, MAX_BYTES);
    private static final Set<String> FIELDS = Set.of("crops", "entry");
    private static final Set<String> CROP_FIELDS = Set.of("alignedCrop", "template");

    /**
     * One enrolment crop and the template derived from it.
     *
     * @param alignedCrop the crop's canonical pixel bytes, 1 to {@link BiometricRecord#MAX_CROP_BYTES}
     * @param template the template it derives
     */
    public record Crop(byte[] alignedCrop, Template template) {
        public Crop {
            Objects.requireNonNull(alignedCrop, "alignedCrop");
            Objects.requireNonNull(template, "template");
            if (alignedCrop.length < 1 || alignedCrop.length > BiometricRecord.MAX_CROP_BYTES) {
                throw new IllegalArgumentException("enrolment crop of " + alignedCrop.length + " bytes not in 1.."
                        + BiometricRecord.MAX_CROP_BYTES);
            }
            alignedCrop = alignedCrop.clone();
        }

        @Override
        public byte[] alignedCrop() {
            return alignedCrop.clone();
        }

        JsonObject toJson() {
            return JsonObject.builder().putBase64("alignedCrop", alignedCrop).put("template", template.toJson()).build();
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Crop c && MessageDigest.isEqual(alignedCrop, c.alignedCrop) && template.equals(c.template);
        }

        @Override
        public int hashCode() {
            return Objects.hash(Arrays.hashCode(alignedCrop), template);
        }

        @Override
        public String toString() {
            return "Crop{" + alignedCrop.length + " bytes, template " + template.modelId() + "}";
        }
    }

    private final String entry;
    private final List<Crop> crops;

    private EnrolmentRecord(String entry, List<Crop> crops) {
        this.entry = entry;
        this.crops = crops;
    }

    /**
     * An enrolment record.
     *
     * @throws IllegalArgumentException if {@code entry} is not an identifier, there are not 1–16
     *     crops, or the canonical record would exceed {@link #MAX_BYTES}
     */
    public static EnrolmentRecord of(String entry, List<Crop> crops) {
        Objects.requireNonNull(entry, "entry");
        Objects.requireNonNull(crops, "crops");
        if (!PayloadFields.isIdentifier(entry)) {
            throw new IllegalArgumentException("entry \"" + entry + "\" is not an identifier");
        }
        if (crops.isEmpty() || crops.size() > MAX_CROPS) {
            throw new IllegalArgumentException(crops.size() + " crops not in 1.." + MAX_CROPS);
        }
        EnrolmentRecord r = new EnrolmentRecord(entry, List.copyOf(crops));
        int size = r.canonicalBytes().length;
        if (size > MAX_BYTES) {
            throw new IllegalArgumentException("canonical enrolment record of " + size + " bytes > " + MAX_BYTES);
        }
        return r;
    }

    /**
     * Parses an enrolment record from its canonical bytes.
     *
     * @throws MalformedRecordException naming the path and value if the bytes are longer than
     *     {@link #MAX_BYTES}, not canonical JSON, or any member is missing, unknown or invalid
     */
    public static EnrolmentRecord parse(byte[] bytes) throws MalformedRecordException {
        Objects.requireNonNull(bytes, "bytes");
        if (bytes.length > MAX_BYTES) {
            throw new MalformedRecordException("$", "enrolment record of " + bytes.length + " bytes is longer than "
                    + MAX_BYTES, null);
        }
        JsonValue value;
        try {
            value = CanonicalJson.parseCanonical(bytes, LIMITS);
        } catch (JsonException e) {
            throw new MalformedRecordException("$", "enrolment record is not canonical JSON: " + e.getMessage(), e);
        }
        if (!(value instanceof JsonObject o)) {
            throw new MalformedRecordException("$", "enrolment record is not a JSON object, found "
                    + value.getClass().getSimpleName(), null);
        }
        return fromJson(o);
    }

    /**
     * Reads an enrolment record object (as embedded in a records file line, §10.1).
     *
     * @throws MalformedRecordException naming the path and value of the first invalid member
     */
    public static EnrolmentRecord fromJson(JsonObject o) throws MalformedRecordException {
        try {
            PayloadFields.only(o, FIELDS);
            String entry = PayloadFields.identifier(o, "entry");
            JsonArray a = PayloadFields.array(o, "crops", 1, MAX_CROPS);
            List<Crop> crops = new ArrayList<>(a.size());
            for (int i = 0; i < a.size(); i++) {
                JsonObject c = PayloadFields.objectAt(a, i);
                PayloadFields.only(c, CROP_FIELDS);
                byte[] crop = PayloadFields.base64(c, "alignedCrop", BiometricRecord.MAX_CROP_BYTES);
                crops.add(new Crop(crop, Template.fromJson(PayloadFields.object(c, "template"))));
            }
            return new EnrolmentRecord(entry, List.copyOf(crops));
        } catch (InvalidEventException e) {
            throw new MalformedRecordException(e.path(), "enrolment record " + e.getMessage(), e);
        }
    }

    /** The canonical JSON bytes. */
    public byte[] canonicalBytes() {
        return CanonicalJson.encode(toJson());
    }

    /** The record as a JSON object. */
    public JsonObject toJson() {
        JsonArray.Builder a = JsonArray.builder();
        crops.forEach(c -> a.add(c.toJson()));
        return JsonObject.builder().put("crops", a.build()).put("entry", entry).build();
    }

    public String entry() {
        return entry;
    }

    /** The crops, in the entry's template order. */
    public List<Crop> crops() {
        return crops;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof EnrolmentRecord r && entry.equals(r.entry) && crops.equals(r.crops);
    }

    @Override
    public int hashCode() {
        return Objects.hash(entry, crops);
    }

    /** The entry and sizes only: never the biometric values. */
    @Override
    public String toString() {
        return "EnrolmentRecord{entry " + entry + ", " + crops.size() + " crop(s)}";
    }
}
