package org.oversight.ledger;

import org.axonframework.eventhandling.tokenstore.TokenStore;
import org.axonframework.eventhandling.tokenstore.jdbc.JdbcTokenStore;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.oversight.ledger.kurrentlog.LogMirroredEventStorageEngine;
import org.oversight.ledger.storage.kurrentdb.KurrentDbTrackingToken;
import org.oversight.ledger.storage.kurrentdb.standin.KurrentDbStandInServer;
import org.oversight.ledger.sequencer.TestDatabases;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.axonframework.common.transaction.TransactionManager;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code oversight.store.type=kurrentdb} with {@code spring.datasource.url} set: events in KurrentDB
 * (the in-process STAND-IN here), tracking tokens in PostgreSQL (a fresh database on the shared
 * external test server).
 */
@SpringBootTest(properties = {"oversight.store.type=kurrentdb", "oversight.data-dir=target/test-data/app-kurrentdb-postgres-tokens"})
class LedgerApplicationOnKurrentDbWithPostgresTokensTest {

    private static KurrentDbStandInServer standIn;

    @DynamicPropertySource
    static void stores(DynamicPropertyRegistry registry) {
        try {
            standIn = KurrentDbStandInServer.start();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        registry.add("oversight.store.kurrentdb.connection-string", standIn::connectionString);
        // A database of its own: with a DataSource the log runs too, and must not share its tables.
        String url = TestDatabases.freshUrl();
        registry.add("spring.datasource.url", () -> url);
    }

    @AfterAll
    static void stopStandIn() {
        standIn.close();
    }

    @Autowired
    EventStorageEngine engine;
    @Autowired
    TokenStore tokenStore;
    @Autowired
    TransactionManager transactions;

    @Test
    void keepsEventsInKurrentDbAndTokensInPostgres() {
        // With a DataSource the log runs, and Axon's engine is the log's mirror over KurrentDB.
        assertThat(engine).isInstanceOf(LogMirroredEventStorageEngine.class);
        assertThat(tokenStore).isInstanceOf(JdbcTokenStore.class);

        String processor = "processor-" + UUID.randomUUID();
        KurrentDbTrackingToken token = new KurrentDbTrackingToken(4096, 4000);
        transactions.executeInTransaction(() -> tokenStore.initializeTokenSegments(processor, 1, token));
        assertThat(transactions.fetchInTransaction(() -> tokenStore.fetchToken(processor, 0))).isEqualTo(token);
    }
}
