package org.oversight.domain.note;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.oversight.domain.bytes.StrictBase64;

/**
 * A C2SP signed note (c2sp.org/signed-note): a text ending in newline, a blank line, and one or more
 * signature lines. A {@code Note} is well-formed but NOT verified: its text must be ignored until
 * {@link NoteVerifiers#verify} has accepted it.
 *
 * <p>Parsing is strict: valid UTF-8, no control characters but newline, the text separated from the
 * signatures by the last blank line, every signature line {@code — <name> <base64>} with a valid key
 * name and canonical padded base64 of at least 5 bytes, at most {@value #MAX_SIGNATURES} signatures
 * and {@value #MAX_NOTE_BYTES} bytes in total.
 */
public final class Note {
    /** The most signature lines accepted (the spec requires at least 16; Go's reference takes 100). */
    public static final int MAX_SIGNATURES = 100;

    /** The largest note accepted, in bytes. */
    public static final int MAX_NOTE_BYTES = 1 << 20;

    private static final byte[] SIGNATURE_PREFIX = "\u2014 ".getBytes(StandardCharsets.UTF_8);

    private final byte[] text;
    private final List<NoteSignature> signatures;

    private Note(byte[] text, List<NoteSignature> signatures) {
        this.text = text;
        this.signatures = List.copyOf(signatures);
    }

    /**
     * Parses a signed note.
     *
     * @throws MalformedNoteException naming the first rule broken and its line
     */
    public static Note parse(byte[] note) throws MalformedNoteException {
        if (note.length > MAX_NOTE_BYTES) {
            throw new MalformedNoteException("note of " + note.length + " bytes exceeds " + MAX_NOTE_BYTES, 0);
        }
        NoteText.check(note, 0, note.length, 1);
        int split = lastBlankLine(note);
        if (split < 0) {
            throw new MalformedNoteException("no blank line separates the text from the signatures", 0);
        }
        byte[] text = Arrays.copyOfRange(note, 0, split + 1);
        int line = countNewlines(text) + 2;
        int start = split + 2;
        if (start == note.length) {
            throw new MalformedNoteException("no signature lines after the blank line", line);
        }
        if (note[note.length - 1] != '\n') {
            int lastLine = line + countNewlines(Arrays.copyOfRange(note, start, note.length));
            throw new MalformedNoteException("the last signature line does not end in a newline", lastLine);
        }
        List<NoteSignature> signatures = new ArrayList<>();
        while (start < note.length) {
            int end = indexOf(note, (byte) '\n', start);
            if (signatures.size() == MAX_SIGNATURES) {
                throw new MalformedNoteException("more than " + MAX_SIGNATURES + " signatures", line);
            }
            signatures.add(parseSignatureLine(note, start, end, line));
            start = end + 1;
            line++;
        }
        return new Note(text, signatures);
    }

    /**
     * Parses a signed note given as text.
     *
     * @throws MalformedNoteException as {@link #parse(byte[])}, or if {@code note} contains an unpaired
     *     surrogate (it would not be UTF-8)
     */
    public static Note parse(String note) throws MalformedNoteException {
        return parse(utf8(note, "note"));
    }

    /**
     * Signs {@code text} with each of {@code signers}, in order.
     *
     * @throws MalformedNoteException if {@code text} is not a valid note text (empty, not ending in a
     *     newline, or containing control characters), or if there are no or too many signers
     */
    public static Note sign(String text, List<? extends NoteSigner> signers) throws MalformedNoteException {
        byte[] bytes = utf8(text, "text");
        checkText(bytes);
        return new Note(bytes, List.of()).withSignaturesBy(signers);
    }

    /**
     * A note with the same text, keeping existing signatures except those by one of the
     * {@code signers}' keys (same name and id), followed by a fresh signature from each signer.
     *
     * @throws MalformedNoteException if there are no signers, or the result has too many signatures
     */
    public Note withSignaturesBy(List<? extends NoteSigner> signers) throws MalformedNoteException {
        if (signers.isEmpty()) {
            throw new MalformedNoteException("no signers", 0);
        }
        List<NoteSignature> fresh = new ArrayList<>();
        for (NoteSigner signer : signers) {
            String problem = NoteKeyNames.problem(signer.keyName());
            if (problem != null) {
                throw new MalformedNoteException("signer: " + problem, 0);
            }
            byte[] sig = signer.sign(text);
            fresh.add(NoteSignature.of(signer.keyName(), signer.keyId(), sig));
        }
        List<NoteSignature> all = new ArrayList<>();
        for (NoteSignature existing : signatures) {
            if (fresh.stream().noneMatch(f -> f.keyName().equals(existing.keyName()) && f.keyId() == existing.keyId())) {
                all.add(existing);
            }
        }
        all.addAll(fresh);
        if (all.size() > MAX_SIGNATURES) {
            throw new MalformedNoteException(all.size() + " signatures exceed " + MAX_SIGNATURES, 0);
        }
        return new Note(text, all);
    }

    /**
     * A note with the same text, keeping existing signatures except those by the key (same name and
     * id) of one of {@code added}, followed by {@code added} in order. Nothing is verified: this is
     * how cosignature lines returned by a witness are attached to a checkpoint.
     *
     * @throws MalformedNoteException if the result has too many signatures
     */
    public Note withSignatures(List<NoteSignature> added) throws MalformedNoteException {
        List<NoteSignature> all = new ArrayList<>();
        for (NoteSignature existing : signatures) {
            if (added.stream().noneMatch(a -> a.keyName().equals(existing.keyName()) && a.keyId() == existing.keyId())) {
                all.add(existing);
            }
        }
        all.addAll(added);
        if (all.size() > MAX_SIGNATURES) {
            throw new MalformedNoteException(all.size() + " signatures exceed " + MAX_SIGNATURES, 0);
        }
        return new Note(text, all);
    }

    /** The text, including its final newline and excluding the separating blank line. */
    public String text() {
        return new String(text, StandardCharsets.UTF_8);
    }

    /** A copy of the text's UTF-8 bytes: exactly the bytes each signature signs. */
    public byte[] textBytes() {
        return text.clone();
    }

    byte[] textBytesShared() {
        return text;
    }

    /** The signature lines, in note order. */
    public List<NoteSignature> signatures() {
        return signatures;
    }

    /** The full note: text, blank line, signature lines. */
    public byte[] toBytes() {
        ByteArrayOutputStream out = new ByteArrayOutputStream(text.length + 128 * signatures.size());
        out.writeBytes(text);
        out.write('\n');
        for (NoteSignature s : signatures) {
            out.writeBytes(s.toLineBytes());
        }
        return out.toByteArray();
    }

    /** The full note as text. */
    public String format() {
        return new String(toBytes(), StandardCharsets.UTF_8);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Note other && Arrays.equals(text, other.text) && signatures.equals(other.signatures);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(text) * 31 + signatures.hashCode();
    }

    @Override
    public String toString() {
        return format();
    }

    private static void checkText(byte[] text) throws MalformedNoteException {
        if (text.length == 0) {
            throw new MalformedNoteException("text is empty", 0);
        }
        if (text.length > MAX_NOTE_BYTES) {
            throw new MalformedNoteException("text of " + text.length + " bytes exceeds " + MAX_NOTE_BYTES, 0);
        }
        NoteText.check(text, 0, text.length, 1);
        if (text[text.length - 1] != '\n') {
            throw new MalformedNoteException("text does not end in a newline", countNewlines(text) + 1);
        }
    }

    private static NoteSignature parseSignatureLine(byte[] note, int start, int end, int line)
            throws MalformedNoteException {
        if (!startsWith(note, start, end, SIGNATURE_PREFIX)) {
            throw new MalformedNoteException("not a signature line (expected '\u2014 <key name> <signature>')", line);
        }
        String rest = new String(note, start + SIGNATURE_PREFIX.length, end - start - SIGNATURE_PREFIX.length,
                StandardCharsets.UTF_8);
        int space = rest.indexOf(' ');
        if (space < 0) {
            throw new MalformedNoteException("no space between key name and signature", line);
        }
        String name = rest.substring(0, space);
        String problem = NoteKeyNames.problem(name);
        if (problem != null) {
            throw new MalformedNoteException(problem, line);
        }
        String base64 = rest.substring(space + 1);
        byte[] raw;
        try {
            raw = StrictBase64.decode(base64);
        } catch (StrictBase64.MalformedBase64Exception e) {
            throw new MalformedNoteException("signature by '" + name + "': " + e.getMessage(), line);
        }
        if (raw.length < 5) {
            throw new MalformedNoteException("signature by '" + name + "' has " + raw.length
                    + " bytes, fewer than a 4-byte key id and a signature", line);
        }
        int keyId = ((raw[0] & 0xff) << 24) | ((raw[1] & 0xff) << 16) | ((raw[2] & 0xff) << 8) | (raw[3] & 0xff);
        return NoteSignature.trusted(name, keyId, Arrays.copyOfRange(raw, 4, raw.length));
    }

    private static int lastBlankLine(byte[] note) {
        for (int i = note.length - 2; i >= 0; i--) {
            if (note[i] == '\n' && note[i + 1] == '\n') {
                return i;
            }
        }
        return -1;
    }

    private static int indexOf(byte[] a, byte b, int from) {
        for (int i = from; i < a.length; i++) {
            if (a[i] == b) {
                return i;
            }
        }
        return -1;
    }

    private static boolean startsWith(byte[] a, int start, int end, byte[] prefix) {
        if (end - start < prefix.length) {
            return false;
        }
        for (int i = 0; i < prefix.length; i++) {
            if (a[start + i] != prefix[i]) {
                return false;
            }
        }
        return true;
    }

    private static int countNewlines(byte[] a) {
        int n = 0;
        for (byte b : a) {
            if (b == '\n') {
                n++;
            }
        }
        return n;
    }

    private static byte[] utf8(String s, String what) throws MalformedNoteException {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (Character.isHighSurrogate(c) && i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1))) {
                i++;
            } else if (Character.isSurrogate(c)) {
                throw new MalformedNoteException(what + " contains an unpaired surrogate at index " + i, 0);
            }
        }
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
