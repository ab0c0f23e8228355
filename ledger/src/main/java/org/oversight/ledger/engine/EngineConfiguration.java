package org.oversight.ledger.engine;

import io.micrometer.core.instrument.MeterRegistry;
import java.util.Optional;
import javax.sql.DataSource;
import org.oversight.ledger.aggregate.LedgerRegistry;
import org.oversight.ledger.ingest.IngestService;
import org.oversight.ledger.keys.LedgerKeys;
import org.oversight.ledger.sequencer.ConditionalOnPostgresLog;
import org.oversight.ledger.sequencer.LeafStore;
import org.oversight.ledger.sequencer.Sequencer;
import java.security.SecureRandom;
import java.time.Clock;
import org.oversight.ledger.vault.VaultProperties;
import org.oversight.ledger.vault.VaultRecords;
import org.oversight.ledger.vault.VaultStore;
import org.oversight.recognition.projection.SealedRecordSource;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.condition.ConditionalOnExpression;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Wires the recognition processor; its settings are {@link EngineProperties}. */
@Configuration
@ConditionalOnPostgresLog
@ConditionalOnProperty(name = "oversight.engine.enabled", havingValue = "true", matchIfMissing = true)
@EnableConfigurationProperties(EngineProperties.class)
public class EngineConfiguration {
    @Bean
    EnginePositionStore enginePositionStore(DataSource dataSource) {
        EnginePositionStore store = new EnginePositionStore(dataSource);
        store.createSchema();
        return store;
    }

    @Bean
    RecognitionProcessor recognitionProcessor(LeafStore store, Sequencer sequencer, LedgerRegistry registry,
            IngestService ingest, EnginePositionStore positions, LedgerKeys keys, Optional<MeterRegistry> meters,
            EngineProperties engine, ObjectProvider<VaultRecords> vault) {
        SealedRecordSource records = vault.getIfAvailable() == null ? SealedRecordSource.NONE
                : new VaultRecordSource(vault.getObject());
        return new RecognitionProcessor(store, sequencer, registry, ingest, positions, keys.engineEventKey(), engine.pageSize(),
                meters, records);
    }

    /**
     * The epoch closer (with the vault), on its own thread; without leadership only (docs/ledger.md
     * "Vault"). It also runs the retrospective searches ({@link RetrospectiveSearcher}).
     */
    @Bean
    EpochCloser epochCloser(LedgerRegistry registry, Sequencer sequencer, LeafStore store, IngestService ingest,
            VaultStore vault, VaultRecords records, RecognitionProcessor processor, LedgerKeys keys, Clock clock,
            VaultProperties properties, SecureRandom vaultRandom,
            ObjectProvider<org.oversight.ledger.witness.CosignatureStore> cosignatures,
            ObjectProvider<org.oversight.ledger.witness.WitnessProperties> witnesses,
            org.oversight.ledger.vault.SearchResultStore searchResults,
            org.oversight.ledger.vault.VaultEnrolments enrolments,
            ObjectProvider<org.oversight.ledger.ingest.IngestPolicy> ingestPolicy) {
        // A deadline is judged by any later event's signed time (docs/rules.md "At ingest"): the ledger
        // refuses times further ahead than max-clock-ahead, which must therefore stay below the close lead.
        java.time.Duration ahead = ingestPolicy.getIfAvailable(org.oversight.ledger.ingest.IngestPolicy::defaults)
                .maxClockAhead();
        if (ahead.compareTo(properties.getCloseLead()) >= 0) {
            throw new IllegalArgumentException("oversight.ingest.max-clock-ahead " + ahead + " must be smaller than"
                    + " oversight.vault.close-lead " + properties.getCloseLead() + ": an event timed that far ahead"
                    + " could make an honest close look late");
        }
        EpochCloser closer = new EpochCloser(registry, sequencer, store, ingest, vault, records, processor,
                keys.engineEventKey(), clock, properties.getCloseLead(), properties.getKeptRetention(), vaultRandom)
                .erasingEnrolments(enrolments);
        closer.withSearches(new RetrospectiveSearcher(sequencer, store, ingest, vault, records, searchResults,
                keys.engineEventKey(), clock, properties.getSearchLead()));
        org.oversight.ledger.witness.WitnessProperties w = witnesses.getIfAvailable();
        org.oversight.ledger.witness.CosignatureStore c = cosignatures.getIfAvailable();
        if (w != null && c != null && !w.witnesses().isEmpty() && w.quorum() > 0) {
            int quorum = w.quorum();
            closer.waitingForWitnesses(() -> c.largestSizeWith(quorum));
        }
        return closer;
    }

    @Bean(destroyMethod = "close")
    @ConditionalOnExpression("'${oversight.leadership.enabled:false}' == 'false'"
            + " and '${oversight.vault.closer-enabled:true}' == 'true'")
    EpochCloserWorker epochCloserWorker(EpochCloser closer, VaultProperties properties) {
        return new EpochCloserWorker(closer, properties.getCloseInterval().toMillis());
    }

    /** Without leadership; with it, {@code LeadershipManager} runs a worker while this node leads. */
    @Bean(destroyMethod = "close")
    @ConditionalOnProperty(name = "oversight.leadership.enabled", havingValue = "false", matchIfMissing = true)
    EngineWorker engineWorker(RecognitionProcessor processor, Sequencer sequencer,
            EngineProperties engine) {
        EngineWorker worker = new EngineWorker(processor, engine.pollIntervalMs());
        sequencer.addCommitListener(state -> worker.wake());
        worker.start();
        return worker;
    }
}
