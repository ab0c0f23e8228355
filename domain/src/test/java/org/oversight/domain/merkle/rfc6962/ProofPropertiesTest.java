package org.oversight.domain.merkle.rfc6962;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;
import org.oversight.domain.crypto.Sha256Digest;

/**
 * Every generated proof verifies, and every single corruption of a proof, root, index or size is
 * rejected. Leaves are distinct (they embed their index), so no two subtrees share a hash and a
 * rejection is never masked by a coincidence of equal leaves.
 */
class ProofPropertiesTest {

    static MerkleTree tree(int size, long seed) {
        MerkleTree tree = new MerkleTree();
        for (int i = 0; i < size; i++) {
            tree.appendLeaf(ByteBuffer.allocate(16).putLong(seed).putLong(i).array());
        }
        return tree;
    }

    @Property(tries = 15)
    void everyInclusionProofVerifies(@ForAll @IntRange(min = 1, max = 3000) int size, @ForAll long seed)
            throws Exception {
        MerkleTree tree = tree(size, seed);
        Sha256Digest root = tree.root();
        for (long i = 0; i < size; i++) {
            InclusionProof proof = tree.inclusionProof(i, size);
            InclusionProofVerifier.verify(proof, tree.leafHash(i), root);
            assertThat(InclusionProofVerifier.rootFromProof(proof, tree.leafHash(i))).isEqualTo(root);
        }
    }

    @Property(tries = 15)
    void everyConsistencyProofVerifies(@ForAll @IntRange(min = 1, max = 3000) int size, @ForAll long seed)
            throws Exception {
        MerkleTree tree = tree(size, seed);
        Sha256Digest root = tree.root();
        for (long m = 1; m <= size; m++) {
            ConsistencyProofVerifier.verify(tree.consistencyProof(m, size), tree.rootAt(m), root);
        }
    }

    @Property(tries = 60)
    void proofsForEarlierSizesVerifyAgainstTheirRoots(@ForAll @IntRange(min = 1, max = 1500) int size,
            @ForAll @LongRange(min = 0, max = Long.MAX_VALUE) long pick, @ForAll long seed) throws Exception {
        MerkleTree tree = tree(size, seed);
        long n = 1 + pick % size;
        long m = 1 + (pick / size) % n;
        long i = (pick / 7) % n;
        InclusionProofVerifier.verify(tree.inclusionProof(i, n), tree.leafHash(i), tree.rootAt(n));
        ConsistencyProofVerifier.verify(tree.consistencyProof(m, n), tree.rootAt(m), tree.rootAt(n));
    }

    @Property(tries = 150)
    void corruptedInclusionProofsAreRejected(@ForAll @IntRange(min = 1, max = 2000) int size,
            @ForAll @LongRange(min = 0, max = Long.MAX_VALUE) long pick, @ForAll long seed) throws Exception {
        MerkleTree tree = tree(2 * size + 1, seed);
        long index = pick % size;
        Sha256Digest root = tree.rootAt(size);
        Sha256Digest leaf = tree.leafHash(index);
        List<Sha256Digest> hashes = tree.inclusionProof(index, size).hashes();

        for (int h = 0; h < hashes.size(); h++) {
            for (int bit = 0; bit < 256; bit += 37) {
                List<Sha256Digest> bad = new ArrayList<>(hashes);
                bad.set(h, flip(hashes.get(h), bit));
                assertInclusionRejected(index, size, leaf, bad, root, "flip proof[" + h + "] bit " + bit);
            }
        }
        int bit = (int) (pick % 256);
        assertInclusionRejected(index, size, leaf, hashes, flip(root, bit), "flip root bit " + bit);
        assertInclusionRejected(index, size, flip(leaf, bit), hashes, root, "flip leaf bit " + bit);
        for (long other : new long[] {index - 1, index + 1, index ^ 2, index ^ 1, size}) {
            if (other >= 0 && other != index) {
                assertInclusionRejected(other, size, leaf, hashes, root, "index " + other);
            }
        }
        // Another tree size, with that tree's true root: a proof for one tree must not fit another.
        // (Pairing a wrong size with the original root is not always detectable: RFC 6962 roots do
        // not commit to the size, e.g. leaf 0's proof is the same in trees of 5 and 6 leaves. The
        // signed checkpoint binds size and root, and verifiers always take that pair.)
        for (long otherSize : new long[] {size - 1, size + 1, size * 2L, size / 2}) {
            if (otherSize > index && otherSize != size) {
                Sha256Digest otherRoot = tree.rootAt(otherSize);
                assertInclusionRejected(index, otherSize, leaf, hashes, otherRoot, "size " + otherSize);
            }
        }
        if (!hashes.isEmpty()) {
            assertInclusionRejected(index, size, leaf, hashes.subList(0, hashes.size() - 1), root, "truncated");
            List<Sha256Digest> shifted = new ArrayList<>(hashes.subList(1, hashes.size()));
            assertInclusionRejected(index, size, leaf, shifted, root, "first hash removed");
        }
        List<Sha256Digest> extended = new ArrayList<>(hashes);
        extended.add(root);
        assertInclusionRejected(index, size, leaf, extended, root, "extended");
        List<Sha256Digest> prepended = new ArrayList<>();
        prepended.add(leaf);
        prepended.addAll(hashes);
        assertInclusionRejected(index, size, leaf, prepended, root, "prepended");
    }

    @Property(tries = 150)
    void corruptedConsistencyProofsAreRejected(@ForAll @IntRange(min = 2, max = 2000) int size,
            @ForAll @LongRange(min = 0, max = Long.MAX_VALUE) long pick, @ForAll long seed) throws Exception {
        MerkleTree tree = tree(2 * size + 1, seed);
        long size1 = 1 + pick % (size - 1);
        Sha256Digest root1 = tree.rootAt(size1);
        Sha256Digest root2 = tree.rootAt(size);
        List<Sha256Digest> hashes = tree.consistencyProof(size1, size).hashes();

        for (int h = 0; h < hashes.size(); h++) {
            for (int bit = 0; bit < 256; bit += 37) {
                List<Sha256Digest> bad = new ArrayList<>(hashes);
                bad.set(h, flip(hashes.get(h), bit));
                assertConsistencyRejected(size1, size, bad, root1, root2, "flip proof[" + h + "] bit " + bit);
            }
        }
        int bit = (int) (pick % 256);
        assertConsistencyRejected(size1, size, hashes, flip(root1, bit), root2, "flip root1 bit " + bit);
        assertConsistencyRejected(size1, size, hashes, root1, flip(root2, bit), "flip root2 bit " + bit);
        assertConsistencyRejected(size1, size, hashes, root2, root1, "swapped roots");
        for (long other : new long[] {size1 - 1, size1 + 1, size1 ^ 2, size1 * 2}) {
            if (other != size1 && other >= 0 && other <= size) {
                Sha256Digest otherRoot = tree.rootAt(other);
                assertConsistencyRejected(other, size, hashes, otherRoot, root2, "size1 " + other);
            }
        }
        for (long other : new long[] {size - 1, size + 1, size * 2L, size / 2}) {
            if (other != size && other >= size1) {
                Sha256Digest otherRoot = tree.rootAt(other);
                assertConsistencyRejected(size1, other, hashes, root1, otherRoot, "size2 " + other);
            }
        }
        assertConsistencyRejected(size1, size, List.of(), root1, root2, "empty proof");
        assertConsistencyRejected(size1, size, hashes.subList(0, hashes.size() - 1), root1, root2, "truncated");
        List<Sha256Digest> extended = new ArrayList<>(hashes);
        extended.add(root2);
        assertConsistencyRejected(size1, size, extended, root1, root2, "extended");
        List<Sha256Digest> prepended = new ArrayList<>();
        prepended.add(root1);
        prepended.addAll(hashes);
        assertConsistencyRejected(size1, size, prepended, root1, root2, "prepended root1");
    }

    private static void assertInclusionRejected(long index, long size, Sha256Digest leaf, List<Sha256Digest> hashes,
            Sha256Digest root, String corruption) {
        assertThatThrownBy(() -> InclusionProofVerifier.verify(index, size, leaf, hashes, root))
                .as("inclusion of %d in %d with %s", index, size, corruption)
                .isInstanceOf(InclusionProofException.class);
    }

    private static void assertConsistencyRejected(long size1, long size2, List<Sha256Digest> hashes,
            Sha256Digest root1, Sha256Digest root2, String corruption) {
        assertThatThrownBy(() -> ConsistencyProofVerifier.verify(size1, size2, hashes, root1, root2))
                .as("consistency %d to %d with %s", size1, size2, corruption)
                .isInstanceOf(ConsistencyProofException.class);
    }

    static Sha256Digest flip(Sha256Digest digest, int bit) {
        byte[] bytes = digest.toByteArray();
        bytes[bit / 8] ^= (byte) (1 << (bit % 8));
        return Sha256Digest.of(bytes);
    }
}
