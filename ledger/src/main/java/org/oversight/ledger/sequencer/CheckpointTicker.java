package org.oversight.ledger.sequencer;

import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Calls {@link Checkpointer#tick()} periodically so the time trigger fires without new writes.
 * The tick period only bounds how late a time-triggered checkpoint can be; whether one is due is
 * decided by the checkpointer's injected clock.
 */
public final class CheckpointTicker implements AutoCloseable {
    private final ScheduledExecutorService executor;

    public CheckpointTicker(Checkpointer checkpointer, long periodMillis) {
        this.executor = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "checkpoint-ticker");
            t.setDaemon(true);
            return t;
        });
        executor.scheduleWithFixedDelay(checkpointer::tick, periodMillis, periodMillis, TimeUnit.MILLISECONDS);
    }

    @Override
    public void close() {
        executor.shutdownNow();
    }
}
