package org.oversight.ledger.sequencer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ch.qos.logback.classic.Level;
import java.security.SecureRandom;
import javax.sql.DataSource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.oversight.domain.checkpoint.Checkpoint;
import org.oversight.domain.checkpoint.SignedCheckpoint;
import org.oversight.domain.crypto.Ed25519PrivateKey;
import org.oversight.domain.merkle.rfc6962.CompactRange;
import org.oversight.domain.merkle.rfc6962.Rfc6962Hashing;
import org.oversight.domain.note.Ed25519NoteSigner;
import org.oversight.ledger.testing.CapturedLog;
import org.springframework.boot.actuate.health.Status;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

class CheckpointerTest {
    private static final String ORIGIN = "test.example/log";

    private DataSource db;
    private LeafStore store;
    private TransactionTemplate tx;
    private Ed25519NoteSigner logKey;
    private MutableClock clock;

    @BeforeEach
    void setUp() throws Exception {
        db = TestDatabases.fresh();
        store = new LeafStore(db);
        store.createSchema();
        tx = new TransactionTemplate(new DataSourceTransactionManager(db));
        logKey = Ed25519NoteSigner.of(ORIGIN, Ed25519PrivateKey.generate(new SecureRandom()));
        clock = new MutableClock(1_000_000);
    }

    private Checkpointer checkpointer(Sequencer sequencer, long everyLeaves, long intervalMillis) {
        return new Checkpointer(store, sequencer, logKey, ORIGIN, clock, everyLeaves, intervalMillis, tx);
    }

    private long signedSize(Checkpointer c) {
        return c.latest().orElseThrow().checkpoint().size();
    }

    @Test
    void signsTheEmptyTreeFirstThenEveryNLeaves() throws Exception {
        Sequencer sequencer = new Sequencer(store);
        Checkpointer checkpointer = checkpointer(sequencer, 5, 60_000);
        checkpointer.tick();
        assertThat(signedSize(checkpointer)).isZero();
        SequencerTest.append(sequencer, tx, 0, 4);
        checkpointer.tick();
        assertThat(signedSize(checkpointer)).as("4 < 5 leaves and no time passed").isZero();
        SequencerTest.append(sequencer, tx, 4, 5);
        checkpointer.tick();
        assertThat(signedSize(checkpointer)).isEqualTo(5);
        Checkpoint verified = checkpointer.latest().orElseThrow().verify(ORIGIN, logKey.verifier());
        assertThat(verified.rootHash()).isEqualTo(sequencer.committed().root());
    }

    @Test
    void signsAfterTheIntervalByTheInjectedClock() {
        Sequencer sequencer = new Sequencer(store);
        Checkpointer checkpointer = checkpointer(sequencer, 1000, 500);
        checkpointer.tick();
        SequencerTest.append(sequencer, tx, 0, 2);
        checkpointer.tick();
        assertThat(signedSize(checkpointer)).isZero();
        clock.advance(499);
        checkpointer.tick();
        assertThat(signedSize(checkpointer)).isZero();
        clock.advance(1);
        checkpointer.tick();
        assertThat(signedSize(checkpointer)).isEqualTo(2);
    }

    @Test
    void restartLoadsAndChecksTheLastCheckpoint() {
        Sequencer sequencer = new Sequencer(store);
        SequencerTest.append(sequencer, tx, 0, 3);
        checkpointer(sequencer, 1, 1).tick();
        Checkpointer restarted = checkpointer(new Sequencer(new LeafStore(db)), 1, 1);
        assertThat(restarted.failure()).isEmpty();
        assertThat(signedSize(restarted)).isEqualTo(3);
    }

    @Test
    void refusesToSignWhenTheStoredLeavesNoLongerReproduceTheRoot() {
        try (CapturedLog log = CapturedLog.of(Checkpointer.class)) {
            Sequencer sequencer = new Sequencer(store);
            Checkpointer checkpointer = checkpointer(sequencer, 1, 1);
            SequencerTest.append(sequencer, tx, 0, 4);
            checkpointer.tick();
            assertThat(signedSize(checkpointer)).isEqualTo(4);
            // Someone rewrites history under the sequencer: leaf 1 is replaced in the database.
            new JdbcTemplate(db).update("UPDATE ledger_leaf SET event_hash = ? WHERE leaf_index = 1",
                    (Object) Rfc6962Hashing.leafHash(new byte[] {9}).toByteArray());
            SequencerTest.append(sequencer, tx, 4, 6);
            checkpointer.tick();
            assertThat(signedSize(checkpointer)).as("nothing new signed").isEqualTo(4);
            assertThat(checkpointer.failure()).hasValueSatisfying(f -> assertThat(f).contains("stored tree root"));
            assertThat(new CheckpointHealthIndicator(checkpointer, sequencer).health().getStatus())
                    .isEqualTo(Status.DOWN);
            assertThat(maxCheckpointSize()).isEqualTo(4);
            assertThat(log.messages(Level.ERROR)).as("the alarm is logged").isNotEmpty()
                    .allSatisfy(m -> assertThat(m).startsWith("ALARM: checkpointer stopped").contains("stored tree root"));
        }
    }

    @Test
    void refusesToSignATreeInconsistentWithTheLastCheckpoint() {
        try (CapturedLog log = CapturedLog.of(Checkpointer.class)) {
            Sequencer sequencer = new Sequencer(store);
            SequencerTest.append(sequencer, tx, 0, 3);
            checkpointer(sequencer, 1, 1).tick();
            // The persisted Merkle state is replaced by that of another history of the same size.
            CompactRange forged = CompactRange.empty();
            for (int i = 100; i < 103; i++) {
                forged.append(SequencerTest.leaf(i).leafHash());
            }
            new JdbcTemplate(db).update("UPDATE ledger_sequencer SET compact_range = ?, root = ?",
                    forged.toBytes(), forged.root().toByteArray());
            Sequencer restarted = new Sequencer(new LeafStore(db));
            Checkpointer checkpointer = checkpointer(restarted, 1, 1);
            SequencerTest.append(restarted, tx, 3, 5);
            checkpointer.tick();
            assertThat(checkpointer.failure()).hasValueSatisfying(f -> assertThat(f).contains("not consistent"));
            assertThatThrownBy(() -> checkpointer.sign(restarted.committed()))
                    .isInstanceOf(CheckpointRefusedException.class);
            assertThat(new CheckpointHealthIndicator(checkpointer, restarted).health().getStatus())
                    .isEqualTo(Status.DOWN);
            assertThat(maxCheckpointSize()).isEqualTo(3);
            assertThat(log.messages(Level.ERROR)).as("the alarm is logged").isNotEmpty()
                    .allSatisfy(m -> assertThat(m).startsWith("ALARM: checkpointer stopped").contains("not consistent"));
        }
    }

    private Long maxCheckpointSize() {
        return new JdbcTemplate(db).queryForObject("SELECT max(tree_size) FROM ledger_checkpoint", Long.class);
    }

    @Test
    void refusesAtStartWhenTheStoredCheckpointDisagreesWithTheStoredTree() {
        try (CapturedLog log = CapturedLog.of(Checkpointer.class)) {
            Sequencer sequencer = new Sequencer(store);
            SequencerTest.append(sequencer, tx, 0, 3);
            checkpointer(sequencer, 1, 1).tick();
            new JdbcTemplate(db).update("UPDATE ledger_leaf SET event_hash = ? WHERE leaf_index = 0",
                    (Object) Rfc6962Hashing.leafHash(new byte[] {7}).toByteArray());
            Checkpointer restarted = checkpointer(new Sequencer(new LeafStore(db)), 1, 1);
            assertThat(restarted.failure()).hasValueSatisfying(f -> assertThat(f).contains("!= stored tree root"));
            assertThat(log.messages(Level.ERROR)).as("the alarm is logged").isNotEmpty()
                    .allSatisfy(m -> assertThat(m).startsWith("ALARM: checkpointer stopped").contains("!= stored tree root"));
        }
    }

    @Test
    void aRestartWithAnotherLogKeySignsNothing() throws Exception {
        // format.md §8.3: version 1 has no log-key rotation; the stored checkpoints must verify under the
        // configured key, or the checkpointer alarms and signs nothing (a new key means a new log).
        try (CapturedLog log = CapturedLog.of(Checkpointer.class)) {
            Sequencer sequencer = new Sequencer(store);
            SequencerTest.append(sequencer, tx, 0, 3);
            checkpointer(sequencer, 1, 1).tick();
            Ed25519NoteSigner original = logKey;
            logKey = Ed25519NoteSigner.of(ORIGIN, Ed25519PrivateKey.generate(new SecureRandom()));
            Sequencer restartedSequencer = new Sequencer(new LeafStore(db));
            Checkpointer restarted = checkpointer(restartedSequencer, 1, 1);
            assertThat(restarted.failure()).hasValueSatisfying(f -> assertThat(f).contains("stored checkpoint does not verify"));
            SequencerTest.append(restartedSequencer, tx, 3, 5);
            restarted.tick();
            assertThat(maxCheckpointSize()).isEqualTo(3);
            assertThat(new CheckpointHealthIndicator(restarted, restartedSequencer).health().getStatus()).isEqualTo(Status.DOWN);
            SignedCheckpoint stored = SignedCheckpoint.parse(store.latestCheckpointNote().orElseThrow()
                    .getBytes(java.nio.charset.StandardCharsets.UTF_8));
            assertThat(stored.verify(ORIGIN, original.verifier()).size()).isEqualTo(3);
            assertThat(log.messages(Level.ERROR)).as("the alarm is logged").isNotEmpty()
                    .allSatisfy(m -> assertThat(m).startsWith("ALARM: checkpointer stopped"));
        }
    }

    @Test
    void storedNoteIsTheServedSignedCheckpoint() throws Exception {
        Sequencer sequencer = new Sequencer(store);
        SequencerTest.append(sequencer, tx, 0, 2);
        Checkpointer checkpointer = checkpointer(sequencer, 1, 1);
        checkpointer.tick();
        String note = store.latestCheckpointNote().orElseThrow();
        SignedCheckpoint parsed = SignedCheckpoint.parse(note.getBytes(java.nio.charset.StandardCharsets.UTF_8));
        assertThat(parsed.verify(ORIGIN, logKey.verifier()).size()).isEqualTo(2);
    }
}
