package org.oversight.domain.bundle;

import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import org.oversight.domain.crypto.Sha256Digest;
import org.oversight.domain.merkle.rfc6962.InclusionProof;
import org.oversight.domain.merkle.rfc6962.Rfc6962Hashing;

/**
 * The proof that a watchlist entry's leaf is in a watchlist snapshot tree (docs/format.md §9.8,
 * §11.3): the entry id, the leaf's data (label and canonical JSON), and its RFC 9162 inclusion proof
 * in the tree of {@code size} leaves whose root is {@code root}. Holds what was received.
 */
public final class SnapshotProof {
    private final String entry;
    private final byte[] leafData;
    private final InclusionProof proof;
    private final Sha256Digest root;

    /**
     * @param entry the entry id
     * @param leafData the data of the entry's snapshot leaf (copied)
     * @param proof its inclusion proof; {@code proof.treeSize()} is the snapshot size
     * @param root the snapshot root the proof is for
     */
    public SnapshotProof(String entry, byte[] leafData, InclusionProof proof, Sha256Digest root) {
        this.entry = Objects.requireNonNull(entry, "entry");
        this.leafData = Objects.requireNonNull(leafData, "leafData").clone();
        this.proof = Objects.requireNonNull(proof, "proof");
        this.root = Objects.requireNonNull(root, "root");
    }

    public String entry() {
        return entry;
    }

    /** The snapshot leaf's data (a copy). */
    public byte[] leafData() {
        return leafData.clone();
    }

    /** {@code SHA-256(0x00 || leaf data)}. */
    public Sha256Digest leafHash() {
        return Rfc6962Hashing.leafHash(leafData);
    }

    public InclusionProof proof() {
        return proof;
    }

    /** The snapshot size: the number of active entries, {@code proof().treeSize()}. */
    public long size() {
        return proof.treeSize();
    }

    public Sha256Digest root() {
        return root;
    }

    /** The same proof with other path hashes (for tests that tamper with proofs). */
    public SnapshotProof withHashes(List<Sha256Digest> hashes) {
        return new SnapshotProof(entry, leafData, new InclusionProof(proof.leafIndex(), proof.treeSize(), hashes), root);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof SnapshotProof other && entry.equals(other.entry) && Arrays.equals(leafData, other.leafData)
                && proof.equals(other.proof) && root.equals(other.root);
    }

    @Override
    public int hashCode() {
        return Objects.hash(entry, Arrays.hashCode(leafData), proof, root);
    }

    @Override
    public String toString() {
        return "SnapshotProof{entry " + entry + ", leaf " + proof.leafIndex() + " of " + proof.treeSize() + "}";
    }
}
