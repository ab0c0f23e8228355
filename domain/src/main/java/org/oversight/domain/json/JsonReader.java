package org.oversight.domain.json;

import java.util.Arrays;

/**
 * One recursive-descent reader of the value model for both entry points, on the shared
 * {@link JsonLexer}. In canonical mode every deviation from the RFC 8785 encoding is reported as a
 * {@link NonCanonicalJsonException} at the first byte where it is detected; in lenient mode such
 * deviations are simply accepted (or, for values the model cannot carry, reported as malformed).
 * Input that is not JSON is a {@link MalformedJsonException} in both.
 *
 * <p>Recursion is bounded by {@link JsonLimits#maxDepth()} (≤ {@value JsonLimits#DEPTH_CEILING}),
 * so no input can exhaust the stack.
 */
final class JsonReader extends JsonLexer<JsonValue> {
    private static final int MAX_SAFE_DIGITS = 16;
    /**
     * One growable element buffer per nesting depth, reused by every array read at that depth: an
     * array's elements are collected there and copied out once at their exact count, so that the
     * many small arrays of an event (landmark pairs) cost one allocation each. Safe because an
     * array at depth d is finished before the next one at depth d starts.
     */
    private JsonValue[][] arrayBuffers = new JsonValue[4][];

    private JsonReader(byte[] in, boolean canonical, int maxDepth) {
        super(in, canonical, maxDepth, JsonBoolean.TRUE, JsonBoolean.FALSE, JsonNull.INSTANCE);
    }

    static JsonValue read(byte[] in, boolean canonical, JsonLimits limits) throws JsonException {
        checkInput(in, canonical, limits);
        return new JsonReader(in, canonical, limits.maxDepth()).readDocument();
    }

    /**
     * A deviation from the canonical form of a value that is otherwise valid JSON: refused as
     * non-canonical in canonical mode, as outside the model in lenient mode.
     */
    private JsonException outsideModel(int at, String problem) {
        return canonical ? new NonCanonicalJsonException(at, problem) : new MalformedJsonException(at, problem);
    }

    @Override
    JsonValue string(String value) {
        return JsonString.trusted(value);
    }

    @Override
    JsonObject readObject(int depth) throws JsonException {
        int start = pos;
        if (openIsEmpty((byte) '}')) {
            return JsonObject.empty();
        }
        String[] names = new String[8];
        JsonValue[] values = new JsonValue[8];
        int[] nameOffsets = canonical ? null : new int[8];
        int count = 0;
        String previous = null;
        do {
            int nameOffset = memberNameStart();
            String name = readString();
            if (canonical && previous != null) {
                int cmp = previous.compareTo(name);
                if (cmp == 0) {
                    throw new NonCanonicalJsonException(nameOffset, "duplicate member name " + quote(name));
                }
                if (cmp > 0) {
                    throw new NonCanonicalJsonException(nameOffset, "member name " + quote(name)
                            + " is not sorted after " + quote(previous) + " (UTF-16 code unit order)");
                }
            }
            previous = name;
            nameSeparator();
            if (count == names.length) {
                names = Arrays.copyOf(names, count * 2);
                values = Arrays.copyOf(values, count * 2);
                if (nameOffsets != null) {
                    nameOffsets = Arrays.copyOf(nameOffsets, count * 2);
                }
            }
            names[count] = name;
            values[count] = readValue(depth);
            if (nameOffsets != null) {
                nameOffsets[count] = nameOffset;
            }
            count++;
        } while (more(start, (byte) '}', "object"));
        String[] nameArray = count == names.length ? names : Arrays.copyOf(names, count);
        JsonValue[] valueArray = count == values.length ? values : Arrays.copyOf(values, count);
        if (!canonical) {
            sortMembers(nameArray, valueArray, nameOffsets);
        }
        return new JsonObject(nameArray, valueArray, FieldPath.ROOT);
    }

    /** Sorts members into canonical order, refusing duplicates at the later occurrence. */
    private static void sortMembers(String[] names, JsonValue[] values, int[] offsets)
            throws MalformedJsonException {
        int n = names.length;
        boolean sorted = true;
        for (int i = 1; i < n && sorted; i++) {
            sorted = names[i - 1].compareTo(names[i]) < 0;
        }
        if (sorted) {
            return;
        }
        Integer[] order = new Integer[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        Arrays.sort(order, (a, b) -> names[a].compareTo(names[b]));
        String[] sortedNames = new String[n];
        JsonValue[] sortedValues = new JsonValue[n];
        for (int i = 0; i < n; i++) {
            sortedNames[i] = names[order[i]];
            sortedValues[i] = values[order[i]];
            if (i > 0 && sortedNames[i].equals(sortedNames[i - 1])) {
                int later = Math.max(offsets[order[i]], offsets[order[i - 1]]);
                throw malformed(later, "duplicate member name " + quote(sortedNames[i]));
            }
        }
        System.arraycopy(sortedNames, 0, names, 0, n);
        System.arraycopy(sortedValues, 0, values, 0, n);
    }

    @Override
    JsonArray readArray(int depth) throws JsonException {
        int start = pos;
        if (openIsEmpty((byte) ']')) {
            return JsonArray.empty();
        }
        if (depth >= arrayBuffers.length) {
            arrayBuffers = Arrays.copyOf(arrayBuffers, Math.max(depth + 1, arrayBuffers.length * 2));
        }
        JsonValue[] elements = arrayBuffers[depth];
        if (elements == null) {
            elements = new JsonValue[8];
        }
        int count = 0;
        do {
            if (count == elements.length) {
                elements = Arrays.copyOf(elements, count * 2);
            }
            arrayBuffers[depth] = elements;
            elements[count++] = readValue(depth);
        } while (more(start, (byte) ']', "array"));
        return new JsonArray(Arrays.copyOf(elements, count), FieldPath.ROOT);
    }

    @Override
    JsonNumber readNumber() throws JsonException {
        int start = pos;
        int parts = scanNumber();
        if (parts != 0) {
            throw outsideModel(start, "number " + token(start, pos) + " has a "
                    + ((parts & FRACTION) != 0 ? "fraction" : "exponent") + "; only integers are allowed");
        }
        boolean negative = in[start] == '-';
        int first = negative ? start + 1 : start;
        long magnitude = 0;
        if (pos - first <= MAX_SAFE_DIGITS) {
            for (int i = first; i < pos; i++) {
                magnitude = magnitude * 10 + (in[i] - '0');
            }
        }
        if (pos - first > MAX_SAFE_DIGITS || magnitude > JsonNumber.MAX_SAFE_INTEGER) {
            throw outsideModel(start, "integer " + token(start, pos) + " outside ±(2^53-1)");
        }
        if (negative && magnitude == 0 && canonical) {
            throw new NonCanonicalJsonException(start, "-0 (canonical form is 0)");
        }
        return JsonNumber.trusted(negative ? -magnitude : magnitude);
    }
}
