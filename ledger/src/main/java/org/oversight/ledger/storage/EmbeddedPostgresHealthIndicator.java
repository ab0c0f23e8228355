package org.oversight.ledger.storage;

import org.oversight.ledger.storage.postgres.EmbeddedPostgresServer;
import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.HealthIndicator;

/**
 * The embedded postmaster (actuator component {@code embeddedPostgres}): UP while it runs; DOWN
 * while it is dead, with what the watchdog is doing about it. Reads process state only, so it
 * answers at once even when the database does not.
 */
public class EmbeddedPostgresHealthIndicator implements HealthIndicator {
    private final EmbeddedPostgresServer server;

    public EmbeddedPostgresHealthIndicator(EmbeddedPostgresServer server) {
        this.server = server;
    }

    @Override
    public Health health() {
        Health.Builder b = server.running() ? Health.up()
                : Health.down().withDetail("postmaster", "not running; the ledger is restarting it");
        b.withDetail("restarts", server.restarts());
        server.lastFailure().ifPresent(f -> b.withDetail("lastRestartFailure", f));
        return b.build();
    }
}
