package org.oversight.domain.json;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads any RFC 8259 text into {@link PlainJson}'s plain Java values, on the lexer the canonical
 * and lenient readers use. Recursion is bounded by {@link JsonLimits#maxDepth()}.
 */
final class PlainJsonReader extends JsonLexer {

    private PlainJsonReader(byte[] in, int maxDepth) {
        super(in, false, maxDepth);
    }

    static Object read(byte[] in, JsonLimits limits) throws JsonException {
        checkInput(in, false, limits);
        PlainJsonReader r = new PlainJsonReader(in, limits.maxDepth());
        r.skipWhitespace();
        Object v = r.readValue(0);
        r.expectEnd();
        return v;
    }

    private Object readValue(int depth) throws JsonException {
        if (pos >= in.length) {
            throw malformed("unexpected end of input, expected a value");
        }
        byte b = in[pos];
        switch (b) {
            case '"':
                return readString();
            case '{':
                return readObject(checkDepth(depth + 1));
            case '[':
                return readArray(checkDepth(depth + 1));
            case 't':
                readLiteral(TRUE);
                return Boolean.TRUE;
            case 'f':
                readLiteral(FALSE);
                return Boolean.FALSE;
            case 'n':
                readLiteral(NULL);
                return PlainJson.NULL;
            default:
                if (b == '-' || (b >= '0' && b <= '9')) {
                    int start = pos;
                    scanNumber();
                    return new PlainJson.Num(new String(in, start, pos - start, StandardCharsets.US_ASCII));
                }
                throw malformed("unexpected " + Describe.at(in, pos) + ", expected a value");
        }
    }

    private Map<String, Object> readObject(int depth) throws JsonException {
        int start = pos;
        pos++;
        skipWhitespace();
        Map<String, Object> members = new LinkedHashMap<>();
        if (pos < in.length && in[pos] == '}') {
            pos++;
            return Collections.unmodifiableMap(members);
        }
        while (true) {
            if (pos >= in.length || in[pos] != '"') {
                throw malformed("expected a member name string, found " + Describe.at(in, pos));
            }
            int nameOffset = pos;
            String name = readString();
            if (members.containsKey(name)) {
                throw malformed(nameOffset, "duplicate member name " + quote(name));
            }
            skipWhitespace();
            if (pos >= in.length || in[pos] != ':') {
                throw malformed("expected ':' after member name, found " + Describe.at(in, pos));
            }
            pos++;
            skipWhitespace();
            members.put(name, readValue(depth));
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
                return Collections.unmodifiableMap(members);
            } else {
                throw malformed("expected ',' or '}' in object, found " + Describe.at(in, pos));
            }
        }
    }

    private List<Object> readArray(int depth) throws JsonException {
        int start = pos;
        pos++;
        skipWhitespace();
        List<Object> elements = new ArrayList<>();
        if (pos < in.length && in[pos] == ']') {
            pos++;
            return Collections.unmodifiableList(elements);
        }
        while (true) {
            elements.add(readValue(depth));
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
                return Collections.unmodifiableList(elements);
            } else {
                throw malformed("expected ',' or ']' in array, found " + Describe.at(in, pos));
            }
        }
    }
}
