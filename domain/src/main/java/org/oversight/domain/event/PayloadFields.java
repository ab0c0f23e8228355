package org.oversight.domain.event;

import java.util.Set;
import org.oversight.domain.crypto.Sha256Digest;
import org.oversight.domain.json.JsonArray;
import org.oversight.domain.json.JsonObject;

/**
 * The typed, validating member reads of the event payloads (docs/format.md §4.1 value forms), for
 * the parsers of documents that embed or extend payload values in other packages (the sealed
 * records of {@code org.oversight.domain.seal}). Each failure is an {@link InvalidEventException}
 * naming the member's path and value, with the same messages as the payload parsers.
 */
public final class PayloadFields {
    private PayloadFields() {}

    /** Rejects members not in {@code allowed}; then every name in {@code allowed} is read as required. */
    public static void only(JsonObject o, Set<String> allowed) throws InvalidEventException {
        Fields.only(o, allowed);
    }

    /** A string member, any content. */
    public static String string(JsonObject o, String name) throws InvalidEventException {
        return Fields.string(o, name);
    }

    /** An integer member in {@code [min, max]}. */
    public static long integer(JsonObject o, String name, long min, long max) throws InvalidEventException {
        return Fields.integer(o, name, min, max);
    }

    /** An object member. */
    public static JsonObject object(JsonObject o, String name) throws InvalidEventException {
        return Fields.object(o, name);
    }

    /** An array member of {@code minSize} to {@code maxSize} elements. */
    public static JsonArray array(JsonObject o, String name, int minSize, int maxSize) throws InvalidEventException {
        return Fields.array(o, name, minSize, maxSize);
    }

    /** The object at {@code index} of an array. */
    public static JsonObject objectAt(JsonArray a, int index) throws InvalidEventException {
        return Fields.objectAt(a, index);
    }

    /** An identifier member (1–128 characters of {@code [A-Za-z0-9._:-]}). */
    public static String identifier(JsonObject o, String name) throws InvalidEventException {
        return Fields.identifier(o, name);
    }

    /** A text(N) member. */
    public static String text(JsonObject o, String name, int maxCodePoints) throws InvalidEventException {
        return Fields.text(o, name, maxCodePoints);
    }

    /** A token member. */
    public static String token(JsonObject o, String name) throws InvalidEventException {
        return Fields.token(o, name);
    }

    /** A digest member (64 lowercase hex digits). */
    public static Sha256Digest digest(JsonObject o, String name) throws InvalidEventException {
        return Fields.digest(o, name);
    }

    /** A timestamp member. */
    public static Timestamp timestamp(JsonObject o, String name) throws InvalidEventException {
        return Fields.timestamp(o, name);
    }

    /** A bytes(N) member: canonical padded base64 of 1 to {@code maxBytes} bytes. */
    public static byte[] base64(JsonObject o, String name, int maxBytes) throws InvalidEventException {
        return Fields.base64(o, name, maxBytes);
    }

    /** Whether {@code s} is an identifier (1–128 characters of {@code [A-Za-z0-9._:-]}). */
    public static boolean isIdentifier(String s) {
        return Values.isIdentifier(s);
    }

    /**
     * Checks an identifier given outside JSON.
     *
     * @throws InvalidEventException naming {@code path} and the value
     */
    public static String identifier(String path, String s) throws InvalidEventException {
        return Values.identifier(path, s);
    }

    /**
     * Checks a text(N) value given outside JSON.
     *
     * @throws InvalidEventException naming {@code path} and the value
     */
    public static String text(String path, String s, int maxCodePoints) throws InvalidEventException {
        return Values.text(path, s, maxCodePoints);
    }
}
