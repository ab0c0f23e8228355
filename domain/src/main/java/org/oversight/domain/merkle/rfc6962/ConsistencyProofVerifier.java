package org.oversight.domain.merkle.rfc6962;

import java.util.List;
import org.oversight.domain.crypto.Sha256Digest;
import org.oversight.domain.merkle.rfc6962.internal.ProofVerification;

/**
 * Verifies consistency proofs per RFC 9162 §2.1.4.2.
 *
 * <p>Security guarantee: if {@link #verify} returns normally then, unless SHA-256 collisions are
 * known, the tree of {@code size2} leaves with root {@code root2} starts with exactly the
 * {@code size1} leaves of the tree with root {@code root1}: the log only appended.
 *
 * <p>Edge cases: {@code size1 == size2} needs an empty proof and {@code root1 == root2};
 * {@code size1 == 0} is rejected (a proof from the empty tree proves nothing).
 */
public final class ConsistencyProofVerifier {
    private ConsistencyProofVerifier() {}

    /**
     * Checks {@code proof} between {@code root1} (at {@code proof.size1()}) and {@code root2} (at
     * {@code proof.size2()}).
     *
     * @throws ConsistencyProofException if {@code size1 > size2}, {@code size1 == 0}, the proof has
     *     the wrong number of hashes, or a computed root differs (message names the size and both
     *     roots)
     */
    public static void verify(ConsistencyProof proof, Sha256Digest root1, Sha256Digest root2)
            throws ConsistencyProofException {
        verify(proof.size1(), proof.size2(), proof.hashes(), root1, root2);
    }

    /** As {@link #verify(ConsistencyProof, Sha256Digest, Sha256Digest)}, with the proof's fields. */
    public static void verify(long size1, long size2, List<Sha256Digest> hashes, Sha256Digest root1,
            Sha256Digest root2) throws ConsistencyProofException {
        ProofVerification.verifyConsistency(size1, size2, InclusionProofVerifier.toArrays(hashes),
                root1.toByteArray(), root2.toByteArray());
    }
}
