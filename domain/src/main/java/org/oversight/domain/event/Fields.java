package org.oversight.domain.event;

import java.util.Set;
import org.oversight.domain.crypto.Ed25519PublicKey;
import org.oversight.domain.crypto.KeyId;
import org.oversight.domain.crypto.MalformedKeyException;
import org.oversight.domain.crypto.Sha256Digest;
import org.oversight.domain.json.JsonArray;
import org.oversight.domain.json.JsonFieldException;
import org.oversight.domain.json.JsonObject;

/**
 * Typed, validating reads of payload and header members: each failure is an
 * {@link InvalidEventException} naming the member's path from the envelope root and its value.
 */
final class Fields {
    private Fields() {}

    static String path(JsonObject o, String name) {
        return o.path() + "." + name;
    }

    /**
     * Rejects members not in {@code allowed}. The parser then reads each name in {@code allowed},
     * as required unless its format says optional (only {@code searchAuthorisationMs}, format.md §4.4).
     */
    static void only(JsonObject o, Set<String> allowed) throws InvalidEventException {
        try {
            o.requireOnly(allowed);
        } catch (JsonFieldException e) {
            throw InvalidEventException.of(e);
        }
    }

    static String string(JsonObject o, String name) throws InvalidEventException {
        try {
            return o.requireString(name);
        } catch (JsonFieldException e) {
            throw InvalidEventException.of(e);
        }
    }

    static long integer(JsonObject o, String name, long min, long max) throws InvalidEventException {
        try {
            return o.requireLong(name, min, max);
        } catch (JsonFieldException e) {
            throw InvalidEventException.of(e);
        }
    }

    static JsonObject object(JsonObject o, String name) throws InvalidEventException {
        try {
            return o.requireObject(name);
        } catch (JsonFieldException e) {
            throw InvalidEventException.of(e);
        }
    }

    static JsonArray array(JsonObject o, String name, int minSize, int maxSize) throws InvalidEventException {
        try {
            JsonArray a = o.requireArray(name);
            a.requireSize(minSize, maxSize);
            return a;
        } catch (JsonFieldException e) {
            throw InvalidEventException.of(e);
        }
    }

    static JsonObject objectAt(JsonArray a, int index) throws InvalidEventException {
        try {
            return a.requireObject(index);
        } catch (JsonFieldException e) {
            throw InvalidEventException.of(e);
        }
    }

    static JsonArray arrayAt(JsonArray a, int index, int size) throws InvalidEventException {
        try {
            JsonArray inner = a.requireArray(index);
            inner.requireSize(size, size);
            return inner;
        } catch (JsonFieldException e) {
            throw InvalidEventException.of(e);
        }
    }

    static long integerAt(JsonArray a, int index, long min, long max) throws InvalidEventException {
        try {
            long v = a.requireLong(index);
            if (v < min || v > max) {
                throw new InvalidEventException(a.path() + "[" + index + "]", v, "not in " + min + ".." + max);
            }
            return v;
        } catch (JsonFieldException e) {
            throw InvalidEventException.of(e);
        }
    }

    static String identifier(JsonObject o, String name) throws InvalidEventException {
        String s = string(o, name);
        // The path is rendered only for the error message, so not on the valid path.
        return Values.isIdentifier(s) ? s : Values.identifier(path(o, name), s);
    }

    static String text(JsonObject o, String name, int maxCodePoints) throws InvalidEventException {
        return Values.text(path(o, name), string(o, name), maxCodePoints);
    }

    static String token(JsonObject o, String name) throws InvalidEventException {
        String s = string(o, name);
        // The path is rendered only for the error message, so not on the valid path.
        return Values.isToken(s) ? s : Values.token(path(o, name), s);
    }

    static String modelId(JsonObject o, String name) throws InvalidEventException {
        String s = string(o, name);
        // The path is rendered only for the error message, so not on the valid path.
        return Values.isModelId(s) ? s : Values.modelId(path(o, name), s);
    }

    static Timestamp timestamp(JsonObject o, String name) throws InvalidEventException {
        return Timestamp.parse(path(o, name), string(o, name));
    }

    static Sha256Digest digest(JsonObject o, String name) throws InvalidEventException {
        return Sha256Digest.of(Values.digestBytes(path(o, name), string(o, name)));
    }

    static EventHash eventHash(JsonObject o, String name) throws InvalidEventException {
        return EventHash.parse(path(o, name), string(o, name));
    }

    static Ed25519PublicKey publicKey(JsonObject o, String name) throws InvalidEventException {
        String text = string(o, name);
        try {
            return Ed25519PublicKey.parseText(text);
        } catch (MalformedKeyException e) {
            throw new InvalidEventException(path(o, name), text, "not an Ed25519 public key: " + e.getMessage());
        }
    }

    static KeyId keyId(JsonObject o, String name) throws InvalidEventException {
        String text = string(o, name);
        try {
            return KeyId.fromHex(text);
        } catch (MalformedKeyException e) {
            throw new InvalidEventException(path(o, name), text, "not a key id: " + e.getMessage());
        }
    }

    static byte[] base64(JsonObject o, String name, int maxBytes) throws InvalidEventException {
        return Values.base64(path(o, name), string(o, name), maxBytes);
    }
}
