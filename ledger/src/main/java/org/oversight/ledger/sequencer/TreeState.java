package org.oversight.ledger.sequencer;

import org.oversight.domain.crypto.Sha256Digest;
import org.oversight.domain.merkle.rfc6962.CompactRange;
import org.oversight.domain.merkle.rfc6962.CompactRangeException;

/**
 * An immutable committed state of the log: its size and Merkle state. The bytes are
 * {@link CompactRange#toBytes()}, so copies never share a mutable range.
 */
public final class TreeState {
    private final long size;
    private final byte[] compactRange;
    private final Sha256Digest root;

    private TreeState(long size, byte[] compactRange, Sha256Digest root) {
        this.size = size;
        this.compactRange = compactRange;
        this.root = root;
    }

    static TreeState of(CompactRange range) {
        return new TreeState(range.size(), range.toBytes(), range.root());
    }

    static TreeState restore(long size, byte[] compactRange, Sha256Digest storedRoot) {
        CompactRange range = rangeOf(compactRange);
        if (range.size() != size) {
            throw new IllegalStateException("sequencer state corrupt: stored size " + size
                    + " != compact range size " + range.size());
        }
        if (!range.root().equals(storedRoot)) {
            throw new IllegalStateException("sequencer state corrupt: stored root " + storedRoot.hex()
                    + " != compact range root " + range.root().hex() + " at size " + size);
        }
        return new TreeState(size, compactRange.clone(), storedRoot);
    }

    private static CompactRange rangeOf(byte[] bytes) {
        try {
            return CompactRange.fromBytes(bytes);
        } catch (CompactRangeException e) {
            throw new IllegalStateException("sequencer state corrupt: " + e.getMessage(), e);
        }
    }

    public long size() {
        return size;
    }

    public Sha256Digest root() {
        return root;
    }

    /** A fresh mutable range at this state. */
    CompactRange toRange() {
        return rangeOf(compactRange);
    }

    byte[] compactRangeBytes() {
        return compactRange.clone();
    }

    @Override
    public String toString() {
        return "TreeState[size " + size + ", root " + root.hex() + "]";
    }
}
