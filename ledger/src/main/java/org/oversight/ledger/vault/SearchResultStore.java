package org.oversight.ledger.vault;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Optional;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The results of retrospective searches as the engine serves them to who may read them
 * ({@code GET /v1/searches/{id}}, docs/ledger.md "Retrospective searches"): table
 * {@code vault_search_result}, one row per performed search, its results (canonical JSON) until the
 * search is destroyed (rule R4: not authorised in time), then an empty row marked destroyed.
 *
 * <p>Destruction is as for the vault's keys: the bytes are overwritten with zeros, then set to
 * NULL, then the table is vacuumed (best effort); see {@link JdbcVaultStore} for what that means
 * for PostgreSQL's copies.
 */
public class SearchResultStore {
    private static final Logger LOG = LoggerFactory.getLogger(SearchResultStore.class);

    private final DataSource dataSource;
    private final JdbcTemplate jdbc;

    public SearchResultStore(DataSource dataSource) {
        this.dataSource = dataSource;
        this.jdbc = new JdbcTemplate(dataSource);
    }

    /** Creates the table if missing (idempotent). */
    public void createSchema() {
        jdbc.execute("CREATE TABLE IF NOT EXISTS vault_search_result ("
                + " search TEXT PRIMARY KEY,"
                + " performed_leaf BIGINT NOT NULL CHECK (performed_leaf >= 0),"
                + " results BYTEA,"
                + " destroyed BOOLEAN NOT NULL DEFAULT FALSE,"
                + " CHECK ((results IS NULL) = destroyed))");
    }

    /** What is stored for a search. {@code results} is empty once destroyed. */
    public record Stored(String search, long performedLeaf, Optional<byte[]> results) {
        public boolean destroyed() {
            return results.isEmpty();
        }
    }

    /** Stores the results of a search unless it already has a row (destroyed or not); idempotent. */
    public void putIfAbsent(String search, long performedLeaf, byte[] results) {
        jdbc.update("INSERT INTO vault_search_result (search, performed_leaf, results) VALUES (?, ?, ?)"
                + " ON CONFLICT (search) DO NOTHING", search, performedLeaf, results);
    }

    public Optional<Stored> get(String search) {
        return jdbc.query("SELECT search, performed_leaf, results FROM vault_search_result WHERE search = ?",
                (rs, n) -> new Stored(rs.getString(1), rs.getLong(2), Optional.ofNullable(rs.getBytes(3))), search)
                .stream().findFirst();
    }

    /**
     * Destroys a search's results (overwrite, then NULL); a search never stored gets a destroyed row,
     * so that it is never stored later.
     *
     * @return whether this call destroyed something
     */
    public boolean destroy(String search, long performedLeaf) {
        jdbc.update("INSERT INTO vault_search_result (search, performed_leaf, results, destroyed)"
                + " VALUES (?, ?, NULL, TRUE) ON CONFLICT (search) DO NOTHING", search, performedLeaf);
        jdbc.update("UPDATE vault_search_result SET results = decode(repeat('00', octet_length(results)), 'hex')"
                + " WHERE search = ? AND NOT destroyed", search);
        boolean destroyed = jdbc.update("UPDATE vault_search_result SET results = NULL, destroyed = TRUE"
                + " WHERE search = ? AND NOT destroyed", search) == 1;
        if (destroyed) {
            try (Connection c = dataSource.getConnection(); Statement s = c.createStatement()) {
                if (!c.getAutoCommit()) {
                    c.setAutoCommit(true);
                }
                s.execute("VACUUM vault_search_result");
            } catch (SQLException | RuntimeException e) {
                LOG.warn("VACUUM vault_search_result after destroying search {}'s results failed: {}", search,
                        e.getMessage());
            }
        }
        return destroyed;
    }
}
