package org.oversight.domain.merkle.rfc6962;

import java.util.List;
import java.util.Objects;
import org.oversight.domain.crypto.Sha256Digest;

/**
 * An inclusion proof as served (docs/format.md §7): the leaf index, the tree size, and the audit
 * path of RFC 9162 §2.1.3.1, ordered from the leaf's sibling upwards.
 *
 * <p>Holds whatever was received; nothing is checked until
 * {@link InclusionProofVerifier#verify(InclusionProof, Sha256Digest, Sha256Digest)}.
 */
public final class InclusionProof {
    private final long leafIndex;
    private final long treeSize;
    private final List<Sha256Digest> hashes;

    public InclusionProof(long leafIndex, long treeSize, List<Sha256Digest> hashes) {
        this.leafIndex = leafIndex;
        this.treeSize = treeSize;
        this.hashes = List.copyOf(hashes);
    }

    public long leafIndex() {
        return leafIndex;
    }

    public long treeSize() {
        return treeSize;
    }

    /** The audit path, bottom-up; immutable. */
    public List<Sha256Digest> hashes() {
        return hashes;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof InclusionProof other
                && leafIndex == other.leafIndex
                && treeSize == other.treeSize
                && hashes.equals(other.hashes);
    }

    @Override
    public int hashCode() {
        return Objects.hash(leafIndex, treeSize, hashes);
    }

    @Override
    public String toString() {
        return "InclusionProof{leafIndex=" + leafIndex + ", treeSize=" + treeSize + ", hashes=" + hashes + "}";
    }
}
