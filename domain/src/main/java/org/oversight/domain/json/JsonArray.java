package org.oversight.domain.json;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Objects;

/**
 * An immutable JSON array. Like {@link JsonObject}, its {@code require*} accessors throw a checked
 * {@link JsonFieldException} naming the element's path (e.g. {@code $.templates[2]}).
 */
public final class JsonArray implements JsonValue {
    private static final JsonArray EMPTY = new JsonArray(new JsonValue[0], FieldPath.ROOT);

    private final JsonValue[] elements;
    private final FieldPath path;
    private int hash;

    /** {@code elements} is not copied. */
    JsonArray(JsonValue[] elements, FieldPath path) {
        this.elements = elements;
        this.path = path;
    }

    /** The empty array {@code []}. */
    public static JsonArray empty() {
        return EMPTY;
    }

    public static JsonArray of(JsonValue... elements) {
        return of(Arrays.asList(elements));
    }

    public static JsonArray of(List<? extends JsonValue> elements) {
        if (elements.isEmpty()) {
            return EMPTY;
        }
        JsonValue[] copy = elements.toArray(new JsonValue[0]);
        for (JsonValue v : copy) {
            Objects.requireNonNull(v, "element");
        }
        return new JsonArray(copy, FieldPath.ROOT);
    }

    /** An array of strings; see {@link JsonString#of}. */
    public static JsonArray ofStrings(List<String> strings) {
        List<JsonValue> values = new ArrayList<>(strings.size());
        for (String s : strings) {
            values.add(JsonString.of(s));
        }
        return of(values);
    }

    /** An array of integers; see {@link JsonNumber#of}. */
    public static JsonArray ofLongs(long... numbers) {
        JsonValue[] values = new JsonValue[numbers.length];
        for (int i = 0; i < numbers.length; i++) {
            values[i] = JsonNumber.of(numbers[i]);
        }
        return numbers.length == 0 ? EMPTY : new JsonArray(values, FieldPath.ROOT);
    }

    public int size() {
        return elements.length;
    }

    public boolean isEmpty() {
        return elements.length == 0;
    }

    /**
     * Element {@code index}.
     *
     * @throws IndexOutOfBoundsException if {@code index} is not in {@code [0, size())}
     */
    public JsonValue get(int index) {
        return elements[Objects.checkIndex(index, elements.length)];
    }

    /** The elements, in order. */
    public List<JsonValue> elements() {
        return Collections.unmodifiableList(Arrays.asList(elements));
    }

    /** This array's path from the root of the document it was read from. */
    public String path() {
        return path.render();
    }

    /** Element {@code index}, which must exist. */
    public JsonValue require(int index) throws JsonFieldException {
        if (index < 0 || index >= elements.length) {
            throw new JsonFieldException(path.renderElement(index),
                    "index " + index + " >= size " + elements.length, null);
        }
        return elements[index];
    }

    /** Element {@code index} as an object; its accessors report paths below this one. */
    public JsonObject requireObject(int index) throws JsonFieldException {
        JsonValue v = require(index);
        if (v instanceof JsonObject o) {
            return o.at(path.element(index));
        }
        throw new JsonFieldException(path.renderElement(index), "expected an object", v);
    }

    /** Element {@code index} as an array; its accessors report paths below this one. */
    public JsonArray requireArray(int index) throws JsonFieldException {
        JsonValue v = require(index);
        if (v instanceof JsonArray a) {
            return a.at(path.element(index));
        }
        throw new JsonFieldException(path.renderElement(index), "expected an array", v);
    }

    /** Element {@code index} as a string. */
    public String requireString(int index) throws JsonFieldException {
        JsonValue v = require(index);
        if (v instanceof JsonString s) {
            return s.value();
        }
        throw new JsonFieldException(path.renderElement(index), "expected a string", v);
    }

    /** Element {@code index} as an integer. */
    public long requireLong(int index) throws JsonFieldException {
        JsonValue v = require(index);
        if (v instanceof JsonNumber n) {
            return n.value();
        }
        throw new JsonFieldException(path.renderElement(index), "expected an integer", v);
    }

    /** Checks that the array has between {@code min} and {@code max} elements. */
    public void requireSize(int min, int max) throws JsonFieldException {
        if (elements.length < min || elements.length > max) {
            throw new JsonFieldException(path.render(),
                    "array size " + elements.length + " not in [" + min + ", " + max + "]", null);
        }
    }

    JsonArray at(FieldPath newPath) {
        return new JsonArray(elements, newPath);
    }

    JsonValue elementAt(int i) {
        return elements[i];
    }

    @Override
    public boolean equals(Object o) {
        if (this == o) {
            return true;
        }
        return o instanceof JsonArray other && Arrays.equals(elements, other.elements);
    }

    @Override
    public int hashCode() {
        int h = hash;
        if (h == 0) {
            h = Arrays.hashCode(elements);
            hash = h;
        }
        return h;
    }

    /** The canonical JSON text. */
    @Override
    public String toString() {
        return CanonicalJson.encodeToString(this);
    }

    /** Collects elements in order. */
    public static final class Builder {
        private final List<JsonValue> elements = new ArrayList<>();

        private Builder() {}

        public Builder add(JsonValue value) {
            elements.add(Objects.requireNonNull(value, "value"));
            return this;
        }

        public Builder add(String value) {
            return add(JsonString.of(value));
        }

        public Builder add(long value) {
            return add(JsonNumber.of(value));
        }

        public JsonArray build() {
            return of(elements);
        }
    }

    public static Builder builder() {
        return new Builder();
    }
}
