package org.oversight.domain.note;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * A set of known note keys, and the signed-note verification rules:
 *
 * <ul>
 *   <li>a signature whose key name and key id (both) match no known key is ignored;
 *   <li>a signature whose name and id match a known key MUST verify, else the whole note is rejected;
 *   <li>a note with no verified signature from a known key is rejected.
 * </ul>
 *
 * Repeated signatures by one known key must each verify; the key is reported once.
 */
public final class NoteVerifiers {
    private final Map<String, NoteVerifier> byLabel;

    private NoteVerifiers(Map<String, NoteVerifier> byLabel) {
        this.byLabel = byLabel;
    }

    /**
     * The set of {@code verifiers}.
     *
     * @throws IllegalArgumentException if two different verifiers share a key name and id (the set
     *     would be ambiguous: a configuration error)
     */
    public static NoteVerifiers of(List<? extends NoteVerifier> verifiers) {
        Map<String, NoteVerifier> byLabel = new LinkedHashMap<>();
        for (NoteVerifier v : verifiers) {
            String label = label(v.keyName(), v.keyId());
            NoteVerifier previous = byLabel.putIfAbsent(label, v);
            if (previous != null && !previous.equals(v)) {
                throw new IllegalArgumentException("ambiguous verifier set: two keys named " + label);
            }
        }
        return new NoteVerifiers(byLabel);
    }

    /** The set of {@code verifiers}; see {@link #of(List)}. */
    public static NoteVerifiers of(NoteVerifier... verifiers) {
        return of(List.of(verifiers));
    }

    /**
     * Verifies {@code note} under the rules above.
     *
     * @throws NoteVerificationException naming the key whose signature failed, or listing the
     *     note's signers if none is known
     */
    public VerifiedNote verify(Note note) throws NoteVerificationException {
        byte[] text = note.textBytesShared();
        List<NoteSignature> verified = new ArrayList<>();
        List<NoteSignature> unverified = new ArrayList<>();
        for (NoteSignature sig : note.signatures()) {
            NoteVerifier verifier = byLabel.get(sig.keyLabel());
            if (verifier == null) {
                unverified.add(sig);
                continue;
            }
            if (!verifier.verify(text, sig.signatureBytes())) {
                throw new NoteVerificationException("signature by known key " + sig.keyLabel()
                        + " does not verify over the note text");
            }
            if (verified.stream().noneMatch(s -> s.keyLabel().equals(sig.keyLabel()))) {
                verified.add(sig);
            }
        }
        if (verified.isEmpty()) {
            throw new NoteVerificationException("note has no signature by a known key (signed by: "
                    + labels(note.signatures()) + "; known: " + String.join(", ", byLabel.keySet()) + ")");
        }
        return new VerifiedNote(note, verified, unverified);
    }

    /** Parses and verifies; see {@link Note#parse(byte[])} and {@link #verify(Note)}. */
    public VerifiedNote open(byte[] note) throws MalformedNoteException, NoteVerificationException {
        return verify(Note.parse(note));
    }

    private static String labels(List<NoteSignature> signatures) {
        return signatures.stream().map(NoteSignature::keyLabel).distinct().collect(Collectors.joining(", "));
    }

    static String label(String name, int keyId) {
        return name + "+" + NoteKeyIds.hex(keyId);
    }
}
