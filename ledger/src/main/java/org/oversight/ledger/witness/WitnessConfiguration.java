package org.oversight.ledger.witness;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;
import org.oversight.domain.crypto.MalformedKeyException;
import org.oversight.domain.note.Ed25519CosignatureVerifier;
import org.oversight.ledger.log.CheckpointArchive;
import org.oversight.ledger.sequencer.Checkpointer;
import org.oversight.ledger.sequencer.ConditionalOnPostgresLog;
import org.oversight.ledger.sequencer.LeafStore;
import org.oversight.ledger.sequencer.Sequencer;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Beans of the witness client; with no {@code oversight.witness.witnesses} configured it does nothing. */
@Configuration
@ConditionalOnPostgresLog
@EnableConfigurationProperties(WitnessProperties.class)
public class WitnessConfiguration {
    @Bean
    CosignatureStore cosignatureStore(DataSource dataSource) {
        return new CosignatureStore(dataSource);
    }

    private static List<WitnessClient> witnessClients(WitnessProperties properties, Clock clock) {
        List<WitnessClient> clients = new ArrayList<>();
        for (int i = 0; i < properties.witnesses().size(); i++) {
            WitnessProperties.Witness w = properties.witnesses().get(i);
            if (w.url() == null || w.vkey() == null) {
                throw new IllegalStateException("oversight.witness.witnesses[" + i + "] needs url and vkey");
            }
            try {
                clients.add(new WitnessClient(w.url(), Ed25519CosignatureVerifier.parse(w.vkey()), properties.timeout(),
                        clock));
            } catch (MalformedKeyException e) {
                throw new IllegalStateException("oversight.witness.witnesses[" + i + "].vkey: " + e.getMessage(), e);
            }
        }
        return clients;
    }

    @Bean
    CheckpointCosignatures checkpointCosignatures(CosignatureStore store, WitnessSubmitter submitter,
            WitnessProperties properties, CheckpointArchive archive) {
        List<Ed25519CosignatureVerifier> keys = submitter.clients().stream().map(WitnessClient::key).toList();
        try {
            return new CheckpointCosignatures(store, keys, properties.quorum(), archive::atSize);
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException("oversight.witness.quorum: " + e.getMessage(), e);
        }
    }

    @Bean(destroyMethod = "close")
    WitnessSubmitter witnessSubmitter(Checkpointer checkpointer, Clock clock, Sequencer sequencer, LeafStore leaves,
            CosignatureStore store, WitnessProperties properties) {
        WitnessSubmitter submitter = new WitnessSubmitter(witnessClients(properties, clock), checkpointer::latest, sequencer::mayWrite,
                leaves, store, properties.pollInterval().toMillis(), properties.maxBackoff().toMillis(),
                properties.maxAttempts());
        submitter.start();
        return submitter;
    }

    @Bean
    WitnessStatus witnessStatus(WitnessSubmitter submitter, Checkpointer checkpointer, CosignatureStore store,
            CheckpointCosignatures cosignatures, ObjectProvider<MeterRegistry> meters) {
        WitnessStatus status = new WitnessStatus(submitter.clients(), checkpointer::latest, store, cosignatures);
        meters.ifAvailable(m -> {
            Gauge.builder("oversight.witness.latest.checkpoint.quorum", () -> status.snapshot().latestHasQuorum() ? 1 : 0)
                    .description("1 if the latest checkpoint carries cosignatures from the witness quorum, else 0")
                    .register(m);
            Gauge.builder("oversight.witness.quorum.lag.leaves", () -> status.snapshot().quorumLagLeaves())
                    .description("leaves in the latest checkpoint beyond the latest quorum-cosigned checkpoint")
                    .register(m);
            for (WitnessClient c : submitter.clients()) {
                Gauge.builder("oversight.witness.cosigned.size", c::cosignedSize).tag("witness", c.key().keyLabel())
                        .description("the size this witness last cosigned, as the log knows (-1 unknown)").register(m);
            }
        });
        return status;
    }
}
