package org.oversight.ledger.engine;

import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Drives a {@link RecognitionProcessor} on one thread, after commits: the sequencer's commit
 * listener calls {@link #wake()} (coalesced: at most one pending wake-up), and a fixed-delay poll
 * retries a waiting or stalled processor. The ingest thread never runs the projection.
 */
public class EngineWorker implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(EngineWorker.class);

    private final RecognitionProcessor processor;
    private final long pollMillis;
    private final ScheduledExecutorService executor;
    private final AtomicBoolean wakePending = new AtomicBoolean();
    private volatile boolean recovered;

    /**
     * @param pollMillis retry interval, ≥ 1
     * @throws IllegalArgumentException if {@code pollMillis < 1}
     */
    public EngineWorker(RecognitionProcessor processor, long pollMillis) {
        if (pollMillis < 1) {
            throw new IllegalArgumentException("poll interval " + pollMillis + " ms < 1");
        }
        this.processor = processor;
        this.pollMillis = pollMillis;
        this.executor = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "oversight-engine");
            t.setDaemon(true);
            return t;
        });
    }

    /** Recovers the processor, then processes on every wake-up and poll. */
    public void start() {
        executor.execute(this::recover);
        executor.scheduleWithFixedDelay(this::drain, pollMillis, pollMillis, TimeUnit.MILLISECONDS);
    }

    /** Asks for a round soon (after a commit); never blocks. */
    public void wake() {
        if (wakePending.compareAndSet(false, true)) {
            try {
                executor.execute(() -> {
                    wakePending.set(false);
                    drain();
                });
            } catch (RejectedExecutionException e) {
                wakePending.set(false); // closed
            }
        }
    }

    private void recover() {
        try {
            processor.recover();
            recovered = true;
            drain();
        } catch (RuntimeException e) {
            LOG.error("recognition processor could not recover", e);
        }
    }

    private void drain() {
        if (!recovered || processor.status().state() == EngineStatus.State.FAILED) {
            return;
        }
        try {
            processor.drain();
        } catch (RuntimeException e) {
            // Transient (e.g. database unavailable) or a broken invariant (status FAILED): the
            // position did not move past anything unprocessed.
            LOG.error("recognition processor round failed at {}", processor.status(), e);
        }
    }

    @Override
    public void close() {
        executor.shutdown();
        try {
            if (!executor.awaitTermination(10, TimeUnit.SECONDS)) {
                executor.shutdownNow();
            }
        } catch (InterruptedException e) {
            executor.shutdownNow();
            Thread.currentThread().interrupt();
        }
    }
}
