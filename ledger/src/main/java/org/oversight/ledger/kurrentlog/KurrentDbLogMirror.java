package org.oversight.ledger.kurrentlog;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventsourcing.eventstore.DomainEventStream;
import org.axonframework.modelling.command.AggregateStreamCreationException;
import org.axonframework.modelling.command.ConcurrencyException;
import org.oversight.ledger.aggregate.LedgerRegistry;
import org.oversight.ledger.sequencer.FencedWriteException;
import org.oversight.ledger.sequencer.LeafStore;
import org.oversight.ledger.sequencer.Sequencer;
import org.oversight.ledger.sequencer.StoredLeaf;
import org.oversight.ledger.storage.kurrentdb.KurrentDbEventStorageEngine;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Writes the committed leaves of the log, in leaf order, into their stream aggregates' KurrentDB
 * streams: the ONLY writer of those streams when the log runs on KurrentDB (docs/storage.md, "The
 * log on KurrentDB").
 *
 * <p>The PostgreSQL transaction that inserts the leaves and the new Merkle state is the commit
 * point. Afterwards, {@link #catchUp()} appends every committed leaf not yet in KurrentDB to stream
 * {@code agg-<stream>} at revision = its stream seq, with the expected revision {@code seq - 1}.
 * Invariants, for every aggregate stream S at every moment:
 *
 * <ol>
 *   <li>KurrentDB's S is a prefix of the log's S (the committed leaves of S by seq): only committed
 *       leaves are ever written, each at its own seq, and the expected revision rejects any other
 *       position;</li>
 *   <li>after {@code catchUp()} returns, it is all of the log's S up to the sequencer's committed
 *       size, each leaf exactly once (an append lands only on top of exactly the previous seq).</li>
 * </ol>
 * {@link LogMirroredEventStorageEngine} calls {@code catchUp()} before every aggregate read, so an
 * aggregate is never loaded from a stream that lacks a committed event, and Axon's own appends of
 * aggregate events are dropped (they are written here, from the leaves, once committed).
 *
 * <p>Recovery is the same operation: after a crash between the PostgreSQL commit and the appends,
 * or while KurrentDB is unreachable, the leaves from {@link MirrorWatermark} on are compared with
 * the streams; events already present are checked byte for byte against their leaves, the missing
 * ones appended. An event in an aggregate stream that is not the committed leaf at its position is a
 * broken invariant: {@code catchUp()} throws, and no aggregate is loaded (no write is accepted) until
 * an operator repairs it.
 *
 * <p>Several ledger nodes (leadership): only the node whose fence lets it write mirrors; a new
 * leader catches the streams up before it accepts writes ({@link #catchUpOnTakeover()}). A stale
 * ex-leader that has not noticed yet can only append committed leaves at their own seq, so it
 * cannot corrupt a stream either: its appends fail on the expected revision and the
 * reconciliation finds the leaves already there.
 *
 * <p>Thread safety: {@code catchUp()} runs under the sequencer's (reentrant) writer lock, which
 * also guards the {@link LedgerRegistry} it reads.
 */
public final class KurrentDbLogMirror {
    private static final Logger LOG = LoggerFactory.getLogger(KurrentDbLogMirror.class);
    /** Leaves read from PostgreSQL per round trip. */
    static final int PAGE = 512;
    /** Reconciliations of one stream before giving up (another node may be mirroring the same leaves). */
    private static final int ATTEMPTS = 3;
    /** How long a catch-up waits for the writer lock when another thread holds it. */
    private static final Duration LOCK_WAIT = Duration.ofSeconds(30);

    private final KurrentDbEventStorageEngine store;
    private final LeafStore leaves;
    private final StreamLeaves streamLeaves;
    private final Sequencer sequencer;
    private final LedgerRegistry registry;
    private final MirrorWatermark watermark;
    private final TransactionTemplate ownTransaction;
    private final Clock clock;
    private volatile long mirrored;
    private volatile Optional<String> lastFailure = Optional.empty();

    /**
     * @param ownTransaction a template with {@code PROPAGATION_REQUIRES_NEW}: catch-up runs after the
     *     ingest transaction committed or inside it (before an aggregate read), and must not join it
     */
    KurrentDbLogMirror(KurrentDbEventStorageEngine store, LeafStore leaves, StreamLeaves streamLeaves,
            Sequencer sequencer, LedgerRegistry registry, MirrorWatermark watermark, TransactionTemplate ownTransaction,
            Clock clock) {
        if (ownTransaction.getPropagationBehavior() != TransactionTemplate.PROPAGATION_REQUIRES_NEW) {
            throw new IllegalArgumentException("the mirror's transaction template must use REQUIRES_NEW, not "
                    + ownTransaction.getPropagationBehavior());
        }
        this.store = store;
        this.leaves = leaves;
        this.streamLeaves = streamLeaves;
        this.sequencer = sequencer;
        this.registry = registry;
        this.watermark = watermark;
        this.ownTransaction = ownTransaction;
        this.clock = clock;
        this.mirrored = watermark.read();
        LOG.info("KurrentDB streams hold at least the first {} leaves of the log (committed: {})", mirrored,
                sequencer.committed().size());
    }

    /** The KurrentDB engine the aggregate streams live in. */
    KurrentDbEventStorageEngine store() {
        return store;
    }

    /** Leaves known to be in KurrentDB: {@code [0, mirroredSize())}. */
    public long mirroredSize() {
        return mirrored;
    }

    /** The last catch-up's failure, if it failed and none succeeded since. */
    public Optional<String> lastFailure() {
        return lastFailure;
    }

    /**
     * Appends every committed leaf not yet in its KurrentDB stream; returns at once, without locking,
     * if there is none. Otherwise takes the writer lock (reentrant: the ingest path already holds it).
     * Only the log's writer mirrors: on a follower (leadership, the sequencer's fence refuses writes)
     * a catch-up that has anything to do is refused instead — a follower loads no aggregate (it
     * accepts no write) and its registry is only rebuilt when it takes over.
     *
     * @throws FencedWriteException if the streams are behind and this node is not the log's writer
     * @throws RuntimeException if KurrentDB or PostgreSQL fails (retried by the next call), or
     *     {@link IllegalStateException} if a stream holds an event that is not the committed leaf at
     *     its position (a broken invariant)
     * @return the committed size the streams now hold (every leaf below it is mirrored)
     */
    public long catchUp() {
        long committed = sequencer.committed().size();
        if (mirrored >= committed) {
            return committed;
        }
        if (!sequencer.mayWrite()) {
            throw new FencedWriteException("this node is not the log's leader; the leader mirrors the committed leaves"
                    + " into the KurrentDB streams (" + mirrored + " of " + committed + " known mirrored here)");
        }
        ReentrantLock lock = sequencer.writerLock();
        try {
            // Not lock(): a thread that loads aggregates for a writer holding the lock (parallel
            // dispatch) would wait forever; the writer's own thread re-enters at once.
            if (!lock.tryLock(LOCK_WAIT.toMillis(), TimeUnit.MILLISECONDS)) {
                throw new IllegalStateException("KurrentDB streams are behind the log (" + mirrored + " of " + committed
                        + " leaves) and the writer lock was not free within " + LOCK_WAIT + " to catch them up");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted waiting for the writer lock", e);
        }
        try {
            return mirrorCommitted();
        } finally {
            lock.unlock();
        }
    }

    /**
     * The takeover step of a new leader (leadership; {@link org.oversight.ledger.sequencer.TakeoverStep}):
     * called under the writer lock after the sequencer state was reloaded and the registry rebuilt,
     * before the fence lets this node write. Starts from the stored watermark (the previous leader
     * raised it; this node's own count is as old as its last catch-up) and mirrors every committed
     * leaf, so the new leader's first aggregate load finds its streams complete.
     *
     * @throws RuntimeException as {@link #catchUp()}; the takeover is then aborted and retried
     */
    public long catchUpOnTakeover() {
        if (!sequencer.writerLock().isHeldByCurrentThread()) {
            throw new IllegalStateException("takeover catch-up without holding the writer lock");
        }
        long stored = watermark.read();
        if (stored > mirrored) {
            mirrored = stored;
        }
        return mirrorCommitted();
    }

    /** Mirrors up to the committed size; requires the writer lock. */
    private long mirrorCommitted() {
        long target = sequencer.committed().size();
        if (mirrored >= target) {
            return target;
        }
        long from = mirrored;
        try {
            ownTransaction.executeWithoutResult(status -> mirrorUpTo(target));
        } catch (RuntimeException | Error e) {
            lastFailure = Optional.of("mirroring leaves [" + from + ", " + target + ") failed at leaf " + mirrored
                    + ": " + e);
            LOG.warn("KurrentDB streams behind the log: {}; retried before the next aggregate read and after the"
                    + " next commit", lastFailure.get());
            throw e;
        }
        lastFailure = Optional.empty();
        if (from < target - 1 || LOG.isDebugEnabled()) {
            LOG.info("mirrored leaves [{}, {}) into KurrentDB", from, target);
        }
        return target;
    }

    /**
     * Checks a stream as an aggregate loaded it, from seq 0: it must end exactly at the log's head
     * of that stream among the leaves below {@code size} (same seq, same bytes). Catches what the
     * mirror's own invariants cannot: another writer appending to, or a restore truncating, an
     * aggregate stream — either would let the aggregate accept a chain position the log never got.
     *
     * @param loaded the number of events loaded (seq 0 to {@code loaded - 1}, checked by the caller)
     * @throws IllegalStateException if the stream and the log disagree (a broken invariant)
     */
    void requireLogHead(String stream, long size, long loaded, Optional<DomainEventMessage<?>> last) {
        Optional<StoredLeaf> head = streamLeaves.head(stream, size);
        long expected = head.map(h -> h.leaf().seq() + 1).orElse(0L);
        if (loaded != expected || (head.isPresent() && !LeafEvents.carries(last.orElseThrow(), head.get()))) {
            long stored = streamLeaves.committedSize();
            if (stored > size && endsAtLogHead(stream, stored, loaded, last)) {
                // Not another writer: this node's state is older than the log (a leader paused
                // while another took over). The fence would refuse its write anyway.
                throw new FencedWriteException("this node's log state (size " + size + ") is behind the database's ("
                        + stored + "): another node has written the log; is this node still the leader?");
            }
            throw new IllegalStateException("ALARM: KurrentDB stream of " + stream + " has " + loaded + " event(s) but"
                    + " the log has " + expected + " below leaf " + size
                    + (loaded == expected ? ", and its last event is not the log's leaf " + head.get().index() : "")
                    + "; is another writer using the aggregate streams? The aggregate is not loaded");
        }
    }

    private boolean endsAtLogHead(String stream, long size, long loaded, Optional<DomainEventMessage<?>> last) {
        Optional<StoredLeaf> head = streamLeaves.head(stream, size);
        return loaded == head.map(h -> h.leaf().seq() + 1).orElse(0L)
                && head.map(h -> LeafEvents.carries(last.orElseThrow(), h)).orElse(true);
    }

    private void mirrorUpTo(long target) {
        for (long from = mirrored; from < target; ) {
            int count = (int) Math.min(PAGE, target - from);
            List<StoredLeaf> page = leaves.leaves(from, count);
            if (page.size() != count || page.get(0).index() != from) {
                throw new IllegalStateException("committed leaves [" + from + ", " + (from + count) + ") are not all"
                        + " stored: found " + page.size());
            }
            mirrorPage(page);
            from += count;
            mirrored = from;
        }
        watermark.raiseTo(mirrored);
    }

    /** Appends a page of leaves, one KurrentDB append per stream (in first-appearance order). */
    private void mirrorPage(List<StoredLeaf> page) {
        Map<String, List<StoredLeaf>> byStream = new LinkedHashMap<>();
        for (StoredLeaf leaf : page) {
            byStream.computeIfAbsent(leaf.leaf().stream(), s -> new ArrayList<>()).add(leaf);
        }
        for (Map.Entry<String, List<StoredLeaf>> stream : byStream.entrySet()) {
            mirrorStream(stream.getKey(), stream.getValue());
        }
    }

    /**
     * Fast path: the stream ends just before the first of {@code run} (the normal case after a
     * commit), so one append at the expected revision succeeds. Otherwise reconcile.
     */
    private void mirrorStream(String stream, List<StoredLeaf> run) {
        requireConsecutive(stream, run);
        try {
            append(run);
            return;
        } catch (ConcurrencyException | AggregateStreamCreationException e) {
            LOG.info("KurrentDB stream of {} is not at seq {} as expected ({}); reconciling it with the log", stream,
                    run.get(0).leaf().seq() - 1, e.getMessage());
        }
        for (int attempt = 1; ; attempt++) {
            try {
                reconcile(stream, run);
                return;
            } catch (ConcurrencyException | AggregateStreamCreationException e) {
                if (attempt == ATTEMPTS) {
                    throw new IllegalStateException("stream " + stream + " kept moving while being reconciled with the"
                            + " log (" + ATTEMPTS + " attempts); is another writer appending to it?", e);
                }
            }
        }
    }

    /**
     * Checks what KurrentDB holds of {@code stream} from the run's first seq on against the committed
     * leaves, then appends what is missing: leaves of the stream below the run that are absent
     * (only if the watermark overstated), and the rest of the run.
     */
    private void reconcile(String stream, List<StoredLeaf> run) {
        long first = run.get(0).leaf().seq();
        long last = run.get(run.size() - 1).leaf().seq();
        long stored = store.lastSequenceNumberFor(stream).orElse(-1L);
        if (stored >= first) {
            verifyStored(stream, first, stored, run);
        }
        List<StoredLeaf> missing = new ArrayList<>();
        if (stored < first - 1) {
            missing.addAll(streamLeaves.range(stream, stored + 1, first));
            requireConsecutiveFrom(stream, missing, stored + 1, first);
        }
        for (StoredLeaf leaf : run) {
            if (leaf.leaf().seq() > stored) {
                missing.add(leaf);
            }
        }
        if (!missing.isEmpty()) {
            append(missing);
        }
        LOG.info("reconciled stream {}: KurrentDB held seq 0..{}, appended {} event(s), up to seq {}", stream, stored,
                missing.size(), Math.max(stored, last));
    }

    /** Every stored event of {@code stream} with {@code first <= seq <= stored} must be the committed leaf there. */
    private void verifyStored(String stream, long first, long stored, List<StoredLeaf> run) {
        DomainEventStream events = store.readEvents(stream, first);
        while (events.hasNext()) {
            DomainEventMessage<?> event = events.next();
            long seq = event.getSequenceNumber();
            if (seq > stored) {
                break;
            }
            long inRun = seq - first;
            Optional<StoredLeaf> leaf = inRun < run.size() ? Optional.of(run.get((int) inRun))
                    : streamLeaves.at(stream, seq);
            if (leaf.isEmpty() || !LeafEvents.carries(event, leaf.get())) {
                throw new IllegalStateException("ALARM: KurrentDB stream of " + stream + " holds at seq " + seq
                        + " an event that is not the committed leaf there ("
                        + leaf.map(l -> "leaf " + l.index()).orElse("no committed leaf at that seq")
                        + "); aggregate loading stopped until an operator repairs the stream");
            }
        }
    }

    private void append(List<StoredLeaf> run) {
        List<DomainEventMessage<?>> events = new ArrayList<>(run.size());
        for (StoredLeaf leaf : run) {
            events.add(LeafEvents.of(leaf, registry, clock.instant()));
        }
        store.appendEvents(events);
    }

    private static void requireConsecutive(String stream, List<StoredLeaf> run) {
        requireConsecutiveFrom(stream, run, run.get(0).leaf().seq(), run.get(0).leaf().seq() + run.size());
    }

    private static void requireConsecutiveFrom(String stream, List<StoredLeaf> run, long from, long to) {
        for (int i = 0; i < run.size(); i++) {
            if (run.get(i).leaf().seq() != from + i) {
                throw new IllegalStateException("committed leaves of " + stream + " skip from seq " + (from + i - 1)
                        + " to " + run.get(i).leaf().seq() + " (leaf " + run.get(i).index() + ")");
            }
        }
        if (from + run.size() != to) {
            throw new IllegalStateException("committed leaves of " + stream + " end at seq " + (from + run.size() - 1)
                    + " where seq " + (to - 1) + " was expected");
        }
    }
}
