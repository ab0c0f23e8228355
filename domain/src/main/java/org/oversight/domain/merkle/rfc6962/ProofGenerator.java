package org.oversight.domain.merkle.rfc6962;

import java.util.ArrayList;
import java.util.List;
import org.oversight.domain.crypto.Sha256Digest;

/**
 * Computes inclusion (RFC 9162 §2.1.3.1) and consistency (§2.1.4.1) proofs from a
 * {@link HashSource}.
 *
 * <p>Follows the RFC's recursive definitions over leaf ranges. Every proof hash is the root of a
 * range that decomposes into at most log2(n) perfect subtrees (and at most one hash per proof is
 * not itself a perfect subtree), so a proof costs O(log n) {@link HashSource#subtreeHash} reads
 * when the source stores interior hashes.
 */
public final class ProofGenerator {
    private ProofGenerator() {}

    /**
     * The inclusion proof of leaf {@code index} in the tree of the first {@code size} leaves.
     *
     * @throws ProofRequestException if {@code index < 0}, {@code index >= size} or
     *     {@code size > source.size()}
     * @throws HashSourceException if the source fails
     */
    public static InclusionProof inclusionProof(HashSource source, long index, long size)
            throws ProofRequestException, HashSourceException {
        checkSize(source, size);
        if (index < 0) {
            throw new ProofRequestException("index " + index + " < 0");
        }
        if (index >= size) {
            throw new ProofRequestException("index " + index + " >= size " + size);
        }
        List<Sha256Digest> out = new ArrayList<>();
        auditPath(source, index, 0, size, out);
        return new InclusionProof(index, size, out);
    }

    /**
     * The consistency proof between the trees of the first {@code size1} and {@code size2} leaves;
     * empty when {@code size1 == size2}.
     *
     * @throws ProofRequestException if {@code size1 <= 0}, {@code size1 > size2} or
     *     {@code size2 > source.size()}
     * @throws HashSourceException if the source fails
     */
    public static ConsistencyProof consistencyProof(HashSource source, long size1, long size2)
            throws ProofRequestException, HashSourceException {
        checkSize(source, size2);
        if (size1 > size2) {
            throw new ProofRequestException("size1 " + size1 + " > size2 " + size2);
        }
        if (size1 <= 0) {
            throw new ProofRequestException("size1 " + size1 + ": a consistency proof from the empty tree is meaningless");
        }
        List<Sha256Digest> out = new ArrayList<>();
        if (size1 < size2) {
            subproof(source, size1, 0, size2, true, out);
        }
        return new ConsistencyProof(size1, size2, out);
    }

    /**
     * The root of the tree of the first {@code size} leaves.
     *
     * @throws ProofRequestException if {@code size < 0} or {@code size > source.size()}
     * @throws HashSourceException if the source fails
     */
    public static Sha256Digest root(HashSource source, long size) throws ProofRequestException, HashSourceException {
        checkSize(source, size);
        return size == 0 ? Rfc6962Hashing.emptyRoot() : rangeHash(source, 0, size);
    }

    private static void checkSize(HashSource source, long size) throws ProofRequestException {
        if (size < 0) {
            throw new ProofRequestException("size " + size + " < 0");
        }
        if (size > source.size()) {
            throw new ProofRequestException("size " + size + " > available " + source.size());
        }
    }

    /** RFC 9162 PATH(m, D[start : start + n]), appended bottom-up. */
    private static void auditPath(HashSource source, long m, long start, long n, List<Sha256Digest> out)
            throws HashSourceException {
        if (n == 1) {
            return;
        }
        long k = largestPowerOfTwoBelow(n);
        if (m < k) {
            auditPath(source, m, start, k, out);
            out.add(rangeHash(source, start + k, n - k));
        } else {
            auditPath(source, m - k, start + k, n - k, out);
            out.add(rangeHash(source, start, k));
        }
    }

    /** RFC 9162 SUBPROOF(m, D[start : start + n], b), appended in the RFC's order. */
    private static void subproof(HashSource source, long m, long start, long n, boolean startsAtOldRoot,
            List<Sha256Digest> out) throws HashSourceException {
        if (m == n) {
            if (!startsAtOldRoot) {
                out.add(rangeHash(source, start, m));
            }
            return;
        }
        long k = largestPowerOfTwoBelow(n);
        if (m <= k) {
            subproof(source, m, start, k, startsAtOldRoot, out);
            out.add(rangeHash(source, start + k, n - k));
        } else {
            subproof(source, m - k, start + k, n - k, false, out);
            out.add(rangeHash(source, start, k));
        }
    }

    /**
     * MTH(D[start : start + n]) for a range the RFC recursion produces: {@code start} is a multiple
     * of a power of two at least {@code n}, so the range splits into perfect subtrees of
     * decreasing size, one per set bit of {@code n}, hashed together right to left.
     */
    static Sha256Digest rangeHash(HashSource source, long start, long n) throws HashSourceException {
        List<Sha256Digest> parts = new ArrayList<>(Long.bitCount(n));
        long position = start;
        for (int level = 62; level >= 0; level--) {
            if ((n & (1L << level)) != 0) {
                parts.add(source.subtreeHash(level, position >>> level));
                position += 1L << level;
            }
        }
        Sha256Digest hash = parts.get(parts.size() - 1);
        for (int i = parts.size() - 2; i >= 0; i--) {
            hash = Rfc6962Hashing.nodeHash(parts.get(i), hash);
        }
        return hash;
    }

    /** The largest power of two strictly less than {@code n}; requires {@code n >= 2}. */
    private static long largestPowerOfTwoBelow(long n) {
        return Long.highestOneBit(n - 1);
    }
}
