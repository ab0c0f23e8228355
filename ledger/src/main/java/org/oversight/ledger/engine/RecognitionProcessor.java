package org.oversight.ledger.engine;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.oversight.domain.crypto.Ed25519PrivateKey;
import org.oversight.domain.crypto.KeyId;
import org.oversight.domain.event.InvalidEventException;
import org.oversight.domain.event.MatchProposed;
import org.oversight.domain.event.SignedEvent;
import org.oversight.ledger.aggregate.EventRejectedException;
import org.oversight.ledger.aggregate.Rejection;
import org.oversight.ledger.aggregate.LedgerRegistry;
import org.oversight.ledger.engine.EngineStatus.State;
import org.oversight.ledger.ingest.IngestResult;
import org.oversight.ledger.ingest.IngestService;
import org.oversight.ledger.sequencer.LeafStore;
import org.oversight.ledger.sequencer.Sequencer;
import org.oversight.ledger.sequencer.StoredLeaf;
import org.oversight.recognition.projection.ProjectionInputException;
import org.oversight.recognition.projection.ProjectionState;
import org.oversight.recognition.projection.RecognitionProjection;
import org.oversight.recognition.projection.SealedRecordSource;
import org.oversight.recognition.projection.Step;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The recognition processor: runs the pure {@link RecognitionProjection} over the committed leaves
 * in leaf order (the sequencer's order, read by index from the {@link LeafStore} — never the
 * event store's tracking order) and appends each decision, signed by the engine key, through the
 * normal ingest path.
 *
 * <p><b>Exactly once.</b> The projection state lives in memory; the position (last leaf processed)
 * is persisted after the decisions up to it have committed. On start, {@link #recover()} replays
 * leaves {@code 0..position} into the state without emitting anything. Decisions after the
 * position are derived again after a crash; their events are byte-identical
 * ({@link MatchProposals}), so the ingest path answers them as duplicates (by event hash) and no
 * leaf is added twice.
 *
 * <p><b>Nothing undecided.</b> This class is the only code that signs with the engine key, and it
 * signs only the projection's decisions.
 *
 * <p><b>Judged at the detection.</b> A decision depends only on the state before its detection's
 * leaf (docs/format.md §9.8), and the rules judge the proposal there too (docs/rules.md,
 * "Reference points"). So the processor proposes every decision, whatever has been committed
 * between the detection and the proposal (a withdrawal, a new policy, a revocation, a
 * decommissioning); only the engine key must be valid at the proposal's own leaf.
 *
 * <p><b>Engine key.</b> If the key is not an enrolled, valid {@code engine} key at the next leaf,
 * the processor keeps its position before the first pending decision and reports
 * {@link State#WAITING_FOR_ENGINE_KEY}; it retries on every round.
 *
 * <p>Not thread-safe: driven by one thread ({@link EngineWorker}).
 */
public class RecognitionProcessor {
    private static final Logger LOG = LoggerFactory.getLogger(RecognitionProcessor.class);
    /**
     * Leaves one round covers at most (whatever the page size): its decisions are appended in one
     * ingest transaction, so the processor takes the writer lock once per round, not once per page.
     * Under a full ingest load the lock is what a small round waits for (behind every request
     * queued for it), and a processor that waits per page of 256 falls further behind than the
     * ingest path's memory of recent leaves holds; it then reads and parses every leaf again.
     */
    static final int ROUND_LEAVES = 4096;

    private final LeafStore store;
    private final Sequencer sequencer;
    private final LedgerRegistry registry;
    private final IngestService ingest;
    private final EnginePositionStore positions;
    private final Ed25519PrivateKey engineKey;
    private final KeyId engineKeyId;
    private final int pageSize;
    private final Counter appended;
    private final SealedRecordSource records;
    private ProjectionState state;
    private volatile EngineStatus status = new EngineStatus(State.STARTING, -1, "");

    /**
     * @param pageSize leaves read from the leaf table at once, ≥ 1
     * @throws IllegalArgumentException if {@code pageSize < 1}
     */
    public RecognitionProcessor(LeafStore store, Sequencer sequencer, LedgerRegistry registry, IngestService ingest,
            EnginePositionStore positions, Ed25519PrivateKey engineKey, int pageSize, Optional<MeterRegistry> meters) {
        this(store, sequencer, registry, ingest, positions, engineKey, pageSize, meters, SealedRecordSource.NONE);
    }

    /**
     * @param records where sealed (schema-2) detections' and watchlist entries' records come from
     *     (the vault); recovery opens only entries' enrolment records (the gallery is projection
     *     state), never a detection's, since the state does not depend on detections and nothing is
     *     emitted then
     * @param pageSize leaves read from the leaf table at once, ≥ 1
     */
    public RecognitionProcessor(LeafStore store, Sequencer sequencer, LedgerRegistry registry, IngestService ingest,
            EnginePositionStore positions, Ed25519PrivateKey engineKey, int pageSize, Optional<MeterRegistry> meters,
            SealedRecordSource records) {
        this.records = records;
        if (pageSize < 1) {
            throw new IllegalArgumentException("page size " + pageSize + " < 1");
        }
        this.store = store;
        this.sequencer = sequencer;
        this.registry = registry;
        this.ingest = ingest;
        this.positions = positions;
        this.engineKey = engineKey;
        this.engineKeyId = engineKey.publicKey().keyId();
        this.pageSize = pageSize;
        MeterRegistry m = meters.orElseGet(SimpleMeterRegistry::new);
        this.appended = Counter.builder("oversight.engine.proposals").description("MatchProposed events appended")
                .register(m);
        Gauge.builder("oversight.engine.position", this, p -> p.status.position())
                .description("last leaf processed by the recognition processor").register(m);
    }

    /** The current status. */
    public EngineStatus status() {
        return status;
    }

    /**
     * Rebuilds the projection state by replaying the committed leaves {@code 0..position} (nothing
     * is emitted), so that processing continues after the persisted position.
     *
     * @throws IllegalStateException if the position lies beyond the log or a leaf cannot be
     *     projected (broken invariants; the status becomes {@link State#FAILED})
     */
    public void recover() {
        long position = positions.read();
        long size = sequencer.committed().size();
        if (position >= size) {
            throw fail("engine position " + position + " >= log size " + size
                    + "; the position table belongs to another log");
        }
        long started = System.nanoTime(); // for the log line only
        ProjectionState s = ProjectionState.initial();
        // Detections' records are not needed (nothing is emitted), but schema-2 entries' templates
        // are part of the gallery state: they are opened as on the first pass.
        SealedRecordSource entriesOnly = new SealedRecordSource() {
            @Override
            public org.oversight.recognition.projection.RecordAvailability open(
                    org.oversight.domain.event.DetectionRef detection, SignedEvent event) {
                return SealedRecordSource.NONE.open(detection, event);
            }

            @Override
            public org.oversight.recognition.projection.EnrolmentAvailability openEnrolment(
                    org.oversight.domain.event.DetectionRef entry, SignedEvent event) {
                return records.openEnrolment(entry, event);
            }
        };
        for (long start = 0; start <= position; ) {
            List<LeafEvent> page = page(start, (int) Math.min(pageSize, position + 1 - start));
            for (LeafEvent leaf : page) {
                s = project(s, leaf, entriesOnly).step().state();
            }
            start += page.size();
        }
        state = s;
        LOG.info("recognition processor recovered: leaves 0..{} replayed in {} ms, engine key {}", position,
                (System.nanoTime() - started) / 1_000_000, engineKeyId);
        setStatus(State.RUNNING, position, "");
    }

    /**
     * Processes the committed leaves after the position until caught up or blocked (engine key not
     * usable, or a refused decision).
     *
     * @return the number of leaves processed
     * @throws IllegalStateException if {@link #recover()} has not run, or a broken invariant stops
     *     the processor
     */
    public long drain() {
        if (state == null) {
            throw new IllegalStateException("recognition processor not recovered");
        }
        long total = 0;
        while (status.state() != State.FAILED) {
            long n = round();
            if (n == 0) {
                break;
            }
            total += n;
        }
        return total;
    }

    private long round() {
        long from = state.lastLeafIndex() + 1;
        long size = sequencer.committed().size();
        if (from >= size) {
            setStatus(State.RUNNING, state.lastLeafIndex(), "");
            return 0;
        }
        long end = from + Math.min(size - from, Math.max(pageSize, ROUND_LEAVES));
        ProjectionState s = state;
        ProjectionState beforeFirstDecision = null;
        List<SignedEvent> proposals = new ArrayList<>();
        for (long at = from; at < end; ) {
            List<LeafEvent> page = page(at, (int) (end - at));
            for (LeafEvent leaf : page) {
                Projected p = project(s, leaf, records);
                if (!p.step().decisions().isEmpty() && beforeFirstDecision == null) {
                    beforeFirstDecision = s;
                }
                for (MatchProposed decision : p.step().decisions()) {
                    proposals.add(MatchProposals.sign(decision, p.event(), engineKey));
                }
                s = p.step().state();
            }
            at += page.size();
        }
        if (!proposals.isEmpty() && !append(proposals)) {
            // Keep the progress made before the first decision; the decisions are retried next round.
            if (beforeFirstDecision.lastLeafIndex() > state.lastLeafIndex()) {
                advance(beforeFirstDecision);
                return beforeFirstDecision.lastLeafIndex() - (from - 1);
            }
            return 0;
        }
        advance(s);
        setStatus(State.RUNNING, s.lastLeafIndex(), "");
        return end - from;
    }

    /** Appends {@code proposals} in one ingest transaction; false (with the status set) if blocked. */
    private boolean append(List<SignedEvent> proposals) {
        // Holding the (reentrant) writer lock across check and submit: the registry read is
        // consistent and no event can slip in between that changes the engine key's validity.
        sequencer.writerLock().lock();
        try {
            long next = sequencer.committed().size();
            Optional<String> why = EngineKeyCheck.whyNotUsable(engineKeyId, registry.key(engineKeyId), next);
            if (why.isPresent()) {
                setStatus(State.WAITING_FOR_ENGINE_KEY, state.lastLeafIndex(), why.get());
                return false;
            }
            int fresh = 0;
            for (IngestResult r : ingest.submit(proposals)) {
                fresh += r.duplicate() ? 0 : 1;
            }
            appended.increment(fresh);
            if (fresh < proposals.size()) {
                LOG.info("recognition processor: {} of {} proposals were already in the log (resubmission)",
                        proposals.size() - fresh, proposals.size());
            }
            return true;
        } catch (EventRejectedException e) {
            Rejection t = e.type();
            boolean keyProblem = t == Rejection.UNKNOWN_SIGNER || t == Rejection.SIGNER_NOT_VALID
                    || t == Rejection.SIGNER_NOT_PERMITTED;
            setStatus(keyProblem ? State.WAITING_FOR_ENGINE_KEY : State.STALLED, state.lastLeafIndex(),
                    t.rule() + ": " + e.detail());
            return false;
        } finally {
            sequencer.writerLock().unlock();
        }
    }

    private void advance(ProjectionState next) {
        positions.write(next.lastLeafIndex());
        state = next;
    }

    /** A committed leaf's index and parsed event. */
    private record LeafEvent(long index, SignedEvent event) {}

    /**
     * The first of the committed leaves {@code [start, start + count)}: all of them from the ingest
     * path's memory of the events it just committed (no read, no parse) when it still holds them
     * all, else the first {@code pageSize} of them read from the leaf table and parsed (the caller
     * asks again for the rest, which the memory may hold by then).
     */
    private List<LeafEvent> page(long start, int count) {
        Optional<List<SignedEvent>> recent = ingest.recentlyCommitted(start, count);
        List<LeafEvent> page = new ArrayList<>(count);
        if (recent.isPresent()) {
            for (SignedEvent e : recent.get()) {
                page.add(new LeafEvent(start + page.size(), e));
            }
            return page;
        }
        count = Math.min(count, pageSize);
        List<StoredLeaf> stored = store.leaves(start, count);
        if (stored.size() != count || stored.get(0).index() != start) {
            throw fail("committed leaves [" + start + ", " + (start + count) + ") read back as " + stored.size()
                    + " leaves");
        }
        for (StoredLeaf leaf : stored) {
            try {
                page.add(new LeafEvent(leaf.index(), SignedEvent.parse(leaf.leaf().leafBytes())));
            } catch (InvalidEventException e) {
                throw fail("committed leaf " + leaf.index() + " does not parse: " + e.getMessage());
            }
        }
        return page;
    }

    private Projected project(ProjectionState s, LeafEvent leaf, SealedRecordSource source) {
        SignedEvent event = leaf.event();
        try {
            return new Projected(event, RecognitionProjection.apply(s, leaf.index(), event, source));
        } catch (ProjectionInputException e) {
            throw fail("committed leaf " + leaf.index() + " (" + event.header().eventId() + ") cannot be projected: "
                    + e.getMessage());
        }
    }

    private IllegalStateException fail(String why) {
        setStatus(State.FAILED, state == null ? -1 : state.lastLeafIndex(), why);
        return new IllegalStateException(why);
    }

    private void setStatus(State s, long position, String detail) {
        EngineStatus old = status;
        status = new EngineStatus(s, position, detail);
        if (old.state() == s && old.detail().equals(detail)) {
            return;
        }
        switch (s) {
            case WAITING_FOR_ENGINE_KEY -> LOG.warn("recognition processor waiting at leaf {}: {}", position + 1, detail);
            case STALLED -> LOG.error("recognition processor stalled at leaf {}: a decision was refused: {}",
                    position + 1, detail);
            case FAILED -> LOG.error("ALARM: recognition processor stopped: {}", detail);
            default -> LOG.info("recognition processor {} at leaf {}", s, position);
        }
    }

    private record Projected(SignedEvent event, Step step) {}
}
