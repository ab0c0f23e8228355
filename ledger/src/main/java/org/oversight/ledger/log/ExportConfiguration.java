package org.oversight.ledger.log;

import javax.sql.DataSource;
import org.oversight.ledger.keys.LedgerKeys;
import org.oversight.ledger.sequencer.Checkpointer;
import org.oversight.ledger.sequencer.ConditionalOnPostgresLog;
import org.oversight.ledger.sequencer.LeafStore;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Beans of the export ({@link ExportController}). */
@Configuration
@ConditionalOnPostgresLog
public class ExportConfiguration {
    @Bean
    CheckpointArchive checkpointArchive(DataSource dataSource, Checkpointer checkpointer, LedgerKeys keys) {
        return new CheckpointArchive(dataSource, checkpointer.origin(), keys.logKey().verifier());
    }

    @Bean
    LogExporter logExporter(LeafStore store) {
        return new LogExporter(store);
    }
}
