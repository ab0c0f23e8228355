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
final class PlainJsonReader extends JsonLexer<Object> {

    private PlainJsonReader(byte[] in, int maxDepth) {
        super(in, false, maxDepth, Boolean.TRUE, Boolean.FALSE, PlainJson.NULL);
    }

    static Object read(byte[] in, JsonLimits limits) throws JsonException {
        checkInput(in, false, limits);
        return new PlainJsonReader(in, limits.maxDepth()).readDocument();
    }

    @Override
    Object string(String value) {
        return value;
    }

    @Override
    Object readNumber() throws JsonException {
        int start = pos;
        scanNumber();
        return new PlainJson.Num(new String(in, start, pos - start, StandardCharsets.US_ASCII));
    }

    @Override
    Map<String, Object> readObject(int depth) throws JsonException {
        int start = pos;
        Map<String, Object> members = new LinkedHashMap<>();
        if (openIsEmpty((byte) '}')) {
            return Collections.unmodifiableMap(members);
        }
        do {
            int nameOffset = memberNameStart();
            String name = readString();
            if (members.containsKey(name)) {
                throw malformed(nameOffset, "duplicate member name " + quote(name));
            }
            nameSeparator();
            members.put(name, readValue(depth));
        } while (more(start, (byte) '}', "object"));
        return Collections.unmodifiableMap(members);
    }

    @Override
    List<Object> readArray(int depth) throws JsonException {
        int start = pos;
        List<Object> elements = new ArrayList<>();
        if (openIsEmpty((byte) ']')) {
            return Collections.unmodifiableList(elements);
        }
        do {
            elements.add(readValue(depth));
        } while (more(start, (byte) ']', "array"));
        return Collections.unmodifiableList(elements);
    }
}
