package org.oversight.ledger.storage.jdbc;

import com.zaxxer.hikari.HikariDataSource;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;

final class PostgresTestSupport {

    private PostgresTestSupport() {
    }

    static HikariDataSource pool(String jdbcUrl) {
        HikariDataSource dataSource = new HikariDataSource();
        dataSource.setJdbcUrl(jdbcUrl);
        dataSource.setMaximumPoolSize(4);
        return dataSource;
    }

    /** Leaves {@code count} gaps in the global index, as rolled-back inserts do. */
    static void consumeGlobalIndexValues(DataSource dataSource, int count) throws SQLException {
        try (Connection c = dataSource.getConnection();
             PreparedStatement next = c.prepareStatement(
                     "SELECT nextval(pg_get_serial_sequence('domainevententry', 'globalindex'))")) {
            for (int i = 0; i < count; i++) {
                next.executeQuery().close();
            }
        }
    }
}
