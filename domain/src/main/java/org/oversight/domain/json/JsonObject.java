package org.oversight.domain.json;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.function.BiConsumer;

/**
 * An immutable JSON object whose members are kept sorted by name in UTF-16 code unit order, the
 * order RFC 8785 §3.2.3 prescribes (and {@link String#compareTo} implements). Member names are
 * unique.
 *
 * <p>The {@code require*} accessors map an object onto a record: each throws a checked
 * {@link JsonFieldException} naming the member's path from the document root (e.g.
 * {@code $.header.seq}) and the offending value. Objects and arrays obtained through them remember
 * their path, so errors deep inside a document say where they are.
 */
public final class JsonObject implements JsonValue {
    private static final String[] NO_NAMES = new String[0];
    private static final JsonValue[] NO_VALUES = new JsonValue[0];
    private static final JsonObject EMPTY = new JsonObject(NO_NAMES, NO_VALUES, FieldPath.ROOT);

    private final String[] names;
    private final JsonValue[] values;
    private final FieldPath path;
    private int hash;

    /** {@code names} must be strictly ascending; neither array is copied. */
    JsonObject(String[] names, JsonValue[] values, FieldPath path) {
        this.names = names;
        this.values = values;
        this.path = path;
    }

    /** The empty object {@code {}}. */
    public static JsonObject empty() {
        return EMPTY;
    }

    /** A builder; members may be added in any order. */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * An object with the members of {@code members}.
     *
     * @throws IllegalArgumentException if a name contains a lone surrogate
     */
    public static JsonObject of(Map<String, ? extends JsonValue> members) {
        Builder b = builder();
        members.forEach(b::put);
        return b.build();
    }

    /** Number of members. */
    public int size() {
        return names.length;
    }

    public boolean isEmpty() {
        return names.length == 0;
    }

    /** Member names in canonical (UTF-16 code unit) order. */
    public List<String> names() {
        return Collections.unmodifiableList(Arrays.asList(names));
    }

    /** Calls {@code action} for every member in canonical order. */
    public void forEach(BiConsumer<String, JsonValue> action) {
        for (int i = 0; i < names.length; i++) {
            action.accept(names[i], values[i]);
        }
    }

    public boolean has(String name) {
        return indexOf(name) >= 0;
    }

    /** The member named {@code name}, if present. */
    public Optional<JsonValue> get(String name) {
        int i = indexOf(name);
        return i < 0 ? Optional.empty() : Optional.of(values[i]);
    }

    /** This object's path from the root of the document it was read from, e.g. {@code $.header}. */
    public String path() {
        return path.render();
    }

    /** The member {@code name} of any type. */
    public JsonValue require(String name) throws JsonFieldException {
        int i = indexOf(name);
        if (i < 0) {
            throw new JsonFieldException(path.renderMember(name), "required member is missing", null);
        }
        return values[i];
    }

    /** The string member {@code name}. */
    public String requireString(String name) throws JsonFieldException {
        JsonValue v = require(name);
        if (v instanceof JsonString s) {
            return s.value();
        }
        throw typeError(name, "expected a string", v);
    }

    /** The integer member {@code name}. */
    public long requireLong(String name) throws JsonFieldException {
        JsonValue v = require(name);
        if (v instanceof JsonNumber n) {
            return n.value();
        }
        throw typeError(name, "expected an integer", v);
    }

    /** The integer member {@code name}, which must lie in {@code [min, max]}. */
    public long requireLong(String name, long min, long max) throws JsonFieldException {
        long v = requireLong(name);
        if (v < min || v > max) {
            throw typeError(name, "integer not in [" + min + ", " + max + "]", JsonNumber.trusted(v));
        }
        return v;
    }

    /** The integer member {@code name}, which must fit in an {@code int}. */
    public int requireInt(String name) throws JsonFieldException {
        return (int) requireLong(name, Integer.MIN_VALUE, Integer.MAX_VALUE);
    }

    /** The boolean member {@code name}. */
    public boolean requireBoolean(String name) throws JsonFieldException {
        JsonValue v = require(name);
        if (v instanceof JsonBoolean b) {
            return b.value();
        }
        throw typeError(name, "expected a boolean", v);
    }

    /** The object member {@code name}; its accessors report paths below this one. */
    public JsonObject requireObject(String name) throws JsonFieldException {
        JsonValue v = require(name);
        if (v instanceof JsonObject o) {
            return o.at(path.member(name));
        }
        throw typeError(name, "expected an object", v);
    }

    /** The array member {@code name}; its accessors report paths below this one. */
    public JsonArray requireArray(String name) throws JsonFieldException {
        JsonValue v = require(name);
        if (v instanceof JsonArray a) {
            return a.at(path.member(name));
        }
        throw typeError(name, "expected an array", v);
    }

    /**
     * The string member {@code name} decoded as RFC 4648 §4 standard base64 with padding. Only the
     * one canonical spelling of each byte string is accepted: no line breaks, no missing padding, no
     * non-zero trailing bits.
     */
    public byte[] requireBase64(String name) throws JsonFieldException {
        String text = requireString(name);
        if (text.length() % 4 != 0) {
            throw typeError(name, "base64 length " + text.length() + " is not a multiple of 4", JsonString.trusted(text));
        }
        byte[] decoded;
        try {
            decoded = Base64.getDecoder().decode(text);
        } catch (IllegalArgumentException e) {
            throw typeError(name, "invalid base64 (" + e.getMessage() + ")", JsonString.trusted(text));
        }
        if (!Base64.getEncoder().encodeToString(decoded).equals(text)) {
            throw typeError(name, "non-canonical base64 (non-zero padding bits)", JsonString.trusted(text));
        }
        return decoded;
    }

    /** The string member {@code name} if present; present with another type is an error. */
    public Optional<String> optionalString(String name) throws JsonFieldException {
        return has(name) ? Optional.of(requireString(name)) : Optional.empty();
    }

    /** The integer member {@code name} if present; present with another type is an error. */
    public OptionalLong optionalLong(String name) throws JsonFieldException {
        return has(name) ? OptionalLong.of(requireLong(name)) : OptionalLong.empty();
    }

    /** The object member {@code name} if present; present with another type is an error. */
    public Optional<JsonObject> optionalObject(String name) throws JsonFieldException {
        return has(name) ? Optional.of(requireObject(name)) : Optional.empty();
    }

    /** The array member {@code name} if present; present with another type is an error. */
    public Optional<JsonArray> optionalArray(String name) throws JsonFieldException {
        return has(name) ? Optional.of(requireArray(name)) : Optional.empty();
    }

    /**
     * Checks that every member name is in {@code allowed}, so that parsers of signed content reject
     * fields they do not understand instead of silently dropping them.
     *
     * @throws JsonFieldException naming the first (in canonical order) unexpected member
     */
    public void requireOnly(Set<String> allowed) throws JsonFieldException {
        for (int i = 0; i < names.length; i++) {
            if (!allowed.contains(names[i])) {
                throw new JsonFieldException(path.renderMember(names[i]), "unexpected member (allowed: "
                        + allowed.stream().sorted().toList() + ")", values[i]);
            }
        }
    }

    String nameAt(int i) {
        return names[i];
    }

    JsonValue valueAt(int i) {
        return values[i];
    }

    JsonObject at(FieldPath newPath) {
        return names.length == 0 && newPath == FieldPath.ROOT ? EMPTY : new JsonObject(names, values, newPath);
    }

    private int indexOf(String name) {
        Objects.requireNonNull(name, "name");
        return Arrays.binarySearch(names, name);
    }

    private JsonFieldException typeError(String name, String problem, JsonValue found) {
        return new JsonFieldException(path.renderMember(name), problem, found);
    }

    /** Equal members; the path a value was reached by is not part of its identity. */
    @Override
    public boolean equals(Object o) {
        if (this == o) {
            return true;
        }
        return o instanceof JsonObject other
                && Arrays.equals(names, other.names)
                && Arrays.equals(values, other.values);
    }

    @Override
    public int hashCode() {
        int h = hash;
        if (h == 0) {
            h = 31 * Arrays.hashCode(names) + Arrays.hashCode(values);
            hash = h;
        }
        return h;
    }

    /** The canonical JSON text. */
    @Override
    public String toString() {
        return CanonicalJson.encodeToString(this);
    }

    /** Collects members in any order and sorts them once in {@link #build()}. */
    public static final class Builder {
        private final List<String> names = new ArrayList<>();
        private final List<JsonValue> values = new ArrayList<>();

        private Builder() {}

        /**
         * Adds member {@code name}.
         *
         * @throws IllegalArgumentException if {@code name} contains a lone surrogate
         */
        public Builder put(String name, JsonValue value) {
            Objects.requireNonNull(value, "value");
            int bad = Describe.firstLoneSurrogate(name);
            if (bad >= 0) {
                throw new IllegalArgumentException("member name has a lone surrogate at index " + bad);
            }
            names.add(name);
            values.add(value);
            return this;
        }

        /** Adds a string member; see {@link JsonString#of}. */
        public Builder put(String name, String value) {
            return put(name, JsonString.of(value));
        }

        /** Adds an integer member; see {@link JsonNumber#of}. */
        public Builder put(String name, long value) {
            return put(name, JsonNumber.of(value));
        }

        public Builder put(String name, boolean value) {
            return put(name, JsonBoolean.of(value));
        }

        /** Adds {@code bytes} as a standard base64 string with padding. */
        public Builder putBase64(String name, byte[] bytes) {
            return put(name, JsonString.ofBase64(bytes));
        }

        public Builder putNull(String name) {
            return put(name, JsonNull.INSTANCE);
        }

        /**
         * The object, members sorted by UTF-16 code units.
         *
         * @throws IllegalArgumentException if a name was added twice
         */
        public JsonObject build() {
            int n = names.size();
            if (n == 0) {
                return EMPTY;
            }
            Integer[] order = new Integer[n];
            for (int i = 0; i < n; i++) {
                order[i] = i;
            }
            Arrays.sort(order, (a, b) -> names.get(a).compareTo(names.get(b)));
            String[] sortedNames = new String[n];
            JsonValue[] sortedValues = new JsonValue[n];
            for (int i = 0; i < n; i++) {
                sortedNames[i] = names.get(order[i]);
                sortedValues[i] = values.get(order[i]);
                if (i > 0 && sortedNames[i].equals(sortedNames[i - 1])) {
                    throw new IllegalArgumentException("duplicate member name "
                            + CanonicalJson.encodeToString(JsonString.trusted(sortedNames[i])));
                }
            }
            return new JsonObject(sortedNames, sortedValues, FieldPath.ROOT);
        }
    }
}
