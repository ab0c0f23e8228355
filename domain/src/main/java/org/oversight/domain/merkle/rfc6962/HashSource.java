package org.oversight.domain.merkle.rfc6962;

import java.util.ArrayList;
import java.util.List;
import org.oversight.domain.crypto.Sha256Digest;

/**
 * Where {@link ProofGenerator} reads the tree from, without holding it in memory: leaf hashes and,
 * where the store keeps them, hashes of perfect subtrees.
 *
 * <p>Node coordinates follow transparency-dev/merkle: the node at {@code (level, index)} is the
 * root of the perfect subtree over leaves {@code [index << level, (index + 1) << level)}.
 */
public interface HashSource {
    /** Most leaf hashes {@link #leafHashes} is asked for at once. */
    int MAX_BATCH = 4096;

    /** Number of leaves this source can serve; proofs can be generated for any tree size up to it. */
    long size();

    /**
     * The hash of leaf {@code index}. Requires {@code 0 <= index < size()}.
     *
     * @throws HashSourceException if the store cannot supply it
     */
    Sha256Digest leafHash(long index) throws HashSourceException;

    /**
     * The hashes of leaves {@code [start, end)}, in order. Requires
     * {@code 0 <= start <= end <= size()} and {@code end - start <= }{@value #MAX_BATCH}. The default
     * calls {@link #leafHash} per leaf; stores that can read a range at once override it.
     *
     * @throws HashSourceException if the store cannot supply them
     */
    default List<Sha256Digest> leafHashes(long start, long end) throws HashSourceException {
        if (start < 0 || start > end || end > size() || end - start > MAX_BATCH) {
            throw new IllegalArgumentException("leaf range [" + start + ", " + end + ") outside size " + size()
                    + " or longer than " + MAX_BATCH);
        }
        List<Sha256Digest> out = new ArrayList<>((int) (end - start));
        for (long i = start; i < end; i++) {
            out.add(leafHash(i));
        }
        return out;
    }

    /**
     * The hash of the perfect subtree at {@code (level, index)}. Requires {@code 0 <= level < 63},
     * {@code index >= 0} and {@code (index + 1) << level <= size()}.
     *
     * <p>The default reads the {@code 2^level} leaf hashes ({@link #leafHashes}, in batches of at
     * most {@value #MAX_BATCH}) and folds them; sources that store
     * interior hashes (tiles, {@link MerkleTree}) override it so proofs for large trees take
     * O(log n) reads.
     *
     * @throws HashSourceException if the store cannot supply it
     * @throws IllegalArgumentException if the coordinates are outside the tree (a caller bug)
     */
    default Sha256Digest subtreeHash(int level, long index) throws HashSourceException {
        checkSubtree(level, index, size());
        CompactRange range = CompactRange.empty();
        long first = index << level;
        long end = first + (1L << level);
        for (long batch = first; batch < end; batch += Math.min(MAX_BATCH, end - batch)) {
            for (Sha256Digest leafHash : leafHashes(batch, batch + Math.min(MAX_BATCH, end - batch))) {
                range.append(leafHash);
            }
        }
        return range.root();
    }

    /**
     * Throws {@link IllegalArgumentException} unless {@code (level, index)} is a perfect subtree
     * of a tree of {@code size} leaves.
     */
    static void checkSubtree(int level, long index, long size) {
        if (level < 0 || level >= 63) {
            throw new IllegalArgumentException("level " + level + " outside [0, 63)");
        }
        if (index < 0 || index > (size >>> level) - 1) {
            throw new IllegalArgumentException("subtree (level " + level + ", index " + index
                    + ") is not a perfect subtree of size " + size);
        }
    }
}
