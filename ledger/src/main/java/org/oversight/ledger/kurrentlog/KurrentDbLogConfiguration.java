package org.oversight.ledger.kurrentlog;

import io.kurrent.dbclient.KurrentDBClient;
import java.time.Clock;
import javax.sql.DataSource;
import org.axonframework.serialization.Serializer;
import org.oversight.ledger.aggregate.LedgerRegistry;
import org.oversight.ledger.ingest.IngestService;
import org.oversight.ledger.sequencer.LeafStore;
import org.oversight.ledger.sequencer.Sequencer;
import org.oversight.ledger.sequencer.TakeoverStep;
import org.oversight.ledger.storage.OversightStorageProperties;
import org.oversight.ledger.storage.StorageConfiguration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.event.EventListener;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The log on KurrentDB ({@code oversight.store.type=kurrentdb} with {@code spring.datasource.url}):
 * Axon's storage engine is {@link LogMirroredEventStorageEngine} over the KurrentDB engine, and
 * {@link KurrentDbLogMirror} writes the aggregate streams from the committed leaves — after every
 * commit (a sequencer commit listener), before every aggregate load, and once the application is
 * ready (start-up recovery) — all only on the node that may write the log; with leadership, a new
 * leader also mirrors every committed leaf before it accepts writes (a {@link TakeoverStep}).
 */
@Configuration
@ConditionalOnKurrentDbLog
public class KurrentDbLogConfiguration {
    private static final Logger LOG = LoggerFactory.getLogger(KurrentDbLogConfiguration.class);

    @Bean
    KurrentDbLogMirror kurrentDbLogMirror(KurrentDBClient client, OversightStorageProperties properties,
            @Qualifier("eventSerializer") Serializer eventSerializer, Serializer serializer,
            org.axonframework.config.Configuration axonConfiguration, LeafStore leaves, Sequencer sequencer,
            LedgerRegistry registry, DataSource dataSource, PlatformTransactionManager txManager,
            ObjectProvider<Clock> clock) {
        MirrorWatermark watermark = new MirrorWatermark(dataSource);
        watermark.createSchema();
        TransactionTemplate ownTransaction = new TransactionTemplate(txManager);
        ownTransaction.setPropagationBehavior(TransactionTemplate.PROPAGATION_REQUIRES_NEW);
        KurrentDbLogMirror mirror = new KurrentDbLogMirror(
                StorageConfiguration.kurrentDbEngine(client, properties, eventSerializer, serializer, axonConfiguration),
                leaves, new StreamLeaves(dataSource), sequencer, registry, watermark, ownTransaction,
                clock.getIfAvailable(Clock::systemUTC));
        // Runs on the writer's thread right after each ingest commit; a failure is logged by the
        // sequencer and leaves the mirror behind, to be caught up before the next aggregate load.
        sequencer.addCommitListener(state -> {
            if (sequencer.mayWrite()) {
                mirror.catchUp();
            }
        });
        return mirror;
    }

    /** Leadership: a new leader mirrors every committed leaf before it accepts writes. */
    @Bean
    TakeoverStep kurrentDbLogTakeover(KurrentDbLogMirror mirror) {
        return treeSize -> mirror.catchUpOnTakeover();
    }

    @Bean
    LogMirroredEventStorageEngine eventStorageEngine(KurrentDbLogMirror mirror) {
        return new LogMirroredEventStorageEngine(mirror);
    }

    @Bean
    KurrentDbLogHealthIndicator kurrentDbLogHealthIndicator(KurrentDbLogMirror mirror, Sequencer sequencer) {
        return new KurrentDbLogHealthIndicator(mirror, sequencer);
    }

    /**
     * Start-up recovery, once the write path exists (its constructor rebuilt the registry the mirror
     * reads signer principals from). Not required for correctness — every aggregate load catches up
     * first — but it repairs the streams before anyone asks. A failure (KurrentDB unreachable) is
     * logged; writes then fail until KurrentDB answers.
     */
    @EventListener(ApplicationReadyEvent.class)
    void recoverOnStart(ApplicationReadyEvent ready) {
        ObjectProvider<IngestService> ingest = ready.getApplicationContext().getBeanProvider(IngestService.class);
        if (ingest.getIfAvailable() == null) {
            return;
        }
        KurrentDbLogMirror mirror = ready.getApplicationContext().getBean(KurrentDbLogMirror.class);
        if (!ready.getApplicationContext().getBean(Sequencer.class).mayWrite()) {
            LOG.info("a follower: the leader mirrors the KurrentDB streams (this node catches them up if it takes over)");
            return;
        }
        try {
            mirror.catchUp();
        } catch (RuntimeException e) {
            LOG.error("start-up recovery of the KurrentDB streams failed; writes fail until it succeeds", e);
        }
    }
}
