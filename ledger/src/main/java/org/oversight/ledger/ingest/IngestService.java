package org.oversight.ledger.ingest;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
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
import org.oversight.ledger.aggregate.LedgerRegistry;
import org.oversight.ledger.aggregate.SubmitEvent;
import org.oversight.ledger.aggregate.SubmitResult;
import org.oversight.ledger.sequencer.Leaf;
import org.oversight.ledger.sequencer.LeafStore;
import org.oversight.ledger.sequencer.Sequencer;
import org.oversight.ledger.sequencer.SequencerBatch;
import org.oversight.ledger.sequencer.StoredLeaf;
import org.oversight.ledger.web.ProblemType;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The write path. Under the sequencer's single-writer lock and inside ONE database transaction, for
 * each event in order: answer a resubmission idempotently; otherwise dispatch {@link SubmitEvent}
 * to the stream's aggregate with the leaf index the event will get (the aggregate checks it and
 * appends it to the Axon event store in this transaction), apply it to the {@link LedgerRegistry},
 * and append it to the sequencer batch. Then the leaves and the new Merkle state are written and
 * everything commits together — or, on any rejection, nothing of the request is stored.
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

    public IngestService(Sequencer sequencer, LeafStore store, LedgerRegistry registry, CommandGateway commands,
            TransactionTemplate tx, Optional<MeterRegistry> meters, Cache aggregateCache) {
        this.aggregateCache = aggregateCache;
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
        sequencer.writerLock().lock();
        try {
            List<IngestResult> results;
            try {
                results = tx.execute(status -> appendAllInOneUnitOfWork(events));
            } catch (Rejected r) {
                rebuildIfDirty();
                EventRejectedException e = r.rejection;
                meters.counter("oversight.ingest.rejected", "rule", e.type().rule()).increment();
                LOG.info("rejected {} event(s): {} ({}): {}", events.size(), e.type().rule(), e.type().status().value(),
                        e.detail());
                throw e;
            } catch (RuntimeException e) {
                rebuildIfDirty();
                throw e;
            }
            registry.markClean();
            for (IngestResult r : results) {
                (r.duplicate() ? duplicates : accepted).increment();
            }
            return results;
        } finally {
            registry.forgetPreverified();
            sequencer.writerLock().unlock();
        }
    }

    /**
     * Runs the request's commands as nested units of work of one root Axon unit of work, so that
     * Axon appends all their events to its store in one JDBC batch when the root commits (still in
     * this transaction), and keeps the loaded aggregates for the whole request.
     */
    private List<IngestResult> appendAllInOneUnitOfWork(List<SignedEvent> events) {
        UnitOfWork<?> unitOfWork = DefaultUnitOfWork.startAndGet(null);
        List<IngestResult> results;
        try {
            results = appendAll(events);
        } catch (RuntimeException | Error e) {
            unitOfWork.rollback(e);
            throw e;
        }
        unitOfWork.commit();
        return results;
    }

    private List<IngestResult> appendAll(List<SignedEvent> events) {
        SequencerBatch batch = sequencer.begin();
        Map<String, IngestResult> inRequest = new HashMap<>();
        Set<String> idsInRequest = new HashSet<>();
        List<IngestResult> results = new ArrayList<>(events.size());
        // Earlier requests' leaves, looked up once per request (this request's leaves are inserted
        // only at persist(), so per-event queries would see exactly the same committed rows).
        List<org.oversight.domain.crypto.Sha256Digest> hashes = new ArrayList<>(events.size());
        List<String> ids = new ArrayList<>(events.size());
        for (SignedEvent event : events) {
            hashes.add(event.eventHash().digest());
            ids.add(event.header().eventId());
        }
        Stored stored = new Stored(store.findByHashes(hashes), store.findByEventIds(ids));
        registry.preverify(events);
        for (int i = 0; i < events.size(); i++) {
            SignedEvent event = events.get(i);
            String where = events.size() == 1 ? "" : "events[" + i + "] ";
            try {
                results.add(appendOne(batch, event, stored, inRequest, idsInRequest));
            } catch (EventRejectedException e) {
                throw new Rejected(new EventRejectedException(e.type(), where + e.detail(), e));
            }
        }
        batch.persist();
        return results;
    }

    /** Committed leaves with a hash or an event id named in the request. */
    private record Stored(Map<String, StoredLeaf> byHash, Map<String, StoredLeaf> byEventId) {}

    private IngestResult appendOne(SequencerBatch batch, SignedEvent event, Stored committed,
            Map<String, IngestResult> inRequest, Set<String> idsInRequest) throws EventRejectedException {
        String eventId = event.header().eventId();
        String hash = event.eventHash().hex();
        // Replays are decided by the event hash (docs/format.md §5.2): the same bytes again get the
        // same answer and are stored once.
        IngestResult seen = inRequest.get(hash);
        if (seen == null) {
            Optional<StoredLeaf> stored = Optional.ofNullable(committed.byHash().get(hash));
            if (stored.isPresent()) {
                seen = new IngestResult(eventId, hash, stored.get().index(), true);
            }
        }
        if (seen != null) {
            return new IngestResult(eventId, hash, seen.leafIndex(), true);
        }
        // The ledger serves events by id, so it also refuses a second event under a used id.
        Optional<StoredLeaf> sameId = Optional.ofNullable(committed.byEventId().get(eventId));
        if (sameId.isPresent() || idsInRequest.contains(eventId)) {
            throw new EventRejectedException(ProblemType.EVENT_ID_CONFLICT, "header.eventId: '" + eventId
                    + "' already names another event" + sameId.map(l -> " (" + l.leaf().leafHash().hex() + " at leaf "
                    + l.index() + ")").orElse(" earlier in this request") + "; this one is " + hash);
        }
        long leafIndex = batch.nextIndex();
        SubmitResult outcome = dispatch(SubmitEvent.of(event, leafIndex));
        if (!outcome.recorded()) {
            // Same bytes as a recorded event but not found by hash: the leaf table and the event store disagree.
            throw new IllegalStateException("aggregate reports " + eventId + " (" + hash + ") as already recorded but "
                    + "the leaf table has no event with that hash");
        }
        registry.apply(event, leafIndex);
        long assigned = batch.append(new Leaf(eventId, event.stream().text(), event.seq(), event.leafBytes(),
                event.eventHash().digest()));
        IngestResult result = new IngestResult(eventId, hash, assigned, false);
        inRequest.put(hash, result);
        idsInRequest.add(eventId);
        return result;
    }

    private SubmitResult dispatch(SubmitEvent command) throws EventRejectedException {
        try {
            return commands.<SubmitResult>send(command).get();
        } catch (ExecutionException | CompletionException e) {
            Throwable cause = e.getCause();
            while (cause != null) {
                if (cause instanceof EventRejectedException rejected) {
                    throw rejected;
                }
                cause = cause.getCause();
            }
            throw new IllegalStateException("command for " + command.stream() + " failed", e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while dispatching to " + command.stream(), e);
        }
    }

    /** After a rollback: nothing the rolled-back transaction applied may survive in memory. */
    private void rebuildIfDirty() {
        aggregateCache.removeAll();
        if (registry.isDirty()) {
            RegistryLoader.rebuild(registry, store, sequencer.committed().size());
        }
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
