package org.oversight.ledger.log;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import javax.sql.DataSource;
import org.oversight.domain.checkpoint.CheckpointVerificationException;
import org.oversight.domain.checkpoint.MalformedCheckpointException;
import org.oversight.domain.checkpoint.SignedCheckpoint;
import org.oversight.domain.note.MalformedNoteException;
import org.oversight.domain.note.NoteVerificationException;
import org.oversight.domain.note.NoteVerifier;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Read access to every checkpoint the log has signed ({@code ledger_checkpoint}), by tree size.
 *
 * <p>Security guarantee: a stored checkpoint is returned only after its signature has been
 * verified against the log key and origin, so a row altered in the database is never served as
 * signed; such a row is a broken invariant (unchecked exception), not a missing checkpoint.
 */
public class CheckpointArchive {
    private final JdbcTemplate jdbc;
    private final String origin;
    private final NoteVerifier logKey;

    public CheckpointArchive(DataSource dataSource, String origin, NoteVerifier logKey) {
        this.jdbc = new JdbcTemplate(dataSource);
        this.origin = origin;
        this.logKey = logKey;
    }

    /** The checkpoint signed at exactly {@code treeSize}, if the log signed one. */
    public Optional<SignedCheckpoint> atSize(long treeSize) {
        List<String> notes = jdbc.queryForList("SELECT signed_note FROM ledger_checkpoint WHERE tree_size = ?",
                String.class, treeSize);
        if (notes.isEmpty()) {
            return Optional.empty();
        }
        try {
            SignedCheckpoint stored = SignedCheckpoint.parse(notes.get(0).getBytes(StandardCharsets.UTF_8));
            long size = stored.verify(origin, logKey).size();
            if (size != treeSize) {
                throw new IllegalStateException("checkpoint row for size " + treeSize + " holds a note of size " + size);
            }
            return Optional.of(stored);
        } catch (MalformedNoteException | MalformedCheckpointException | NoteVerificationException
                | CheckpointVerificationException e) {
            throw new IllegalStateException("stored checkpoint at size " + treeSize + " does not verify: "
                    + e.getMessage(), e);
        }
    }
}
