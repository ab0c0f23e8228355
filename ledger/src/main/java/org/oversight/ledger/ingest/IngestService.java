package org.oversight.ledger.ingest;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.oversight.domain.event.SignedEvent;
import org.oversight.ledger.aggregate.EventRejectedException;
import org.oversight.ledger.aggregate.Rejection;
import org.oversight.ledger.web.ProblemType;
import org.oversight.ledger.aggregate.LedgerRegistry;
import org.oversight.ledger.aggregate.StreamAggregates;
import org.oversight.ledger.aggregate.SubmitEvent;
import org.oversight.ledger.aggregate.SubmitEvents;
import org.oversight.ledger.aggregate.SubmitResult;
import org.oversight.ledger.sequencer.Leaf;
import org.oversight.ledger.sequencer.LeafKey;
import org.oversight.ledger.sequencer.LeafStore;
import org.oversight.ledger.sequencer.Sequencer;
import org.oversight.ledger.sequencer.SequencerBatch;
import org.oversight.ledger.storage.DatabaseFailures;
import org.oversight.ledger.web.ServiceUnavailableException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The write path: verify, sequence, append, commit.
 *
 * <ol>
 *   <li><b>Verify</b>, without the lock, on all cores: sealed detections' blobs are in the vault
 *       ({@link SealedRecordAdmission}); the signatures of events whose signer key is already known
 *       are checked in batches ({@link LedgerRegistry#preverify}); each event's leaf is prepared
 *       (bytes, hash). Everything here is order-independent, so it runs while the previous request
 *       still holds the lock (committing), and it decides nothing alone: it only lets the in-order
 *       checks below skip work whose result cannot have changed.
 *   <li><b>Sequence</b>, under the sequencer's single-writer lock and inside ONE database
 *       transaction, for each event in request order: answer a resubmission idempotently; otherwise
 *       give it the next leaf index and have its stream's aggregate check it at that index against
 *       the registry as of the leaves before it (signer, key validity — a key revoked earlier in
 *       the same request is seen —, camera, chain position, stream rules).
 *   <li><b>Append</b>: registry-neutral events one {@link SubmitEvents} command per stream and run,
 *       every other event alone as {@link SubmitEvent} (through {@link StreamAggregates}, the one
 *       seam to Axon); each accepted event is applied to the {@link LedgerRegistry} and appended to
 *       the sequencer batch, both in request order; then the leaves and the new Merkle state.
 *   <li><b>Commit</b>: everything together — or, on any rejection, nothing of the request.
 * </ol>
 *
 * <p>Why this design (docs/ledger.md): the leaf order is fixed by the writer, not by the store's
 * tracking order, and Axon event, leaf row and Merkle state can never disagree after a crash
 * because they share one transaction.
 */
public class IngestService {
    private static final Logger LOG = LoggerFactory.getLogger(IngestService.class);

    private final Sequencer sequencer;
    private final LeafStore store;
    private final LedgerRegistry registry;
    private final StreamAggregates aggregates;
    private final TransactionTemplate tx;
    private final Counter accepted;
    private final Counter duplicates;
    private final MeterRegistry meters;
    private final RecentlyCommitted recent = new RecentlyCommitted(RECENT_LEAVES);
    private final SealedRecordAdmission sealedRecords;

    /** Seconds a client is asked to wait ({@code Retry-After}) when the database is unavailable. */
    static final long RETRY_AFTER_SECONDS = 2;

    /** Parsed events of the latest committed leaves kept for {@link #recentlyCommitted}. */
    static final int RECENT_LEAVES = 4096;

    /** Call {@link #loadRegistry()} before the first {@link #submit}. */
    public IngestService(Sequencer sequencer, LeafStore store, LedgerRegistry registry, StreamAggregates aggregates,
            TransactionTemplate tx, Optional<MeterRegistry> meters, SealedRecordAdmission sealedRecords) {
        this.sealedRecords = sealedRecords;
        this.sequencer = sequencer;
        this.store = store;
        this.registry = registry;
        this.aggregates = aggregates;
        this.tx = tx;
        this.meters = meters.orElseGet(SimpleMeterRegistry::new);
        this.accepted = Counter.builder("oversight.ingest.accepted").register(this.meters);
        this.duplicates = Counter.builder("oversight.ingest.duplicates").register(this.meters);
    }

    /** Replays the committed leaves into the registry, under the writer lock (start-up). */
    public void loadRegistry() {
        sequencer.writerLock().lock();
        try {
            RegistryLoader.rebuild(registry, store, sequencer.committed().size());
        } finally {
            sequencer.writerLock().unlock();
        }
    }

    /**
     * Accepts all of {@code events} or none.
     *
     * @throws EventRejectedException for the first event that breaks a rule; its detail starts
     *     with {@code events[i]} when the request held more than one event
     */
    public List<IngestResult> submit(List<SignedEvent> events) throws EventRejectedException {
        sealedRecords.check(events);
        try {
            List<Prepared> prepared = verify(events);
            return sequenceAppendCommit(prepared);
        } finally {
            registry.forgetPreverified(events);
        }
    }

    /**
     * Everything that can be checked or computed before the lock: signatures of known signers
     * (in batches, on all cores) and each event's leaf. Order-independent; decides no outcome.
     */
    private List<Prepared> verify(List<SignedEvent> events) {
        registry.preverify(events);
        List<Prepared> prepared = new ArrayList<>(events.size());
        for (SignedEvent event : events) {
            prepared.add(new Prepared(event, event.eventHash().hex(), leafOf(event)));
        }
        return prepared;
    }

    /** An event with what the locked section needs of it, computed before the lock. */
    private record Prepared(SignedEvent event, String hashHex, Leaf leaf) {
        String eventId() {
            return event.header().eventId();
        }
    }

    private List<IngestResult> sequenceAppendCommit(List<Prepared> events) throws EventRejectedException {
        sequencer.writerLock().lock();
        try {
            requireCurrentRegistry();
            List<IngestResult> results;
            try {
                results = appendGroupedOrOneByOne(events);
            } catch (Rejected r) {
                recoverQuietly();
                EventRejectedException e = r.rejection;
                meters.counter("oversight.ingest.rejected", "rule", e.type().rule()).increment();
                LOG.info("rejected {} event(s): {} ({}): {}", events.size(), e.type().rule(),
                        ProblemType.of(e.type()).status().value(),
                        e.detail());
                throw e;
            } catch (RuntimeException e) {
                recoverQuietly();
                if (DatabaseFailures.isUnavailable(e)) {
                    throw new ServiceUnavailableException("the database is unavailable (" + DatabaseFailures.describe(e)
                            + "); if the failure hit the commit the events may be stored: resubmitting them is"
                            + " idempotent", RETRY_AFTER_SECONDS, e);
                }
                throw e;
            }
            registry.markClean();
            for (IngestResult r : results) {
                (r.duplicate() ? duplicates : accepted).increment();
            }
            return results;
        } finally {
            sequencer.writerLock().unlock();
        }
    }

    /**
     * The hot path checks each stream's run of registry-neutral events in one command
     * ({@link SubmitEvents}); if anything in it is rejected, the transaction is rolled back and the
     * request is run again one command per event, which finds and reports exactly the first
     * rejected event in request order (the grouped pass may meet a later one first).
     *
     * @throws Rejected from the one-by-one pass
     */
    private List<IngestResult> appendGroupedOrOneByOne(List<Prepared> events) {
        try {
            return tx.execute(status -> aggregates.inOneUnitOfWork(() -> appendAll(events, true)));
        } catch (Rejected grouped) {
            aggregates.forgetLoaded();
            requireCurrentRegistry();
            List<IngestResult> results = tx.execute(status -> aggregates.inOneUnitOfWork(() -> appendAll(events, false)));
            LOG.warn("grouped check rejected ({}) a request the one-by-one check accepted; accepted",
                    grouped.rejection.detail());
            return results;
        }
    }

    /**
     * Sequences and appends the events in request order, then persists the batch (inside the
     * caller's transaction and unit of work). With {@code grouped}, consecutive events that leave the
     * registry unchanged ({@link LedgerRegistry#leavesUnchanged}) get their leaf indices in request
     * order but are checked per stream, one {@link SubmitEvents} command per stream and run (each
     * sees the same registry, so the order among streams changes no outcome); every other event
     * ends the run and is handled alone, after the run, exactly as in the one-by-one mode.
     */
    private List<IngestResult> appendAll(List<Prepared> events, boolean grouped) {
        SequencerBatch batch = sequencer.begin();
        Map<String, IngestResult> inRequest = new HashMap<>();
        Set<String> idsInRequest = new HashSet<>();
        IngestResult[] results = new IngestResult[events.size()];
        List<Pending> run = new ArrayList<>();
        Stored stored = storedLeavesNamedIn(events);
        for (int i = 0; i < events.size(); i++) {
            Prepared event = events.get(i);
            String where = events.size() == 1 ? "" : "events[" + i + "] ";
            try {
                IngestResult seen = duplicateOf(event, stored, inRequest);
                if (seen != null) {
                    results[i] = seen;
                } else if (grouped && registry.leavesUnchanged(event.event())) {
                    requireUnusedId(event, stored, idsInRequest);
                    IngestResult result = new IngestResult(event.eventId(), event.hashHex(),
                            batch.nextIndex() + run.size(), false);
                    inRequest.put(result.eventHash(), result);
                    idsInRequest.add(result.eventId());
                    run.add(new Pending(event, result.leafIndex()));
                    results[i] = result;
                } else {
                    appendRun(batch, run);
                    results[i] = appendOne(batch, event, stored, inRequest, idsInRequest);
                }
            } catch (EventRejectedException e) {
                throw new Rejected(new EventRejectedException(e.type(), where + e.detail(), e));
            }
        }
        try {
            appendRun(batch, run);
        } catch (EventRejectedException e) {
            throw new Rejected(e);
        }
        rememberAfterCommit(batch.nextIndex() - batch.pendingCount(), events, results);
        batch.persist();
        return List.of(results);
    }

    /**
     * Earlier requests' leaves with a hash or an id named in the request, looked up once per
     * request (this request's leaves are inserted only at persist(), so per-event queries would see
     * exactly the same committed rows).
     */
    private Stored storedLeavesNamedIn(List<Prepared> events) {
        List<org.oversight.domain.crypto.Sha256Digest> hashes = new ArrayList<>(events.size());
        List<String> ids = new ArrayList<>(events.size());
        for (Prepared event : events) {
            hashes.add(event.leaf().leafHash());
            ids.add(event.eventId());
        }
        return new Stored(store.findKeysByHashes(hashes), store.findKeysByEventIds(ids));
    }

    /**
     * The parsed events of committed leaves {@code [from, from + count)} if they were committed
     * recently through this service, else empty (read the leaf table then). The events are exactly
     * the ones whose canonical bytes were stored as those leaves.
     */
    public Optional<List<SignedEvent>> recentlyCommitted(long from, int count) {
        return recent.range(from, count);
    }

    /**
     * Registered before {@link SequencerBatch#persist()}, so it runs before the sequencer
     * publishes the new size (and wakes readers) on commit.
     */
    private void rememberAfterCommit(long firstLeaf, List<Prepared> events, IngestResult[] results) {
        List<SignedEvent> fresh = new ArrayList<>();
        for (int i = 0; i < results.length; i++) {
            if (!results[i].duplicate()) {
                fresh.add(events.get(i).event());
            }
        }
        if (fresh.isEmpty()) {
            return;
        }
        TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
            @Override
            public void afterCommit() {
                recent.append(firstLeaf, fresh);
            }
        });
    }

    /** An event of a run, with the leaf index it gets if the run is accepted. */
    private record Pending(Prepared event, long leafIndex) {}

    /**
     * Checks and records a run: one {@link SubmitEvents} per stream (streams in order of first
     * appearance, each stream's events in request order), then registry and sequencer in request
     * order. Empties {@code run}.
     */
    private void appendRun(SequencerBatch batch, List<Pending> run) throws EventRejectedException {
        if (run.isEmpty()) {
            return;
        }
        Map<String, List<SubmitEvent>> byStream = new LinkedHashMap<>();
        for (Pending p : run) {
            byStream.computeIfAbsent(p.event().leaf().stream(), s -> new ArrayList<>())
                    .add(SubmitEvent.of(p.event().event(), p.leafIndex()));
        }
        for (Map.Entry<String, List<SubmitEvent>> stream : byStream.entrySet()) {
            List<SubmitResult> outcomes = aggregates.record(new SubmitEvents(stream.getKey(), stream.getValue()));
            for (int i = 0; i < outcomes.size(); i++) {
                if (!outcomes.get(i).recorded()) {
                    throw alreadyRecorded(stream.getValue().get(i).event());
                }
            }
        }
        for (Pending p : run) {
            registry.apply(p.event().event(), p.leafIndex());
            long assigned = batch.append(p.event().leaf());
            if (assigned != p.leafIndex()) {
                throw new IllegalStateException("run event " + p.event().eventId() + " was checked at leaf "
                        + p.leafIndex() + " but the sequencer assigned " + assigned);
            }
        }
        run.clear();
    }

    /** Committed leaves with a hash or an event id named in the request. */
    private record Stored(Map<String, LeafKey> byHash, Map<String, LeafKey> byEventId) {}

    /**
     * The answer to a resubmission, or null. Replays are decided by the event hash (docs/format.md
     * §5.2): the same bytes again get the same answer and are stored once.
     */
    private static IngestResult duplicateOf(Prepared event, Stored committed, Map<String, IngestResult> inRequest) {
        String hash = event.hashHex();
        IngestResult seen = inRequest.get(hash);
        if (seen == null) {
            LeafKey stored = committed.byHash().get(hash);
            if (stored != null) {
                seen = new IngestResult(event.eventId(), hash, stored.index(), true);
            }
        }
        return seen == null ? null : new IngestResult(event.eventId(), hash, seen.leafIndex(), true);
    }

    /** The ledger serves events by id, so it also refuses a second event under a used id. */
    private static void requireUnusedId(Prepared event, Stored committed, Set<String> idsInRequest)
            throws EventRejectedException {
        String eventId = event.eventId();
        Optional<LeafKey> sameId = Optional.ofNullable(committed.byEventId().get(eventId));
        if (sameId.isPresent() || idsInRequest.contains(eventId)) {
            throw new EventRejectedException(Rejection.EVENT_ID_CONFLICT, "header.eventId: '" + eventId
                    + "' already names another event" + sameId.map(l -> " (" + l.hash().hex() + " at leaf "
                    + l.index() + ")").orElse(" earlier in this request") + "; this one is " + event.hashHex());
        }
    }

    /** A new event (not a duplicate), alone: one {@link SubmitEvent} command. */
    private IngestResult appendOne(SequencerBatch batch, Prepared event, Stored committed,
            Map<String, IngestResult> inRequest, Set<String> idsInRequest) throws EventRejectedException {
        requireUnusedId(event, committed, idsInRequest);
        long leafIndex = batch.nextIndex();
        SubmitResult outcome = aggregates.record(SubmitEvent.of(event.event(), leafIndex));
        if (!outcome.recorded()) {
            throw alreadyRecorded(event.event());
        }
        registry.apply(event.event(), leafIndex);
        long assigned = batch.append(event.leaf());
        IngestResult result = new IngestResult(event.eventId(), event.hashHex(), assigned, false);
        inRequest.put(result.eventHash(), result);
        idsInRequest.add(result.eventId());
        return result;
    }

    private static Leaf leafOf(SignedEvent event) {
        return new Leaf(event.header().eventId(), event.stream().text(), event.seq(), event.leafBytes(),
                event.eventHash().digest());
    }

    /** Same bytes as a recorded event but not found by hash: the leaf table and the event store disagree. */
    private static IllegalStateException alreadyRecorded(SignedEvent event) {
        return new IllegalStateException("aggregate reports " + event.header().eventId() + " ("
                + event.eventHash().hex() + ") as already recorded but the leaf table has no event with that hash");
    }

    /**
     * Before a write, under the writer lock: if a failed write left the registry dirty and it
     * could not be rebuilt then (the database was down or recovering), rebuild it now — after
     * re-reading the committed tree state, since a commit that failed in flight may have landed.
     *
     * @throws ServiceUnavailableException if the rebuild fails; the registry keeps its dirty state
     *     and nothing is written, so the ledger never checks an event against a registry that is
     *     not exactly that of the committed leaves (an empty one would reopen genesis)
     */
    private void requireCurrentRegistry() {
        if (!registry.isDirty()) {
            return;
        }
        try {
            rebuild();
        } catch (RuntimeException e) {
            LOG.warn("writes refused: the registry cannot be rebuilt from the committed leaves yet: {}",
                    DatabaseFailures.describe(e));
            throw new ServiceUnavailableException("the ledger is recovering from a database failure and cannot"
                    + " check events yet (" + DatabaseFailures.describe(e) + ")", RETRY_AFTER_SECONDS, e);
        }
    }

    /**
     * After a rollback: nothing the rolled-back transaction applied may survive in memory. A
     * rebuild that fails here leaves the registry dirty; {@link #requireCurrentRegistry()} retries
     * it before the next write and refuses writes until it succeeds.
     */
    private void recoverQuietly() {
        aggregates.forgetLoaded();
        if (!registry.isDirty()) {
            return;
        }
        try {
            rebuild();
        } catch (RuntimeException e) {
            LOG.warn("registry rebuild after a failed write did not succeed; writes are refused until it does: {}",
                    DatabaseFailures.describe(e));
        }
    }

    private void rebuild() {
        aggregates.forgetLoaded();
        long size = sequencer.reload().size();
        RegistryLoader.rebuild(registry, store, size);
    }

    /** Carries a checked rejection out of the transaction callback, which rolls the transaction back. */
    private static final class Rejected extends RuntimeException {
        final EventRejectedException rejection;

        Rejected(EventRejectedException rejection) {
            super(rejection.getMessage(), null, false, false);
            this.rejection = rejection;
        }
    }
}
