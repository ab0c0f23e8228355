package org.oversight.domain.event;

import java.util.Base64;
import java.util.regex.Pattern;
import org.oversight.domain.bytes.Hex;

/** Validation of the scalar value forms of docs/format.md §4.1, shared by header and payloads. */
final class Values {
    /** Identifier: event ids, principal, camera, entry and match ids. */
    static final Pattern IDENTIFIER = Pattern.compile("[A-Za-z0-9._:-]{1,128}");
    /** Token: enumerations open to policy (watchlist category, match action). */
    static final Pattern TOKEN = Pattern.compile("[a-z0-9][a-z0-9-]{0,63}");
    /** Model id: names a model and version, e.g. {@code face-api/faceRecognitionNet@1.7.15}. */
    static final Pattern MODEL_ID = Pattern.compile("[A-Za-z0-9._:@/+-]{1,128}");

    private Values() {}

    static boolean isIdentifier(String s) {
        // Equivalent to IDENTIFIER.matcher(s).matches(), without a Matcher per call: every
        // parsed header and stream name goes through here.
        if (s == null || s.isEmpty() || s.length() > 128) {
            return false;
        }
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            boolean allowed = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')
                    || c == '.' || c == '_' || c == ':' || c == '-';
            if (!allowed) {
                return false;
            }
        }
        return true;
    }

    static String identifier(String path, String s) throws InvalidEventException {
        if (!isIdentifier(s)) {
            throw new InvalidEventException(path, s, "not an identifier (1-128 chars of [A-Za-z0-9._:-])");
        }
        return s;
    }

    static boolean isToken(String s) {
        return TOKEN.matcher(s).matches();
    }

    static boolean isModelId(String s) {
        // Equivalent to MODEL_ID.matcher(s).matches(), without a Matcher per call: every detection
        // and template carries a model id, and the audit parses millions.
        if (s == null || s.isEmpty() || s.length() > 128) {
            return false;
        }
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            boolean allowed = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')
                    || c == '.' || c == '_' || c == ':' || c == '@' || c == '/' || c == '+' || c == '-';
            if (!allowed) {
                return false;
            }
        }
        return true;
    }

    static String token(String path, String s) throws InvalidEventException {
        if (!isToken(s)) {
            throw new InvalidEventException(path, s, "not a token (1-64 chars of [a-z0-9-], starting [a-z0-9])");
        }
        return s;
    }

    static String modelId(String path, String s) throws InvalidEventException {
        if (!isModelId(s)) {
            throw new InvalidEventException(path, s, "not a model id (1-128 chars of [A-Za-z0-9._:@/+-])");
        }
        return s;
    }

    /** An engine build ({@code MatchProposed}, {@code RetrospectiveSearchPerformed}): 1–128 chars of [A-Za-z0-9._:@/+-]. */
    static String engineVersion(String path, String s) throws InvalidEventException {
        if (!isModelId(s)) {
            throw new InvalidEventException(path, s, "not 1-128 chars of [A-Za-z0-9._:@/+-]");
        }
        return s;
    }

    /**
     * Free text: 1 to {@code maxCodePoints} Unicode code points, no C0/C1 control characters
     * other than line feed, no unpaired surrogates.
     */
    static String text(String path, String s, int maxCodePoints) throws InvalidEventException {
        int n = s.codePointCount(0, s.length());
        if (n < 1 || n > maxCodePoints) {
            throw new InvalidEventException(path, s, "text length " + n + " not in 1.." + maxCodePoints);
        }
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if ((c < 0x20 && c != '\n') || (c >= 0x7f && c <= 0x9f)) {
                throw new InvalidEventException(path, s, "control character U+" + String.format("%04X", (int) c)
                        + " at index " + i);
            }
            if (Character.isHighSurrogate(c)) {
                if (i + 1 >= s.length() || !Character.isLowSurrogate(s.charAt(i + 1))) {
                    throw new InvalidEventException(path, s, "unpaired surrogate at index " + i);
                }
                i++;
            } else if (Character.isLowSurrogate(c)) {
                throw new InvalidEventException(path, s, "unpaired surrogate at index " + i);
            }
        }
        return s;
    }

    /** 64 lowercase hex digits → 32 bytes. */
    static byte[] digestBytes(String path, String hex) throws InvalidEventException {
        if (hex.length() != 64) {
            throw new InvalidEventException(path, hex, "digest is " + hex.length() + " chars, not 64 lowercase hex digits");
        }
        try {
            return Hex.decode(hex);
        } catch (Hex.MalformedHexException e) {
            throw new InvalidEventException(path, hex, e.getMessage());
        }
    }

    /**
     * Canonical base64 (RFC 4648 §4, padded, no whitespace, zero pad bits) of 1 to {@code maxBytes}
     * bytes: exactly one text per byte string.
     */
    static byte[] base64(String path, String text, int maxBytes) throws InvalidEventException {
        byte[] bytes;
        try {
            bytes = Base64.getDecoder().decode(text);
        } catch (IllegalArgumentException e) {
            throw new InvalidEventException(path, text, "not base64: " + e.getMessage());
        }
        if (!Base64.getEncoder().encodeToString(bytes).equals(text)) {
            throw new InvalidEventException(path, text, "not canonical padded base64");
        }
        if (bytes.length < 1 || bytes.length > maxBytes) {
            throw new InvalidEventException(path, text, "decoded length " + bytes.length + " not in 1.." + maxBytes);
        }
        return bytes;
    }

    static long range(String path, long value, long min, long max) throws InvalidEventException {
        if (value < min || value > max) {
            throw new InvalidEventException(path, value, "not in " + min + ".." + max);
        }
        return value;
    }

    /** A validation step that reports with a checked exception. */
    @FunctionalInterface
    interface Check {
        void run() throws InvalidEventException;
    }

    /**
     * Runs {@code check} for a constructor: programmatic construction with bad values is a
     * programming error, so it becomes an {@link IllegalArgumentException} carrying the same message.
     */
    static void unchecked(Check check) {
        try {
            check.run();
        } catch (InvalidEventException e) {
            throw new IllegalArgumentException(e.getMessage(), e);
        }
    }

    static <T> T present(String path, T value) {
        if (value == null) {
            throw new IllegalArgumentException("field " + path + " is null");
        }
        return value;
    }
}
