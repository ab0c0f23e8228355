package org.oversight.domain.event;

import java.security.MessageDigest;
import java.util.Arrays;
import java.util.Base64;
import java.util.Objects;
import java.util.Set;
import org.oversight.domain.json.JsonObject;

/**
 * An opaque face template (docs/format.md §4.1): the bytes of a quantised template, the model that
 * produced it and the template format version. Its contents are defined by the recognition module
 * (docs/format.md §9); this layer only carries them. Two templates are comparable only if model id
 * and format are equal.
 */
public final class Template {
    /** Upper bound on template bytes. */
    public static final int MAX_BYTES = 16_384;

    private static final Set<String> FIELDS = Set.of("data", "format", "modelId");

    private final byte[] data;
    private final int format;
    private final String modelId;

    private Template(byte[] data, int format, String modelId) {
        this.data = data;
        this.format = format;
        this.modelId = modelId;
    }

    /**
     * A template from a copy of {@code data}.
     *
     * @throws IllegalArgumentException if data is empty or over {@link #MAX_BYTES}, format not in
     *     1–65535, or modelId not a model id
     */
    public static Template of(byte[] data, int format, String modelId) {
        Objects.requireNonNull(data, "data");
        Values.unchecked(() -> check("$", data.length, format, modelId));
        return new Template(data.clone(), format, modelId);
    }

    /**
     * Reads and validates a template object {@code {"data":base64,"format":int,"modelId":string}}.
     *
     * @throws InvalidEventException naming the path and value of the first invalid or missing field
     */
    public static Template fromJson(JsonObject o) throws InvalidEventException {
        Fields.only(o, FIELDS);
        byte[] data = Fields.base64(o, "data", MAX_BYTES);
        int format = (int) Fields.integer(o, "format", 1, 65535);
        String modelId = Fields.modelId(o, "modelId");
        return new Template(data, format, modelId);
    }

    private static void check(String at, int length, int format, String modelId) throws InvalidEventException {
        Values.range(at + ".data.length", length, 1, MAX_BYTES);
        Values.range(at + ".format", format, 1, 65535);
        Values.modelId(at + ".modelId", modelId);
    }

    /** A copy of the template bytes. */
    public byte[] data() {
        return data.clone();
    }

    /** Number of template bytes. */
    public int length() {
        return data.length;
    }

    /** The template format version (1–65535). */
    public int format() {
        return format;
    }

    /** The id of the model that produced the template. */
    public String modelId() {
        return modelId;
    }

    /** The template as a JSON object. */
    public JsonObject toJson() {
        return JsonObject.builder()
                .putBase64("data", data)
                .put("format", format)
                .put("modelId", modelId)
                .build();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Template other && format == other.format && modelId.equals(other.modelId)
                && MessageDigest.isEqual(data, other.data);
    }

    @Override
    public int hashCode() {
        return Objects.hash(Arrays.hashCode(data), format, modelId);
    }

    @Override
    public String toString() {
        String b64 = Base64.getEncoder().encodeToString(data);
        return "Template{modelId=" + modelId + ", format=" + format + ", " + data.length + " bytes "
                + (b64.length() > 24 ? b64.substring(0, 24) + "…" : b64) + "}";
    }
}
