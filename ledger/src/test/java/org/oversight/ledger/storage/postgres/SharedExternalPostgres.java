package org.oversight.ledger.storage.postgres;

import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * One "external" PostgreSQL per test JVM: a separately started PostgreSQL 14 (a zonky instance in
 * its own directory, since no PostgreSQL package may be installed here) that tests reach only
 * through its JDBC URL, as {@code spring.datasource.url} configures a production server. Stopped
 * by a shutdown hook of its own when the JVM ends.
 */
public final class SharedExternalPostgres {

    private static EmbeddedPostgresServer server;

    private SharedExternalPostgres() {
    }

    /** JDBC URL (user and password included) of the shared server; starts it on first use. */
    public static synchronized String jdbcUrl() {
        if (server == null) {
            try {
                server = EmbeddedPostgresServer.start(TestDirectories.fresh("external-postgres"), 0);
                EmbeddedPostgresServer started = server;
                Runtime.getRuntime().addShutdownHook(new Thread(started::close, "external-test-postgres-stop"));
            } catch (IOException e) {
                throw new UncheckedIOException("cannot start the external test PostgreSQL", e);
            }
        }
        // Test-only: the password in the URL, as an operator's spring.datasource.url could carry it.
        return server.jdbcUrl() + "&password=" + server.password();
    }
}
