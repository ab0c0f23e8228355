package org.oversight.ledger.witness;

import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;
import org.oversight.domain.checkpoint.SignedCheckpoint;
import org.oversight.ledger.sequencer.LeafStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends each new checkpoint to every witness, one daemon thread per witness: a witness that is slow,
 * down or refusing delays only its own cosignatures, never ingest, checkpointing or another witness.
 * Each round submits the latest checkpoint at most {@code maxAttempts} times (a 409 that tells the
 * witness's size is followed at once by a request from that size); after a failed round the thread
 * waits, doubling from the poll interval up to {@code maxBackoffMillis}. Only the leader submits.
 */
public class WitnessSubmitter implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(WitnessSubmitter.class);

    private final List<WitnessClient> clients;
    private final Supplier<Optional<SignedCheckpoint>> latest;
    private final BooleanSupplier mayWrite;
    private final LeafStore leaves;
    private final CosignatureStore store;
    private final long pollMillis;
    private final long maxBackoffMillis;
    private final int maxAttempts;
    private final ExecutorService threads;

    WitnessSubmitter(List<WitnessClient> clients, Supplier<Optional<SignedCheckpoint>> latest, BooleanSupplier mayWrite,
            LeafStore leaves, CosignatureStore store, long pollMillis, long maxBackoffMillis, int maxAttempts) {
        if (maxAttempts < 1 || pollMillis < 1 || maxBackoffMillis < pollMillis) {
            throw new IllegalArgumentException("witness retry settings: attempts " + maxAttempts + ", poll "
                    + pollMillis + " ms, max backoff " + maxBackoffMillis + " ms");
        }
        this.clients = List.copyOf(clients);
        this.latest = latest;
        this.mayWrite = mayWrite;
        this.leaves = leaves;
        this.store = store;
        this.pollMillis = pollMillis;
        this.maxBackoffMillis = maxBackoffMillis;
        this.maxAttempts = maxAttempts;
        this.threads = Executors.newFixedThreadPool(Math.max(1, clients.size()), r -> {
            Thread t = new Thread(r, "witness-submitter");
            t.setDaemon(true);
            return t;
        });
    }

    void start() {
        for (WitnessClient c : clients) {
            threads.execute(() -> loop(c));
        }
    }

    private void loop(WitnessClient client) {
        long wait = pollMillis;
        while (!Thread.currentThread().isInterrupted()) {
            boolean ok = true;
            try {
                ok = round(client);
            } catch (RuntimeException e) {
                LOG.warn("witness {}: {}", client.key().keyLabel(), e.toString());
                ok = false;
            }
            wait = ok ? pollMillis : Math.min(maxBackoffMillis, wait * 2);
            try {
                Thread.sleep(wait);
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    /** One round: true if the witness has cosigned the latest checkpoint (or there is nothing to do). */
    boolean round(WitnessClient client) {
        Optional<SignedCheckpoint> current = latest.get();
        if (current.isEmpty() || !mayWrite.getAsBoolean() || client.cosignedSize() >= current.get().checkpoint().size()) {
            return true;
        }
        SignedCheckpoint checkpoint = current.get();
        for (int attempt = 0; attempt < maxAttempts; attempt++) {
            WitnessClient.Outcome outcome = client.submit(checkpoint, leaves);
            if (outcome instanceof WitnessClient.Outcome.Cosigned c) {
                store.save(checkpoint.checkpoint().size(), c.cosignature());
                return true;
            }
            if (outcome instanceof WitnessClient.Outcome.Failed f) {
                LOG.warn("witness {} did not cosign size {}: {}", client.key().keyLabel(),
                        checkpoint.checkpoint().size(), f.reason());
                return false;
            }
            // WitnessSize: retry at once from the size it reported (at our size it cosigns again if
            // the roots agree, so a cosignature lost by a restart is recovered).
            if (client.cosignedSize() > checkpoint.checkpoint().size()) {
                LOG.warn("witness {} has cosigned size {}, beyond the log's checkpoint size {}",
                        client.key().keyLabel(), client.cosignedSize(), checkpoint.checkpoint().size());
                return false;
            }
        }
        return false;
    }

    List<WitnessClient> clients() {
        return clients;
    }

    @Override
    public void close() {
        threads.shutdownNow();
        try {
            threads.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
