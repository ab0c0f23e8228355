package org.oversight.domain.merkle.rfc6962;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.oversight.domain.crypto.Sha256Digest;

/** Proofs from a source that only has leaf hashes equal those from the in-memory tree. */
class HashSourceTest {

    /** Serves leaf hashes only, like a table of (index, leaf hash), counting range reads. */
    static final class LeafTable implements HashSource {
        final List<Sha256Digest> leaves = new ArrayList<>();
        int rangeReads;

        @Override
        public long size() {
            return leaves.size();
        }

        @Override
        public Sha256Digest leafHash(long index) {
            return leaves.get((int) index);
        }

        @Override
        public List<Sha256Digest> leafHashes(long start, long end) {
            rangeReads++;
            return List.copyOf(leaves.subList((int) start, (int) end));
        }
    }

    @Property(tries = 20)
    void leafOnlySourceGivesTheSameProofs(@ForAll @IntRange(min = 1, max = 9000) int size,
            @ForAll @IntRange(min = 0, max = Integer.MAX_VALUE) int pick) throws Exception {
        LeafTable table = new LeafTable();
        MerkleTree tree = new MerkleTree();
        for (int i = 0; i < size; i++) {
            Sha256Digest leaf = Rfc6962Hashing.leafHash(ByteBuffer.allocate(4).putInt(i).array());
            table.leaves.add(leaf);
            tree.append(leaf);
        }
        long index = pick % size;
        long size1 = 1 + pick % size;
        assertThat(ProofGenerator.root(table, size)).isEqualTo(tree.root());
        assertThat(ProofGenerator.inclusionProof(table, index, size)).isEqualTo(tree.inclusionProof(index, size));
        assertThat(ProofGenerator.consistencyProof(table, size1, size)).isEqualTo(tree.consistencyProof(size1, size));
        // Range reads are batched: a root reads each leaf once, in at most size / 4096 + log2(size) reads.
        table.rangeReads = 0;
        ProofGenerator.root(table, size);
        assertThat(table.rangeReads).isLessThanOrEqualTo(size / HashSource.MAX_BATCH + 14);
    }
}
