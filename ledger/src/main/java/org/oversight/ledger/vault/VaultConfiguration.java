package org.oversight.ledger.vault;

import java.security.SecureRandom;
import javax.sql.DataSource;
import org.oversight.ledger.aggregate.LedgerRegistry;
import org.oversight.ledger.sequencer.ConditionalOnPostgresLog;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Wires the vault. It lives in the log's PostgreSQL whatever {@code oversight.store.type} is
 * (with {@code kurrentdb}, in the PostgreSQL of {@code spring.datasource.url}): erasure must be
 * a delete the ledger performs itself, which KurrentDB's append-only streams (tombstones, then a
 * scavenge run by the server's operator) cannot give per record.
 */
@Configuration
@ConditionalOnPostgresLog
@EnableConfigurationProperties(VaultProperties.class)
public class VaultConfiguration {
    @Bean
    VaultStore vaultStore(DataSource dataSource) {
        JdbcVaultStore store = new JdbcVaultStore(dataSource);
        store.createSchema();
        return store;
    }

    @Bean
    VaultAdmission vaultAdmission(VaultStore store, VaultEnrolments enrolments, VaultProperties properties) {
        return new VaultAdmission(store, java.util.Optional.of(new EnrolmentAdmission(store, enrolments,
                properties.getRecipient(), properties.isDeriveEnrolments())));
    }

    @Bean
    VaultRecords vaultRecords(VaultStore store, LedgerRegistry registry) {
        return new VaultRecords(store, registry);
    }

    @Bean
    SearchResultStore searchResultStore(DataSource dataSource) {
        SearchResultStore store = new SearchResultStore(dataSource);
        store.createSchema();
        return store;
    }

    @Bean
    VaultEnrolments vaultEnrolments(VaultStore store, org.oversight.ledger.sequencer.LeafStore leaves,
            VaultProperties properties) throws VaultModelUnavailableException {
        VaultEnrolments enrolments = new VaultEnrolments(store, leaves, properties.getModelDir());
        if (properties.isDeriveEnrolments()) {
            // Fail fast: without the model every sealed watchlist entry would be refused at ingest.
            enrolments.loadModel();
        }
        return enrolments;
    }

    @Bean
    SecureRandom vaultRandom() {
        return new SecureRandom();
    }
}
