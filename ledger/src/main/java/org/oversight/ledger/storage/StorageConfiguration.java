package org.oversight.ledger.storage;

import com.zaxxer.hikari.HikariDataSource;
import io.kurrent.dbclient.KurrentDBClient;
import io.kurrent.dbclient.KurrentDBConnectionString;
import org.axonframework.common.jdbc.ConnectionProvider;
import org.axonframework.common.transaction.TransactionManager;
import org.axonframework.config.Configuration;
import org.axonframework.eventhandling.tokenstore.TokenStore;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.axonframework.eventsourcing.eventstore.jdbc.EventSchema;
import org.axonframework.serialization.Serializer;
import org.oversight.ledger.aggregate.EnvelopeSerializer;
import org.oversight.ledger.sequencer.EnvelopeTable;
import org.oversight.ledger.storage.jdbc.JdbcStorage;
import org.oversight.ledger.storage.kurrentdb.KurrentDbEventStorageEngine;
import org.oversight.ledger.storage.postgres.EmbeddedPostgresServer;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.autoconfigure.condition.ConditionalOnExpression;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.autoconfigure.jdbc.DataSourceProperties;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.context.annotation.Bean;

import java.io.IOException;

/**
 * Chooses the event storage engine from {@code oversight.store.type}.
 *
 * <ul>
 *   <li>{@code embedded-postgres} (default): starts {@link EmbeddedPostgresServer} in
 *       {@code ${oversight.data-dir}/postgres}; Axon JDBC engine and token store on it.</li>
 *   <li>{@code postgres}: DataSource from {@code spring.datasource.*}; same JDBC engine and token store.</li>
 *   <li>{@code kurrentdb}: {@link KurrentDbEventStorageEngine}; with {@code spring.datasource.url}
 *       set, the log, tokens and credentials' state live in that PostgreSQL and the engine is
 *       wrapped by the log's mirror ({@code org.oversight.ledger.kurrentlog}); otherwise no
 *       DataSource, no log and Axon's in-memory token store (processors replay on restart) — see
 *       docs/storage.md.</li>
 * </ul>
 */
@org.springframework.context.annotation.Configuration(proxyBeanMethods = false)
public class StorageConfiguration {

    static final String TYPE = "oversight.store.type";

    /** The KurrentDB engine as configured by {@code oversight.store.kurrentdb.*}. */
    public static KurrentDbEventStorageEngine kurrentDbEngine(KurrentDBClient client,
            OversightStorageProperties properties, Serializer eventSerializer, Serializer serializer,
            Configuration axonConfiguration) {
        return KurrentDbEventStorageEngine.builder()
                .client(client)
                .timeout(properties.getStore().getKurrentdb().getTimeout())
                .eventSerializer(eventSerializer)
                .snapshotSerializer(serializer)
                .upcasterChain(axonConfiguration.upcasterChain())
                .build();
    }

    @org.springframework.context.annotation.Configuration(proxyBeanMethods = false)
    @ConditionalOnProperty(name = TYPE, havingValue = "embedded-postgres", matchIfMissing = true)
    static class EmbeddedPostgresStore {

        @Bean(destroyMethod = "close")
        EmbeddedPostgresServer embeddedPostgresServer(OversightStorageProperties properties) throws IOException {
            return EmbeddedPostgresServer.start(properties.getDataDir().resolve("postgres"),
                    properties.getStore().getEmbeddedPostgres().getPort(),
                    properties.getStore().getEmbeddedPostgres().postgresSettings());
        }

        @Bean(destroyMethod = "close")
        HikariDataSource dataSource(EmbeddedPostgresServer server) {
            HikariDataSource dataSource = new HikariDataSource();
            dataSource.setJdbcUrl(server.jdbcUrl());
            dataSource.setUsername(EmbeddedPostgresServer.USER);
            dataSource.setPassword(server.password());
            dataSource.setPoolName("oversight-embedded-postgres");
            dataSource.setMaximumPoolSize(10);
            failFast(dataSource);
            // Batched INSERTs (Axon's event rows, the sequencer's leaves) go to PostgreSQL as
            // multi-row statements: fewer statements to parse, bind and execute per event.
            dataSource.addDataSourceProperty("reWriteBatchedInserts", "true");
            return dataSource;
        }

        @Bean
        EmbeddedPostgresHealthIndicator embeddedPostgresHealthIndicator(EmbeddedPostgresServer server) {
            return new EmbeddedPostgresHealthIndicator(server);
        }
    }

    /**
     * A database that is down must be reported within seconds, not after Hikari's default 30 s
     * wait for a connection: requests then answer 503 with Retry-After and health answers DOWN.
     */
    static void failFast(HikariDataSource dataSource) {
        dataSource.setConnectionTimeout(CONNECTION_TIMEOUT_MS);
        dataSource.setValidationTimeout(VALIDATION_TIMEOUT_MS);
    }

    /** How long a request waits for a connection before it is answered 503. */
    static final long CONNECTION_TIMEOUT_MS = 2000;
    static final long VALIDATION_TIMEOUT_MS = 1000;

    /** {@code postgres}; also {@code kurrentdb} with {@code spring.datasource.url} set (tokens in PostgreSQL). */
    @org.springframework.context.annotation.Configuration(proxyBeanMethods = false)
    @ConditionalOnExpression("'${" + TYPE + ":embedded-postgres}' == 'postgres' or ('${" + TYPE
            + ":embedded-postgres}' == 'kurrentdb' and '${spring.datasource.url:}' != '')")
    static class ExternalPostgresStore {

        @Bean
        @ConfigurationProperties("spring.datasource")
        DataSourceProperties dataSourceProperties() {
            return new DataSourceProperties();
        }

        @Bean(destroyMethod = "close")
        @ConfigurationProperties("spring.datasource.hikari")
        HikariDataSource dataSource(DataSourceProperties properties) {
            if (properties.getUrl() == null || properties.getUrl().isBlank()) {
                throw new IllegalStateException(TYPE + "=postgres needs spring.datasource.url");
            }
            return properties.initializeDataSourceBuilder().type(HikariDataSource.class).build();
        }
    }

    /**
     * Axon JDBC beans for both PostgreSQL store types; the ConnectionProvider and TransactionManager
     * come from Axon's auto-configuration, so appends join Axon's unit-of-work transactions.
     */
    @org.springframework.context.annotation.Configuration(proxyBeanMethods = false)
    @ConditionalOnExpression("'${" + TYPE + ":embedded-postgres}' == 'embedded-postgres' or '${" + TYPE
            + ":embedded-postgres}' == 'postgres'")
    static class JdbcEngine {

        /**
         * Where the log finds each leaf's bytes: the envelope is stored once, as the payload of
         * its stream aggregate's event in Axon's table ({@link EnvelopeSerializer}), not again in
         * {@code ledger_leaf}.
         */
        @Bean
        EnvelopeTable envelopeTable() {
            EventSchema axon = JdbcStorage.EVENT_SCHEMA;
            return new EnvelopeTable(axon.domainEventTable(), axon.aggregateIdentifierColumn(),
                    axon.sequenceNumberColumn(), axon.payloadColumn(), axon.payloadRevisionColumn(),
                    EnvelopeSerializer.ENVELOPE_REVISION);
        }

        @Bean
        EventStorageEngine eventStorageEngine(ConnectionProvider connectionProvider,
                                              TransactionManager transactionManager,
                                              @Qualifier("eventSerializer") Serializer eventSerializer,
                                              Serializer serializer) {
            return JdbcStorage.engine(connectionProvider, transactionManager, eventSerializer, serializer);
        }

        @Bean
        TokenStore tokenStore(ConnectionProvider connectionProvider, TransactionManager transactionManager,
                              Serializer serializer, OversightStorageProperties properties) {
            return JdbcStorage.tokenStore(connectionProvider, transactionManager, serializer,
                    properties.getStore().getTokenClaimTimeout());
        }
    }

    @org.springframework.context.annotation.Configuration(proxyBeanMethods = false)
    @ConditionalOnProperty(name = TYPE, havingValue = "kurrentdb")
    static class KurrentDbStore {

        @Bean(destroyMethod = "shutdown")
        KurrentDBClient kurrentDbClient(OversightStorageProperties properties) {
            String connectionString = properties.getStore().getKurrentdb().getConnectionString();
            if (connectionString == null || connectionString.isBlank()) {
                throw new IllegalStateException(TYPE + "=kurrentdb needs oversight.store.kurrentdb.connection-string");
            }
            return KurrentDBClient.create(KurrentDBConnectionString.parseOrThrow(connectionString));
        }

        @Bean
        KurrentDbHealthIndicator kurrentDbHealthIndicator(KurrentDBClient client,
                                                          OversightStorageProperties properties) {
            return new KurrentDbHealthIndicator(client, properties.getStore().getKurrentdb().getTimeout());
        }

        /** Tokens in the PostgreSQL of {@code spring.datasource.url} when one is configured. */
        @Bean
        @ConditionalOnExpression("'${spring.datasource.url:}' != ''")
        TokenStore tokenStore(ConnectionProvider connectionProvider, TransactionManager transactionManager,
                              Serializer serializer, OversightStorageProperties properties) {
            return JdbcStorage.tokenStore(connectionProvider, transactionManager, serializer,
                    properties.getStore().getTokenClaimTimeout());
        }

        /**
         * The engine as Axon's storage when there is no log (no {@code spring.datasource.url}); with
         * one, {@code org.oversight.ledger.kurrentlog.KurrentDbLogConfiguration} wraps the same
         * engine so that aggregate streams are written only from committed leaves.
         */
        @Bean
        @ConditionalOnExpression("'${spring.datasource.url:}' == ''")
        EventStorageEngine eventStorageEngine(KurrentDBClient client, OversightStorageProperties properties,
                                              @Qualifier("eventSerializer") Serializer eventSerializer,
                                              Serializer serializer, Configuration axonConfiguration) {
            return kurrentDbEngine(client, properties, eventSerializer, serializer, axonConfiguration);
        }

    }
}
