package org.oversight.ledger.log;

import java.sql.Timestamp;
import java.time.Clock;
import javax.sql.DataSource;
import org.oversight.domain.event.EventType;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Records every read of biometric data (events that carry face templates: detections and watchlist
 * entries) with who read it and what, in {@code ledger_biometric_read} and in the log
 * ({@code oversight.biometric-read} logger). Reads of the public entry bundles are recorded too,
 * under the principal {@code anonymous} and the client address.
 */
public class BiometricReadAudit {
    private static final Logger AUDIT = LoggerFactory.getLogger("oversight.biometric-read");

    private final JdbcTemplate jdbc;
    private final Clock clock;

    public BiometricReadAudit(DataSource dataSource, Clock clock) {
        this.jdbc = new JdbcTemplate(dataSource);
        this.clock = clock;
    }

    /** Whether events of {@code type} carry biometric data. */
    public static boolean isBiometric(EventType type) {
        return type == EventType.FACE_DETECTED || type == EventType.WATCHLIST_ENTRY_AUTHORIZED;
    }

    public void record(String principal, String resource, Long leafIndex) {
        AUDIT.info("biometric read by {} of {} (leaf {})", principal, resource, leafIndex);
        jdbc.update("INSERT INTO ledger_biometric_read (read_at, principal, resource, leaf_index) VALUES (?, ?, ?, ?)",
                Timestamp.from(clock.instant()), principal, resource, leafIndex);
    }

    /** Number of recorded reads (for tests and metrics). */
    public long count() {
        Long n = jdbc.queryForObject("SELECT count(*) FROM ledger_biometric_read", Long.class);
        return n == null ? 0 : n;
    }
}
