package org.oversight.ledger;

import com.zaxxer.hikari.HikariDataSource;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventhandling.tokenstore.TokenStore;
import org.axonframework.eventhandling.tokenstore.jdbc.JdbcTokenStore;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.eventsourcing.eventstore.jdbc.JdbcEventStorageEngine;
import org.junit.jupiter.api.Test;
import org.oversight.ledger.storage.postgres.EmbeddedPostgresServer;
import org.oversight.ledger.storage.postgres.SharedExternalPostgres;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.ApplicationContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The application with {@code oversight.store.type=postgres}: it must use exactly the server named
 * by {@code spring.datasource.url} (here the shared "external" test PostgreSQL) and start none itself.
 */
@SpringBootTest(properties = {"oversight.store.type=postgres", "spring.datasource.hikari.maximum-pool-size=3",
        "oversight.data-dir=target/test-data/app-external-postgres"})
class LedgerApplicationOnExternalPostgresTest {

    @DynamicPropertySource
    static void externalPostgres(DynamicPropertyRegistry registry) {
        registry.add("spring.datasource.url", SharedExternalPostgres::jdbcUrl);
    }

    @Autowired
    ApplicationContext context;
    @Autowired
    HikariDataSource dataSource;
    @Autowired
    EventStorageEngine engine;
    @Autowired
    TokenStore tokenStore;
    @Autowired
    EventStore eventStore;

    @Test
    void usesTheConfiguredDataSourceAndStartsNoPostgres() {
        assertThat(context.getBeanNamesForType(EmbeddedPostgresServer.class)).isEmpty();
        assertThat(dataSource.getJdbcUrl()).isEqualTo(SharedExternalPostgres.jdbcUrl());
        assertThat(dataSource.getMaximumPoolSize()).isEqualTo(3);
        assertThat(engine).isInstanceOf(JdbcEventStorageEngine.class);
        assertThat(tokenStore).isInstanceOf(JdbcTokenStore.class);

        String id = "external-" + UUID.randomUUID();
        eventStore.publish(new GenericDomainEventMessage<>("Camera", id, 0, Map.of("registered", "cam-2")));
        assertThat(eventStore.lastSequenceNumberFor(id)).contains(0L);
    }
}
