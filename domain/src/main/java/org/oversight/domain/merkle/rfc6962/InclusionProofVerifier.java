package org.oversight.domain.merkle.rfc6962;

import java.util.List;
import org.oversight.domain.crypto.Sha256Digest;
import org.oversight.domain.merkle.rfc6962.internal.ProofVerification;

/**
 * Verifies inclusion proofs per RFC 9162 §2.1.3.2.
 *
 * <p>Security guarantee: if {@link #verify} returns normally then, unless SHA-256 collisions are
 * known, the tree of {@code treeSize} leaves with root {@code root} has a leaf with hash
 * {@code leafHash} at {@code leafIndex}.
 */
public final class InclusionProofVerifier {
    private InclusionProofVerifier() {}

    /**
     * Checks {@code proof} for {@code leafHash} against {@code root}.
     *
     * @throws InclusionProofException if {@code leafIndex >= treeSize}, the proof has the wrong
     *     number of hashes, or the computed root differs from {@code root} (message gives both)
     */
    public static void verify(InclusionProof proof, Sha256Digest leafHash, Sha256Digest root)
            throws InclusionProofException {
        verify(proof.leafIndex(), proof.treeSize(), leafHash, proof.hashes(), root);
    }

    /** As {@link #verify(InclusionProof, Sha256Digest, Sha256Digest)}, with the proof's fields. */
    public static void verify(long leafIndex, long treeSize, Sha256Digest leafHash, List<Sha256Digest> hashes,
            Sha256Digest root) throws InclusionProofException {
        ProofVerification.verifyInclusion(leafIndex, treeSize, leafHash.toByteArray(), toArrays(hashes),
                root.toByteArray());
    }

    /**
     * The root that {@code proof} implies for {@code leafHash}; the caller must compare it with a
     * trusted root before relying on it.
     *
     * @throws InclusionProofException if {@code leafIndex >= treeSize} or the proof has the wrong
     *     number of hashes
     */
    public static Sha256Digest rootFromProof(InclusionProof proof, Sha256Digest leafHash)
            throws InclusionProofException {
        return Sha256Digest.of(ProofVerification.rootFromInclusionProof(proof.leafIndex(), proof.treeSize(),
                leafHash.toByteArray(), toArrays(proof.hashes())));
    }

    static byte[][] toArrays(List<Sha256Digest> hashes) {
        byte[][] out = new byte[hashes.size()][];
        for (int i = 0; i < out.length; i++) {
            out[i] = hashes.get(i).toByteArray();
        }
        return out;
    }
}
