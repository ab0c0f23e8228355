package org.oversight.domain.json;

/** Short renderings of values and bytes for error messages, and UTF-16 well-formedness. */
final class Describe {
    private static final int MAX_VALUE_CHARS = 64;

    private Describe() {}

    /** The value's kind and (truncated) canonical text, e.g. {@code string "abc"}. */
    static String value(JsonValue v) {
        String kind;
        if (v instanceof JsonString) {
            kind = "string ";
        } else if (v instanceof JsonNumber) {
            kind = "integer ";
        } else if (v instanceof JsonObject) {
            kind = "object ";
        } else if (v instanceof JsonArray) {
            kind = "array ";
        } else if (v instanceof JsonBoolean) {
            kind = "boolean ";
        } else {
            kind = "";
        }
        String text = CanonicalJson.encodeToString(v);
        if (text.length() > MAX_VALUE_CHARS) {
            int cut = MAX_VALUE_CHARS;
            if (Character.isHighSurrogate(text.charAt(cut - 1))) {
                cut--;
            }
            text = text.substring(0, cut) + "…(" + text.length() + " chars)";
        }
        return kind + text;
    }

    /** What is at {@code offset} of {@code in}: a printable ASCII char and its code, or a byte. */
    static String at(byte[] in, int offset) {
        if (offset >= in.length) {
            return "end of input";
        }
        int b = in[offset] & 0xff;
        if (b > 0x20 && b < 0x7f) {
            return "'" + (char) b + "' (0x" + hex2(b) + ")";
        }
        return "byte 0x" + hex2(b);
    }

    static String hex2(int b) {
        return Character.forDigit(b >> 4 & 0xf, 16) + "" + Character.forDigit(b & 0xf, 16);
    }

    /** Index of the first unpaired surrogate in {@code s}, or -1 if {@code s} is well-formed UTF-16. */
    static int firstLoneSurrogate(CharSequence s) {
        int n = s.length();
        for (int i = 0; i < n; i++) {
            char c = s.charAt(i);
            if (c < Character.MIN_SURROGATE || c > Character.MAX_SURROGATE) {
                continue;
            }
            if (Character.isHighSurrogate(c) && i + 1 < n && Character.isLowSurrogate(s.charAt(i + 1))) {
                i++;
                continue;
            }
            return i;
        }
        return -1;
    }
}
