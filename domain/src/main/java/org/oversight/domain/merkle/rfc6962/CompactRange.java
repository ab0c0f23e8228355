package org.oversight.domain.merkle.rfc6962;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.oversight.domain.crypto.Sha256Digest;
import org.oversight.domain.merkle.rfc6962.internal.NodeHashing;

/**
 * The sequencer's appender: the tree of leaves {@code [0, size)} held as its "peaks", the roots of
 * the perfect subtrees that {@code size}'s binary decomposition splits it into (one per set bit,
 * largest first). That is O(log n) memory, and appending costs one node hash on average (plus the
 * leaf hash), as in transparency-dev/merkle's {@code compact.Range} starting at 0.
 *
 * <p>Persist {@link #toBytes()} (or {@link #size()} and {@link #peaks()}) alongside the sequencer
 * position and {@link #restore} after a restart. The restored state is only checked for shape; a
 * caller that needs integrity compares {@link #root()} with the root of its last signed checkpoint.
 *
 * <p>Not thread-safe: one writer per log (docs/design.md §4).
 */
public final class CompactRange {
    /** Bytes of the size prefix in {@link #toBytes()}. */
    public static final int SIZE_BYTES = Long.BYTES;

    private final byte[][] peaks = new byte[64][];
    private int peakCount;
    private long size;

    private CompactRange() {}

    /** The range of the empty tree. */
    public static CompactRange empty() {
        return new CompactRange();
    }

    /**
     * Restores a range from its size and peaks (largest subtree first).
     *
     * @throws CompactRangeException if {@code size < 0} or the number of peaks is not the number
     *     of set bits of {@code size}
     */
    public static CompactRange restore(long size, List<Sha256Digest> peaks) throws CompactRangeException {
        if (size < 0) {
            throw new CompactRangeException("size " + size + " < 0");
        }
        if (peaks.size() != Long.bitCount(size)) {
            throw new CompactRangeException("size " + size + " needs " + Long.bitCount(size) + " peaks, got "
                    + peaks.size());
        }
        CompactRange range = new CompactRange();
        for (Sha256Digest peak : peaks) {
            range.peaks[range.peakCount++] = peak.toByteArray();
        }
        range.size = size;
        return range;
    }

    /**
     * Restores a range from {@link #toBytes()}: 8-byte big-endian size, then 32 bytes per peak.
     *
     * @throws CompactRangeException if the size is negative or the length does not match it
     */
    public static CompactRange fromBytes(byte[] state) throws CompactRangeException {
        if (state.length < SIZE_BYTES) {
            throw new CompactRangeException("state has " + state.length + " bytes, want at least " + SIZE_BYTES);
        }
        ByteBuffer buffer = ByteBuffer.wrap(state);
        long size = buffer.getLong();
        if (size < 0) {
            throw new CompactRangeException("size " + size + " < 0");
        }
        long want = SIZE_BYTES + (long) Long.bitCount(size) * Sha256Digest.LENGTH;
        if (state.length != want) {
            throw new CompactRangeException("state for size " + size + " has " + state.length + " bytes, want " + want);
        }
        List<Sha256Digest> peaks = new ArrayList<>();
        byte[] peak = new byte[Sha256Digest.LENGTH];
        while (buffer.hasRemaining()) {
            buffer.get(peak);
            peaks.add(Sha256Digest.of(peak));
        }
        return restore(size, peaks);
    }

    /** Number of leaves appended so far. */
    public long size() {
        return size;
    }

    /**
     * Appends a leaf hash.
     *
     * @return the new size
     * @throws IllegalStateException if the tree already has {@code Long.MAX_VALUE} leaves
     */
    public long append(Sha256Digest leafHash) {
        appendRaw(leafHash.toByteArray());
        return size;
    }

    /**
     * Hashes {@code leafData} as a leaf ({@code SHA-256(0x00 || d)}) and appends it.
     *
     * @return the leaf hash, for storage beside the leaf
     */
    public Sha256Digest appendLeaf(byte[] leafData) {
        byte[] leafHash = NodeHashing.leafHash(leafData);
        appendRaw(leafHash.clone());
        return Sha256Digest.of(leafHash);
    }

    private void appendRaw(byte[] leafHash) {
        if (size == Long.MAX_VALUE) {
            throw new IllegalStateException("tree is full at size " + size);
        }
        byte[] hash = leafHash;
        // Each trailing 1 bit of size is a perfect subtree of the same height as the carry: merge.
        for (long s = size; (s & 1) == 1; s >>>= 1) {
            hash = NodeHashing.nodeHash(peaks[--peakCount], hash);
        }
        peaks[peakCount++] = hash;
        size++;
    }

    /** The Merkle Tree Hash of the leaves so far; {@code SHA-256("")} when empty. */
    public Sha256Digest root() {
        if (peakCount == 0) {
            return Rfc6962Hashing.emptyRoot();
        }
        byte[] hash = peaks[peakCount - 1];
        for (int i = peakCount - 2; i >= 0; i--) {
            hash = NodeHashing.nodeHash(peaks[i], hash);
        }
        return Sha256Digest.of(hash);
    }

    /** The peaks, largest subtree first; there are {@code Long.bitCount(size())} of them. */
    public List<Sha256Digest> peaks() {
        List<Sha256Digest> out = new ArrayList<>(peakCount);
        for (int i = 0; i < peakCount; i++) {
            out.add(Sha256Digest.of(peaks[i]));
        }
        return List.copyOf(out);
    }

    /** The persistent form: 8-byte big-endian size, then each peak (largest first). */
    public byte[] toBytes() {
        ByteBuffer buffer = ByteBuffer.allocate(SIZE_BYTES + peakCount * Sha256Digest.LENGTH);
        buffer.putLong(size);
        for (int i = 0; i < peakCount; i++) {
            buffer.put(peaks[i]);
        }
        return buffer.array();
    }

    /** An independent copy, e.g. to compute a tentative root without disturbing this range. */
    public CompactRange copy() {
        CompactRange copy = new CompactRange();
        System.arraycopy(peaks, 0, copy.peaks, 0, peakCount);
        copy.peakCount = peakCount;
        copy.size = size;
        return copy;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof CompactRange other && Arrays.equals(toBytes(), other.toBytes());
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(toBytes());
    }

    @Override
    public String toString() {
        return "CompactRange{size=" + size + ", peaks=" + peaks() + "}";
    }
}
