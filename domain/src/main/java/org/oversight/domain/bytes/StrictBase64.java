package org.oversight.domain.bytes;

import java.util.Base64;

/**
 * Base64 (RFC 4648 §4, standard alphabet, with padding) with exactly one accepted text per byte
 * string.
 *
 * <p>The JDK decoder tolerates missing padding and ignores non-zero unused bits in the last
 * character, so several texts decode to the same bytes. Signed and hashed formats must not be
 * malleable like that: {@link #decode} accepts only the text that {@link #encode} would produce.
 */
public final class StrictBase64 {
    private StrictBase64() {}

    /** Standard base64 with padding. */
    public static String encode(byte[] bytes) {
        return Base64.getEncoder().encodeToString(bytes);
    }

    /**
     * Decodes canonical padded standard base64.
     *
     * @throws MalformedBase64Exception if {@code text} is not the canonical encoding of some bytes
     *     (bad character, bad length, missing padding, or non-zero unused bits)
     */
    public static byte[] decode(String text) throws MalformedBase64Exception {
        if (text.length() % 4 != 0) {
            throw new MalformedBase64Exception("base64 length " + text.length() + " is not a multiple of 4");
        }
        byte[] bytes;
        try {
            bytes = Base64.getDecoder().decode(text);
        } catch (IllegalArgumentException e) {
            throw new MalformedBase64Exception("invalid base64: " + e.getMessage());
        }
        if (!encode(bytes).equals(text)) {
            throw new MalformedBase64Exception("non-canonical base64 (non-zero unused bits)");
        }
        return bytes;
    }

    /** Text that is not canonical padded standard base64. */
    public static final class MalformedBase64Exception extends Exception {
        public MalformedBase64Exception(String message) {
            super(message);
        }
    }
}
