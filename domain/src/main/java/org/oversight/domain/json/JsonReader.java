package org.oversight.domain.json;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * One recursive-descent reader for both entry points. In canonical mode every deviation from the
 * RFC 8785 encoding is reported as a {@link NonCanonicalJsonException} at the first byte where it
 * is detected; in lenient mode such deviations are simply accepted (or, for values the model cannot
 * carry, reported as malformed). Input that is not JSON is a {@link MalformedJsonException} in both.
 *
 * <p>Recursion is bounded by {@link JsonLimits#maxDepth()} (≤ {@value JsonLimits#DEPTH_CEILING}),
 * so no input can exhaust the stack.
 */
final class JsonReader {
    private static final byte[] TRUE = {'t', 'r', 'u', 'e'};
    private static final byte[] FALSE = {'f', 'a', 'l', 's', 'e'};
    private static final byte[] NULL = {'n', 'u', 'l', 'l'};
    private static final int MAX_SAFE_DIGITS = 16;
    /** Bytes that need no attention inside a string: printable ASCII other than '"' and '\\'. */
    private static final boolean[] PLAIN = new boolean[256];

    static {
        for (int b = 0x20; b < 0x80; b++) {
            PLAIN[b] = b != '"' && b != '\\';
        }
    }

    private final byte[] in;
    private final boolean canonical;
    private final int maxDepth;
    private final StringBuilder scratch = new StringBuilder();
    /**
     * One growable element buffer per nesting depth, reused by every array read at that depth: an
     * array's elements are collected there and copied out once at their exact count, so that the
     * many small arrays of an event (landmark pairs) cost one allocation each. Safe because an
     * array at depth d is finished before the next one at depth d starts.
     */
    private JsonValue[][] arrayBuffers = new JsonValue[4][];
    private int pos;

    private JsonReader(byte[] in, boolean canonical, int maxDepth) {
        this.in = in;
        this.canonical = canonical;
        this.maxDepth = maxDepth;
    }

    static JsonValue read(byte[] in, boolean canonical, JsonLimits limits) throws JsonException {
        if (in.length > limits.maxBytes()) {
            throw new MalformedJsonException(0, "input length " + in.length + " > limit " + limits.maxBytes());
        }
        if (in.length == 0) {
            throw new MalformedJsonException(0, "empty input");
        }
        if (in.length >= 3 && (in[0] & 0xff) == 0xef && (in[1] & 0xff) == 0xbb && (in[2] & 0xff) == 0xbf) {
            if (canonical) {
                throw new NonCanonicalJsonException(0, "byte order mark ef bb bf");
            }
            throw new MalformedJsonException(0, "byte order mark ef bb bf (JSON text must not start with one)");
        }
        JsonReader r = new JsonReader(in, canonical, limits.maxDepth());
        r.skipWhitespace();
        JsonValue v = r.readValue(0);
        r.skipWhitespace();
        if (r.pos != in.length) {
            throw r.malformed("trailing data after the value: " + Describe.at(in, r.pos));
        }
        return v;
    }

    private MalformedJsonException malformed(String problem) {
        return new MalformedJsonException(pos, problem);
    }

    private static MalformedJsonException malformed(int at, String problem) {
        return new MalformedJsonException(at, problem);
    }

    /**
     * A deviation from the canonical form of a value that is otherwise valid JSON: refused as
     * non-canonical in canonical mode, as outside the model in lenient mode.
     */
    private JsonException outsideModel(int at, String problem) {
        return canonical ? new NonCanonicalJsonException(at, problem) : new MalformedJsonException(at, problem);
    }

    private void skipWhitespace() throws NonCanonicalJsonException {
        while (pos < in.length) {
            byte b = in[pos];
            if (b != ' ' && b != '\t' && b != '\n' && b != '\r') {
                return;
            }
            if (canonical) {
                throw new NonCanonicalJsonException(pos, "whitespace byte 0x" + Describe.hex2(b));
            }
            pos++;
        }
    }

    private JsonValue readValue(int depth) throws JsonException {
        if (pos >= in.length) {
            throw malformed("unexpected end of input, expected a value");
        }
        byte b = in[pos];
        switch (b) {
            case '"':
                return JsonString.trusted(readString());
            case '{':
                return readObject(checkDepth(depth + 1));
            case '[':
                return readArray(checkDepth(depth + 1));
            case 't':
                readLiteral(TRUE);
                return JsonBoolean.TRUE;
            case 'f':
                readLiteral(FALSE);
                return JsonBoolean.FALSE;
            case 'n':
                readLiteral(NULL);
                return JsonNull.INSTANCE;
            default:
                if (b == '-' || (b >= '0' && b <= '9')) {
                    return readNumber();
                }
                throw malformed("unexpected " + Describe.at(in, pos) + ", expected a value");
        }
    }

    private int checkDepth(int depth) throws MalformedJsonException {
        if (depth > maxDepth) {
            throw malformed("nesting depth " + depth + " > limit " + maxDepth);
        }
        return depth;
    }

    private void readLiteral(byte[] literal) throws MalformedJsonException {
        for (int i = 0; i < literal.length; i++) {
            if (pos + i >= in.length || in[pos + i] != literal[i]) {
                throw malformed(pos + i, "invalid literal, expected '"
                        + new String(literal, StandardCharsets.US_ASCII) + "' but found " + Describe.at(in, pos + i));
            }
        }
        pos += literal.length;
    }

    private JsonObject readObject(int depth) throws JsonException {
        int start = pos;
        pos++;
        skipWhitespace();
        if (pos < in.length && in[pos] == '}') {
            pos++;
            return JsonObject.empty();
        }
        String[] names = new String[8];
        JsonValue[] values = new JsonValue[8];
        int[] nameOffsets = canonical ? null : new int[8];
        int count = 0;
        String previous = null;
        while (true) {
            if (pos >= in.length || in[pos] != '"') {
                throw malformed("expected a member name string, found " + Describe.at(in, pos));
            }
            int nameOffset = pos;
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
            skipWhitespace();
            if (pos >= in.length || in[pos] != ':') {
                throw malformed("expected ':' after member name, found " + Describe.at(in, pos));
            }
            pos++;
            skipWhitespace();
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
            skipWhitespace();
            if (pos >= in.length) {
                throw malformed("unterminated object starting at offset " + start);
            }
            byte b = in[pos];
            if (b == ',') {
                pos++;
                skipWhitespace();
            } else if (b == '}') {
                pos++;
                break;
            } else {
                throw malformed("expected ',' or '}' in object, found " + Describe.at(in, pos));
            }
        }
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

    private JsonArray readArray(int depth) throws JsonException {
        int start = pos;
        pos++;
        skipWhitespace();
        if (pos < in.length && in[pos] == ']') {
            pos++;
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
        while (true) {
            if (count == elements.length) {
                elements = Arrays.copyOf(elements, count * 2);
            }
            arrayBuffers[depth] = elements;
            elements[count++] = readValue(depth);
            skipWhitespace();
            if (pos >= in.length) {
                throw malformed("unterminated array starting at offset " + start);
            }
            byte b = in[pos];
            if (b == ',') {
                pos++;
                skipWhitespace();
            } else if (b == ']') {
                pos++;
                break;
            } else {
                throw malformed("expected ',' or ']' in array, found " + Describe.at(in, pos));
            }
        }
        return new JsonArray(Arrays.copyOf(elements, count), FieldPath.ROOT);
    }

    private JsonNumber readNumber() throws JsonException {
        int start = pos;
        boolean negative = false;
        if (in[pos] == '-') {
            negative = true;
            pos++;
        }
        if (pos >= in.length || in[pos] < '0' || in[pos] > '9') {
            throw malformed("expected a digit in number, found " + Describe.at(in, pos));
        }
        long magnitude = 0;
        int digits = 0;
        if (in[pos] == '0') {
            pos++;
            digits = 1;
            if (pos < in.length && in[pos] >= '0' && in[pos] <= '9') {
                throw malformed(start, "leading zero in number " + token(start, pos + 1));
            }
        } else {
            while (pos < in.length && in[pos] >= '0' && in[pos] <= '9') {
                if (digits < MAX_SAFE_DIGITS) {
                    magnitude = magnitude * 10 + (in[pos] - '0');
                }
                digits++;
                pos++;
            }
        }
        boolean fraction = false;
        boolean exponent = false;
        if (pos < in.length && in[pos] == '.') {
            pos++;
            if (!skipDigits()) {
                throw malformed("expected a digit after '.' in number, found " + Describe.at(in, pos));
            }
            fraction = true;
        }
        if (pos < in.length && (in[pos] == 'e' || in[pos] == 'E')) {
            pos++;
            if (pos < in.length && (in[pos] == '+' || in[pos] == '-')) {
                pos++;
            }
            if (!skipDigits()) {
                throw malformed("expected a digit in exponent, found " + Describe.at(in, pos));
            }
            exponent = true;
        }
        if (fraction || exponent) {
            throw outsideModel(start, "number " + token(start, pos) + " has a "
                    + (fraction ? "fraction" : "exponent") + "; only integers are allowed");
        }
        if (digits > MAX_SAFE_DIGITS || magnitude > JsonNumber.MAX_SAFE_INTEGER) {
            throw outsideModel(start, "integer " + token(start, pos) + " outside ±(2^53-1)");
        }
        if (negative && magnitude == 0 && canonical) {
            throw new NonCanonicalJsonException(start, "-0 (canonical form is 0)");
        }
        return JsonNumber.trusted(negative ? -magnitude : magnitude);
    }

    private boolean skipDigits() {
        int from = pos;
        while (pos < in.length && in[pos] >= '0' && in[pos] <= '9') {
            pos++;
        }
        return pos > from;
    }

    private String token(int from, int to) {
        int end = Math.min(to, from + 40);
        String text = new String(in, from, end - from, StandardCharsets.ISO_8859_1);
        return end < to ? text + "…(" + (to - from) + " bytes)" : text;
    }

    /**
     * Reads a string starting at the opening quote. The fast path covers strings without escapes:
     * it validates UTF-8 in place and decodes once.
     */
    private String readString() throws JsonException {
        int start = ++pos;
        boolean ascii = true;
        byte[] input = in;
        int end = input.length;
        while (pos < end) {
            int p = pos;
            while (p < end && PLAIN[input[p] & 0xff]) {
                p++;
            }
            pos = p;
            if (p == end) {
                break;
            }
            int b = input[p] & 0xff;
            if (b == '"') {
                String s = ascii
                        ? new String(in, start, pos - start, StandardCharsets.ISO_8859_1)
                        : new String(in, start, pos - start, StandardCharsets.UTF_8);
                pos++;
                return s;
            }
            if (b == '\\') {
                return readEscapedString(start);
            }
            if (b < 0x20) {
                throw malformed("unescaped control character 0x" + Describe.hex2(b) + " in string");
            }
            ascii = false;
            pos += utf8SequenceLength();
        }
        throw malformed(start - 1, "unterminated string");
    }

    /** Continues a string from {@code start} after the first escape has been found at {@code pos}. */
    private String readEscapedString(int start) throws JsonException {
        StringBuilder sb = scratch;
        sb.setLength(0);
        sb.append(new String(in, start, pos - start, StandardCharsets.UTF_8));
        while (pos < in.length) {
            int b = in[pos] & 0xff;
            if (b == '"') {
                pos++;
                return sb.toString();
            }
            if (b == '\\') {
                readEscape(sb);
            } else if (b < 0x20) {
                throw malformed("unescaped control character 0x" + Describe.hex2(b) + " in string");
            } else if (b < 0x80) {
                sb.append((char) b);
                pos++;
            } else {
                int n = utf8SequenceLength();
                sb.appendCodePoint(decodeValidated(n));
                pos += n;
            }
        }
        throw malformed(start - 1, "unterminated string");
    }

    /** The code point of the {@code n}-byte sequence at {@code pos}, already validated. */
    private int decodeValidated(int n) {
        int b0 = in[pos] & 0xff;
        int b1 = in[pos + 1] & 0x3f;
        if (n == 2) {
            return (b0 & 0x1f) << 6 | b1;
        }
        int b2 = in[pos + 2] & 0x3f;
        if (n == 3) {
            return (b0 & 0x0f) << 12 | b1 << 6 | b2;
        }
        return (b0 & 0x07) << 18 | b1 << 12 | b2 << 6 | (in[pos + 3] & 0x3f);
    }

    private void readEscape(StringBuilder sb) throws JsonException {
        int at = pos;
        if (pos + 1 >= in.length) {
            throw malformed("unterminated escape sequence");
        }
        byte e = in[pos + 1];
        char c;
        switch (e) {
            case '"' -> c = '"';
            case '\\' -> c = '\\';
            case 'b' -> c = '\b';
            case 'f' -> c = '\f';
            case 'n' -> c = '\n';
            case 'r' -> c = '\r';
            case 't' -> c = '\t';
            case '/' -> {
                if (canonical) {
                    throw new NonCanonicalJsonException(at, "escape \\/ (canonical form is a literal '/')");
                }
                c = '/';
            }
            case 'u' -> {
                readUnicodeEscape(sb, at);
                return;
            }
            default -> throw malformed("invalid escape \\" + (e > 0x20 && e < 0x7f ? String.valueOf((char) e)
                    : "<byte 0x" + Describe.hex2(e & 0xff) + ">"));
        }
        sb.append(c);
        pos += 2;
    }

    private void readUnicodeEscape(StringBuilder sb, int at) throws JsonException {
        char c = hex4(at);
        pos = at + 6;
        if (Character.isLowSurrogate(c)) {
            throw malformed(at, "lone low surrogate escape " + token(at, at + 6));
        }
        if (Character.isHighSurrogate(c)) {
            if (pos + 6 > in.length || in[pos] != '\\' || in[pos + 1] != 'u') {
                throw malformed(at, "lone high surrogate escape " + token(at, at + 6));
            }
            char low = hex4(pos);
            if (!Character.isLowSurrogate(low)) {
                throw malformed(at, "high surrogate escape " + token(at, at + 6)
                        + " not followed by a low surrogate escape");
            }
            if (canonical) {
                throw new NonCanonicalJsonException(at, "escaped character U+"
                        + Integer.toHexString(Character.toCodePoint(c, low)).toUpperCase(java.util.Locale.ROOT)
                        + " (canonical form is literal UTF-8)");
            }
            pos += 6;
            sb.append(c).append(low);
            return;
        }
        if (canonical) {
            checkCanonicalUnicodeEscape(c, at);
        }
        sb.append(c);
    }

    private void checkCanonicalUnicodeEscape(char c, int at) throws NonCanonicalJsonException {
        String text = token(at, at + 6);
        if (c >= 0x20) {
            throw new NonCanonicalJsonException(at, "escape " + text + " of a non-control character"
                    + " (canonical form is literal UTF-8)");
        }
        switch (c) {
            case '\b', '\f', '\n', '\r', '\t' -> throw new NonCanonicalJsonException(at, "escape " + text
                    + " has a short form (canonical form is " + shortEscape(c) + ")");
            default -> { }
        }
        for (int i = at + 2; i < at + 6; i++) {
            if (in[i] >= 'A' && in[i] <= 'F') {
                throw new NonCanonicalJsonException(at, "escape " + text + " uses upper-case hex digits");
            }
        }
    }

    private static String shortEscape(char c) {
        return switch (c) {
            case '\b' -> "\\b";
            case '\f' -> "\\f";
            case '\n' -> "\\n";
            case '\r' -> "\\r";
            default -> "\\t";
        };
    }

    /** The four hex digits of a {@code \}{@code uXXXX} escape at {@code at}. */
    private char hex4(int at) throws MalformedJsonException {
        int v = 0;
        for (int i = at + 2; i < at + 6; i++) {
            if (i >= in.length) {
                throw malformed(i, "truncated \\u escape");
            }
            int d = Character.digit(in[i] & 0xff, 16);
            if (d < 0 || (in[i] & 0x80) != 0) {
                throw malformed(i, "invalid hex digit " + Describe.at(in, i) + " in \\u escape");
            }
            v = v << 4 | d;
        }
        return (char) v;
    }

    /**
     * Validates the UTF-8 sequence starting at {@code pos} (a byte ≥ 0x80) and returns its length.
     * Only shortest-form encodings of Unicode scalar values are accepted (Unicode Table 3-7): no
     * overlong forms, no encoded surrogates, nothing above U+10FFFF.
     */
    private int utf8SequenceLength() throws MalformedJsonException {
        int b0 = in[pos] & 0xff;
        int n;
        int min2 = 0x80;
        int max2 = 0xbf;
        if (b0 < 0xc2) {
            throw malformed(b0 < 0xc0 ? "invalid UTF-8: unexpected continuation byte 0x" + Describe.hex2(b0)
                    : "invalid UTF-8: overlong 2-byte sequence lead byte 0x" + Describe.hex2(b0));
        } else if (b0 < 0xe0) {
            n = 2;
        } else if (b0 < 0xf0) {
            n = 3;
            if (b0 == 0xe0) {
                min2 = 0xa0;
            } else if (b0 == 0xed) {
                max2 = 0x9f;
            }
        } else if (b0 < 0xf5) {
            n = 4;
            if (b0 == 0xf0) {
                min2 = 0x90;
            } else if (b0 == 0xf4) {
                max2 = 0x8f;
            }
        } else {
            throw malformed("invalid UTF-8: byte 0x" + Describe.hex2(b0) + " never occurs in UTF-8");
        }
        if (pos + n > in.length) {
            throw malformed("invalid UTF-8: truncated " + n + "-byte sequence at end of input");
        }
        int b1 = in[pos + 1] & 0xff;
        if (b1 < min2 || b1 > max2) {
            String why;
            if (b1 < 0x80 || b1 > 0xbf) {
                why = "truncated " + n + "-byte sequence";
            } else if (b0 == 0xed) {
                why = "encoded surrogate";
            } else if (b0 == 0xf4) {
                why = "code point above U+10FFFF";
            } else {
                why = "overlong " + n + "-byte sequence";
            }
            throw malformed("invalid UTF-8: " + why + " " + Describe.hex2(b0) + " " + Describe.hex2(b1));
        }
        for (int i = 2; i < n; i++) {
            int bi = in[pos + i] & 0xff;
            if (bi < 0x80 || bi > 0xbf) {
                throw malformed("invalid UTF-8: truncated " + n + "-byte sequence, byte 0x" + Describe.hex2(bi)
                        + " at offset " + (pos + i) + " is not a continuation byte");
            }
        }
        return n;
    }

    private static String quote(String s) {
        return CanonicalJson.encodeToString(JsonString.trusted(s));
    }
}
