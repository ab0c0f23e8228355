package org.oversight.domain.json;

/**
 * A strict RFC 8259 parser for JSON that need not be canonical (HTTP bodies, configuration): any
 * whitespace, member order and escape spelling is accepted. It still refuses what the value model
 * cannot carry faithfully: duplicate member names, invalid UTF-8, lone surrogates, a byte order
 * mark, and numbers that are not integers within ±(2<sup>53</sup>−1) ({@code -0} reads as 0).
 * Every refusal is a {@link MalformedJsonException} naming the byte offset.
 */
public final class JsonParser {
    private JsonParser() {}

    /** Parses {@code bytes} with {@link JsonLimits#DEFAULT}. */
    public static JsonValue parse(byte[] bytes) throws JsonException {
        return parse(bytes, JsonLimits.DEFAULT);
    }

    /** Parses {@code bytes} with explicit limits. */
    public static JsonValue parse(byte[] bytes, JsonLimits limits) throws JsonException {
        return JsonReader.read(bytes, false, limits);
    }

    /** {@link #parse(byte[])}, requiring the value to be an object. */
    public static JsonObject parseObject(byte[] bytes) throws JsonException {
        JsonValue v = parse(bytes);
        if (v instanceof JsonObject o) {
            return o;
        }
        throw new JsonFieldException("$", "expected an object", v);
    }
}
