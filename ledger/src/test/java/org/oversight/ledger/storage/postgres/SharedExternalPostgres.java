package org.oversight.ledger.storage.postgres;

import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * One "external" PostgreSQL per test JVM: a separately started PostgreSQL 14 (a zonky instance in
 * its own directory, since no PostgreSQL package may be installed here) that tests reach only
 * through its JDBC URL, as {@code spring.datasource.url} configures a production server. Stopped
 * by zonky's shutdown hook when the JVM ends.
 */
public final class SharedExternalPostgres {

    private static EmbeddedPostgresServer server;

    private SharedExternalPostgres() {
    }

    /** JDBC URL (user included, no password) of the shared server; starts it on first use. */
    public static synchronized String jdbcUrl() {
        if (server == null) {
            try {
                server = EmbeddedPostgresServer.start(TestDirectories.fresh("external-postgres"), 0);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot start the external test PostgreSQL", e);
            }
        }
        return server.jdbcUrl();
    }
}
