package org.oversight.ledger.log;

import java.io.IOException;
import java.io.OutputStream;
import java.util.List;
import org.oversight.domain.checkpoint.SignedCheckpoint;
import org.oversight.domain.export.LogExportWriter;
import org.oversight.ledger.sequencer.LeafStore;
import org.oversight.ledger.sequencer.StoredLeaf;

/**
 * Writes a log export (docs/format.md §10): a signed checkpoint and exactly its leaves, read from
 * the store in pages of {@link #PAGE_LEAVES} by index range, so memory stays bounded by one page
 * (at most {@code PAGE_LEAVES × 64 KiB}) whatever the log's size.
 *
 * <p>Leaves are immutable once committed and a signed checkpoint never exceeds the committed tree,
 * so reading the pages in separate queries still yields one consistent prefix.
 */
public class LogExporter {
    /** Leaves read per query. */
    public static final int PAGE_LEAVES = 256;

    private final LeafStore store;

    public LogExporter(LeafStore store) {
        this.store = store;
    }

    /**
     * Streams {@code checkpoint} and leaves {@code 0 .. size-1} to {@code out}.
     *
     * @throws IllegalStateException if the store lacks a leaf within the checkpoint (broken
     *     invariant: the checkpoint was signed over it)
     */
    public void export(SignedCheckpoint checkpoint, OutputStream out) throws IOException {
        long size = checkpoint.checkpoint().size();
        LogExportWriter writer = new LogExportWriter(out, checkpoint);
        long next = 0;
        while (next < size) {
            int count = (int) Math.min(PAGE_LEAVES, size - next);
            List<StoredLeaf> page = store.leaves(next, count);
            for (StoredLeaf leaf : page) {
                if (leaf.index() != next) {
                    throw new IllegalStateException("store has leaf " + leaf.index() + " where " + next
                            + " was expected, within checkpoint size " + size);
                }
                writer.writeLeaf(leaf.leaf().leafBytes());
                next++;
            }
            if (page.size() != count) {
                throw new IllegalStateException("store lacks leaf " + next + " within checkpoint size " + size);
            }
        }
        writer.finish();
    }
}
