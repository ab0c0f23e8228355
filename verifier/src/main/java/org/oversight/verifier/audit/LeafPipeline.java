package org.oversight.verifier.audit;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.oversight.domain.export.LogExportReader;
import org.oversight.domain.export.MalformedExportException;

/**
 * Reads an export's leaves and prepares them ({@link LeafPreparer}: parse, hash, signature check)
 * ahead of the audit's ordered pass, handing them over in batches strictly in leaf order.
 *
 * <p>With one thread everything runs on the caller's thread, batch by batch, when it asks for the
 * next one. With {@code threads} ≥ 2 a bounded pipeline runs: a reader thread frames leaves into
 * batches and submits each to a pool of {@code threads} preparing workers, and the caller takes
 * the batches back in order. At most {@code 2 × threads} batches are read ahead of the ordered
 * pass (the reader blocks when that window is full), so memory stays bounded whatever the log's
 * size. What is read, and in which order it reaches the ordered pass, is the same for every
 * thread count; only when each leaf is prepared differs, which cannot change the audit
 * ({@link LeafPreparer}).
 */
final class LeafPipeline implements AutoCloseable {
    /** The next leaves in log order; the last batch says how the export ended. */
    static final class Batch {
        private final long firstLeaf;
        private final List<byte[]> read;
        private PreparedLeaf[] leaves;
        private final boolean last;
        private final MalformedExportException framing;
        private final long framingLeaf;
        private final IOException ioFailure;
        private final Throwable bug;

        private Batch(long firstLeaf, List<byte[]> read, boolean last, MalformedExportException framing,
                long framingLeaf, IOException ioFailure, Throwable bug) {
            this.firstLeaf = firstLeaf;
            this.read = read;
            this.last = last;
            this.framing = framing;
            this.framingLeaf = framingLeaf;
            this.ioFailure = ioFailure;
            this.bug = bug;
        }

        /** Index of the first leaf of this batch. */
        long firstLeaf() {
            return firstLeaf;
        }

        /** The prepared leaves, in order (possibly none in the last batch). */
        PreparedLeaf[] leaves() {
            return leaves;
        }

        /** Whether this is the last batch. */
        boolean last() {
            return last;
        }

        /** If the export's framing broke right after this (last) batch: why; otherwise null. */
        MalformedExportException framing() {
            return framing;
        }

        /** With {@link #framing()}: the number of leaves read before the break. */
        long framingLeaf() {
            return framingLeaf;
        }
    }

    /** A batch on its way: read, and its preparation submitted. */
    private record InFlight(Batch batch, Future<PreparedLeaf[]> prepared) {}

    private final LogExportReader reader;
    private final int batchSize;
    private final LeafPreparer preparer = new LeafPreparer();
    private final ExecutorService workers;
    private final BlockingQueue<InFlight> window;
    private final Thread readerThread;
    private boolean done;

    /**
     * @param reader the export, its header read; from now on used only by this pipeline
     * @param threads threads preparing leaves (see the class comment)
     * @param batchSize leaves per batch
     * @throws IllegalArgumentException if {@code threads < 1} or {@code batchSize < 1}
     */
    LeafPipeline(LogExportReader reader, int threads, int batchSize) {
        if (threads < 1) {
            throw new IllegalArgumentException("threads " + threads + " < 1");
        }
        if (batchSize < 1) {
            throw new IllegalArgumentException("batch size " + batchSize + " < 1");
        }
        this.reader = reader;
        this.batchSize = batchSize;
        if (threads == 1) {
            workers = null;
            window = null;
            readerThread = null;
            return;
        }
        workers = Executors.newFixedThreadPool(threads, runnable -> {
            Thread t = new Thread(runnable, "verifier-prepare");
            t.setDaemon(true);
            return t;
        });
        window = new ArrayBlockingQueue<>(2 * threads);
        readerThread = new Thread(this::readAhead, "verifier-read");
        readerThread.setDaemon(true);
        readerThread.start();
    }

    /**
     * The next batch in leaf order, prepared; null after the last one.
     *
     * @throws IOException if reading the export failed (the audit cannot go on)
     */
    Batch next() throws IOException {
        if (done) {
            return null;
        }
        Batch batch;
        if (workers == null) {
            batch = read();
            batch.leaves = preparer.prepare(batch.read);
        } else {
            InFlight inFlight;
            try {
                inFlight = window.take();
                inFlight.batch().leaves = inFlight.prepared().get();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while waiting for prepared leaves", e);
            } catch (ExecutionException e) {
                throw new IllegalStateException("preparing leaves failed: " + e.getCause(), e.getCause());
            }
            batch = inFlight.batch();
        }
        done = batch.last;
        if (batch.ioFailure != null) {
            throw batch.ioFailure;
        }
        if (batch.bug != null) {
            throw new IllegalStateException("reading the export failed: " + batch.bug, batch.bug);
        }
        return batch;
    }

    /** The reader thread: frames batches and submits them until the export ends or the pipeline closes. */
    private void readAhead() {
        try {
            while (true) {
                Batch batch = read();
                Future<PreparedLeaf[]> prepared = workers.submit(() -> preparer.prepare(batch.read));
                window.put(new InFlight(batch, prepared));
                if (batch.last) {
                    return;
                }
            }
        } catch (InterruptedException e) {
            // closed early: nobody takes batches any more
        } catch (Throwable t) {
            // Never leave the ordered pass waiting for a batch that will not come.
            Batch failed = new Batch(-1, List.of(), true, null, -1, null, t);
            try {
                window.put(new InFlight(failed, CompletableFuture.completedFuture(new PreparedLeaf[0])));
            } catch (InterruptedException closed) {
                // closed meanwhile: nobody waits
            }
        }
    }

    /** Reads the next batch of leaves, noting how the export ended if it did. */
    private Batch read() {
        long first = reader.position();
        List<byte[]> leaves = new ArrayList<>(batchSize);
        try {
            while (leaves.size() < batchSize) {
                byte[] leaf = reader.nextLeaf();
                if (leaf == null) {
                    return new Batch(first, leaves, true, null, -1, null, null);
                }
                leaves.add(leaf);
            }
            return new Batch(first, leaves, false, null, -1, null, null);
        } catch (MalformedExportException e) {
            return new Batch(first, leaves, true, e, reader.position(), null, null);
        } catch (IOException e) {
            return new Batch(first, leaves, true, null, -1, e, null);
        } catch (RuntimeException e) {
            return new Batch(first, leaves, true, null, -1, null, e);
        }
    }

    /** Stops the reader and the workers (they are daemons; an early close abandons their work). */
    @Override
    public void close() {
        if (readerThread != null) {
            readerThread.interrupt();
            workers.shutdownNow();
            window.clear();
        }
    }
}
