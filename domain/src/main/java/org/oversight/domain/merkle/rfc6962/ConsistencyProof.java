package org.oversight.domain.merkle.rfc6962;

import java.util.List;
import java.util.Objects;
import org.oversight.domain.crypto.Sha256Digest;

/**
 * A consistency proof as served (docs/format.md §7): the two tree sizes and the hashes of
 * RFC 9162 §2.1.4.1, in the RFC's order.
 *
 * <p>Holds whatever was received; nothing is checked until
 * {@link ConsistencyProofVerifier#verify(ConsistencyProof, Sha256Digest, Sha256Digest)}.
 */
public final class ConsistencyProof {
    private final long size1;
    private final long size2;
    private final List<Sha256Digest> hashes;

    public ConsistencyProof(long size1, long size2, List<Sha256Digest> hashes) {
        this.size1 = size1;
        this.size2 = size2;
        this.hashes = List.copyOf(hashes);
    }

    public long size1() {
        return size1;
    }

    public long size2() {
        return size2;
    }

    /** The proof hashes; immutable. */
    public List<Sha256Digest> hashes() {
        return hashes;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ConsistencyProof other
                && size1 == other.size1
                && size2 == other.size2
                && hashes.equals(other.hashes);
    }

    @Override
    public int hashCode() {
        return Objects.hash(size1, size2, hashes);
    }

    @Override
    public String toString() {
        return "ConsistencyProof{size1=" + size1 + ", size2=" + size2 + ", hashes=" + hashes + "}";
    }
}
