package org.oversight.ledger.sequencer;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import javax.sql.DataSource;
import org.oversight.ledger.keys.LedgerKeys;
import org.oversight.ledger.keys.LogOrigin;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Wires the sequencer and checkpointer. Config: {@code oversight.checkpoint.every-leaves} (default
 * 1000), {@code oversight.checkpoint.interval-ms} (default 1000), the log origin ({@link LogOrigin}).
 */
@Configuration
@ConditionalOnPostgresLog
@EnableConfigurationProperties(CheckpointProperties.class)
public class SequencerConfiguration {
    @Bean
    @ConditionalOnMissingBean(Clock.class)
    Clock ledgerClock() {
        return Clock.systemUTC();
    }

    /**
     * With Axon's JDBC engine on the same database (which then provides the {@link EnvelopeTable}
     * bean), leaf bytes are stored once, as the stream aggregates' event payloads; with KurrentDB,
     * in {@code ledger_leaf}.
     */
    @Bean
    LeafStore leafStore(DataSource dataSource, ObjectProvider<EnvelopeTable> envelopes) {
        LeafStore store = new LeafStore(dataSource, envelopes.getIfAvailable());
        store.createSchema();
        return store;
    }

    @Bean
    Sequencer sequencer(LeafStore store, ObjectProvider<MeterRegistry> meters, ObjectProvider<SequencerFence> fence) {
        Sequencer sequencer = new Sequencer(store);
        fence.ifAvailable(sequencer::installFence);
        meters.ifAvailable(m -> Gauge.builder("oversight.log.size", () -> sequencer.committed().size())
                .description("leaves in the log").register(m));
        return sequencer;
    }

    @Bean(destroyMethod = "")
    Checkpointer checkpointer(LeafStore store, Sequencer sequencer, LedgerKeys keys, Clock clock,
            PlatformTransactionManager txManager,
            LogOrigin origin,
            CheckpointProperties checkpoints) {
        // REQUIRES_NEW: a checkpoint is its own transaction whatever thread ticks it.
        TransactionTemplate tx = new TransactionTemplate(txManager);
        tx.setPropagationBehavior(TransactionTemplate.PROPAGATION_REQUIRES_NEW);
        Checkpointer checkpointer = new Checkpointer(store, sequencer, keys.logKey(), origin.value(), clock,
                checkpoints.everyLeaves(), checkpoints.intervalMs(), tx);
        checkpointer.tick();
        return checkpointer;
    }

    @Bean(destroyMethod = "close")
    CheckpointTicker checkpointTicker(Checkpointer checkpointer, Sequencer sequencer,
            CheckpointProperties checkpoints) {
        CheckpointTicker ticker = new CheckpointTicker(checkpointer, Math.max(10, Math.min(checkpoints.intervalMs(),
                1000)));
        // The writer only wakes the checkpointer's thread; size-triggered checkpoints are signed there.
        sequencer.addCommitListener(state -> ticker.wake());
        return ticker;
    }

    @Bean
    CheckpointHealthIndicator checkpointHealthIndicator(Checkpointer checkpointer, Sequencer sequencer) {
        return new CheckpointHealthIndicator(checkpointer, sequencer);
    }
}
