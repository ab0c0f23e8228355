package org.oversight.ledger.sequencer;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.oversight.domain.checkpoint.Checkpoint;
import org.oversight.domain.checkpoint.SignedCheckpoint;
import org.oversight.domain.crypto.Ed25519PrivateKey;
import org.oversight.domain.crypto.Sha256Digest;
import org.oversight.domain.merkle.rfc6962.ConsistencyProofVerifier;
import org.oversight.domain.merkle.rfc6962.ProofGenerator;
import org.oversight.domain.merkle.rfc6962.Rfc6962Hashing;
import org.oversight.domain.note.Ed25519NoteSigner;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionCallback;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Size-triggered checkpoints are signed on the checkpointer's own thread, woken by commits: the
 * writer never waits for a signature, wake-ups coalesce, and every checkpoint extends the previous.
 */
class CheckpointTickerTest {
    private static final String ORIGIN = "test.example/log";
    private static final long LONG_PERIOD_MILLIS = 600_000;

    private DataSource db;
    private RecordingLeafStore checkpointStore;
    private TransactionTemplate tx;
    private BlockingTransactionTemplate checkpointTx;
    private Ed25519NoteSigner logKey;
    private Sequencer sequencer;
    private CheckpointTicker ticker;
    private final ExecutorService writer = Executors.newSingleThreadExecutor();

    /** Records every checkpoint the checkpointer stores, in the order it stores them. */
    static final class RecordingLeafStore extends LeafStore {
        final List<SignedCheckpoint> stored = new CopyOnWriteArrayList<>();

        RecordingLeafStore(DataSource db) {
            super(db);
        }

        @Override
        void insertCheckpoint(long size, Sha256Digest root, String signedNote, java.time.Instant signedAt) {
            super.insertCheckpoint(size, root, signedNote, signedAt);
            try {
                stored.add(SignedCheckpoint.parse(signedNote.getBytes(StandardCharsets.UTF_8)));
            } catch (Exception e) {
                throw new AssertionError("stored checkpoint does not parse: " + signedNote, e);
            }
        }
    }

    /** A checkpoint transaction that, once armed, waits for a latch before it begins. */
    static final class BlockingTransactionTemplate extends TransactionTemplate {
        volatile CountDownLatch entered;
        volatile CountDownLatch release;

        BlockingTransactionTemplate(DataSource db) {
            super(new DataSourceTransactionManager(db));
            setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
        }

        void arm() {
            entered = new CountDownLatch(1);
            release = new CountDownLatch(1);
        }

        @Override
        public <T> T execute(TransactionCallback<T> action) {
            CountDownLatch r = release;
            if (r != null) {
                entered.countDown();
                try {
                    r.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException("interrupted while blocked", e);
                }
            }
            return super.execute(action);
        }
    }

    @BeforeEach
    void setUp() throws Exception {
        db = TestDatabases.fresh();
        LeafStore store = new LeafStore(db);
        store.createSchema();
        checkpointStore = new RecordingLeafStore(db);
        tx = new TransactionTemplate(new DataSourceTransactionManager(db));
        checkpointTx = new BlockingTransactionTemplate(db);
        logKey = Ed25519NoteSigner.of(ORIGIN, Ed25519PrivateKey.generate(new SecureRandom()));
        sequencer = new Sequencer(store);
    }

    @AfterEach
    void tearDown() {
        CountDownLatch r = checkpointTx.release;
        if (r != null) {
            r.countDown();
        }
        if (ticker != null) {
            ticker.close();
        }
        writer.shutdownNow();
    }

    private Checkpointer startCheckpointer(long everyLeaves) {
        // A clock that never moves and a long tick period: only the size trigger and wake-ups act.
        Checkpointer checkpointer = new Checkpointer(checkpointStore, sequencer, logKey, ORIGIN,
                new MutableClock(1_000_000), everyLeaves, LONG_PERIOD_MILLIS, checkpointTx);
        checkpointer.tick();
        ticker = new CheckpointTicker(checkpointer, LONG_PERIOD_MILLIS);
        sequencer.addCommitListener(state -> ticker.wake());
        return checkpointer;
    }

    @Test
    void aBurstOfCommitsGetsGrowingCheckpointsEachConsistentWithThePrevious() throws Exception {
        long every = 7;
        Checkpointer checkpointer = startCheckpointer(every);
        int leaves = 0;
        for (int commit = 0; commit < 60; commit++) {
            int n = 1 + commit % 4;
            SequencerTest.append(sequencer, tx, leaves, leaves + n);
            leaves += n;
        }
        long total = leaves;
        await(() -> checkpointer.latest().orElseThrow().checkpoint().size() > total - every,
                "a checkpoint within " + every + " leaves of " + total);

        List<Sha256Digest> leafHashes = new ArrayList<>();
        for (int i = 0; i < total; i++) {
            leafHashes.add(SequencerTest.leaf(i).leafHash());
        }
        List<SignedCheckpoint> stored = checkpointStore.stored;
        assertThat(stored.size()).as("genesis and at least one size-triggered checkpoint").isGreaterThan(1);
        Checkpoint previous = null;
        for (SignedCheckpoint s : stored) {
            Checkpoint c = s.verify(ORIGIN, logKey.verifier());
            assertThat(c.rootHash()).as("root at size " + c.size())
                    .isEqualTo(Rfc6962Hashing.rootOf(leafHashes.subList(0, (int) c.size())));
            if (previous != null) {
                assertThat(c.size() - previous.size()).as("sizes only grow, by at least every-leaves")
                        .isGreaterThanOrEqualTo(every);
                if (previous.size() > 0) {
                    ConsistencyProofVerifier.verify(ProofGenerator.consistencyProof(
                            new StoredHashSource(checkpointStore, c.size()), previous.size(), c.size()),
                            previous.rootHash(), c.rootHash());
                }
            }
            previous = c;
        }
        assertThat(checkpointer.failure()).isEmpty();
    }

    @Test
    void theWriterDoesNotWaitForASignatureAndWakeUpsCoalesce() throws Exception {
        Checkpointer checkpointer = startCheckpointer(1);
        assertThat(checkpointStore.stored).hasSize(1); // the empty tree
        checkpointTx.arm();
        SequencerTest.append(sequencer, tx, 0, 2);
        assertThat(checkpointTx.entered.await(10, TimeUnit.SECONDS)).as("the checkpointer started signing 2")
                .isTrue();

        // The signer is blocked (holding the checkpointer's monitor); commits still go through.
        for (int from = 2; from < 10; from += 2) {
            int f = from;
            Future<?> commit = writer.submit(() -> SequencerTest.append(sequencer, tx, f, f + 2));
            commit.get(10, TimeUnit.SECONDS);
        }
        assertThat(sequencer.committed().size()).isEqualTo(10);
        assertThat(checkpointStore.stored).as("nothing signed while the signer is blocked").hasSize(1);

        CountDownLatch release = checkpointTx.release;
        checkpointTx.release = null;
        release.countDown();
        await(() -> checkpointer.latest().orElseThrow().checkpoint().size() == 10, "a checkpoint of size 10");
        assertThat(checkpointStore.stored).extracting(s -> s.checkpoint().size())
                .as("four commits during the signature coalesce into one checkpoint of the latest state")
                .containsExactly(0L, 2L, 10L);
    }

    private static void await(BooleanSupplier condition, String what) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out waiting for " + what);
            }
            Thread.sleep(10);
        }
    }
}
