package org.oversight.domain.bytes;

/**
 * Lowercase hexadecimal, the only form digests take in signed content (docs/format.md §2).
 *
 * <p>{@link #decode} is strict: it accepts only an even number of lowercase hex digits, so that a
 * digest has exactly one textual form.
 */
public final class Hex {
    private static final char[] DIGITS = "0123456789abcdef".toCharArray();

    private Hex() {}

    /** Lowercase hex of {@code bytes}; never null. */
    public static String encode(byte[] bytes) {
        char[] out = new char[bytes.length * 2];
        for (int i = 0; i < bytes.length; i++) {
            out[2 * i] = DIGITS[(bytes[i] >> 4) & 0xf];
            out[2 * i + 1] = DIGITS[bytes[i] & 0xf];
        }
        return new String(out);
    }

    /**
     * Decodes lowercase hex.
     *
     * @throws MalformedHexException if {@code text} has odd length or any character outside
     *     {@code [0-9a-f]}; the message names the offending position and character
     */
    public static byte[] decode(String text) throws MalformedHexException {
        if (text.length() % 2 != 0) {
            throw new MalformedHexException("hex length " + text.length() + " is odd");
        }
        byte[] out = new byte[text.length() / 2];
        for (int i = 0; i < out.length; i++) {
            int hi = digit(text, 2 * i);
            int lo = digit(text, 2 * i + 1);
            out[i] = (byte) ((hi << 4) | lo);
        }
        return out;
    }

    private static int digit(String text, int index) throws MalformedHexException {
        char c = text.charAt(index);
        if (c >= '0' && c <= '9') {
            return c - '0';
        }
        if (c >= 'a' && c <= 'f') {
            return c - 'a' + 10;
        }
        throw new MalformedHexException(
                "character '" + c + "' at index " + index + " is not a lowercase hex digit");
    }

    /** Bad hex text: odd length or a character outside {@code [0-9a-f]}. */
    public static final class MalformedHexException extends Exception {
        public MalformedHexException(String message) {
            super(message);
        }
    }
}
