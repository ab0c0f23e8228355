package org.oversight.domain.json;

/**
 * A parser for third-party JSON documents that are not Oversight's own (TensorFlow.js weights
 * manifests, golden files of reference implementations): any RFC 8259 text, numbers of any size and
 * precision included, read into plain Java values. It shares its lexer (input limits, UTF-8
 * validation, strings and escapes, the number grammar, the depth limit) with {@link JsonParser} and
 * {@link CanonicalJson#parseCanonical}, so one JSON lexer is fuzzed for all of them. Never use it
 * for signed content: its values are outside the canonical model ({@link JsonValue}).
 *
 * <p>Values: {@code Map<String, Object>} (unmodifiable, in document order), {@code List<Object>}
 * (unmodifiable), {@code String}, {@link Num} (the number's literal text), {@code Boolean} and
 * {@link #NULL}. Like {@link JsonParser} it refuses duplicate member names, invalid UTF-8, lone
 * surrogates and a byte order mark; every refusal is a {@link MalformedJsonException} naming the
 * byte offset.
 */
public final class PlainJson {
    /** The JSON {@code null}. */
    public static final Object NULL = new Object() {
        @Override
        public String toString() {
            return "null";
        }
    };

    private PlainJson() {}

    /** Parses {@code utf8} with {@link JsonLimits#DEFAULT}. */
    public static Object parse(byte[] utf8) throws JsonException {
        return parse(utf8, JsonLimits.DEFAULT);
    }

    /** Parses {@code utf8} with explicit limits. */
    public static Object parse(byte[] utf8, JsonLimits limits) throws JsonException {
        return PlainJsonReader.read(utf8, limits);
    }

    /** A JSON number, kept as its literal text (valid RFC 8259 number syntax) and converted on demand. */
    public static final class Num {
        private final String literal;

        Num(String literal) {
            this.literal = literal;
        }

        /** The literal as it appears in the document, e.g. {@code -1.5e-3}. */
        public String literal() {
            return literal;
        }

        /** The nearest {@code double} ({@link Double#parseDouble}); infinite if the literal is beyond the double range. */
        public double asDouble() {
            return Double.parseDouble(literal);
        }

        /**
         * The value as an {@code int}.
         *
         * @throws JsonException if the literal is not an integer in {@code int} range written without
         *     fraction or exponent
         */
        public int asInt() throws JsonException {
            try {
                return Integer.parseInt(literal);
            } catch (NumberFormatException e) {
                throw new JsonException("number " + literal + " is not an int");
            }
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Num other && other.literal.equals(literal);
        }

        @Override
        public int hashCode() {
            return literal.hashCode();
        }

        @Override
        public String toString() {
            return literal;
        }
    }
}
