package org.oversight.ledger.ingest;

import org.oversight.ledger.sequencer.ConditionalOnPostgresLog;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.util.Optional;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.common.caching.Cache;
import org.oversight.ledger.aggregate.AggregateConfiguration;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Qualifier;
import org.oversight.ledger.aggregate.LedgerRegistry;
import org.oversight.ledger.sequencer.LeafStore;
import org.oversight.ledger.sequencer.Sequencer;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/** Wires the write path. */
@Configuration
@ConditionalOnPostgresLog
@EnableConfigurationProperties({IngestLimits.class, IngestPolicy.class})
public class IngestConfiguration {
    @Bean
    IngestService ingestService(Sequencer sequencer, LeafStore store, LedgerRegistry registry, CommandGateway commands,
            PlatformTransactionManager txManager, Optional<MeterRegistry> meters,
            @Qualifier(AggregateConfiguration.CACHE) Cache aggregateCache,
            ObjectProvider<SealedRecordAdmission> sealedRecords, IngestPolicy policy, Clock clock) {
        // R-disclosure's record rule and R5(c) at ingest, over the committed leaves (docs/rules.md "At ingest").
        registry.checkDisclosuresAgainst(new CommittedLeaves(store));
        // Before sequencing: the stateless admission (clear detections, clock ahead), then the vault's check.
        EventAdmission admission = new EventAdmission(policy, clock);
        SealedRecordAdmission vault = sealedRecords.getIfAvailable(() -> SealedRecordAdmission.NONE);
        SealedRecordAdmission both = events -> {
            admission.check(events);
            vault.check(events);
        };
        return new IngestService(sequencer, store, registry, commands, new TransactionTemplate(txManager), meters,
                aggregateCache, both);
    }
}
