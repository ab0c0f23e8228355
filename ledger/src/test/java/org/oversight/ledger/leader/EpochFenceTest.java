package org.oversight.ledger.leader;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.oversight.domain.crypto.Ed25519PrivateKey;
import org.oversight.domain.merkle.rfc6962.ConsistencyProofVerifier;
import org.oversight.domain.merkle.rfc6962.ProofGenerator;
import org.oversight.domain.merkle.rfc6962.Rfc6962Hashing;
import org.oversight.domain.note.Ed25519NoteSigner;
import org.oversight.ledger.sequencer.Checkpointer;
import org.oversight.ledger.sequencer.FencedWriteException;
import org.oversight.ledger.sequencer.LeafStore;
import org.oversight.ledger.sequencer.Leaf;
import org.oversight.ledger.sequencer.MutableClock;
import org.oversight.ledger.sequencer.Sequencer;
import org.oversight.ledger.sequencer.SequencerBatch;
import org.oversight.ledger.sequencer.StoredHashSource;
import org.oversight.ledger.sequencer.TestDatabases;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Two "nodes" (sequencer + checkpointer + fence + lease each) on one PostgreSQL database: a stale
 * leader's writes and checkpoints are refused by the epoch fence, and a takeover racing a stale
 * write is serialised by the database.
 */
class EpochFenceTest {
    private static final String ORIGIN = "fence.test/log";

    private DataSource db;
    private LeafStore store;
    private TransactionTemplate tx;
    private Ed25519NoteSigner logKey;
    private Node a;
    private Node b;

    /** One ledger process's log components. */
    private final class Node {
        final Sequencer sequencer = new Sequencer(store);
        final EpochFence fence = new EpochFence(db);
        final LeaderLease lease = new LeaderLease(db, LeadershipProperties.DEFAULT_LOCK_KEY, 60_000);
        final Checkpointer checkpointer;

        Node() {
            sequencer.installFence(fence);
            TransactionTemplate own = new TransactionTemplate(tx.getTransactionManager());
            own.setPropagationBehavior(TransactionTemplate.PROPAGATION_REQUIRES_NEW);
            checkpointer = new Checkpointer(store, sequencer, logKey, ORIGIN, new MutableClock(0), 1, 1, own);
        }

        /** What LeadershipManager.promote does, without the thread. */
        boolean takeOver(String name) throws Exception {
            long epoch = lease.tryAcquire(name, null);
            if (epoch < 0) {
                return false;
            }
            sequencer.writerLock().lock();
            try {
                checkpointer.reloadFromStore();
                fence.grant(epoch);
            } finally {
                sequencer.writerLock().unlock();
            }
            return true;
        }

        long append(int from, int to) {
            sequencer.writerLock().lock();
            try {
                return tx.execute(s -> {
                    SequencerBatch batch = sequencer.begin();
                    for (int i = from; i < to; i++) {
                        batch.append(leaf(i));
                    }
                    return batch.persist().size();
                });
            } finally {
                sequencer.writerLock().unlock();
            }
        }
    }

    @BeforeEach
    void setUp() throws Exception {
        db = TestDatabases.fresh();
        store = new LeafStore(db);
        store.createSchema();
        LeadershipConfiguration.createSchema(db);
        tx = new TransactionTemplate(new DataSourceTransactionManager(db));
        logKey = Ed25519NoteSigner.of(ORIGIN, Ed25519PrivateKey.generate(new SecureRandom()));
        a = new Node();
        b = new Node();
    }

    @AfterEach
    void tearDown() {
        a.lease.close();
        b.lease.close();
    }

    static Leaf leaf(int i) {
        byte[] bytes = ("{\"fenced\":" + i + "}").getBytes(StandardCharsets.UTF_8);
        return new Leaf("event-" + i, "test/s" + i, 0, bytes, Rfc6962Hashing.leafHash(bytes));
    }

    @Test
    void aFollowerCannotWriteOrSign() {
        assertThat(a.sequencer.mayWrite()).isFalse();
        assertThatThrownBy(() -> a.append(0, 1)).isInstanceOf(FencedWriteException.class)
                .hasMessageContaining("not the log's leader");
        a.checkpointer.tick();
        assertThat(a.checkpointer.latest()).isEmpty();
        assertThat(store.leaves(0, 10)).isEmpty();
    }

    @Test
    void aStaleLeadersWritesAndCheckpointsAreRefusedAndTheNewLeaderContinuesTheSameLog() throws Exception {
        assertThat(a.takeOver("a")).isTrue();
        assertThat(b.takeOver("b")).isFalse();
        assertThat(a.append(0, 3)).isEqualTo(3);
        a.checkpointer.tick();
        var signedByA = a.checkpointer.latest().orElseThrow().checkpoint();
        assertThat(signedByA.size()).isEqualTo(3);

        // a "pauses": its lease session ends (here: terminated by the server) while it still
        // believes it leads epoch 1; b takes over with epoch 2 and reloads the log from PostgreSQL.
        a.lease.close();
        assertThat(b.takeOver("b")).isTrue();
        assertThat(b.fence.epoch()).isEqualTo(2);
        assertThat(b.sequencer.committed().size()).isEqualTo(3);
        assertThat(b.checkpointer.latest().orElseThrow().checkpoint()).isEqualTo(signedByA);
        assertThat(a.sequencer.mayWrite()).as("a has not noticed yet").isTrue();

        assertThat(b.append(3, 5)).isEqualTo(5);
        // The stale leader resumes: its append computed on size 3 and its epoch are both stale.
        assertThatThrownBy(() -> a.append(100, 102)).isInstanceOf(FencedWriteException.class)
                .hasMessageContaining("lease epoch is 2 but this node leads epoch 1");
        assertThat(store.leaves(0, 10)).extracting(l -> l.leaf().eventId())
                .containsExactly("event-0", "event-1", "event-2", "event-3", "event-4");
        assertThat(a.sequencer.committed().size()).isEqualTo(3);
        assertThat(a.sequencer.mayWrite()).as("the fence revoked a's writes").isFalse();

        // Nor can it sign: its checkpointer skips, and a forced signature is not stored.
        a.fence.grant(1);
        a.checkpointer.tick();
        assertThat(a.checkpointer.latest().orElseThrow().checkpoint().size()).isEqualTo(3);

        b.checkpointer.tick();
        var signedByB = b.checkpointer.latest().orElseThrow().checkpoint();
        assertThat(signedByB.size()).isEqualTo(5);
        var proof = ProofGenerator.consistencyProof(new StoredHashSource(store, 5), 3, 5);
        ConsistencyProofVerifier.verify(proof, signedByA.rootHash(), signedByB.rootHash());
    }

    @Test
    void aTakeoverWaitsForAWriteThatPassedTheFenceAndThenIncludesIt() throws Exception {
        assertThat(a.takeOver("a")).isTrue();
        a.append(0, 2);
        a.lease.close(); // a's session ends while its next write is in flight

        CountDownLatch fencePassed = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        CompletableFuture<Long> staleWrite = CompletableFuture.supplyAsync(() -> {
            a.sequencer.writerLock().lock();
            try {
                return tx.execute(s -> {
                    SequencerBatch batch = a.sequencer.begin();
                    batch.append(leaf(2));
                    long size = batch.persist().size(); // passes the fence: epoch still 1
                    fencePassed.countDown();
                    await(release);
                    return size;
                });
            } finally {
                a.sequencer.writerLock().unlock();
            }
        });
        assertThat(fencePassed.await(10, TimeUnit.SECONDS)).isTrue();
        CompletableFuture<Boolean> takeover = CompletableFuture.supplyAsync(() -> {
            try {
                return b.takeOver("b");
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        Thread.sleep(500);
        assertThat(takeover).as("the epoch update waits for the share lock of the write in flight").isNotDone();
        release.countDown();
        assertThat(staleWrite.get(10, TimeUnit.SECONDS)).isEqualTo(3);
        assertThat(takeover.get(10, TimeUnit.SECONDS)).isTrue();
        assertThat(b.sequencer.committed().size()).as("b continues after a's last commit").isEqualTo(3);
        assertThat(b.append(3, 4)).isEqualTo(4);
    }

    @Test
    void aFollowerStartingWhileTheLeaderSignsLoadsTheNewerCheckpointWithoutAlarm() throws Exception {
        assertThat(a.takeOver("a")).isTrue();
        Sequencer late = new Sequencer(store); // a follower process reads the state first ...
        late.installFence(new EpochFence(db));
        a.append(0, 4);
        a.checkpointer.tick(); // ... the leader commits and signs size 4 ...
        TransactionTemplate own = new TransactionTemplate(tx.getTransactionManager());
        own.setPropagationBehavior(TransactionTemplate.PROPAGATION_REQUIRES_NEW);
        Checkpointer follower = new Checkpointer(store, late, logKey, ORIGIN, new MutableClock(0), 1, 1, own);
        // ... and the follower's checkpointer, reading that checkpoint, reloads the tree instead of alarming.
        assertThat(follower.failure()).isEmpty();
        assertThat(follower.latest().orElseThrow().checkpoint().size()).isEqualTo(4);
        assertThat(late.committed().size()).isEqualTo(4);
    }

    private static void await(CountDownLatch latch) {
        try {
            if (!latch.await(10, TimeUnit.SECONDS)) {
                throw new IllegalStateException("not released");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
