package org.oversight.verifier.audit;

import java.io.IOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Objects;
import java.util.Optional;
import org.oversight.domain.checkpoint.MalformedCheckpointException;
import org.oversight.domain.checkpoint.SignedCheckpoint;
import org.oversight.domain.note.MalformedNoteException;
import org.oversight.domain.note.Note;
import org.oversight.verifier.input.InputFiles;
import org.oversight.verifier.input.InputTooLargeException;

/**
 * The auditor's memory between runs (trust on first use): a file holding the signed note text of
 * the last checkpoint that fully verified, exactly as the log signed it. The next audit checks the
 * new checkpoint against it (R10), so an operator cannot show this auditor two inconsistent
 * histories unnoticed.
 *
 * <p>The file is replaced atomically (temporary file in the same directory, then a move), so a
 * crash never leaves a half-written state; callers write it only after a fully successful audit.
 */
public final class TofuStateFile {
    /** The most bytes a state file is read up to: a signed note is never longer (format.md §8.1). */
    public static final int MAX_BYTES = Note.MAX_NOTE_BYTES;

    private final Path path;

    public TofuStateFile(Path path) {
        this.path = Objects.requireNonNull(path, "path");
    }

    public Path path() {
        return path;
    }

    /**
     * The remembered checkpoint, parsed but not verified; empty if the file does not exist (first
     * use).
     *
     * <p>At most {@link #MAX_BYTES} + 1 bytes are read, whatever the file is.
     *
     * @throws IOException if the file exists but cannot be read, or is a directory
     * @throws MalformedStateException if it does not hold a well-formed signed checkpoint (including
     *     one longer than {@link #MAX_BYTES})
     */
    public Optional<SignedCheckpoint> load() throws IOException, MalformedStateException {
        byte[] bytes;
        try {
            bytes = InputFiles.read(path, MAX_BYTES);
        } catch (NoSuchFileException e) {
            return Optional.empty();
        } catch (InputTooLargeException e) {
            throw new MalformedStateException("state file " + path + " is longer than " + MAX_BYTES
                    + " bytes, so it cannot hold a signed checkpoint", e);
        }
        try {
            return Optional.of(SignedCheckpoint.parse(bytes));
        } catch (MalformedNoteException | MalformedCheckpointException e) {
            throw new MalformedStateException("state file " + path + " does not hold a signed checkpoint: "
                    + e.getMessage(), e);
        }
    }

    /** Atomically replaces the file with {@code checkpoint}'s signed note text. */
    public void save(SignedCheckpoint checkpoint) throws IOException {
        Path absolute = path.toAbsolutePath();
        Path dir = absolute.getParent();
        Files.createDirectories(dir);
        Path tmp = Files.createTempFile(dir, absolute.getFileName().toString() + ".", ".tmp");
        try {
            Files.write(tmp, checkpoint.toBytes());
            try {
                Files.move(tmp, absolute, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, absolute, StandardCopyOption.REPLACE_EXISTING);
            }
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    /** The state file exists but does not hold a well-formed signed checkpoint. */
    public static final class MalformedStateException extends Exception {
        private static final long serialVersionUID = 1L;

        MalformedStateException(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
