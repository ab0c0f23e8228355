package org.oversight.ledger.aggregate;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The registry bean, in every store mode: Axon resolves the {@link StreamAggregate} command
 * handler's parameters when it inspects the aggregate at start, so the bean must exist even where
 * no ingest path uses it (kurrentdb).
 */
@Configuration
public class AggregateConfiguration {
    @Bean
    LedgerRegistry ledgerRegistry() {
        return new LedgerRegistry();
    }
}
