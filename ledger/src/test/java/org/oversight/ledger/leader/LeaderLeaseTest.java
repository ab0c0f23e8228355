package org.oversight.ledger.leader;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.oversight.ledger.sequencer.TestDatabases;
import org.springframework.jdbc.core.JdbcTemplate;

/** The lease against the shared test PostgreSQL: one holder, epochs, loss when the session ends. */
class LeaderLeaseTest {
    private DataSource db;
    private LeaderLease a;
    private LeaderLease b;

    @BeforeEach
    void setUp() {
        db = TestDatabases.fresh();
        LeadershipConfiguration.createSchema(db);
        a = new LeaderLease(db, LeadershipProperties.DEFAULT_LOCK_KEY, 1000);
        b = new LeaderLease(db, LeadershipProperties.DEFAULT_LOCK_KEY, 1000);
    }

    @AfterEach
    void tearDown() {
        a.close();
        b.close();
    }

    @Test
    void onlyOneSessionHoldsTheLeaseAndEachTakeoverIncrementsTheEpoch() throws Exception {
        assertThat(a.tryAcquire("node-a", "http://a")).isEqualTo(1);
        assertThat(b.tryAcquire("node-b", "http://b")).isEqualTo(-1);
        assertThat(a.stillHeld()).isTrue();
        assertThat(b.held()).isFalse();
        assertThat(new JdbcTemplate(db).queryForObject("SELECT node_id || ' ' || url FROM ledger_leader", String.class))
                .isEqualTo("node-a http://a");

        a.close();
        assertThat(b.tryAcquire("node-b", "http://b")).isEqualTo(2);
        assertThat(a.tryAcquire("node-a", "http://a")).isEqualTo(-1);
        assertThat(a.stillHeld()).isFalse();
    }

    @Test
    void aLeaderWhoseSessionIsTerminatedNoticesTheLossAndAnotherTakesOver() throws Exception {
        assertThat(a.tryAcquire("node-a", null)).isEqualTo(1);
        int terminated = new JdbcTemplate(db).queryForObject("SELECT count(pg_terminate_backend(pid)) FROM pg_locks"
                + " WHERE locktype = 'advisory' AND granted", Integer.class);
        assertThat(terminated).isEqualTo(1);
        assertThat(a.stillHeld()).isFalse();
        assertThat(b.tryAcquire("node-b", null)).isEqualTo(2);
    }

    @Test
    void theServerEndsTheSessionOfASilentLeader() throws Exception {
        // A paused leader (GC, SIGSTOP, partition) stops checking its lease; PostgreSQL's
        // idle_session_timeout then ends its session and so releases the lock.
        assertThat(a.tryAcquire("node-a", null)).isEqualTo(1);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        long epoch = -1;
        while (epoch < 0 && System.nanoTime() < deadline) {
            Thread.sleep(200);
            epoch = b.tryAcquire("node-b", null);
            b.keepAlive();
        }
        assertThat(epoch).as("b took over after a's session idled out").isEqualTo(2);
        assertThat(a.stillHeld()).isFalse();
    }
}
