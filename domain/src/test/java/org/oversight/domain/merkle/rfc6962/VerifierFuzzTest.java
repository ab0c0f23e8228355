package org.oversight.domain.merkle.rfc6962;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.From;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.Size;
import org.oversight.domain.merkle.rfc6962.internal.ProofVerification;

/**
 * Fuzz: arbitrary indices, sizes (negative and near 2^63 included) and byte strings of any length
 * are either accepted or rejected with the stage's checked exception; nothing else escapes.
 */
class VerifierFuzzTest {

    @Provide
    Arbitrary<Long> sizes() {
        return Arbitraries.oneOf(Arbitraries.longs().between(-3, 70), Arbitraries.longs(),
                Arbitraries.of(Long.MAX_VALUE, Long.MAX_VALUE - 1, Long.MIN_VALUE, 1L << 62));
    }

    @Provide
    Arbitrary<byte[]> hashes() {
        return Arbitraries.oneOf(Arbitraries.bytes().array(byte[].class).ofSize(32),
                Arbitraries.bytes().array(byte[].class).ofMaxSize(40));
    }

    @Property(tries = 300)
    void inclusionVerifierOnlyThrowsItsException(@ForAll("sizes") long index, @ForAll("sizes") long size,
            @ForAll("hashes") byte[] leaf, @ForAll("hashes") byte[] root,
            @ForAll @Size(max = 30) List<@From("hashes") byte[]> proof) {
        try {
            ProofVerification.verifyInclusion(index, size, leaf, proof.toArray(new byte[0][]), root);
        } catch (InclusionProofException e) {
            assertThat(e.getMessage()).isNotBlank();
        }
    }

    @Property(tries = 300)
    void consistencyVerifierOnlyThrowsItsException(@ForAll("sizes") long size1, @ForAll("sizes") long size2,
            @ForAll("hashes") byte[] root1, @ForAll("hashes") byte[] root2,
            @ForAll @Size(max = 30) List<@From("hashes") byte[]> proof) {
        try {
            ProofVerification.verifyConsistency(size1, size2, proof.toArray(new byte[0][]), root1, root2);
        } catch (ConsistencyProofException e) {
            assertThat(e.getMessage()).isNotBlank();
        }
    }

    @Property(tries = 300)
    void proofLengthsAreBoundedByTreeHeight(@ForAll("sizes") long a, @ForAll("sizes") long b) {
        long size = Math.max(Math.abs(a % Long.MAX_VALUE), 1);
        long index = Math.abs(b % size);
        assertThat(ProofVerification.inclusionProofLength(index, size))
                .isLessThanOrEqualTo(64 - Long.numberOfLeadingZeros(size - 1));
        if (index > 0 && index < size) {
            assertThat(ProofVerification.consistencyProofLength(index, size))
                    .isLessThanOrEqualTo(65 - Long.numberOfLeadingZeros(size - 1));
        }
    }
}
