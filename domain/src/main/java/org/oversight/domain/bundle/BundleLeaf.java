package org.oversight.domain.bundle;

import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import org.oversight.domain.crypto.Sha256Digest;
import org.oversight.domain.merkle.rfc6962.InclusionProof;
import org.oversight.domain.merkle.rfc6962.Rfc6962Hashing;

/**
 * One log leaf carried by an evidence bundle: its exact leaf bytes, its leaf index and its RFC 9162
 * inclusion proof (docs/format.md §11.2). Holds what was received; nothing is verified here.
 */
public final class BundleLeaf {
    private final byte[] leafBytes;
    private final InclusionProof proof;

    /**
     * @param leafBytes the leaf bytes (copied)
     * @param proof the inclusion proof of this leaf; its leaf index is the leaf's
     */
    public BundleLeaf(byte[] leafBytes, InclusionProof proof) {
        this.leafBytes = Objects.requireNonNull(leafBytes, "leafBytes").clone();
        this.proof = Objects.requireNonNull(proof, "proof");
    }

    /** The leaf index (from the proof). */
    public long leafIndex() {
        return proof.leafIndex();
    }

    /** The exact leaf bytes (a copy). */
    public byte[] leafBytes() {
        return leafBytes.clone();
    }

    /** {@code SHA-256(0x00 || leaf bytes)}: the leaf hash, which is also the event hash. */
    public Sha256Digest leafHash() {
        return Rfc6962Hashing.leafHash(leafBytes);
    }

    /** The inclusion proof as carried. */
    public InclusionProof proof() {
        return proof;
    }

    /** The same leaf with another proof (for tests that tamper with proofs). */
    public BundleLeaf withProof(long treeSize, List<Sha256Digest> hashes) {
        return new BundleLeaf(leafBytes, new InclusionProof(proof.leafIndex(), treeSize, hashes));
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof BundleLeaf other && Arrays.equals(leafBytes, other.leafBytes) && proof.equals(other.proof);
    }

    @Override
    public int hashCode() {
        return 31 * Arrays.hashCode(leafBytes) + proof.hashCode();
    }

    @Override
    public String toString() {
        return "BundleLeaf{leaf " + proof.leafIndex() + ", " + leafBytes.length + " bytes}";
    }
}
