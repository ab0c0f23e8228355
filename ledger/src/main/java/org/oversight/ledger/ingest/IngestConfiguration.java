package org.oversight.ledger.ingest;

import org.oversight.ledger.sequencer.ConditionalOnPostgresLog;
import io.micrometer.core.instrument.MeterRegistry;
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
@EnableConfigurationProperties(IngestLimits.class)
public class IngestConfiguration {
    @Bean
    IngestService ingestService(Sequencer sequencer, LeafStore store, LedgerRegistry registry, CommandGateway commands,
            PlatformTransactionManager txManager, Optional<MeterRegistry> meters,
            @Qualifier(AggregateConfiguration.CACHE) Cache aggregateCache,
            ObjectProvider<SealedRecordAdmission> sealedRecords) {
        return new IngestService(sequencer, store, registry, commands, new TransactionTemplate(txManager), meters,
                aggregateCache, sealedRecords.getIfAvailable(() -> SealedRecordAdmission.NONE));
    }
}
