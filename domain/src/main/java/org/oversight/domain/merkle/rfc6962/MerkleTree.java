package org.oversight.domain.merkle.rfc6962;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.oversight.domain.crypto.Sha256Digest;
import org.oversight.domain.merkle.rfc6962.internal.NodeHashing;

/**
 * An append-only Merkle tree held entirely in memory: every perfect-subtree hash, about
 * {@code 2 × 32} bytes per leaf. For tests, tools and small logs (at most 67,108,863 leaves, the
 * hashes one Java array holds); the ledger keeps hashes in tiles and proves through
 * {@link HashSource} instead.
 *
 * <p>Not thread-safe.
 */
public final class MerkleTree implements HashSource {
    /** levels.get(l) holds the hashes of the perfect subtrees at level l, left to right. */
    private final List<HashArray> levels = new ArrayList<>();

    /** An empty tree. */
    public MerkleTree() {
        levels.add(new HashArray());
    }

    /** A tree of these leaves (raw leaf bytes, hashed as leaves), in order. */
    public static MerkleTree ofLeaves(List<byte[]> leaves) {
        MerkleTree tree = new MerkleTree();
        for (byte[] leaf : leaves) {
            tree.appendLeaf(leaf);
        }
        return tree;
    }

    /** Hashes {@code leafData} as a leaf, appends it, and returns the leaf hash. */
    public Sha256Digest appendLeaf(byte[] leafData) {
        byte[] hash = NodeHashing.leafHash(leafData);
        appendRaw(hash);
        return Sha256Digest.of(hash);
    }

    /** Appends a leaf hash; returns the new size. */
    public long append(Sha256Digest leafHash) {
        appendRaw(leafHash.toByteArray());
        return size();
    }

    private void appendRaw(byte[] leafHash) {
        byte[] hash = leafHash;
        int level = 0;
        while (true) {
            HashArray row = levels.get(level);
            row.add(hash);
            if ((row.count & 1) == 1) {
                return;
            }
            hash = NodeHashing.nodeHash(row.get(row.count - 2), hash);
            level++;
            if (level == levels.size()) {
                levels.add(new HashArray());
            }
        }
    }

    @Override
    public long size() {
        return levels.get(0).count;
    }

    @Override
    public Sha256Digest leafHash(long index) {
        return subtreeHash(0, index);
    }

    @Override
    public Sha256Digest subtreeHash(int level, long index) {
        HashSource.checkSubtree(level, index, size());
        return Sha256Digest.of(levels.get(level).get((int) index));
    }

    /** The current root; {@code SHA-256("")} when empty. */
    public Sha256Digest root() {
        return rootAt(size());
    }

    /**
     * The root of the tree of the first {@code size} leaves.
     *
     * @throws IllegalArgumentException if {@code size} is negative or above {@link #size()}
     */
    public Sha256Digest rootAt(long size) {
        try {
            return ProofGenerator.root(this, size);
        } catch (ProofRequestException e) {
            throw new IllegalArgumentException(e.getMessage(), e);
        } catch (HashSourceException e) {
            throw new IllegalStateException("in-memory tree failed to supply a hash", e);
        }
    }

    /**
     * The inclusion proof of leaf {@code index} in the tree of the first {@code size} leaves.
     *
     * @throws ProofRequestException if {@code index >= size} or {@code size > size()}
     */
    public InclusionProof inclusionProof(long index, long size) throws ProofRequestException {
        try {
            return ProofGenerator.inclusionProof(this, index, size);
        } catch (HashSourceException e) {
            throw new IllegalStateException("in-memory tree failed to supply a hash", e);
        }
    }

    /**
     * The consistency proof between the first {@code size1} and {@code size2} leaves.
     *
     * @throws ProofRequestException if {@code size1 <= 0}, {@code size1 > size2} or
     *     {@code size2 > size()}
     */
    public ConsistencyProof consistencyProof(long size1, long size2) throws ProofRequestException {
        try {
            return ProofGenerator.consistencyProof(this, size1, size2);
        } catch (HashSourceException e) {
            throw new IllegalStateException("in-memory tree failed to supply a hash", e);
        }
    }

    /** A growable array of 32-byte hashes stored back to back. */
    private static final class HashArray {
        /** Largest count whose bytes fit one Java array. */
        static final int MAX_HASHES = (Integer.MAX_VALUE - 8) / Sha256Digest.LENGTH;

        private byte[] data = new byte[Sha256Digest.LENGTH * 8];
        private int count;

        void add(byte[] hash) {
            if (count == MAX_HASHES) {
                throw new IllegalStateException("in-memory tree is full at " + MAX_HASHES + " leaves");
            }
            if ((count + 1) * Sha256Digest.LENGTH > data.length) {
                data = Arrays.copyOf(data, (int) Math.min((long) data.length * 2, (long) MAX_HASHES * Sha256Digest.LENGTH));
            }
            System.arraycopy(hash, 0, data, count * Sha256Digest.LENGTH, Sha256Digest.LENGTH);
            count++;
        }

        byte[] get(int index) {
            int from = index * Sha256Digest.LENGTH;
            return Arrays.copyOfRange(data, from, from + Sha256Digest.LENGTH);
        }
    }
}
