package org.oversight.verifier.cli;

import java.nio.charset.StandardCharsets;
import java.util.Optional;
import org.oversight.domain.bundle.EvidenceBundle;
import org.oversight.domain.bundle.MalformedBundleException;
import org.oversight.domain.checkpoint.MalformedCheckpointException;
import org.oversight.domain.checkpoint.SignedCheckpoint;
import org.oversight.domain.crypto.MalformedKeyException;
import org.oversight.domain.export.LogExport;
import org.oversight.domain.note.Ed25519NoteVerifier;
import org.oversight.domain.note.MalformedNoteException;

/**
 * Names the kind of a file given as the wrong input ("a log export", "an evidence bundle", …), so
 * an error can say what the file is instead of only what it is not. Only strict parsers decide:
 * a hint is given only when the bytes really are the other kind (or, for an export, when its
 * first line is an export header, which is all that can be read of a large one).
 */
final class InputKinds {
    static final String EXPORT = "a log export (format.md §10)";
    static final String BUNDLE = "an evidence bundle (format.md §11)";
    static final String CHECKPOINT = "a signed checkpoint (as a --state file holds)";
    static final String VERIFIER_KEY = "a C2SP verifier key (as --log-key takes)";
    private static final String EXPORT_HEADER_START = "{\"checkpoint\":\"";
    private static final String EXPORT_HEADER_END = "\",\"format\":\"" + LogExport.FORMAT + "\"}";

    private InputKinds() {}

    /** What {@code bytes} (a file's content or its first bytes) are, if one of the verifier's inputs. */
    static Optional<String> of(byte[] bytes) {
        if (isExportHeader(bytes)) {
            return Optional.of(EXPORT);
        }
        if (bytes.length <= EvidenceBundle.MAX_BYTES) {
            try {
                EvidenceBundle.parse(bytes);
                return Optional.of(BUNDLE);
            } catch (MalformedBundleException notABundle) {
                // not this kind: try the next
            }
        }
        try {
            SignedCheckpoint.parse(bytes);
            return Optional.of(CHECKPOINT);
        } catch (MalformedNoteException | MalformedCheckpointException notACheckpoint) {
            // not this kind: try the next
        }
        if (bytes.length < 4096) {
            try {
                Ed25519NoteVerifier.parse(new String(bytes, StandardCharsets.UTF_8).strip());
                return Optional.of(VERIFIER_KEY);
            } catch (MalformedKeyException notAKey) {
                // not this kind either
            }
        }
        return Optional.empty();
    }

    /** Whether the first line of {@code bytes} has the shape of an export header (§10). */
    static boolean isExportHeader(byte[] bytes) {
        int lf = 0;
        while (lf < bytes.length && bytes[lf] != '\n') {
            lf++;
        }
        if (lf == bytes.length || lf > LogExport.MAX_HEADER_BYTES) {
            return false;
        }
        String line = new String(bytes, 0, lf, StandardCharsets.UTF_8);
        return line.startsWith(EXPORT_HEADER_START) && line.endsWith(EXPORT_HEADER_END);
    }
}
