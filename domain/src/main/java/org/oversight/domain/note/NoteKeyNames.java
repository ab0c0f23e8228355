package org.oversight.domain.note;

/**
 * The signed-note rule for key names: non-empty, no Unicode spaces, no plus (U+002B).
 *
 * <p>"Unicode spaces" follows Go's {@code unicode.IsSpace} (the Unicode White_Space property), which
 * the reference implementation uses. ASCII control characters are rejected too: a note may not
 * contain them, so a name containing one could never appear in a well-formed note.
 */
public final class NoteKeyNames {
    private NoteKeyNames() {}

    /** Whether {@code name} may name a note key. */
    public static boolean isValid(String name) {
        return problem(name) == null;
    }

    /** A description of what is wrong with {@code name}, or {@code null} if it is valid. */
    static String problem(String name) {
        if (name.isEmpty()) {
            return "key name is empty";
        }
        for (int i = 0; i < name.length(); ) {
            int cp = name.codePointAt(i);
            if (cp == '+') {
                return "key name '" + name + "' contains '+' at index " + i;
            }
            if (isUnicodeSpace(cp)) {
                return "key name '" + name + "' contains a space character U+" + String.format("%04X", cp)
                        + " at index " + i;
            }
            if (cp < 0x20 || Character.isSurrogate((char) cp)) {
                return "key name contains the invalid character U+" + String.format("%04X", cp) + " at index " + i;
            }
            i += Character.charCount(cp);
        }
        return null;
    }

    /** Unicode White_Space: Java's two space predicates together, plus NEL (U+0085). */
    static boolean isUnicodeSpace(int cp) {
        return Character.isWhitespace(cp) || Character.isSpaceChar(cp) || cp == 0x85;
    }
}
