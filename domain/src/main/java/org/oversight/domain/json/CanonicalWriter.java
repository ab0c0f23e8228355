package org.oversight.domain.json;

import java.util.Arrays;

/**
 * Writes the RFC 8785 encoding of a {@link JsonValue} straight into a growable byte buffer: no
 * intermediate strings, one capacity check per string rather than per character.
 */
final class CanonicalWriter {
    private static final int INITIAL_CAPACITY = 8 << 10;
    private static final int RETAINED_CAPACITY = 256 << 10;
    private static final ThreadLocal<CanonicalWriter> PER_THREAD = ThreadLocal.withInitial(CanonicalWriter::new);
    private static final byte[] HEX = "0123456789abcdef".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
    private static final byte[] TRUE = {'t', 'r', 'u', 'e'};
    private static final byte[] FALSE = {'f', 'a', 'l', 's', 'e'};
    private static final byte[] NULL = {'n', 'u', 'l', 'l'};

    /** ASCII characters written as themselves: printable, other than '"' and '\\'. */
    private static final boolean[] PLAIN = new boolean[0x80];

    static {
        for (int c = 0x20; c < 0x80; c++) {
            PLAIN[c] = c != '"' && c != '\\';
        }
    }

    private byte[] buf = new byte[INITIAL_CAPACITY];
    private char[] chars = new char[1024];
    private int len;

    static byte[] encode(JsonValue value) {
        CanonicalWriter w = PER_THREAD.get();
        w.len = 0;
        try {
            w.write(value);
            return Arrays.copyOf(w.buf, w.len);
        } finally {
            if (w.buf.length > RETAINED_CAPACITY) {
                w.buf = new byte[INITIAL_CAPACITY];
            }
        }
    }

    private void write(JsonValue v) {
        if (v instanceof JsonString s) {
            writeString(s.value());
        } else if (v instanceof JsonNumber n) {
            writeLong(n.value());
        } else if (v instanceof JsonObject o) {
            writeObject(o);
        } else if (v instanceof JsonArray a) {
            writeArray(a);
        } else if (v instanceof JsonBoolean b) {
            writeRaw(b.value() ? TRUE : FALSE);
        } else {
            writeRaw(NULL);
        }
    }

    private void writeObject(JsonObject o) {
        int n = o.size();
        writeByte('{');
        for (int i = 0; i < n; i++) {
            if (i > 0) {
                writeByte(',');
            }
            writeString(o.nameAt(i));
            writeByte(':');
            write(o.valueAt(i));
        }
        writeByte('}');
    }

    private void writeArray(JsonArray a) {
        int n = a.size();
        writeByte('[');
        for (int i = 0; i < n; i++) {
            if (i > 0) {
                writeByte(',');
            }
            write(a.elementAt(i));
        }
        writeByte(']');
    }

    private void writeRaw(byte[] bytes) {
        ensure(bytes.length);
        System.arraycopy(bytes, 0, buf, len, bytes.length);
        len += bytes.length;
    }

    private void writeByte(char c) {
        if (len == buf.length) {
            ensure(1);
        }
        buf[len++] = (byte) c;
    }

    private void writeLong(long v) {
        ensure(20);
        byte[] b = buf;
        int p = len;
        if (v < 0) {
            b[p++] = '-';
            v = -v;
        }
        int digits = 1;
        for (long t = v; t >= 10; t /= 10) {
            digits++;
        }
        int end = p + digits;
        for (int i = end - 1; i >= p; i--) {
            b[i] = (byte) ('0' + (int) (v % 10));
            v /= 10;
        }
        len = end;
    }

    /** JCS string: escapes exactly quote, backslash, BS, FF, LF, CR, TAB by name and other controls as lowercase {@code \}{@code u00xx}. */
    private void writeString(String s) {
        int n = s.length();
        ensure(6L * n + 2);
        char[] cs = chars;
        if (cs.length < n) {
            cs = new char[Math.max(n, 2 * cs.length)];
            if (n <= RETAINED_CAPACITY) {
                chars = cs;
            }
        }
        // One bulk copy out of the String, then plain array indexing in the loop.
        s.getChars(0, n, cs, 0);
        byte[] b = buf;
        int p = len;
        b[p++] = '"';
        for (int i = 0; i < n; i++) {
            char c = cs[i];
            if (c < 0x80) {
                if (PLAIN[c]) {
                    b[p++] = (byte) c;
                } else {
                    p = writeEscape(b, p, c);
                }
            } else if (c < 0x800) {
                b[p++] = (byte) (0xc0 | c >> 6);
                b[p++] = (byte) (0x80 | c & 0x3f);
            } else if (Character.isHighSurrogate(c)) {
                // Strings in the model are well-formed UTF-16, so a low surrogate follows.
                int cp = Character.toCodePoint(c, cs[++i]);
                b[p++] = (byte) (0xf0 | cp >> 18);
                b[p++] = (byte) (0x80 | cp >> 12 & 0x3f);
                b[p++] = (byte) (0x80 | cp >> 6 & 0x3f);
                b[p++] = (byte) (0x80 | cp & 0x3f);
            } else {
                b[p++] = (byte) (0xe0 | c >> 12);
                b[p++] = (byte) (0x80 | c >> 6 & 0x3f);
                b[p++] = (byte) (0x80 | c & 0x3f);
            }
        }
        b[p++] = '"';
        len = p;
    }

    private static int writeEscape(byte[] b, int p, char c) {
        b[p++] = '\\';
        switch (c) {
            case '"' -> b[p++] = '"';
            case '\\' -> b[p++] = '\\';
            case '\b' -> b[p++] = 'b';
            case '\f' -> b[p++] = 'f';
            case '\n' -> b[p++] = 'n';
            case '\r' -> b[p++] = 'r';
            case '\t' -> b[p++] = 't';
            default -> {
                b[p++] = 'u';
                b[p++] = '0';
                b[p++] = '0';
                b[p++] = HEX[c >> 4];
                b[p++] = HEX[c & 0xf];
            }
        }
        return p;
    }

    private void ensure(long extra) {
        long needed = len + extra;
        if (needed <= buf.length) {
            return;
        }
        if (needed > Integer.MAX_VALUE - 8) {
            throw new IllegalStateException("canonical encoding exceeds " + (Integer.MAX_VALUE - 8) + " bytes");
        }
        long grown = Math.max(needed, Math.min((long) buf.length * 2, Integer.MAX_VALUE - 8));
        buf = Arrays.copyOf(buf, (int) grown);
    }
}
