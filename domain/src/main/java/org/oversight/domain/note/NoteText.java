package org.oversight.domain.note;

/**
 * Byte-level rules shared by parsing and signing: strict UTF-8 (RFC 3629: no overlong forms, no
 * surrogates, nothing above U+10FFFF) and no ASCII control characters other than newline.
 */
final class NoteText {
    private NoteText() {}

    /**
     * Checks {@code bytes[from, to)}; line numbers in messages count from {@code firstLine}.
     *
     * @throws MalformedNoteException at the first offending byte
     */
    static void check(byte[] bytes, int from, int to, int firstLine) throws MalformedNoteException {
        int line = firstLine;
        int i = from;
        while (i < to) {
            int b = bytes[i] & 0xff;
            if (b == '\n') {
                line++;
                i++;
            } else if (b < 0x20) {
                throw new MalformedNoteException("control character 0x" + String.format("%02x", b)
                        + " at byte offset " + i, line);
            } else if (b < 0x80) {
                i++;
            } else {
                int n = sequenceLength(bytes, i, to);
                if (n < 0) {
                    throw new MalformedNoteException("invalid UTF-8 byte 0x" + String.format("%02x", b)
                            + " at byte offset " + i, line);
                }
                i += n;
            }
        }
    }

    /** Length of the valid multi-byte UTF-8 sequence at {@code i}, or -1. */
    private static int sequenceLength(byte[] s, int i, int to) {
        int b0 = s[i] & 0xff;
        int n;
        int lo = 0x80;
        int hi = 0xbf;
        if (b0 >= 0xc2 && b0 <= 0xdf) {
            n = 2;
        } else if (b0 >= 0xe0 && b0 <= 0xef) {
            n = 3;
            if (b0 == 0xe0) {
                lo = 0xa0;
            } else if (b0 == 0xed) {
                hi = 0x9f;
            }
        } else if (b0 >= 0xf0 && b0 <= 0xf4) {
            n = 4;
            if (b0 == 0xf0) {
                lo = 0x90;
            } else if (b0 == 0xf4) {
                hi = 0x8f;
            }
        } else {
            return -1;
        }
        if (i + n > to) {
            return -1;
        }
        int b1 = s[i + 1] & 0xff;
        if (b1 < lo || b1 > hi) {
            return -1;
        }
        for (int k = 2; k < n; k++) {
            int bk = s[i + k] & 0xff;
            if (bk < 0x80 || bk > 0xbf) {
                return -1;
            }
        }
        return n;
    }
}
