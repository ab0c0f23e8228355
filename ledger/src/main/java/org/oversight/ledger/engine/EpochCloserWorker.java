package org.oversight.ledger.engine;

import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Runs {@link EpochCloser#tick()} on its own thread every interval; failures are logged and retried. */
public final class EpochCloserWorker implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(EpochCloserWorker.class);
    private final ScheduledExecutorService executor = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "oversight-epoch-closer");
        t.setDaemon(true);
        return t;
    });

    public EpochCloserWorker(EpochCloser closer, long intervalMillis) {
        executor.scheduleWithFixedDelay(() -> {
            try {
                closer.tick();
            } catch (Exception | AssertionError e) {
                LOG.error("epoch closer tick failed (retried in {} ms): {}", intervalMillis, e.toString(), e);
            }
        }, intervalMillis, intervalMillis, TimeUnit.MILLISECONDS);
    }

    @Override
    public void close() throws InterruptedException {
        executor.shutdown();
        executor.awaitTermination(5, TimeUnit.SECONDS);
    }
}
