package org.oversight.ledger.storage.jdbc;

import com.zaxxer.hikari.HikariDataSource;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.oversight.ledger.storage.StorageEngineConformanceTest;
import org.oversight.ledger.storage.postgres.SharedExternalPostgres;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/**
 * Axon's JDBC engine on an "external" PostgreSQL: a separately started PostgreSQL 14 server (a
 * second zonky instance in its own cluster directory, since no PostgreSQL package may be installed
 * here) that the engine reaches ONLY through a JDBC URL, as {@code spring.datasource.url} configures
 * it in production. {@link #reopen} drops the pool and engine and reconnects by URL; the server keeps
 * running, as an external server would.
 */
class JdbcEngineOnExternalPostgresConformanceTest extends StorageEngineConformanceTest {

    private static String jdbcUrl;
    private static HikariDataSource dataSource;
    private static EventStorageEngine engine;

    @BeforeAll
    static void start() throws Exception {
        jdbcUrl = SharedExternalPostgres.jdbcUrl();
        connect();
    }

    private static void connect() throws Exception {
        dataSource = PostgresTestSupport.pool(jdbcUrl);
        engine = JdbcStorage.standaloneEngine(dataSource, serializer());
    }

    @AfterAll
    static void stop() {
        dataSource.close();
    }

    @Override
    protected EventStorageEngine engine() {
        return engine;
    }

    @Override
    protected void reopen() throws Exception {
        dataSource.close();
        connect();
    }

    @Override
    protected void appendSkippedRecords(int count) throws Exception {
        PostgresTestSupport.consumeGlobalIndexValues(dataSource, count);
    }
}
