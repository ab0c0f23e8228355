package org.oversight.ledger.engine;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.LongSupplier;
import org.oversight.domain.bytes.Hex;
import org.oversight.domain.crypto.Ed25519PrivateKey;
import org.oversight.domain.crypto.Sha256Digest;
import org.oversight.domain.event.DetectionRef;
import org.oversight.domain.event.ErasureEpochClosed;
import org.oversight.domain.event.EventHash;
import org.oversight.domain.event.EventSigner;
import org.oversight.domain.event.InvalidEventException;
import org.oversight.domain.event.KeepReason;
import org.oversight.domain.event.KeptRecord;
import org.oversight.domain.event.KeptRecordsDestroyed;
import org.oversight.domain.event.MatchProposed;
import org.oversight.domain.event.RecognitionPolicySet;
import org.oversight.domain.event.RetrospectiveSearchDestroyed;
import org.oversight.domain.event.RetrospectiveSearchPerformed;
import org.oversight.domain.event.RetrospectiveSearchRequested;
import org.oversight.domain.event.SealedFaceDetected;
import org.oversight.domain.event.SealedWatchlistEntryAuthorized;
import org.oversight.domain.event.SignedEvent;
import org.oversight.domain.event.StreamId;
import org.oversight.domain.event.Timestamp;
import org.oversight.domain.event.WatchlistEntryWithdrawn;
import org.oversight.domain.policy.EntryRecordKeeping;
import org.oversight.domain.principal.EpochRecord;
import org.oversight.domain.seal.RecordOpeningException;
import org.oversight.ledger.aggregate.EventRejectedException;
import org.oversight.ledger.aggregate.LedgerRegistry;
import org.oversight.ledger.ingest.IngestService;
import org.oversight.ledger.sequencer.LeafKey;
import org.oversight.ledger.sequencer.LeafStore;
import org.oversight.ledger.sequencer.Sequencer;
import org.oversight.ledger.sequencer.StoredLeaf;
import org.oversight.ledger.sequencer.StreamLeaf;
import org.oversight.ledger.vault.VaultRecords;
import org.oversight.ledger.vault.VaultStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Closes erasure epochs and destroys kept records on time (docs/ledger.md "Vault", format.md §12,
 * rules R5 and R8), with an injected {@link Clock}.
 *
 * <p>An epoch the vault holds a live key for, opened in the log and not closed, is closed once the
 * clock reaches {@code eraseBy − close-lead}, in these steps:
 * <ol>
 *   <li>under the writer lock, and only once the recognition processor has processed every
 *       committed leaf (so no decision on the epoch's records is still to come): the epoch's
 *       detections and the {@code MatchProposed} naming them are read from the log, from the
 *       epoch's opening leaf on;</li>
 *   <li>each matched detection's data key is re-wrapped to its case key ({@link VaultRecords#keep},
 *       idempotent; format.md §12.3), and so is each hit of a retrospective search performed
 *       before the close and not destroyed (reason {@code retrospective-search}, the search's
 *       {@code caseRef}; a detection a match names is kept for the match), and so is the enrolment
 *       record of each schema-2 watchlist entry sealed to the epoch that is not withdrawn before the
 *       close and whose {@code validUntil} is after it (reason {@code watchlist-entry}, the entry's
 *       {@code authorisationRef}, until its {@code validUntil}; format.md §12.7);</li>
 *   <li>{@code ErasureEpochClosed} (kept records in leaf order, the number erased), signed by the
 *       engine key, is appended through the normal ingest path;</li>
 *   <li>the epoch's blobs that are not kept are erased and the vault's epoch private key destroyed.</li>
 * </ol>
 * Crash safety: whether step 3 happened is read from the registry (the log), never remembered, so
 * a close is appended at most once (and the registry would refuse a second one: seq 1 only); a
 * crash after it makes the next tick do step 4 for an epoch the log says is closed. Steps 2 and 4
 * are idempotent.
 *
 * <p>Kept records are destroyed before their {@code retainUntil}, one close lead ahead of it as
 * the close is ahead of {@code eraseBy}: rule R8 (docs/rules.md) requires the destruction to be
 * timed before {@code retainUntil}, so one signed at or after it would be late. A
 * {@code KeptRecordsDestroyed} is appended for those the epoch stream does not already list as destroyed, then their case wraps
 * are destroyed; a crash in between repeats only the destruction. A kept entry record is destroyed
 * the same way at its {@code validUntil} (its {@code retainUntil}) or as soon as the log has the
 * entry's {@code WatchlistEntryWithdrawn}, whichever is first.
 *
 * <p>Not thread-safe: driven by one thread ({@link EpochCloserWorker}).
 */
public class EpochCloser {
    private static final Logger LOG = LoggerFactory.getLogger(EpochCloser.class);
    private static final int PAGE = 512;
    /** Every kept record not destroyed ({@link VaultStore#keptDue} up to the end of the timestamp range). */
    private static final Instant LIVE = Instant.parse("9999-12-31T23:59:59Z");
    private static final String WATCHLIST_PREFIX = StreamId.watchlist("x").kind().wireName() + "/";

    private final LedgerRegistry registry;
    private final Sequencer sequencer;
    private final LeafStore leaves;
    private final IngestService ingest;
    private final VaultStore vault;
    private final VaultRecords records;
    private final RecognitionProcessor processor;
    private final Ed25519PrivateKey engineKey;
    private final Clock clock;
    private final Duration closeLead;
    private final Duration keptRetention;
    private final SecureRandom random;
    private LongSupplier witnessedSize = () -> Long.MAX_VALUE;
    private Optional<RetrospectiveSearcher> searches = Optional.empty();
    private org.oversight.ledger.vault.VaultEnrolments enrolments;
    /** Entries' streams withdrawn in the leaves below {@link #withdrawalsScanned}. */
    private final Set<String> withdrawnStreams = new java.util.TreeSet<>();
    private long withdrawalsScanned;

    /**
     * @param keptRetention how long kept records are kept when the policy has no retention terms;
     *     with them, at most the policy's {@code keptRetentionDays}
     */
    public EpochCloser(LedgerRegistry registry, Sequencer sequencer, LeafStore leaves, IngestService ingest,
            VaultStore vault, VaultRecords records, RecognitionProcessor processor, Ed25519PrivateKey engineKey,
            Clock clock, Duration closeLead, Duration keptRetention, SecureRandom random) {
        this.registry = registry;
        this.sequencer = sequencer;
        this.leaves = leaves;
        this.ingest = ingest;
        this.vault = vault;
        this.records = records;
        this.processor = processor;
        this.engineKey = engineKey;
        this.clock = clock;
        this.closeLead = closeLead;
        this.keptRetention = keptRetention;
        this.random = random;
    }

    /**
     * Makes erasure wait for the witnesses: {@code size} gives the largest tree size a quorum of the
     * configured witnesses has cosigned; an epoch's blobs and key are erased only once it exceeds the
     * close's leaf. Without witnesses the default never waits.
     */
    public EpochCloser waitingForWitnesses(LongSupplier size) {
        this.witnessedSize = java.util.Objects.requireNonNull(size, "size");
        return this;
    }

    /**
     * Runs retrospective searches on this closer's thread (docs/ledger.md "Retrospective searches"):
     * each tick first performs the requested searches, then closes epochs (keeping the hits of
     * searches not destroyed), then destroys the searches not authorised in time. One thread and
     * the writer lock: a search never runs while an epoch closes.
     */
    public EpochCloser withSearches(RetrospectiveSearcher searcher) {
        this.searches = Optional.of(java.util.Objects.requireNonNull(searcher, "searcher"));
        return this;
    }

    /**
     * Makes each tick also erase the enrolment records whose entry ended (withdrawn or expired)
     * more than the kept-record retention ago (format.md §12.7, docs/ledger.md "Vault").
     */
    public EpochCloser erasingEnrolments(org.oversight.ledger.vault.VaultEnrolments enrolments) {
        this.enrolments = java.util.Objects.requireNonNull(enrolments, "enrolments");
        return this;
    }

    /** What one tick did. */
    public record Tick(List<String> closed, List<String> finished, int keptDestroyed, List<String> searchesPerformed,
            List<String> searchesDestroyed) {
        public Tick(List<String> closed, List<String> finished, int keptDestroyed) {
            this(closed, finished, keptDestroyed, List.of(), List.of());
        }
    }

    /** Closes what is due, finishes interrupted closes, destroys kept records that are due. */
    public Tick tick() throws EventRejectedException {
        List<String> performed = searches.isPresent() ? searches.get().performPending() : List.of();
        Instant now = clock.instant();
        List<String> closed = new ArrayList<>();
        List<String> finished = new ArrayList<>();
        for (String epoch : vault.epochsWithLiveKeys()) {
            Optional<EpochRecord> rec = registry.epoch(epoch);
            if (rec.isEmpty()) {
                continue; // a key was asked for, the epoch was never opened
            }
            if (rec.get().closedAt().isEmpty()) {
                Instant due = Instant.ofEpochMilli(rec.get().opened().eraseBy().epochMillis()).minus(closeLead);
                if (now.isBefore(due) || !appendClose(epoch, now)) {
                    continue;
                }
                closed.add(epoch);
                rec = registry.epoch(epoch);
            }
            // Decision 0001 item 5: the witnesses must be able to read every record of the epoch until
            // they have replayed up to its close; erasing first would make a witness that lags halt on a
            // missing blob. So the blobs and the vault's key go once the quorum cosigned past the close.
            long closeLeaf = rec.orElseThrow().closedAt().orElseThrow();
            if (witnessedSize.getAsLong() <= closeLeaf) {
                continue;
            }
            finishClose(epoch);
            finished.add(epoch);
        }
        int destroyed = destroyDueKeptRecords(now);
        if (enrolments != null) {
            enrolments.eraseDue(now, retention());
        }
        List<String> lapsed = searches.isPresent() ? searches.get().destroyLapsed() : List.of();
        return new Tick(closed, finished, destroyed, performed, lapsed);
    }

    /**
     * Steps 1–3. Returns false if the epoch cannot be closed yet (the processor is behind).
     */
    private boolean appendClose(String epoch, Instant now) throws EventRejectedException {
        sequencer.writerLock().lock();
        try {
            EpochRecord rec = registry.epoch(epoch).orElseThrow();
            if (rec.closedAt().isPresent()) {
                return true; // closed meanwhile (or by an earlier, interrupted tick)
            }
            long size = sequencer.committed().size();
            if (processor.status().position() < size - 1) {
                LOG.info("epoch {} is due to close but the recognition processor is at leaf {} of {}; waiting", epoch,
                        processor.status().position(), size);
                return false;
            }
            Map<EventHash, Detection> detections = new LinkedHashMap<>();
            // Schema-2 watchlist entries sealed to this epoch (by leaf), and the domain's keep rule over them.
            TreeMap<Long, Detection> entries = new TreeMap<>();
            EntryRecordKeeping entryKeeping = new EntryRecordKeeping();
            TreeMap<Long, KeptRecord> kept = new TreeMap<>();
            Map<Long, String> caseOf = new TreeMap<>();
            Map<Long, KeepReason> reasonOf = new TreeMap<>();
            List<RetrospectiveSearchPerformed> performed = new ArrayList<>();
            Set<String> destroyedSearches = new HashSet<>();
            for (long start = rec.openedAt() + 1; start < size; start += PAGE) {
                for (StoredLeaf leaf : leaves.leaves(start, (int) Math.min(PAGE, size - start))) {
                    SignedEvent e = parse(leaf);
                    entryKeeping.observe(e, leaf.index());
                    if (e.payload() instanceof SealedFaceDetected d && d.sealed().epoch().equals(epoch)) {
                        detections.put(e.eventHash(), new Detection(leaf.index(), e));
                    } else if (e.payload() instanceof SealedWatchlistEntryAuthorized w && w.sealed().epoch().equals(epoch)) {
                        entries.put(leaf.index(), new Detection(leaf.index(), e));
                    } else if (e.payload() instanceof MatchProposed m && detections.containsKey(m.detection().eventHash())) {
                        caseOf.putIfAbsent(m.detection().leafIndex(), "match:" + m.match());
                        reasonOf.put(m.detection().leafIndex(), KeepReason.MATCH);
                    } else if (e.payload() instanceof RetrospectiveSearchPerformed p) {
                        performed.add(p);
                    } else if (e.payload() instanceof RetrospectiveSearchDestroyed d) {
                        destroyedSearches.add(d.search());
                    }
                }
            }
            // Rule R5(e): the hits of every search performed before the close and not destroyed
            // are kept, for the search's case (a detection a match names is kept for the match).
            for (RetrospectiveSearchPerformed p : performed) {
                if (destroyedSearches.contains(p.search())) {
                    continue;
                }
                for (org.oversight.domain.event.SearchHit h : p.hits()) {
                    if (detections.containsKey(h.detection().eventHash()) && !caseOf.containsKey(h.detection().leafIndex())) {
                        caseOf.put(h.detection().leafIndex(), searchCase(p.search()));
                        reasonOf.put(h.detection().leafIndex(), KeepReason.RETROSPECTIVE_SEARCH);
                    }
                }
            }
            Instant retainUntil = now.plus(retention());
            for (Map.Entry<Long, String> k : caseOf.entrySet()) {
                Detection d = detections.values().stream().filter(x -> x.leafIndex() == k.getKey()).findFirst()
                        .orElseThrow();
                try {
                    records.keep(d.event(), d.leafIndex(), k.getValue(), retainUntil, random);
                } catch (RecordOpeningException e) {
                    LOG.error("epoch {}: the record of detection {} (leaf {}) does not open and cannot be kept: {}",
                            epoch, d.event().header().eventId(), d.leafIndex(), VaultRecords.describe(e));
                    continue;
                }
                kept.put(d.leafIndex(), new KeptRecord(k.getValue(), new DetectionRef(d.event().eventHash(),
                        d.leafIndex()), reasonOf.get(k.getKey()), Timestamp.ofEpochMillis(retainUntil.toEpochMilli())));
            }
            // Rule R5(d) for entries, by the domain's one implementation (EntryRecordKeeping): every
            // entry sealed to the epoch, not withdrawn and valid after the close, is kept for its
            // authorisationRef until its validUntil; the others are erased with the epoch.
            Timestamp closeTime = Timestamp.ofEpochMillis(now.toEpochMilli());
            for (KeptRecord k : entryKeeping.mustKeep(epoch, closeTime)) {
                Detection en = entries.get(k.detection().leafIndex());
                try {
                    records.keep(en.event(), en.leafIndex(), k.caseRef(),
                            Instant.ofEpochMilli(k.retainUntil().epochMillis()), random);
                } catch (RecordOpeningException e) {
                    LOG.error("epoch {}: the enrolment record of the entry at leaf {} does not open and cannot be kept: {}",
                            epoch, en.leafIndex(), VaultRecords.describe(e));
                    continue;
                }
                kept.put(en.leafIndex(), k);
            }
            int sealedRecords = detections.size() + entries.size();
            ErasureEpochClosed close = new ErasureEpochClosed(epoch, List.copyOf(kept.values()),
                    sealedRecords - kept.size());
            StreamId stream = close.stream();
            SignedEvent event = EventSigner.sign(eventId("close", epoch), 1, prev(stream, 1), closeTime, close,
                    engineKey);
            ingest.submit(List.of(event));
            LOG.info("epoch {} closed at {}: {} record(s) kept, {} erased ({} watchlist entr(y/ies) sealed to it)",
                    epoch, now, kept.size(), sealedRecords - kept.size(), entries.size());
            return true;
        } finally {
            sequencer.writerLock().unlock();
        }
    }

    /** The case reference of a search: its request's {@code caseRef}. */
    private String searchCase(String search) {
        Optional<LeafKey> key = leaves.keyAt(StreamId.search(search).text(), 0);
        SignedEvent requested = parse(leaves.findByHash(key.orElseThrow(() -> new IllegalStateException(
                "search " + search + " performed without a request in the log")).hash()).orElseThrow());
        return ((RetrospectiveSearchRequested) requested.payload()).caseRef();
    }

    /** Step 4: erase the epoch's blobs that are not kept, destroy the epoch key. */
    private void finishClose(String epoch) {
        Set<Sha256Digest> kept = new HashSet<>();
        for (VaultStore.KeptRecord k : vault.keptOf(epoch)) {
            kept.add(k.blobDigest());
        }
        int erased = 0;
        for (Sha256Digest blob : vault.liveBlobs(epoch)) {
            if (!kept.contains(blob)) {
                erased += vault.eraseBlob(blob) ? 1 : 0;
            }
        }
        vault.destroyEpochKey(epoch, clock.instant());
        LOG.info("epoch {}: {} blob(s) erased, vault epoch key destroyed", epoch, erased);
    }

    private int destroyDueKeptRecords(Instant now) throws EventRejectedException {
        Map<String, List<VaultStore.KeptRecord>> byEpoch = new TreeMap<>();
        for (VaultStore.KeptRecord k : vault.keptDue(now.plus(closeLead))) {
            byEpoch.computeIfAbsent(k.epoch(), e -> new ArrayList<>()).add(k);
        }
        int destroyed = destroy(byEpoch, now, "retention period ends (retainUntil within the close lead)");
        return destroyed + destroy(withdrawnEntries(), now, "watchlist entry withdrawn");
    }

    /**
     * Kept enrolment records (not destroyed) of entries the log says are withdrawn, by epoch: the
     * entry's stream has an event after its authorisation (seq ≥ 1 is only ever a
     * {@code WatchlistEntryWithdrawn}). One look-up of the blobs' streams, and the withdrawals
     * from {@link #withdrawnEntryStreams()}.
     */
    private Map<String, List<VaultStore.KeptRecord>> withdrawnEntries() {
        Map<String, List<VaultStore.KeptRecord>> byEpoch = new TreeMap<>();
        List<VaultStore.KeptRecord> live = vault.keptDue(LIVE);
        if (live.isEmpty()) {
            return byEpoch;
        }
        Set<String> withdrawn = withdrawnEntryStreams();
        if (withdrawn.isEmpty()) {
            return byEpoch;
        }
        Map<Sha256Digest, VaultStore.BlobState> blobs = vault.blobStates(live.stream()
                .map(VaultStore.KeptRecord::blobDigest).toList());
        for (VaultStore.KeptRecord k : live) {
            VaultStore.BlobState b = blobs.get(k.blobDigest());
            if (b != null && b.stream().startsWith(WATCHLIST_PREFIX) && withdrawn.contains(b.stream())) {
                byEpoch.computeIfAbsent(k.epoch(), e -> new ArrayList<>()).add(k);
            }
        }
        return byEpoch;
    }

    /**
     * The watchlist streams whose seq 1 is a committed {@code WatchlistEntryWithdrawn}, kept up to
     * the committed log incrementally: each call reads only the {@code watchlist/} leaves committed
     * since the last one (one range query; only the seq-1 leaves are read and parsed), and a fresh
     * closer (a start, a restart, a new leader's) reads them from the whole log once. A withdrawal
     * is never undone (the stream ends with it), so the set only grows.
     */
    private Set<String> withdrawnEntryStreams() {
        long size = sequencer.committed().size();
        if (withdrawalsScanned < size) {
            for (StreamLeaf at : leaves.streamLeaves(WATCHLIST_PREFIX, withdrawalsScanned, size)) {
                if (at.seq() == 1 && parse(leaves.leaves(at.index(), 1).get(0)).payload()
                        instanceof WatchlistEntryWithdrawn) {
                    withdrawnStreams.add(at.stream());
                }
            }
            withdrawalsScanned = size;
        }
        return withdrawnStreams;
    }

    /**
     * Records the destruction of {@code byEpoch}'s kept records in their epoch streams (those not
     * already recorded), then destroys their case wraps and blobs.
     */
    private int destroy(Map<String, List<VaultStore.KeptRecord>> byEpoch, Instant now, String reason)
            throws EventRejectedException {
        int destroyed = 0;
        for (Map.Entry<String, List<VaultStore.KeptRecord>> e : byEpoch.entrySet()) {
            sequencer.writerLock().lock();
            try {
                // As before a close: every proposal the engine derives from a leaf before the
                // destruction must be in the log before it, or an honest match on a watchlist entry
                // would land after the destruction of the entry's record (an R5(c) finding). Under the
                // writer lock no leaf can be committed between this check and the append.
                long size = sequencer.committed().size();
                if (processor.status().position() < size - 1) {
                    LOG.info("kept records of epoch {} are due to be destroyed but the recognition processor is at"
                            + " leaf {} of {}; waiting", e.getKey(), processor.status().position(), size);
                    return destroyed;
                }
                StreamId stream = StreamId.epoch(e.getKey());
                Set<EventHash> recorded = new HashSet<>();
                long next = 0;
                for (Optional<LeafKey> key = leaves.keyAt(stream.text(), 0); key.isPresent();
                        key = leaves.keyAt(stream.text(), ++next)) {
                    SignedEvent ev = parse(leaves.findByHash(key.get().hash()).orElseThrow());
                    if (ev.payload() instanceof KeptRecordsDestroyed d) {
                        d.detections().forEach(r -> recorded.add(r.eventHash()));
                    }
                }
                List<DetectionRef> toRecord = new ArrayList<>();
                for (VaultStore.KeptRecord k : e.getValue()) {
                    EventHash h = EventHash.of(k.detectionHash().toByteArray());
                    if (!recorded.contains(h)) {
                        toRecord.add(new DetectionRef(h, k.leafIndex()));
                    }
                }
                if (!toRecord.isEmpty()) {
                    toRecord.sort(java.util.Comparator.comparingLong(DetectionRef::leafIndex));
                    KeptRecordsDestroyed payload = new KeptRecordsDestroyed(e.getKey(), toRecord, reason);
                    SignedEvent event = EventSigner.sign(eventId("destroy" + next, e.getKey()), next, prev(stream, next),
                            Timestamp.ofEpochMillis(now.toEpochMilli()), payload, engineKey);
                    ingest.submit(List.of(event));
                }
            } finally {
                sequencer.writerLock().unlock();
            }
            for (VaultStore.KeptRecord k : e.getValue()) {
                destroyed += vault.destroyKept(k.detectionHash()) ? 1 : 0;
            }
        }
        return destroyed;
    }

    /** Kept records' retention: the configured one, at most the latest policy's keptRetentionDays. */
    private Duration retention() {
        StreamId policy = StreamId.RECOGNITION_POLICY;
        Optional<LeafKey> head = Optional.empty();
        for (long seq = 0; ; seq++) {
            Optional<LeafKey> k = leaves.keyAt(policy.text(), seq);
            if (k.isEmpty()) {
                break;
            }
            head = k;
        }
        if (head.isPresent() && parse(leaves.findByHash(head.get().hash()).orElseThrow()).payload()
                instanceof RecognitionPolicySet p && p.retention().isPresent()) {
            Duration byPolicy = Duration.ofDays(p.retention().get().keptRetentionDays());
            return byPolicy.compareTo(keptRetention) < 0 ? byPolicy : keptRetention;
        }
        return keptRetention;
    }

    private Optional<EventHash> prev(StreamId stream, long seq) {
        return leaves.keyAt(stream.text(), seq - 1).map(k -> EventHash.of(k.hash().toByteArray()));
    }

    /** A deterministic event id within the identifier limit (128). */
    static String eventId(String what, String epoch) {
        String id = "ev-" + what + "." + epoch;
        return id.length() <= 128 ? id : "ev-" + what + "." + Hex.encode(Sha256Digest.hash(
                epoch.getBytes(java.nio.charset.StandardCharsets.UTF_8)).toByteArray());
    }

    private SignedEvent parse(StoredLeaf leaf) {
        try {
            return SignedEvent.parse(leaf.leaf().leafBytes());
        } catch (InvalidEventException e) {
            throw new IllegalStateException("committed leaf " + leaf.index() + " does not parse: " + e.getMessage(), e);
        }
    }

    private record Detection(long leafIndex, SignedEvent event) {}
}
