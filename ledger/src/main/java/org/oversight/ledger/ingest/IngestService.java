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
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.common.caching.Cache;
import org.axonframework.messaging.unitofwork.DefaultUnitOfWork;
import org.axonframework.messaging.unitofwork.UnitOfWork;
import org.oversight.domain.event.SignedEvent;
import org.oversight.ledger.aggregate.EventRejectedException;
import org.oversight.ledger.aggregate.Rejection;
import org.oversight.ledger.web.ProblemType;
import org.oversight.ledger.aggregate.LedgerRegistry;
import org.oversight.ledger.aggregate.SubmitEvent;
import org.oversight.ledger.aggregate.SubmitEvents;
import org.oversight.ledger.aggregate.SubmitResult;
import org.oversight.ledger.sequencer.FencedWriteException;
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
 * The write path. Signatures of known signers are checked first, in parallel and without the lock
 * ({@link LedgerRegistry#preverify}). Then, under the sequencer's single-writer lock and inside ONE
 * database transaction, for each event in order: answer a resubmission idempotently; otherwise give
 * it the next leaf index and have the stream's aggregate check it and append it to the Axon event
 * store in this transaction — registry-neutral events one {@link SubmitEvents} command per stream
 * and run, every other event alone as {@link SubmitEvent} — then apply it to the
 * {@link LedgerRegistry} and append it to the sequencer batch, both in request order. Then the
 * leaves and the new Merkle state are written and everything commits together — or, on any
 * rejection, nothing of the request is stored.
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
    private final CommandGateway commands;
    private final TransactionTemplate tx;
    private final Counter accepted;
    private final Counter duplicates;
    private final MeterRegistry meters;
    private final Cache aggregateCache;
    private final RecentlyCommitted recent = new RecentlyCommitted(RECENT_LEAVES);
    private final SealedRecordAdmission sealedRecords;

    /** Seconds a client is asked to wait ({@code Retry-After}) when the database is unavailable. */
    static final long RETRY_AFTER_SECONDS = 2;

    /** Parsed events of the latest committed leaves kept for {@link #recentlyCommitted}. */
    static final int RECENT_LEAVES = 4096;

    public IngestService(Sequencer sequencer, LeafStore store, LedgerRegistry registry, CommandGateway commands,
            TransactionTemplate tx, Optional<MeterRegistry> meters, Cache aggregateCache,
            SealedRecordAdmission sealedRecords) {
        this.aggregateCache = aggregateCache;
        this.sealedRecords = sealedRecords;
        this.sequencer = sequencer;
        this.store = store;
        this.registry = registry;
        this.commands = commands;
        this.tx = tx;
        this.meters = meters.orElseGet(SimpleMeterRegistry::new);
        this.accepted = Counter.builder("oversight.ingest.accepted").register(this.meters);
        this.duplicates = Counter.builder("oversight.ingest.duplicates").register(this.meters);
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
        // Sealed detections: their blobs must be in the vault, for exactly these positions (before sequencing).
        sealedRecords.check(events);
        try {
            // Before taking the lock: this request's signatures are checked while the previous
            // request still holds it (committing), on all cores; order-independent, see preverify.
            registry.preverify(events);
            return submitVerified(events);
        } finally {
            registry.forgetPreverified(events);
        }
    }

    private List<IngestResult> submitVerified(List<SignedEvent> events) throws EventRejectedException {
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
    private List<IngestResult> appendGroupedOrOneByOne(List<SignedEvent> events) {
        try {
            return tx.execute(status -> appendAllInOneUnitOfWork(events, true));
        } catch (Rejected grouped) {
            aggregateCache.removeAll();
            requireCurrentRegistry();
            List<IngestResult> results = tx.execute(status -> appendAllInOneUnitOfWork(events, false));
            LOG.warn("grouped check rejected ({}) a request the one-by-one check accepted; accepted",
                    grouped.rejection.detail());
            return results;
        }
    }

    /**
     * Runs the request's commands as nested units of work of one root Axon unit of work, so that
     * Axon appends all their events to its store in one JDBC batch when the root commits (still in
     * this transaction), and keeps the loaded aggregates for the whole request.
     */
    private List<IngestResult> appendAllInOneUnitOfWork(List<SignedEvent> events, boolean grouped) {
        UnitOfWork<?> unitOfWork = DefaultUnitOfWork.startAndGet(null);
        List<IngestResult> results;
        try {
            results = appendAll(events, grouped);
        } catch (RuntimeException | Error e) {
            unitOfWork.rollback(e);
            throw e;
        }
        unitOfWork.commit();
        return results;
    }

    /**
     * Appends the events in request order. With {@code grouped}, consecutive events that leave the
     * registry unchanged ({@link LedgerRegistry#leavesUnchanged}) get their leaf indices in request
     * order but are checked per stream, one {@link SubmitEvents} command per stream and run (each
     * sees the same registry, so the order among streams changes no outcome); every other event
     * ends the run and is handled alone, after the run, exactly as in the one-by-one mode.
     */
    private List<IngestResult> appendAll(List<SignedEvent> events, boolean grouped) {
        SequencerBatch batch = sequencer.begin();
        Map<String, IngestResult> inRequest = new HashMap<>();
        Set<String> idsInRequest = new HashSet<>();
        IngestResult[] results = new IngestResult[events.size()];
        List<Pending> run = new ArrayList<>();
        // Earlier requests' leaves, looked up once per request (this request's leaves are inserted
        // only at persist(), so per-event queries would see exactly the same committed rows).
        List<org.oversight.domain.crypto.Sha256Digest> hashes = new ArrayList<>(events.size());
        List<String> ids = new ArrayList<>(events.size());
        for (SignedEvent event : events) {
            hashes.add(event.eventHash().digest());
            ids.add(event.header().eventId());
        }
        Stored stored = new Stored(store.findKeysByHashes(hashes), store.findKeysByEventIds(ids));
        for (int i = 0; i < events.size(); i++) {
            SignedEvent event = events.get(i);
            String where = events.size() == 1 ? "" : "events[" + i + "] ";
            try {
                IngestResult seen = duplicateOf(event, stored, inRequest);
                if (seen != null) {
                    results[i] = seen;
                } else if (grouped && registry.leavesUnchanged(event)) {
                    requireUnusedId(event, stored, idsInRequest);
                    IngestResult result = new IngestResult(event.header().eventId(), event.eventHash().hex(),
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
    private void rememberAfterCommit(long firstLeaf, List<SignedEvent> events, IngestResult[] results) {
        List<SignedEvent> fresh = new ArrayList<>();
        for (int i = 0; i < results.length; i++) {
            if (!results[i].duplicate()) {
                fresh.add(events.get(i));
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
    private record Pending(SignedEvent event, long leafIndex) {}

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
            byStream.computeIfAbsent(p.event().stream().text(), s -> new ArrayList<>())
                    .add(SubmitEvent.of(p.event(), p.leafIndex()));
        }
        for (Map.Entry<String, List<SubmitEvent>> stream : byStream.entrySet()) {
            List<SubmitResult> outcomes = dispatch(new SubmitEvents(stream.getKey(), stream.getValue()), stream.getKey());
            for (int i = 0; i < outcomes.size(); i++) {
                if (!outcomes.get(i).recorded()) {
                    throw alreadyRecorded(stream.getValue().get(i).event());
                }
            }
        }
        for (Pending p : run) {
            registry.apply(p.event(), p.leafIndex());
            long assigned = batch.append(leafOf(p.event()));
            if (assigned != p.leafIndex()) {
                throw new IllegalStateException("run event " + p.event().header().eventId() + " was checked at leaf "
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
    private static IngestResult duplicateOf(SignedEvent event, Stored committed, Map<String, IngestResult> inRequest) {
        String hash = event.eventHash().hex();
        IngestResult seen = inRequest.get(hash);
        if (seen == null) {
            LeafKey stored = committed.byHash().get(hash);
            if (stored != null) {
                seen = new IngestResult(event.header().eventId(), hash, stored.index(), true);
            }
        }
        return seen == null ? null : new IngestResult(event.header().eventId(), hash, seen.leafIndex(), true);
    }

    /** The ledger serves events by id, so it also refuses a second event under a used id. */
    private static void requireUnusedId(SignedEvent event, Stored committed, Set<String> idsInRequest)
            throws EventRejectedException {
        String eventId = event.header().eventId();
        Optional<LeafKey> sameId = Optional.ofNullable(committed.byEventId().get(eventId));
        if (sameId.isPresent() || idsInRequest.contains(eventId)) {
            throw new EventRejectedException(Rejection.EVENT_ID_CONFLICT, "header.eventId: '" + eventId
                    + "' already names another event" + sameId.map(l -> " (" + l.hash().hex() + " at leaf "
                    + l.index() + ")").orElse(" earlier in this request") + "; this one is " + event.eventHash().hex());
        }
    }

    /** A new event (not a duplicate), alone: one {@link SubmitEvent} command. */
    private IngestResult appendOne(SequencerBatch batch, SignedEvent event, Stored committed,
            Map<String, IngestResult> inRequest, Set<String> idsInRequest) throws EventRejectedException {
        requireUnusedId(event, committed, idsInRequest);
        long leafIndex = batch.nextIndex();
        SubmitResult outcome = dispatch(SubmitEvent.of(event, leafIndex), event.stream().text());
        if (!outcome.recorded()) {
            throw alreadyRecorded(event);
        }
        registry.apply(event, leafIndex);
        long assigned = batch.append(leafOf(event));
        IngestResult result = new IngestResult(event.header().eventId(), event.eventHash().hex(), assigned, false);
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

    private <R> R dispatch(Object command, String stream) throws EventRejectedException {
        try {
            return commands.<R>send(command).get();
        } catch (ExecutionException | CompletionException e) {
            Throwable cause = e.getCause();
            while (cause != null) {
                if (cause instanceof EventRejectedException rejected) {
                    throw rejected;
                }
                if (cause instanceof FencedWriteException fenced) {
                    // Another node leads now: answered as the fence's 503 problem, not as a server error.
                    throw fenced;
                }
                cause = cause.getCause();
            }
            throw new IllegalStateException("command for " + stream + " failed", e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while dispatching to " + stream, e);
        }
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
        aggregateCache.removeAll();
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
        aggregateCache.removeAll();
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
