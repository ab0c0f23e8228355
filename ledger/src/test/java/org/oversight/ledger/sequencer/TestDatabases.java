package org.oversight.ledger.sequencer;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sql.DataSource;
import org.oversight.ledger.storage.postgres.SharedExternalPostgres;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * Fresh empty databases, all in the JVM's one shared test PostgreSQL
 * ({@link SharedExternalPostgres}), so sequencer, checkpointer and HTTP tests start no server of
 * their own.
 */
public final class TestDatabases {
    private static final AtomicInteger COUNTER = new AtomicInteger();

    private TestDatabases() {}

    /** A new, empty database. */
    public static DataSource fresh() {
        PGSimpleDataSource ds = new PGSimpleDataSource();
        ds.setUrl(freshUrl());
        return ds;
    }

    /** The JDBC URL (user included) of a new, empty database. */
    public static String freshUrl() {
        String serverUrl = SharedExternalPostgres.jdbcUrl();
        String name = "ledgertest_" + ProcessHandle.current().pid() + "_" + COUNTER.incrementAndGet();
        try (Connection c = DriverManager.getConnection(serverUrl); Statement s = c.createStatement()) {
            s.execute("CREATE DATABASE " + name);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot create test database " + name, e);
        }
        return serverUrl.replaceFirst("/[^/?]+\\?", "/" + name + "?");
    }
}
