package org.oversight.ledger.sequencer;

import java.util.List;
import org.oversight.domain.crypto.Sha256Digest;
import org.oversight.domain.merkle.rfc6962.HashSource;
import org.oversight.domain.merkle.rfc6962.HashSourceException;
import org.springframework.dao.DataAccessException;

/**
 * The committed tree of a fixed size, read from the database: leaf hashes from {@code ledger_leaf},
 * and interior hashes at tile levels (8, 16, ...) from {@code ledger_tree_node}. A subtree at level
 * {@code l} is folded from at most 255 stored hashes at level {@code 8 * floor(l / 8)}, so proofs
 * cost O(log n) small reads.
 */
public final class StoredHashSource implements HashSource {
    private final LeafStore store;
    private final long size;

    public StoredHashSource(LeafStore store, long size) {
        this.store = store;
        this.size = size;
    }

    @Override
    public long size() {
        return size;
    }

    @Override
    public Sha256Digest leafHash(long index) throws HashSourceException {
        if (index < 0 || index >= size) {
            throw new IllegalArgumentException("leaf index " + index + " outside [0, " + size + ")");
        }
        return read(0, index, 1).get(0);
    }

    @Override
    public Sha256Digest subtreeHash(int level, long index) throws HashSourceException {
        HashSource.checkSubtree(level, index, size);
        int stored = level - level % SequencerBatch.TILE_HEIGHT;
        int span = 1 << (level - stored);
        return SequencerBatch.fold(read(stored, index * span, span));
    }

    private List<Sha256Digest> read(int level, long start, int count) throws HashSourceException {
        List<Sha256Digest> hashes;
        try {
            hashes = store.hashes(level, start, count);
        } catch (DataAccessException e) {
            throw new HashSourceException("reading " + count + " hashes at level " + level + " from " + start, e);
        }
        if (hashes.size() != count) {
            throw new HashSourceException("stored tree has " + hashes.size() + " of " + count + " hashes at level "
                    + level + " from index " + start);
        }
        return hashes;
    }
}
