package org.oversight.ledger.ingest;

import org.oversight.ledger.sequencer.ConditionalOnPostgresLog;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.util.Optional;
import java.util.Set;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.common.caching.Cache;
import org.oversight.ledger.aggregate.AggregateConfiguration;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Qualifier;
import org.oversight.ledger.aggregate.LedgerRegistry;
import org.oversight.ledger.aggregate.StreamAggregates;
import org.oversight.ledger.sequencer.FencedWriteException;
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
    /** The registry is loaded from the committed leaves before any other bean can use the service. */
    @Bean(initMethod = "loadRegistry")
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
        // The sequencer's lease fence may refuse a write inside a command (the event store's
        // append): it reaches the client as the fence's 503, not as a server error.
        StreamAggregates aggregates = new StreamAggregates(commands, aggregateCache, Set.of(FencedWriteException.class));
        return new IngestService(sequencer, store, registry, aggregates, new TransactionTemplate(txManager), meters,
                both);
    }
}
