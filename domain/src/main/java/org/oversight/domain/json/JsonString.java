package org.oversight.domain.json;

import java.util.Base64;
import java.util.Objects;

/** A JSON string: a sequence of Unicode scalar values (well-formed UTF-16, no lone surrogates). */
public final class JsonString implements JsonValue {
    private static final JsonString EMPTY = new JsonString("");

    private final String value;

    private JsonString(String value) {
        this.value = value;
    }

    /**
     * The string {@code value}.
     *
     * @throws IllegalArgumentException if {@code value} contains a lone surrogate (it has no UTF-8
     *     encoding)
     */
    public static JsonString of(String value) {
        Objects.requireNonNull(value, "value");
        int bad = Describe.firstLoneSurrogate(value);
        if (bad >= 0) {
            throw new IllegalArgumentException(
                    "lone surrogate U+" + Integer.toHexString(value.charAt(bad)).toUpperCase(java.util.Locale.ROOT)
                            + " at index " + bad + " of string");
        }
        return trusted(value);
    }

    /** {@code bytes} as RFC 4648 §4 standard base64 with padding, the form bytes take in signed content. */
    public static JsonString ofBase64(byte[] bytes) {
        return trusted(Base64.getEncoder().encodeToString(bytes));
    }

    /** For callers (the parsers) that already validated {@code value}. */
    static JsonString trusted(String value) {
        return value.isEmpty() ? EMPTY : new JsonString(value);
    }

    public String value() {
        return value;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof JsonString other && other.value.equals(value);
    }

    @Override
    public int hashCode() {
        return value.hashCode();
    }

    /** The canonical JSON text: quoted and escaped. */
    @Override
    public String toString() {
        return CanonicalJson.encodeToString(this);
    }
}
