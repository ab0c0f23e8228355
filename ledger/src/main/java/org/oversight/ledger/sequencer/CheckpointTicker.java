package org.oversight.ledger.sequencer;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.LockSupport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The checkpointer's own thread: calls {@link Checkpointer#tick()} when {@link #wake() woken} after
 * a commit, and at least every {@code periodMillis} so the time trigger fires without new writes.
 * The tick period only bounds how late a time-triggered checkpoint can be; whether one is due is
 * decided by the checkpointer's injected clock.
 *
 * <p>Wake-ups coalesce: however many commits happen while a checkpoint is being signed, the thread
 * ticks once more afterwards and that tick reads the latest committed state. {@link #wake()} never
 * blocks, so the sequencer's writer does not wait for a consistency proof, a signature or the
 * checkpoint's transaction.
 */
public final class CheckpointTicker implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(CheckpointTicker.class);
    private static final long CLOSE_WAIT_MILLIS = 5_000;

    private final Checkpointer checkpointer;
    private final long periodNanos;
    private final AtomicBoolean wakePending = new AtomicBoolean();
    private final Thread thread;
    private volatile boolean closed;

    /** Starts the thread; {@code periodMillis >= 1}. */
    public CheckpointTicker(Checkpointer checkpointer, long periodMillis) {
        if (periodMillis < 1) {
            throw new IllegalArgumentException("checkpoint tick period " + periodMillis + " ms < 1");
        }
        this.checkpointer = checkpointer;
        this.periodNanos = TimeUnit.MILLISECONDS.toNanos(periodMillis);
        this.thread = new Thread(this::run, "checkpoint-ticker");
        thread.setDaemon(true);
        thread.start();
    }

    /** Asks for a tick as soon as the thread is free; cheap and non-blocking (a commit listener). */
    public void wake() {
        if (!wakePending.getAndSet(true)) {
            LockSupport.unpark(thread);
        }
    }

    private void run() {
        while (!closed) {
            if (!wakePending.getAndSet(false)) {
                // A spurious or early return only makes the next tick early; tick() decides what is due.
                LockSupport.parkNanos(this, periodNanos);
                wakePending.set(false);
            }
            if (closed) {
                return;
            }
            // Cleared before the tick, which reads the committed state: a commit after this point
            // sets the flag again and gets its own tick.
            try {
                checkpointer.tick();
            } catch (RuntimeException e) {
                // E.g. the database is unreachable: nothing was stored; the next tick retries.
                LOG.warn("checkpoint tick failed: {}", e.toString(), e);
            }
        }
    }

    /** Stops the thread after any tick in progress, waiting at most a few seconds for it. */
    @Override
    public void close() {
        closed = true;
        LockSupport.unpark(thread);
        try {
            thread.join(CLOSE_WAIT_MILLIS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
