package org.oversight.domain.merkle.rfc6962;

import static org.assertj.core.api.Assertions.assertThat;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.arbitrary;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.lists;
import static org.quicktheories.generators.SourceDSL.longs;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.oversight.domain.merkle.rfc6962.internal.ProofVerification;
import org.quicktheories.api.Pair;
import org.quicktheories.core.Gen;
import org.quicktheories.generators.Generate;

/**
 * Fuzz: arbitrary indices, sizes (negative and near 2^63 included) and byte strings of any length
 * are either accepted or rejected with the stage's checked exception; nothing else escapes.
 */
class VerifierFuzzTest {

    static Gen<Long> sizes() {
        return Generate.oneOf(longs().between(-3, 70), longs().all(),
                arbitrary().pick(Long.MAX_VALUE, Long.MAX_VALUE - 1, Long.MIN_VALUE, 1L << 62));
    }

    static Gen<byte[]> hashes() {
        Gen<Byte> anyByte = Generate.bytes(Byte.MIN_VALUE, Byte.MAX_VALUE, (byte) 0);
        return Generate.oneOf(Generate.byteArrays(Generate.constant(32), anyByte),
                Generate.byteArrays(integers().between(0, 40), anyByte));
    }

    /** A pair of hashes: QuickTheories binds at most four generators per property. */
    static Gen<Pair<byte[], byte[]>> hashPairs() {
        return hashes().zip(hashes(), Pair::of);
    }

    static Gen<byte[][]> proofs() {
        return lists().of(hashes()).ofSizeBetween(0, 30).map(list -> list.toArray(new byte[0][]));
    }

    @Test
    void inclusionVerifierOnlyThrowsItsException() {
        qt().withExamples(300).withFixedSeed(0x7e51_0001L).forAll(sizes(), sizes(), hashPairs(), proofs())
                .checkAssert((index, size, leafAndRoot, proof) -> {
                    try {
                        ProofVerification.verifyInclusion(index, size, leafAndRoot._1, proof, leafAndRoot._2);
                    } catch (InclusionProofException e) {
                        assertThat(e.getMessage()).isNotBlank();
                    }
                });
    }

    @Test
    void consistencyVerifierOnlyThrowsItsException() {
        qt().withExamples(300).withFixedSeed(0x7e51_0002L).forAll(sizes(), sizes(), hashPairs(), proofs())
                .checkAssert((size1, size2, roots, proof) -> {
                    try {
                        ProofVerification.verifyConsistency(size1, size2, proof, roots._1, roots._2);
                    } catch (ConsistencyProofException e) {
                        assertThat(e.getMessage()).isNotBlank();
                    }
                });
    }

    @Test
    void proofLengthsAreBoundedByTreeHeight() {
        qt().withExamples(300).withFixedSeed(0x7e51_0003L).forAll(sizes(), sizes()).checkAssert((a, b) -> {
            long size = Math.max(Math.abs(a % Long.MAX_VALUE), 1);
            long index = Math.abs(b % size);
            assertThat(ProofVerification.inclusionProofLength(index, size))
                    .isLessThanOrEqualTo(64 - Long.numberOfLeadingZeros(size - 1));
            if (index > 0 && index < size) {
                assertThat(ProofVerification.consistencyProofLength(index, size))
                        .isLessThanOrEqualTo(65 - Long.numberOfLeadingZeros(size - 1));
            }
        });
    }
}
