package org.oversight.ledger.vault;

import com.zaxxer.hikari.HikariDataSource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.oversight.ledger.sequencer.TestDatabases;

/**
 * The vault on an "external" PostgreSQL reached only by JDBC URL (a fresh database in the JVM's
 * shared test server); {@link #reopen} drops the pool and reconnects, the server keeps running.
 */
class VaultStoreOnExternalPostgresConformanceTest extends VaultStoreConformanceTest {
    private static String url;
    private static HikariDataSource dataSource;
    private static JdbcVaultStore store;

    @BeforeAll
    static void start() {
        url = TestDatabases.freshUrl();
        connect();
    }

    private static void connect() {
        dataSource = new HikariDataSource();
        dataSource.setJdbcUrl(url);
        dataSource.setMaximumPoolSize(4);
        store = new JdbcVaultStore(dataSource);
        store.createSchema();
    }

    @AfterAll
    static void stop() {
        dataSource.close();
    }

    @Override
    protected VaultStore store() {
        return store;
    }

    @Override
    protected void reopen() {
        stop();
        connect();
    }
}
