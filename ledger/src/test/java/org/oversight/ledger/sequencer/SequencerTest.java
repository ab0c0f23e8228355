package org.oversight.ledger.sequencer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.function.IntFunction;
import javax.sql.DataSource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.oversight.domain.crypto.Sha256Digest;
import org.oversight.domain.merkle.rfc6962.InclusionProof;
import org.oversight.domain.merkle.rfc6962.InclusionProofVerifier;
import org.oversight.domain.merkle.rfc6962.MerkleTree;
import org.oversight.domain.merkle.rfc6962.ProofGenerator;
import org.oversight.domain.merkle.rfc6962.Rfc6962Hashing;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

class SequencerTest {
    private DataSource db;
    private LeafStore store;
    private TransactionTemplate tx;

    @BeforeEach
    void setUp() {
        db = TestDatabases.fresh();
        store = new LeafStore(db);
        store.createSchema();
        tx = new TransactionTemplate(new DataSourceTransactionManager(db));
    }

    static Leaf leaf(int i) {
        byte[] bytes = ("{\"leaf\":" + i + "}").getBytes(StandardCharsets.UTF_8);
        return new Leaf("event-" + i, "test/s" + i, 0, bytes, Rfc6962Hashing.leafHash(bytes));
    }

    /** Appends leaves [from, to) in one transaction; returns their indices. */
    static List<Long> append(Sequencer sequencer, TransactionTemplate tx, int from, int to) {
        return append(sequencer, tx, from, to, SequencerTest::leaf);
    }

    /**
     * Appends {@code leafAt(i)} for i in [from, to) in one transaction, as the single writer does;
     * {@code leafAt} runs inside that transaction. Returns the indices.
     */
    static List<Long> append(Sequencer sequencer, TransactionTemplate tx, int from, int to, IntFunction<Leaf> leafAt) {
        sequencer.writerLock().lock();
        try {
            return tx.execute(s -> {
                SequencerBatch batch = sequencer.begin();
                List<Long> indices = new ArrayList<>();
                for (int i = from; i < to; i++) {
                    indices.add(batch.append(leafAt.apply(i)));
                }
                batch.persist();
                return indices;
            });
        } finally {
            sequencer.writerLock().unlock();
        }
    }

    @Test
    void assignsConsecutiveIndicesAcrossBatches() {
        Sequencer sequencer = new Sequencer(store);
        assertThat(append(sequencer, tx, 0, 3)).containsExactly(0L, 1L, 2L);
        assertThat(append(sequencer, tx, 3, 5)).containsExactly(3L, 4L);
        assertThat(sequencer.committed().size()).isEqualTo(5);
        assertThat(store.leaves(0, 10)).extracting(StoredLeaf::index).containsExactly(0L, 1L, 2L, 3L, 4L);
        assertThat(store.findByEventId("event-3").orElseThrow().index()).isEqualTo(3);
    }

    @Test
    void rootMatchesAnInMemoryTreeAndTileNodesAreStored() throws Exception {
        Sequencer sequencer = new Sequencer(store);
        append(sequencer, tx, 0, 300);
        append(sequencer, tx, 300, 530);
        MerkleTree reference = new MerkleTree();
        for (int i = 0; i < 530; i++) {
            reference.appendLeaf(leaf(i).leafBytes());
        }
        assertThat(sequencer.committed().root()).isEqualTo(reference.root());
        assertThat(store.hashes(8, 0, 10)).containsExactly(reference.subtreeHash(8, 0), reference.subtreeHash(8, 1));
        StoredHashSource source = new StoredHashSource(store, 530);
        for (long size : new long[] {1, 255, 256, 257, 511, 512, 530}) {
            assertThat(ProofGenerator.root(source, size)).as("root at %d", size).isEqualTo(reference.rootAt(size));
        }
        InclusionProof proof = ProofGenerator.inclusionProof(source, 300, 530);
        assertThat(proof).isEqualTo(reference.inclusionProof(300, 530));
        InclusionProofVerifier.verify(proof, leaf(300).leafHash(), reference.root());
        assertThat(ProofGenerator.consistencyProof(source, 200, 530)).isEqualTo(reference.consistencyProof(200, 530));
    }

    /**
     * A level-8 node's children come from the batch's own leaves where it holds them and from the
     * store for leaves committed before it: every split of a tile between batches gives the node
     * the in-memory tree gives (tile 0: read part + batch; 1: inside one batch; 2: completed by a
     * batch ending on the boundary; 3: starting exactly at a batch's first leaf).
     */
    @Test
    void tileNodesAreRightWhateverSplitOfTheirLeavesBetweenBatches() {
        Sequencer sequencer = new Sequencer(store);
        append(sequencer, tx, 0, 100);
        append(sequencer, tx, 100, 700);
        append(sequencer, tx, 700, 768);
        append(sequencer, tx, 768, 1030);
        MerkleTree reference = new MerkleTree();
        for (int i = 0; i < 1030; i++) {
            reference.appendLeaf(leaf(i).leafBytes());
        }
        assertThat(store.hashes(8, 0, 10)).containsExactly(reference.subtreeHash(8, 0), reference.subtreeHash(8, 1),
                reference.subtreeHash(8, 2), reference.subtreeHash(8, 3));
        assertThat(sequencer.committed().root()).isEqualTo(reference.root());
    }

    @Test
    void rolledBackBatchLeavesNoTraceAndIndicesAreReused() {
        Sequencer sequencer = new Sequencer(store);
        append(sequencer, tx, 0, 2);
        sequencer.writerLock().lock();
        try {
            assertThatThrownBy(() -> tx.executeWithoutResult(s -> {
                SequencerBatch batch = sequencer.begin();
                batch.append(leaf(2));
                batch.persist();
                throw new IllegalStateException("later event in the batch rejected");
            })).hasMessageContaining("rejected");
        } finally {
            sequencer.writerLock().unlock();
        }
        assertThat(sequencer.committed().size()).isEqualTo(2);
        assertThat(store.leaves(0, 10)).hasSize(2);
        assertThat(new Sequencer(store).committed().size()).isEqualTo(2);
        assertThat(append(sequencer, tx, 2, 3)).containsExactly(2L);
    }

    @Test
    void restartContinuesFromThePersistedState() {
        Sequencer first = new Sequencer(store);
        append(first, tx, 0, 7);
        Sha256Digest root = first.committed().root();
        Sequencer restarted = new Sequencer(new LeafStore(db));
        assertThat(restarted.committed().size()).isEqualTo(7);
        assertThat(restarted.committed().root()).isEqualTo(root);
        assertThat(append(restarted, tx, 7, 9)).containsExactly(7L, 8L);
    }

    @Test
    void aSecondWriterOnTheSameDatabaseIsRefused() {
        Sequencer a = new Sequencer(store);
        append(a, tx, 0, 1);
        Sequencer b = new Sequencer(new LeafStore(db));
        append(a, tx, 1, 2);
        assertThatThrownBy(() -> append(b, tx, 2, 3)).isInstanceOfAny(
                ConcurrentSequencerException.class, org.springframework.dao.DataIntegrityViolationException.class);
        assertThat(store.leaves(0, 10)).hasSize(2);
    }

    @Test
    void batchWithoutTheWriterLockIsRefused() {
        Sequencer sequencer = new Sequencer(store);
        assertThatThrownBy(sequencer::begin).isInstanceOf(IllegalStateException.class).hasMessageContaining("writer lock");
    }
}
