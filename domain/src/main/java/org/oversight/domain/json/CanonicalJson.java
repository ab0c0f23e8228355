package org.oversight.domain.json;

import java.nio.charset.StandardCharsets;

/**
 * Oversight's canonical JSON (docs/format.md §1): the RFC 8785 (JCS) encoding of the integer-only
 * value model, as UTF-8 bytes. These are the bytes that are signed and hashed.
 *
 * <p>{@link #encode} and {@link #parseCanonical} are exact inverses: {@code parseCanonical}
 * accepts precisely the byte strings {@code encode} can produce, so every signed value has exactly
 * one byte representation.
 */
public final class CanonicalJson {
    private CanonicalJson() {}

    /**
     * The canonical UTF-8 bytes of {@code value}. Recursion depth equals the value's nesting, which
     * for parsed values is bounded by {@link JsonLimits#maxDepth()}.
     */
    public static byte[] encode(JsonValue value) {
        return CanonicalWriter.encode(value);
    }

    /** The canonical text of {@code value} (the UTF-8 decoding of {@link #encode}). */
    public static String encodeToString(JsonValue value) {
        return new String(encode(value), StandardCharsets.UTF_8);
    }

    /**
     * Parses bytes that must be exactly the canonical encoding of their value, with
     * {@link JsonLimits#DEFAULT}.
     *
     * @throws MalformedJsonException if {@code bytes} is not JSON, or exceeds a limit
     * @throws NonCanonicalJsonException if {@code bytes} is JSON but not canonical
     */
    public static JsonValue parseCanonical(byte[] bytes) throws JsonException {
        return parseCanonical(bytes, JsonLimits.DEFAULT);
    }

    /** {@link #parseCanonical(byte[])} with explicit limits. */
    public static JsonValue parseCanonical(byte[] bytes, JsonLimits limits) throws JsonException {
        return JsonReader.read(bytes, true, limits);
    }

    /** {@link #parseCanonical(byte[])}, requiring the value to be an object. */
    public static JsonObject parseCanonicalObject(byte[] bytes) throws JsonException {
        JsonValue v = parseCanonical(bytes);
        if (v instanceof JsonObject o) {
            return o;
        }
        throw new JsonFieldException("$", "expected an object", v);
    }

    /**
     * Canonicalises any strict JSON text in the integer-only model: {@link JsonParser#parse} then
     * {@link #encode}.
     */
    public static byte[] canonicalise(byte[] json) throws JsonException {
        return encode(JsonParser.parse(json));
    }
}
