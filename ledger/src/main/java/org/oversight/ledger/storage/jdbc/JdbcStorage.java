package org.oversight.ledger.storage.jdbc;

import org.axonframework.common.jdbc.ConnectionProvider;
import org.axonframework.common.jdbc.UnitOfWorkAwareConnectionProviderWrapper;
import org.axonframework.common.transaction.TransactionManager;
import org.axonframework.eventhandling.tokenstore.jdbc.JdbcTokenStore;
import org.axonframework.eventhandling.tokenstore.jdbc.PostgresTokenTableFactory;
import org.axonframework.eventhandling.tokenstore.jdbc.TokenSchema;
import org.axonframework.eventsourcing.eventstore.jdbc.EventSchema;
import org.axonframework.eventsourcing.eventstore.jdbc.JdbcEventStorageEngine;
import org.axonframework.eventsourcing.eventstore.jdbc.PostgresEventTableFactory;
import org.axonframework.eventsourcing.eventstore.jpa.SQLStateResolver;
import org.axonframework.serialization.Serializer;
import org.axonframework.spring.jdbc.SpringDataSourceConnectionProvider;
import org.axonframework.spring.messaging.unitofwork.SpringTransactionManager;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;

import javax.sql.DataSource;
import java.time.Duration;
import java.util.Objects;

/**
 * Axon's JDBC event storage engine and token store on PostgreSQL.
 *
 * <p>Tables come from {@link PostgresEventTableFactory} and {@link PostgresTokenTableFactory}:
 * payloads and metadata are {@code bytea} (never JPA {@code @Lob}/{@code oid}, whose large objects
 * leak), the global index is a {@code BIGSERIAL}. Sequence values consumed by rolled-back
 * transactions leave gaps in the global index; Axon's gap-aware tracking token copes with them, and
 * nothing in Oversight derives ledger positions from the global index (the sequencer assigns leaf
 * indices itself).
 *
 * <p>Uniqueness: {@code (aggregateIdentifier, sequenceNumber)} and {@code eventIdentifier} are
 * unique; violating either (SQLState 23505) surfaces as Axon's {@code ConcurrencyException}
 * ({@code AggregateStreamCreationException} at sequence 0) and stores nothing of the batch.
 */
public final class JdbcStorage {

    /** PostgreSQL's SQLState for unique_violation. */
    public static final String UNIQUE_VIOLATION = "23505";
    /** Axon's default event table names, used by the engine and by readers of its payloads. */
    public static final EventSchema EVENT_SCHEMA = EventSchema.builder().build();

    private JdbcStorage() {
    }

    /**
     * Engine for use outside a Spring context (tests, tools): its own Spring JDBC transaction
     * manager on {@code dataSource}, so a batch append is one transaction.
     */
    public static JdbcEventStorageEngine standaloneEngine(DataSource dataSource, Serializer serializer) {
        Objects.requireNonNull(dataSource, "dataSource");
        ConnectionProvider connections =
                new UnitOfWorkAwareConnectionProviderWrapper(new SpringDataSourceConnectionProvider(dataSource));
        TransactionManager transactions =
                new SpringTransactionManager(new DataSourceTransactionManager(dataSource));
        return engine(connections, transactions, serializer, serializer);
    }

    /**
     * Engine whose appends join the caller's Axon/Spring transactions; creates the tables if absent.
     *
     * @param eventSerializer serializer for event payloads and metadata
     * @param snapshotSerializer serializer for snapshots
     */
    public static JdbcEventStorageEngine engine(ConnectionProvider connections, TransactionManager transactions,
                                                Serializer eventSerializer, Serializer snapshotSerializer) {
        JdbcEventStorageEngine engine = JdbcEventStorageEngine.builder()
                .connectionProvider(Objects.requireNonNull(connections, "connections"))
                .transactionManager(Objects.requireNonNull(transactions, "transactions"))
                .eventSerializer(Objects.requireNonNull(eventSerializer, "eventSerializer"))
                .snapshotSerializer(Objects.requireNonNull(snapshotSerializer, "snapshotSerializer"))
                .persistenceExceptionResolver(new SQLStateResolver(UNIQUE_VIOLATION))
                .schema(EVENT_SCHEMA)
                .dataType(byte[].class)
                .build();
        // CREATE TABLE IF NOT EXISTS: safe on every start.
        transactions.executeInTransaction(() -> engine.createSchema(PostgresEventTableFactory.INSTANCE));
        return engine;
    }

    /** Token store on the same database; creates its table if absent. */
    public static JdbcTokenStore tokenStore(ConnectionProvider connections, TransactionManager transactions,
                                            Serializer serializer, Duration claimTimeout) {
        JdbcTokenStore store = JdbcTokenStore.builder()
                .connectionProvider(Objects.requireNonNull(connections, "connections"))
                .serializer(Objects.requireNonNull(serializer, "serializer"))
                .schema(TokenSchema.builder().build())
                .claimTimeout(Objects.requireNonNull(claimTimeout, "claimTimeout"))
                .build();
        // CREATE TABLE IF NOT EXISTS: safe on every start.
        transactions.executeInTransaction(() -> store.createSchema(PostgresTokenTableFactory.INSTANCE));
        return store;
    }
}
