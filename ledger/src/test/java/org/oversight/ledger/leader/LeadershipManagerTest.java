package org.oversight.ledger.leader;

import static org.assertj.core.api.Assertions.assertThat;

import java.security.SecureRandom;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.oversight.domain.crypto.Ed25519PrivateKey;
import org.oversight.domain.note.Ed25519NoteSigner;
import org.oversight.ledger.sequencer.Checkpointer;
import org.oversight.ledger.sequencer.LeafStore;
import org.oversight.ledger.sequencer.MutableClock;
import org.oversight.ledger.sequencer.Sequencer;
import org.oversight.ledger.sequencer.TestDatabases;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/** The manager's state machine against the shared test PostgreSQL, without Spring. */
class LeadershipManagerTest {

    @Test
    void aTakeoverLongerThanTheSessionTimeoutKeepsTheLease() throws Exception {
        DataSource db = TestDatabases.fresh();
        LeafStore store = new LeafStore(db);
        store.createSchema();
        LeadershipConfiguration.createSchema(db);
        Sequencer sequencer = new Sequencer(store);
        EpochFence fence = new EpochFence(db);
        sequencer.installFence(fence);
        TransactionTemplate tx = new TransactionTemplate(new DataSourceTransactionManager(db));
        tx.setPropagationBehavior(TransactionTemplate.PROPAGATION_REQUIRES_NEW);
        Checkpointer checkpointer = new Checkpointer(store, sequencer,
                Ed25519NoteSigner.of("manager.test/log", Ed25519PrivateKey.generate(new SecureRandom())),
                "manager.test/log", new MutableClock(0), 1, 1, tx);
        AtomicInteger resyncs = new AtomicInteger();
        // A registry rebuild of a large log: far longer than the 1 s in which PostgreSQL ends an
        // idle lease session. The heartbeat thread must keep the session alive meanwhile.
        LeadershipManager manager = new LeadershipManager(new LeaderLease(db, LeadershipProperties.DEFAULT_LOCK_KEY,
                1000), fence, sequencer, checkpointer, size -> {
                    resyncs.incrementAndGet();
                    sleep(2500);
                }, Optional.empty(), 1000, db, "node-m", Optional.empty(), 100);
        try {
            manager.start();
            assertThat(manager.role()).isEqualTo(NodeRole.LEADER);
            sleep(1500);
            assertThat(manager.role()).isEqualTo(NodeRole.LEADER);
            assertThat(manager.epoch()).as("no lease loss and re-acquisition").isEqualTo(1);
            assertThat(resyncs).hasValue(1);
            assertThat(new JdbcTemplate(db).queryForObject("SELECT count(*) FROM pg_locks WHERE locktype = 'advisory'"
                    + " AND granted", Integer.class)).as("the lease session survived the takeover").isEqualTo(1);
            assertThat(checkpointer.latest()).as("the leader signed the empty tree").isPresent();
        } finally {
            manager.stop();
        }
        assertThat(manager.role()).isEqualTo(NodeRole.FOLLOWER);
        assertThat(sequencer.mayWrite()).isFalse();
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
