package org.oversight.domain.json;

import java.nio.charset.StandardCharsets;

/**
 * The lexical core every JSON reader here shares: input limits, whitespace, literals, strings
 * (UTF-8 validation, escapes, surrogates), the number grammar and the depth limit. In canonical
 * mode every lexical deviation from the RFC 8785 encoding is a {@link NonCanonicalJsonException} at
 * the first byte where it is detected; otherwise such spellings are accepted. Input that is not
 * JSON is a {@link MalformedJsonException} in both. It walks the value grammar; subclasses build
 * the values: {@link JsonReader} the canonical model, {@link PlainJsonReader} plain Java values.
 *
 * @param <V> the type of the values built
 */
abstract class JsonLexer<V> {
    private static final byte[] TRUE = {'t', 'r', 'u', 'e'};
    private static final byte[] FALSE = {'f', 'a', 'l', 's', 'e'};
    private static final byte[] NULL = {'n', 'u', 'l', 'l'};
    /** Bytes that need no attention inside a string: printable ASCII other than '"' and '\\'. */
    private static final boolean[] PLAIN = new boolean[256];

    static {
        for (int b = 0x20; b < 0x80; b++) {
            PLAIN[b] = b != '"' && b != '\\';
        }
    }

    final byte[] in;
    final boolean canonical;
    private final int maxDepth;
    private final StringBuilder scratch = new StringBuilder();
    private final V trueValue;
    private final V falseValue;
    private final V nullValue;
    int pos;

    JsonLexer(byte[] in, boolean canonical, int maxDepth, V trueValue, V falseValue, V nullValue) {
        this.in = in;
        this.canonical = canonical;
        this.maxDepth = maxDepth;
        this.trueValue = trueValue;
        this.falseValue = falseValue;
        this.nullValue = nullValue;
    }

    /** The value of a string, read by {@link #readString}. */
    abstract V string(String value);

    /** Reads the number at {@code pos} (a '-' or a digit), with the help of {@link #scanNumber}. */
    abstract V readNumber() throws JsonException;

    /** Reads the object at {@code pos} (its '{'), at nesting {@code depth} (already checked). */
    abstract V readObject(int depth) throws JsonException;

    /** Reads the array at {@code pos} (its '['), at nesting {@code depth} (already checked). */
    abstract V readArray(int depth) throws JsonException;

    /** Reads the whole input as one value, surrounded by nothing but whitespace. */
    final V readDocument() throws JsonException {
        skipWhitespace();
        V v = readValue(0);
        expectEnd();
        return v;
    }

    /** Reads the value at {@code pos}, whose enclosing container is at nesting {@code depth}. */
    final V readValue(int depth) throws JsonException {
        if (pos >= in.length) {
            throw malformed("unexpected end of input, expected a value");
        }
        byte b = in[pos];
        switch (b) {
            case '"':
                return string(readString());
            case '{':
                return readObject(checkDepth(depth + 1));
            case '[':
                return readArray(checkDepth(depth + 1));
            case 't':
                readLiteral(TRUE);
                return trueValue;
            case 'f':
                readLiteral(FALSE);
                return falseValue;
            case 'n':
                readLiteral(NULL);
                return nullValue;
            default:
                if (b == '-' || (b >= '0' && b <= '9')) {
                    return readNumber();
                }
                throw malformed("unexpected " + Describe.at(in, pos) + ", expected a value");
        }
    }

    /** Refuses input that exceeds {@code limits}, is empty or starts with a byte order mark. */
    static void checkInput(byte[] in, boolean canonical, JsonLimits limits) throws JsonException {
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
    }

    /**
     * At an opening '{' or '[': steps over it and any whitespace, and returns whether the container
     * is empty, having then also stepped over {@code close}.
     */
    final boolean openIsEmpty(byte close) throws NonCanonicalJsonException {
        pos++;
        skipWhitespace();
        if (pos < in.length && in[pos] == close) {
            pos++;
            return true;
        }
        return false;
    }

    /** Where a member must start: checks for the name's opening quote and returns its offset. */
    final int memberNameStart() throws MalformedJsonException {
        if (pos >= in.length || in[pos] != '"') {
            throw malformed("expected a member name string, found " + Describe.at(in, pos));
        }
        return pos;
    }

    /** After a member name: whitespace, the ':' and whitespace. */
    final void nameSeparator() throws JsonException {
        skipWhitespace();
        if (pos >= in.length || in[pos] != ':') {
            throw malformed("expected ':' after member name, found " + Describe.at(in, pos));
        }
        pos++;
        skipWhitespace();
    }

    /**
     * After a member or element of the {@code container} ("object" or "array") that opened at
     * {@code start}: steps over whitespace and then a ',' (returning true, more follows, after any
     * whitespace) or the closing {@code close} (returning false).
     */
    final boolean more(int start, byte close, String container) throws JsonException {
        skipWhitespace();
        if (pos >= in.length) {
            throw malformed("unterminated " + container + " starting at offset " + start);
        }
        byte b = in[pos];
        if (b == ',') {
            pos++;
            skipWhitespace();
            return true;
        }
        if (b == close) {
            pos++;
            return false;
        }
        throw malformed("expected ',' or '" + (char) close + "' in " + container + ", found " + Describe.at(in, pos));
    }

    /** After the top-level value: only whitespace may follow. */
    private void expectEnd() throws JsonException {
        skipWhitespace();
        if (pos != in.length) {
            throw malformed("trailing data after the value: " + Describe.at(in, pos));
        }
    }

    final MalformedJsonException malformed(String problem) {
        return new MalformedJsonException(pos, problem);
    }

    static MalformedJsonException malformed(int at, String problem) {
        return new MalformedJsonException(at, problem);
    }

    final void skipWhitespace() throws NonCanonicalJsonException {
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

    /** {@link #scanNumber} result bit: the number has a fraction part. */
    static final int FRACTION = 1;
    /** {@link #scanNumber} result bit: the number has an exponent part. */
    static final int EXPONENT = 2;

    /**
     * Scans an RFC 8259 number starting at {@code pos} (a '-' or a digit) and leaves {@code pos}
     * after it; returns which of {@link #FRACTION} and {@link #EXPONENT} it has (0 for an integer).
     * What the number may be is for the caller to decide.
     */
    final int scanNumber() throws MalformedJsonException {
        int start = pos;
        if (in[pos] == '-') {
            pos++;
        }
        if (pos >= in.length || in[pos] < '0' || in[pos] > '9') {
            throw malformed("expected a digit in number, found " + Describe.at(in, pos));
        }
        if (in[pos] == '0') {
            pos++;
            if (pos < in.length && in[pos] >= '0' && in[pos] <= '9') {
                throw malformed(start, "leading zero in number " + token(start, pos + 1));
            }
        } else {
            skipDigits();
        }
        int parts = 0;
        if (pos < in.length && in[pos] == '.') {
            pos++;
            if (!skipDigits()) {
                throw malformed("expected a digit after '.' in number, found " + Describe.at(in, pos));
            }
            parts |= FRACTION;
        }
        if (pos < in.length && (in[pos] == 'e' || in[pos] == 'E')) {
            pos++;
            if (pos < in.length && (in[pos] == '+' || in[pos] == '-')) {
                pos++;
            }
            if (!skipDigits()) {
                throw malformed("expected a digit in exponent, found " + Describe.at(in, pos));
            }
            parts |= EXPONENT;
        }
        return parts;
    }

    private boolean skipDigits() {
        int from = pos;
        while (pos < in.length && in[pos] >= '0' && in[pos] <= '9') {
            pos++;
        }
        return pos > from;
    }

    final String token(int from, int to) {
        int end = Math.min(to, from + 40);
        String text = new String(in, from, end - from, StandardCharsets.ISO_8859_1);
        return end < to ? text + "…(" + (to - from) + " bytes)" : text;
    }

    /**
     * Reads a string starting at the opening quote. The fast path covers strings without escapes:
     * it validates UTF-8 in place and decodes once.
     */
    final String readString() throws JsonException {
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

    static String quote(String s) {
        return CanonicalJson.encodeToString(JsonString.trusted(s));
    }
}
