package org.oversight.domain.merkle.rfc6962.internal;

import java.security.MessageDigest;
import org.oversight.domain.bytes.Hex;
import org.oversight.domain.crypto.Sha256Digest;
import org.oversight.domain.merkle.rfc6962.ConsistencyProofException;
import org.oversight.domain.merkle.rfc6962.InclusionProofException;

/**
 * The verification algorithms of RFC 9162 §2.1.3.2 (inclusion) and §2.1.4.2 (consistency) on raw
 * byte arrays, as they arrive from the wire.
 *
 * <p>Every precondition is checked before any hashing, in this order: sizes and indices, the
 * number of proof hashes (computed by running the RFC's index walk without hashing, so a short or
 * long proof is reported as such rather than as a root mismatch), then the length of every value
 * that enters a hash computation. Roots that are only compared, never hashed, are compared as
 * opaque bytes, in constant time.
 *
 * <p>Edge cases beyond the RFC's algorithms, which define proofs only for {@code 0 < m < n}:
 * {@code m == n} requires an empty proof and equal roots; {@code m == 0} is rejected, because a
 * consistency proof from the empty tree proves nothing and accepting it would let a log present
 * any tree as an extension of "nothing".
 */
public final class ProofVerification {
    private ProofVerification() {}

    /**
     * Verifies that {@code leafHash} is the leaf at {@code index} of the tree of {@code size} leaves
     * whose root is {@code root}.
     *
     * @throws InclusionProofException naming the offending value if a precondition fails or the
     *     computed root differs from {@code root}
     */
    public static void verifyInclusion(long index, long size, byte[] leafHash, byte[][] proof, byte[] root)
            throws InclusionProofException {
        byte[] computed = rootFromInclusionProof(index, size, leafHash, proof);
        if (!MessageDigest.isEqual(computed, root)) {
            throw new InclusionProofException("root mismatch at size " + size + ": computed "
                    + Hex.encode(computed) + ", expected " + Hex.encode(root));
        }
    }

    /**
     * The root implied by an inclusion proof (RFC 9162 §2.1.3.2 steps 1–4).
     *
     * @throws InclusionProofException naming the offending value if a precondition fails
     */
    public static byte[] rootFromInclusionProof(long index, long size, byte[] leafHash, byte[][] proof)
            throws InclusionProofException {
        if (index < 0) {
            throw new InclusionProofException("index " + index + " < 0");
        }
        if (index >= size) {
            throw new InclusionProofException("index " + index + " >= size " + size);
        }
        int want = inclusionProofLength(index, size);
        if (proof.length != want) {
            throw new InclusionProofException("proof for index " + index + " in size " + size + " has "
                    + proof.length + " hashes, want " + want);
        }
        if (leafHash.length != Sha256Digest.LENGTH) {
            throw new InclusionProofException("leaf hash has " + leafHash.length + " bytes, want " + Sha256Digest.LENGTH);
        }
        checkHashLengths(proof, InclusionProofException::new);

        long fn = index;
        long sn = size - 1;
        byte[] r = leafHash;
        for (byte[] p : proof) {
            if ((fn & 1) == 1 || fn == sn) {
                r = NodeHashing.nodeHash(p, r);
                if ((fn & 1) == 0) {
                    while ((fn & 1) == 0 && fn != 0) {
                        fn >>>= 1;
                        sn >>>= 1;
                    }
                }
            } else {
                r = NodeHashing.nodeHash(r, p);
            }
            fn >>>= 1;
            sn >>>= 1;
        }
        return r;
    }

    /**
     * Verifies that the tree of {@code size2} leaves with root {@code root2} extends the tree of
     * {@code size1} leaves with root {@code root1}.
     *
     * @throws ConsistencyProofException naming the offending value if a precondition fails or a
     *     computed root differs from the expected one
     */
    public static void verifyConsistency(long size1, long size2, byte[][] proof, byte[] root1, byte[] root2)
            throws ConsistencyProofException {
        if (size1 < 0) {
            throw new ConsistencyProofException("size1 " + size1 + " < 0");
        }
        if (size1 > size2) {
            throw new ConsistencyProofException("size1 " + size1 + " > size2 " + size2);
        }
        if (size1 == 0) {
            throw new ConsistencyProofException("size1 0: a consistency proof from the empty tree is meaningless");
        }
        if (size1 == size2) {
            if (proof.length != 0) {
                throw new ConsistencyProofException("proof for size1 = size2 = " + size1 + " has "
                        + proof.length + " hashes, want 0");
            }
            if (!MessageDigest.isEqual(root1, root2)) {
                throw new ConsistencyProofException("roots differ at equal sizes " + size1 + ": root1 "
                        + Hex.encode(root1) + ", root2 " + Hex.encode(root2));
            }
            return;
        }
        boolean size1IsPowerOfTwo = Long.bitCount(size1) == 1;
        int want = consistencyProofLength(size1, size2);
        if (proof.length != want) {
            throw new ConsistencyProofException("proof for size1 " + size1 + " and size2 " + size2 + " has "
                    + proof.length + " hashes, want " + want);
        }
        checkHashLengths(proof, ConsistencyProofException::new);
        byte[][] path = proof;
        if (size1IsPowerOfTwo) {
            if (root1.length != Sha256Digest.LENGTH) {
                throw new ConsistencyProofException("root1 has " + root1.length + " bytes, want " + Sha256Digest.LENGTH);
            }
            path = new byte[proof.length + 1][];
            path[0] = root1;
            System.arraycopy(proof, 0, path, 1, proof.length);
        }

        long fn = size1 - 1;
        long sn = size2 - 1;
        while ((fn & 1) == 1) {
            fn >>>= 1;
            sn >>>= 1;
        }
        byte[] fr = path[0];
        byte[] sr = path[0];
        for (int i = 1; i < path.length; i++) {
            byte[] c = path[i];
            if ((fn & 1) == 1 || fn == sn) {
                fr = NodeHashing.nodeHash(c, fr);
                sr = NodeHashing.nodeHash(c, sr);
                if ((fn & 1) == 0) {
                    while ((fn & 1) == 0 && fn != 0) {
                        fn >>>= 1;
                        sn >>>= 1;
                    }
                }
            } else {
                sr = NodeHashing.nodeHash(sr, c);
            }
            fn >>>= 1;
            sn >>>= 1;
        }
        if (!MessageDigest.isEqual(fr, root1)) {
            throw new ConsistencyProofException("root mismatch at size1 " + size1 + ": computed "
                    + Hex.encode(fr) + ", expected " + Hex.encode(root1));
        }
        if (!MessageDigest.isEqual(sr, root2)) {
            throw new ConsistencyProofException("root mismatch at size2 " + size2 + ": computed "
                    + Hex.encode(sr) + ", expected " + Hex.encode(root2));
        }
    }

    /**
     * Number of hashes in the inclusion proof of {@code index} in a tree of {@code size}: the
     * iterations RFC 9162 §2.1.3.2 step 4 performs before {@code sn} reaches 0.
     * Requires {@code 0 <= index < size}.
     */
    public static int inclusionProofLength(long index, long size) {
        return walkLength(index, size - 1);
    }

    /**
     * Number of hashes in the consistency proof between {@code size1} and {@code size2}, for
     * {@code 0 < size1 < size2} (RFC 9162 §2.1.4.2 steps 2–6, without the prepended root1 when
     * {@code size1} is a power of two).
     */
    public static int consistencyProofLength(long size1, long size2) {
        long fn = size1 - 1;
        long sn = size2 - 1;
        while ((fn & 1) == 1) {
            fn >>>= 1;
            sn >>>= 1;
        }
        int subsequent = walkLength(fn, sn);
        return Long.bitCount(size1) == 1 ? subsequent : subsequent + 1;
    }

    private static int walkLength(long fn, long sn) {
        int count = 0;
        while (sn != 0) {
            if ((fn & 1) == 0 && fn == sn) {
                while ((fn & 1) == 0 && fn != 0) {
                    fn >>>= 1;
                    sn >>>= 1;
                }
            }
            fn >>>= 1;
            sn >>>= 1;
            count++;
        }
        return count;
    }

    private interface ExceptionFactory<E extends Exception> {
        E create(String message);
    }

    private static <E extends Exception> void checkHashLengths(byte[][] proof, ExceptionFactory<E> error) throws E {
        for (int i = 0; i < proof.length; i++) {
            if (proof[i] == null || proof[i].length != Sha256Digest.LENGTH) {
                int got = proof[i] == null ? 0 : proof[i].length;
                throw error.create("proof[" + i + "] has " + got + " bytes, want " + Sha256Digest.LENGTH);
            }
        }
    }
}
