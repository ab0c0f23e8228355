package org.oversight.ledger.storage.jdbc;

import com.zaxxer.hikari.HikariDataSource;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.oversight.ledger.storage.StorageEngineConformanceTest;
import org.oversight.ledger.storage.postgres.EmbeddedPostgresServer;
import org.oversight.ledger.storage.postgres.TestDirectories;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

import java.nio.file.Path;

/**
 * Axon's JDBC engine on the embedded PostgreSQL as the application runs it. {@link #reopen} stops
 * the PostgreSQL server itself and starts it again on the same cluster directory.
 */
class JdbcEngineOnEmbeddedPostgresConformanceTest extends StorageEngineConformanceTest {

    private static Path cluster;
    private static EmbeddedPostgresServer server;
    private static HikariDataSource dataSource;
    private static EventStorageEngine engine;

    @BeforeAll
    static void start() throws Exception {
        cluster = TestDirectories.fresh("conformance-embedded");
        open();
    }

    private static void open() throws Exception {
        server = EmbeddedPostgresServer.start(cluster, 0);
        dataSource = PostgresTestSupport.pool(server.jdbcUrl() + "&password=" + server.password());
        engine = JdbcStorage.standaloneEngine(dataSource, serializer());
    }

    @AfterAll
    static void stop() {
        dataSource.close();
        server.close();
    }

    @Override
    protected EventStorageEngine engine() {
        return engine;
    }

    @Override
    protected void reopen() throws Exception {
        stop();
        open();
    }

    @Override
    protected void appendSkippedRecords(int count) throws Exception {
        PostgresTestSupport.consumeGlobalIndexValues(dataSource, count);
    }
}
