package org.oversight.ledger;

import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventhandling.tokenstore.TokenStore;
import org.axonframework.eventhandling.tokenstore.jdbc.JdbcTokenStore;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.eventsourcing.eventstore.jdbc.JdbcEventStorageEngine;
import org.junit.jupiter.api.Test;
import org.oversight.ledger.storage.postgres.EmbeddedPostgresServer;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;

import java.nio.file.Path;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The application with its defaults: starts its own PostgreSQL in {@code oversight.data-dir}, wires
 * Axon's JDBC engine and token store to it, reports health. The data directory is kept between runs
 * on purpose (the app must start on an existing cluster).
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = "oversight.data-dir=target/test-data/application")
class LedgerApplicationSmokeTest {

    @Autowired
    TestRestTemplate http;
    @Autowired
    EmbeddedPostgresServer postgres;
    @Autowired
    EventStorageEngine engine;
    @Autowired
    TokenStore tokenStore;
    @Autowired
    EventStore eventStore;

    @Test
    void startsWithTheEmbeddedStoreAndReportsHealth() {
        ResponseEntity<Map<String, Object>> health = http.exchange("/actuator/health", HttpMethod.GET, null,
                new ParameterizedTypeReference<>() {
                });

        assertThat(health.getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(health.getBody()).containsEntry("status", "UP");
        // Without an operator token only the status (and the public group names): no components,
        // no data path, no disk sizes.
        assertThat(health.getBody()).containsOnlyKeys("status", "groups").doesNotContainKey("components");
        assertThat(postgres.clusterDirectory())
                .isEqualTo(Path.of("target/test-data/application/postgres").toAbsolutePath().normalize());
        assertThat(engine).isInstanceOf(JdbcEventStorageEngine.class);
        assertThat(tokenStore).isInstanceOf(JdbcTokenStore.class);
    }

    @Test
    void storesAndReadsEventsThroughAxon() {
        String id = "smoke-" + UUID.randomUUID();
        eventStore.publish(new GenericDomainEventMessage<>("Camera", id, 0, Map.of("registered", "cam-1")));

        assertThat(eventStore.readEvents(id).asStream())
                .singleElement()
                .satisfies(e -> assertThat(e.getPayload()).isEqualTo(Map.of("registered", "cam-1")));
        assertThat(eventStore.lastSequenceNumberFor(id)).contains(0L);
    }
}
