package org.oversight.domain.json.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.oversight.domain.json.JsonException;
import org.oversight.domain.json.JsonLimits;
import org.oversight.domain.json.MalformedJsonException;

/**
 * General RFC 8785 canonicalisation of JSON text, floating-point numbers included. Parsing is
 * RFC 8259 plus the I-JSON (RFC 7493) constraints RFC 8785 §3.1 imposes: unique member names, no
 * lone surrogates, numbers representable as finite IEEE-754 doubles. Each value is rendered to its
 * canonical text bottom-up; object members are then sorted by name in UTF-16 code unit order.
 * Offsets in error messages are char indexes into the input.
 */
public final class Rfc8785Canonicaliser {
    private final String in;
    private final int maxDepth;
    private int pos;

    private Rfc8785Canonicaliser(String in, int maxDepth) {
        this.in = in;
        this.maxDepth = maxDepth;
    }

    /** The canonical form of {@code json}. */
    public static String canonicalise(String json, JsonLimits limits) throws JsonException {
        if (json.length() > limits.maxBytes()) {
            throw new MalformedJsonException(0, "input length " + json.length() + " > limit " + limits.maxBytes());
        }
        Rfc8785Canonicaliser c = new Rfc8785Canonicaliser(json, limits.maxDepth());
        StringBuilder out = new StringBuilder(json.length());
        c.skipWhitespace();
        c.value(out, 0);
        c.skipWhitespace();
        if (c.pos != json.length()) {
            throw c.malformed("trailing data after the value: " + c.describe());
        }
        return out.toString();
    }

    private MalformedJsonException malformed(String problem) {
        return new MalformedJsonException(pos, problem);
    }

    private String describe() {
        if (pos >= in.length()) {
            return "end of input";
        }
        char c = in.charAt(pos);
        return c > 0x20 && c < 0x7f ? "'" + c + "'" : String.format("U+%04X", (int) c);
    }

    private void skipWhitespace() {
        while (pos < in.length()) {
            char c = in.charAt(pos);
            if (c != ' ' && c != '\t' && c != '\n' && c != '\r') {
                return;
            }
            pos++;
        }
    }

    private void value(StringBuilder out, int depth) throws JsonException {
        if (pos >= in.length()) {
            throw malformed("unexpected end of input, expected a value");
        }
        char c = in.charAt(pos);
        switch (c) {
            case '{' -> object(out, depth + 1);
            case '[' -> array(out, depth + 1);
            case '"' -> writeString(out, string());
            case 't' -> literal(out, "true");
            case 'f' -> literal(out, "false");
            case 'n' -> literal(out, "null");
            default -> {
                if (c == '-' || (c >= '0' && c <= '9')) {
                    number(out);
                } else {
                    throw malformed("unexpected " + describe() + ", expected a value");
                }
            }
        }
    }

    private void checkDepth(int depth) throws MalformedJsonException {
        if (depth > maxDepth) {
            throw malformed("nesting depth " + depth + " > limit " + maxDepth);
        }
    }

    private void literal(StringBuilder out, String word) throws MalformedJsonException {
        if (!in.startsWith(word, pos)) {
            throw malformed("invalid literal, expected '" + word + "'");
        }
        pos += word.length();
        out.append(word);
    }

    private void object(StringBuilder out, int depth) throws JsonException {
        checkDepth(depth);
        pos++;
        skipWhitespace();
        List<Map.Entry<String, String>> members = new ArrayList<>();
        List<Integer> offsets = new ArrayList<>();
        if (pos < in.length() && in.charAt(pos) == '}') {
            pos++;
        } else {
            while (true) {
                if (pos >= in.length() || in.charAt(pos) != '"') {
                    throw malformed("expected a member name string, found " + describe());
                }
                offsets.add(pos);
                String name = string();
                skipWhitespace();
                if (pos >= in.length() || in.charAt(pos) != ':') {
                    throw malformed("expected ':' after member name, found " + describe());
                }
                pos++;
                skipWhitespace();
                StringBuilder v = new StringBuilder();
                value(v, depth);
                members.add(Map.entry(name, v.toString()));
                skipWhitespace();
                if (pos < in.length() && in.charAt(pos) == ',') {
                    pos++;
                    skipWhitespace();
                } else if (pos < in.length() && in.charAt(pos) == '}') {
                    pos++;
                    break;
                } else {
                    throw malformed("expected ',' or '}' in object, found " + describe());
                }
            }
        }
        List<Integer> order = new ArrayList<>();
        for (int i = 0; i < members.size(); i++) {
            order.add(i);
        }
        order.sort((a, b) -> members.get(a).getKey().compareTo(members.get(b).getKey()));
        out.append('{');
        for (int i = 0; i < order.size(); i++) {
            Map.Entry<String, String> m = members.get(order.get(i));
            if (i > 0) {
                if (m.getKey().equals(members.get(order.get(i - 1)).getKey())) {
                    int later = Math.max(offsets.get(order.get(i)), offsets.get(order.get(i - 1)));
                    throw new MalformedJsonException(later, "duplicate member name (I-JSON forbids them)");
                }
                out.append(',');
            }
            writeString(out, m.getKey());
            out.append(':').append(m.getValue());
        }
        out.append('}');
    }

    private void array(StringBuilder out, int depth) throws JsonException {
        checkDepth(depth);
        pos++;
        skipWhitespace();
        out.append('[');
        if (pos < in.length() && in.charAt(pos) == ']') {
            pos++;
            out.append(']');
            return;
        }
        boolean first = true;
        while (true) {
            if (!first) {
                out.append(',');
            }
            first = false;
            value(out, depth);
            skipWhitespace();
            if (pos < in.length() && in.charAt(pos) == ',') {
                pos++;
                skipWhitespace();
            } else if (pos < in.length() && in.charAt(pos) == ']') {
                pos++;
                out.append(']');
                return;
            } else {
                throw malformed("expected ',' or ']' in array, found " + describe());
            }
        }
    }

    private void number(StringBuilder out) throws MalformedJsonException {
        int start = pos;
        if (in.charAt(pos) == '-') {
            pos++;
        }
        if (pos >= in.length() || !isDigit(in.charAt(pos))) {
            throw malformed("expected a digit in number, found " + describe());
        }
        if (in.charAt(pos) == '0') {
            pos++;
            if (pos < in.length() && isDigit(in.charAt(pos))) {
                throw new MalformedJsonException(start, "leading zero in number");
            }
        } else {
            skipDigits();
        }
        if (pos < in.length() && in.charAt(pos) == '.') {
            pos++;
            if (!skipDigits()) {
                throw malformed("expected a digit after '.' in number, found " + describe());
            }
        }
        if (pos < in.length() && (in.charAt(pos) == 'e' || in.charAt(pos) == 'E')) {
            pos++;
            if (pos < in.length() && (in.charAt(pos) == '+' || in.charAt(pos) == '-')) {
                pos++;
            }
            if (!skipDigits()) {
                throw malformed("expected a digit in exponent, found " + describe());
            }
        }
        String token = in.substring(start, pos);
        // Java's parser is correctly rounded (round-half-even), as ECMAScript's is.
        double d = Double.parseDouble(token);
        if (Double.isInfinite(d)) {
            throw new MalformedJsonException(start, "number " + abbreviate(token) + " overflows an IEEE-754 double");
        }
        out.append(EcmaScriptNumbers.toString(d));
    }

    private static String abbreviate(String s) {
        return s.length() <= 40 ? s : s.substring(0, 40) + "…(" + s.length() + " chars)";
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }

    private boolean skipDigits() {
        int from = pos;
        while (pos < in.length() && isDigit(in.charAt(pos))) {
            pos++;
        }
        return pos > from;
    }

    private String string() throws MalformedJsonException {
        int start = pos;
        pos++;
        StringBuilder sb = new StringBuilder();
        while (true) {
            if (pos >= in.length()) {
                throw new MalformedJsonException(start, "unterminated string");
            }
            char c = in.charAt(pos);
            if (c == '"') {
                pos++;
                return sb.toString();
            }
            if (c < 0x20) {
                throw malformed(String.format("unescaped control character U+%04X in string", (int) c));
            }
            if (c == '\\') {
                sb.append(escape());
            } else if (Character.isSurrogate(c)) {
                if (Character.isHighSurrogate(c) && pos + 1 < in.length() && Character.isLowSurrogate(in.charAt(pos + 1))) {
                    sb.append(c).append(in.charAt(pos + 1));
                    pos += 2;
                } else {
                    throw malformed(String.format("lone surrogate U+%04X in string", (int) c));
                }
            } else {
                sb.append(c);
                pos++;
            }
        }
    }

    private String escape() throws MalformedJsonException {
        if (pos + 1 >= in.length()) {
            throw malformed("unterminated escape sequence");
        }
        char e = in.charAt(pos + 1);
        String s = switch (e) {
            case '"' -> "\"";
            case '\\' -> "\\";
            case '/' -> "/";
            case 'b' -> "\b";
            case 'f' -> "\f";
            case 'n' -> "\n";
            case 'r' -> "\r";
            case 't' -> "\t";
            case 'u' -> null;
            default -> throw malformed("invalid escape \\" + e);
        };
        if (s != null) {
            pos += 2;
            return s;
        }
        int at = pos;
        char c = hex4(pos + 2);
        pos += 6;
        if (Character.isLowSurrogate(c)) {
            throw new MalformedJsonException(at, "lone low surrogate escape");
        }
        if (Character.isHighSurrogate(c)) {
            if (pos + 6 <= in.length() && in.charAt(pos) == '\\' && in.charAt(pos + 1) == 'u') {
                char low = hex4(pos + 2);
                if (Character.isLowSurrogate(low)) {
                    pos += 6;
                    return new String(new char[] {c, low});
                }
            }
            throw new MalformedJsonException(at, "lone high surrogate escape");
        }
        return String.valueOf(c);
    }

    private char hex4(int from) throws MalformedJsonException {
        int v = 0;
        for (int i = from; i < from + 4; i++) {
            int d = i < in.length() ? Character.digit(in.charAt(i), 16) : -1;
            if (d < 0 || in.charAt(i) > 0x7f) {
                throw new MalformedJsonException(i, "invalid or truncated \\u escape");
            }
            v = v << 4 | d;
        }
        return (char) v;
    }

    /** RFC 8785 §3.2.2.2 string serialisation (ECMAScript JSON.stringify's QuoteJSONString). */
    static void writeString(StringBuilder out, String s) {
        out.append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\b' -> out.append("\\b");
                case '\f' -> out.append("\\f");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                default -> {
                    if (c < 0x20) {
                        out.append("\\u00").append(Character.forDigit(c >> 4, 16)).append(Character.forDigit(c & 0xf, 16));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        out.append('"');
    }
}
