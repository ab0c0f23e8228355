package org.oversight.ledger.vault;

import com.zaxxer.hikari.HikariDataSource;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.oversight.ledger.storage.postgres.EmbeddedPostgresServer;
import org.oversight.ledger.storage.postgres.TestDirectories;

/** The vault on the embedded PostgreSQL as the application runs it; {@link #reopen} restarts the server. */
class VaultStoreOnEmbeddedPostgresConformanceTest extends VaultStoreConformanceTest {
    private static Path cluster;
    private static EmbeddedPostgresServer server;
    private static HikariDataSource dataSource;
    private static JdbcVaultStore store;

    @BeforeAll
    static void start() throws Exception {
        cluster = TestDirectories.fresh("vault-conformance-embedded");
        open();
    }

    private static void open() throws Exception {
        server = EmbeddedPostgresServer.start(cluster, 0);
        dataSource = new HikariDataSource();
        dataSource.setJdbcUrl(server.jdbcUrl() + "&password=" + server.password());
        dataSource.setMaximumPoolSize(4);
        store = new JdbcVaultStore(dataSource);
        store.createSchema();
    }

    @AfterAll
    static void stop() {
        dataSource.close();
        server.close();
    }

    @Override
    protected VaultStore store() {
        return store;
    }

    @Override
    protected void reopen() throws Exception {
        stop();
        open();
    }
}
