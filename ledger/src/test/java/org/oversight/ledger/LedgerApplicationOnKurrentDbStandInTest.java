package org.oversight.ledger;

import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.oversight.ledger.storage.kurrentdb.KurrentDbEventStorageEngine;
import org.oversight.ledger.storage.kurrentdb.standin.KurrentDbStandInServer;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.actuate.health.HealthEndpoint;
import org.springframework.boot.actuate.health.Status;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.ApplicationContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import javax.sql.DataSource;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The application wired for {@code oversight.store.type=kurrentdb}, connected to the in-process
 * KurrentDB STAND-IN (no real server can run here): no DataSource, the KurrentDB engine behind Axon.
 */
@SpringBootTest(properties = {"oversight.store.type=kurrentdb", "oversight.data-dir=target/test-data/app-kurrentdb-stand-in"})
class LedgerApplicationOnKurrentDbStandInTest {

    private static KurrentDbStandInServer standIn;

    @DynamicPropertySource
    static void kurrentDb(DynamicPropertyRegistry registry) {
        try {
            standIn = KurrentDbStandInServer.start();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        registry.add("oversight.store.kurrentdb.connection-string", standIn::connectionString);
    }

    @AfterAll
    static void stopStandIn() {
        standIn.close();
    }

    @Autowired
    ApplicationContext context;
    @Autowired
    EventStorageEngine engine;
    @Autowired
    EventStore eventStore;
    @Autowired
    HealthEndpoint health;

    @Test
    void reportsKurrentDbHealth() {
        assertThat(health.healthForPath("kurrentDb").getStatus()).isEqualTo(Status.UP);
        assertThat(health.health().getStatus()).isEqualTo(Status.UP);
    }

    @Test
    void usesTheKurrentDbEngineAndNoDataSource() {
        assertThat(engine).isInstanceOf(KurrentDbEventStorageEngine.class);
        assertThat(context.getBeanNamesForType(DataSource.class)).isEmpty();

        String id = "smoke-" + UUID.randomUUID();
        eventStore.publish(new GenericDomainEventMessage<>("Camera", id, 0, Map.of("registered", "cam-1")));
        assertThat(eventStore.readEvents(id).asStream())
                .singleElement()
                .satisfies(e -> assertThat(e.getPayload()).isEqualTo(Map.of("registered", "cam-1")));
    }
}
