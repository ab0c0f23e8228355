package org.oversight.ledger.engine;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.SortedMap;
import java.util.TreeMap;
import org.oversight.domain.bundle.IndexedEvent;
import org.oversight.domain.crypto.Ed25519PrivateKey;
import org.oversight.domain.event.DetectionRef;
import org.oversight.domain.event.ErasureEpochClosed;
import org.oversight.domain.event.EventHash;
import org.oversight.domain.event.EventSigner;
import org.oversight.domain.event.KeepReason;
import org.oversight.domain.event.KeptRecord;
import org.oversight.domain.event.KeptRecordsDestroyed;
import org.oversight.domain.event.RecognitionPolicySet;
import org.oversight.domain.event.RetrospectiveSearchAuthorized;
import org.oversight.domain.event.RetrospectiveSearchDestroyed;
import org.oversight.domain.event.RetrospectiveSearchPerformed;
import org.oversight.domain.event.RetrospectiveSearchRequested;
import org.oversight.domain.event.SealedFaceDetected;
import org.oversight.domain.event.SearchHit;
import org.oversight.domain.event.SignedEvent;
import org.oversight.domain.event.StreamId;
import org.oversight.domain.event.Template;
import org.oversight.domain.event.Timestamp;
import org.oversight.domain.event.SealedWatchlistEntryAuthorized;
import org.oversight.domain.event.WatchlistEntryAuthorized;
import org.oversight.domain.json.CanonicalJson;
import org.oversight.domain.json.JsonArray;
import org.oversight.domain.json.JsonObject;
import org.oversight.domain.policy.DisclosureRules;
import org.oversight.domain.policy.SearchScope;
import org.oversight.ledger.aggregate.EventRejectedException;
import org.oversight.ledger.ingest.IngestService;
import org.oversight.ledger.sequencer.LeafStore;
import org.oversight.ledger.sequencer.Sequencer;
import org.oversight.ledger.sequencer.StoredLeaf;
import org.oversight.ledger.sequencer.StreamLeaf;
import org.oversight.ledger.vault.SearchResultStore;
import org.oversight.ledger.vault.VaultRecords;
import org.oversight.ledger.vault.VaultStore;
import org.oversight.recognition.projection.RecognitionProjection;
import org.oversight.recognition.projection.WatchedEntry;
import org.oversight.recognition.template.FaceTemplate;
import org.oversight.recognition.template.TemplateFormatException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Retrospective searches (rule R4, docs/ledger.md "Retrospective searches"), driven by the epoch
 * closer's thread ({@link EpochCloser#tick()}), so a search and a close never run at once; each
 * append is also made under the sequencer's writer lock, as the closer's.
 *
 * <p><b>Performing.</b> For an accepted {@code RetrospectiveSearchRequested} whose stream has no
 * {@code RetrospectiveSearchPerformed} yet: with p = the next leaf (the writer lock held, so no
 * event can come in between), the searchable set S is computed from the log exactly as rules.md R4
 * defines it (accepted schema-2 detections at leaves &lt; p, captured in [captureFrom,
 * captureUntil), with the policy's model id, readable at p: the rule book's own
 * {@link DisclosureRules.LogView#fate}, Readable or Kept); each record of S is opened by the vault
 * (epoch key while its epoch is open, case key when kept) and scored with the recognition module's
 * exact score ({@link WatchedEntry#score}); the hits are those with score ≤ the policy's threshold.
 * The engine-signed {@code RetrospectiveSearchPerformed} is appended at seq 1, and the results are
 * stored for {@code GET /v1/searches/{id}} ({@link SearchResultStore}).
 *
 * <p><b>Deadline.</b> A performed search with neither {@code RetrospectiveSearchAuthorized} nor
 * {@code RetrospectiveSearchDestroyed} is destroyed once the clock reaches D − lead, D = the
 * Performed's header time + the search authorisation window of the policy in force at it: first a
 * {@code KeptRecordsDestroyed} per epoch for its hits that an epoch close kept with reason
 * {@code retrospective-search} and that no other search (performed before that close, not
 * destroyed) lists, then {@code RetrospectiveSearchDestroyed} (seq 2); then the vault destroys
 * those records' case wraps and blobs, and the stored results.
 *
 * <p><b>Crash safety.</b> What has been appended is read from the log under the writer lock before
 * every append, never remembered: a search is performed at most once (seq 1) and destroyed at
 * most once (seq 2), and a {@code KeptRecordsDestroyed} never names a record the epoch stream
 * already lists as destroyed. The vault's destruction after the log's is idempotent and is
 * repeated on every tick for a destroyed search whose results are not yet destroyed.
 *
 * <p>Not thread-safe: one thread.
 */
public class RetrospectiveSearcher {
    private static final Logger LOG = LoggerFactory.getLogger(RetrospectiveSearcher.class);
    private static final int PAGE = 512;
    private static final String SEARCH_PREFIX = StreamId.search("x").kind().wireName() + "/";

    private final Sequencer sequencer;
    private final LeafStore leaves;
    private final IngestService ingest;
    private final VaultStore vault;
    private final VaultRecords records;
    private final SearchResultStore results;
    private final Ed25519PrivateKey engineKey;
    private final Clock clock;
    private final Duration lead;
    private final SearchLog log;
    /** Searches seen in the log, by id; leaves below {@link #scanned} are indexed. */
    private final Map<String, Search> searches = new TreeMap<>();
    private long scanned;

    /**
     * @param lead how long before a search's deadline it is destroyed when not authorised
     *     ({@code oversight.vault.search-lead})
     */
    public RetrospectiveSearcher(Sequencer sequencer, LeafStore leaves, IngestService ingest, VaultStore vault,
            VaultRecords records, SearchResultStore results, Ed25519PrivateKey engineKey, Clock clock,
            Duration lead) {
        if (lead.isNegative()) {
            throw new IllegalArgumentException("search lead " + lead + " is negative");
        }
        this.sequencer = sequencer;
        this.leaves = leaves;
        this.ingest = ingest;
        this.vault = vault;
        this.records = records;
        this.results = results;
        this.engineKey = engineKey;
        this.clock = clock;
        this.lead = lead;
        this.log = new SearchLog(leaves);
    }

    /** A search as the log has it (mutable: advanced by {@link #index()}). */
    private static final class Search {
        final String id;
        IndexedEvent requested;
        IndexedEvent performed;
        IndexedEvent ended;
        boolean finished;
        boolean stored;

        Search(String id) {
            this.id = id;
        }

        boolean destroyed() {
            return ended != null && ended.event().payload() instanceof RetrospectiveSearchDestroyed;
        }
    }

    /** Performs the requested searches not yet performed. */
    public List<String> performPending() throws EventRejectedException {
        index();
        List<String> done = new ArrayList<>();
        for (Search s : List.copyOf(searches.values())) {
            if (s.requested != null && s.performed == null && perform(s)) {
                done.add(s.id);
            }
        }
        index();
        return done;
    }

    /** Destroys the searches due (not authorised by their deadline minus the lead); finishes interrupted ones. */
    public List<String> destroyLapsed() throws EventRejectedException {
        index();
        Instant now = clock.instant();
        List<String> done = new ArrayList<>();
        for (Search s : List.copyOf(searches.values())) {
            if (s.performed != null && s.ended == null && !now.isBefore(deadline(s).minus(lead)) && destroy(s)) {
                done.add(s.id);
            }
        }
        index();
        for (Search s : searches.values()) {
            if (s.destroyed() && !s.finished) {
                finishDestroyed(s);
            }
        }
        return done;
    }

    /**
     * The search streams as this searcher's index has them after bringing it up to the committed
     * log, by search id: the leaves of the request, the Performed and the event that ended the
     * search (−1 where there is none). For checking the incremental index against a reading of the
     * whole log.
     */
    public SortedMap<String, List<Long>> indexedSearchLeaves() {
        index();
        SortedMap<String, List<Long>> out = new TreeMap<>();
        for (Search s : searches.values()) {
            out.put(s.id, List.of(leafOf(s.requested), leafOf(s.performed), leafOf(s.ended)));
        }
        return out;
    }

    private static long leafOf(IndexedEvent e) {
        return e == null ? -1 : e.leafIndex();
    }

    /**
     * The deadline D of a performed search: its Performed's header time plus the search
     * authorisation window of the policy in force at the Performed's leaf (48 h without one).
     */
    private Instant deadline(Search s) {
        return log.deadline(s.performed);
    }

    // ---- performing -----------------------------------------------------------------------------

    private boolean perform(Search s) throws EventRejectedException {
        sequencer.writerLock().lock();
        try {
            StreamId stream = StreamId.search(s.id);
            if (leaves.keyAt(stream.text(), 1).isPresent()) {
                return false; // performed meanwhile (or by an interrupted round): the index catches up
            }
            long p = sequencer.committed().size();
            Optional<RecognitionPolicySet> policy = policyBefore(p);
            if (policy.isEmpty()) {
                LOG.warn("retrospective search {} waits: no recognition policy in the log", s.id);
                return false;
            }
            RecognitionPolicySet pol = policy.get();
            RetrospectiveSearchRequested r = (RetrospectiveSearchRequested) s.requested.event().payload();
            Optional<WatchedEntry> entry = entry(r.entry());
            if (entry == null) {
                return false; // a sealed entry whose templates the vault cannot give now: the search waits
            }
            List<IndexedEvent> searchable = searchable(r, pol.modelId(), p);
            List<SearchHit> hits = new ArrayList<>();
            for (IndexedEvent d : searchable) {
                OptionalInt score = score(d, entry, pol);
                if (score == null) {
                    LOG.warn("retrospective search {} waits: the vault cannot open the record of leaf {} that the"
                            + " log says is readable", s.id, d.leafIndex());
                    return false;
                }
                if (score.isPresent() && score.getAsInt() <= pol.threshold()) {
                    hits.add(new SearchHit(new DetectionRef(d.event().eventHash(), d.leafIndex()), score.getAsInt()));
                }
            }
            if (hits.size() > RetrospectiveSearchPerformed.MAX_HITS) {
                LOG.error("retrospective search {} has {} hits, more than one event may list ({}); not performed",
                        s.id, hits.size(), RetrospectiveSearchPerformed.MAX_HITS);
                return false;
            }
            RetrospectiveSearchPerformed performed = new RetrospectiveSearchPerformed(s.id, searchable.size(), hits,
                    pol.threshold(), pol.modelId(), RecognitionProjection.ENGINE_VERSION);
            SignedEvent event = EventSigner.sign(EpochCloser.eventId("search-performed", s.id), 1,
                    Optional.of(s.requested.event().eventHash()), now(), performed, engineKey);
            long leaf = ingest.submit(List.of(event)).get(0).leafIndex();
            storeResults(s.id, new IndexedEvent(leaf, event));
            LOG.info("retrospective search {} (entry {}, case {}) performed at leaf {}: {} detection(s) searched,"
                    + " {} hit(s)", s.id, r.entry(), r.caseRef(), leaf, searchable.size(), hits.size());
            return true;
        } finally {
            sequencer.writerLock().unlock();
        }
    }

    /**
     * Stores what {@code GET /v1/searches/{id}} answers: each hit's detection, score, camera and
     * capture time, all read from the log (no biometric value). Idempotent.
     */
    private void storeResults(String id, IndexedEvent performed) {
        List<JsonObject> shown = new ArrayList<>();
        for (SearchHit h : ((RetrospectiveSearchPerformed) performed.event().payload()).hits()) {
            SealedFaceDetected d = (SealedFaceDetected) log.at(h.detection().leafIndex()).event().payload();
            shown.add(JsonObject.builder().put("detection", h.detection().toJson()).put("score", h.score())
                    .put("camera", d.camera()).put("captureTime", d.captureTime().toString()).build());
        }
        results.putIfAbsent(id, performed.leafIndex(), CanonicalJson.encode(JsonObject.builder().put("search", id)
                .put("hits", JsonArray.of(shown)).build()));
    }

    /**
     * S (docs/rules.md R4), by the domain's one definition ({@link SearchScope#searchable}) over a
     * view of the committed log: the accepted schema-2 detections at leaves &lt; {@code p} captured
     * in the request's window, with model id {@code modelId}, whose record is readable at p (the
     * rule book's {@link DisclosureRules.LogView#fate} over the epoch's stream), in leaf order.
     */
    List<IndexedEvent> searchable(RetrospectiveSearchRequested r, String modelId, long p) {
        Map<String, List<IndexedEvent>> epochStreams = new HashMap<>();
        DisclosureRules.LogView fates = DisclosureRules.viewOver(leaf -> Optional.empty(),
                epoch -> epochStreams.computeIfAbsent(epoch, this::epochStream), entry -> List.of());
        Map<Long, SignedEvent> events = new HashMap<>();
        SearchScope.View view = new SearchScope.View() {
            @Override
            public List<SearchScope.SealedDetection> sealedDetections(long beforeLeaf, Timestamp from, Timestamp until) {
                List<SearchScope.SealedDetection> out = new ArrayList<>();
                for (long start = 0; start < beforeLeaf; start += PAGE) {
                    for (StoredLeaf leaf : leaves.leaves(start, (int) Math.min(PAGE, beforeLeaf - start))) {
                        SignedEvent e = parse(leaf);
                        if (e.payload() instanceof SealedFaceDetected d
                                && d.captureTime().epochMillis() >= from.epochMillis()
                                && d.captureTime().epochMillis() < until.epochMillis()) {
                            events.put(leaf.index(), e);
                            out.add(new SearchScope.SealedDetection(new DetectionRef(e.eventHash(), leaf.index()),
                                    d.captureTime(), d.modelId(), d.sealed().epoch()));
                        }
                    }
                }
                return out;
            }

            @Override
            public DisclosureRules.RecordFate fate(String epoch, long detectionLeaf) {
                return fates.fate(epoch, detectionLeaf);
            }
        };
        List<IndexedEvent> out = new ArrayList<>();
        for (SearchScope.SealedDetection d : SearchScope.searchable(view, p, r, modelId)) {
            out.add(new IndexedEvent(d.ref().leafIndex(), events.get(d.ref().leafIndex())));
        }
        return out;
    }

    /**
     * The entry's score for the detection's record (empty: no comparable template, or no entry),
     * or null if the vault cannot open a record the log says is readable (the search waits).
     * A record that does not open to its leaf's commitment (the camera's fault, which witnesses
     * report) is never a hit, as the projection never decides on it.
     */
    private OptionalInt score(IndexedEvent d, Optional<WatchedEntry> entry, RecognitionPolicySet policy) {
        VaultRecords.Opened opened = records.open(d.event());
        if (opened instanceof VaultRecords.Failed f) {
            LOG.error("retrospective search: the sealed record of leaf {} does not open: {}", d.leafIndex(),
                    VaultRecords.describe(f.cause()));
            return OptionalInt.empty();
        }
        if (!(opened instanceof VaultRecords.Record rec)) {
            return null;
        }
        if (entry.isEmpty()) {
            return OptionalInt.empty();
        }
        Template t = rec.record().template();
        if (t.format() != FaceTemplate.VERSION || !t.modelId().equals(policy.modelId())
                || t.format() != policy.templateFormat()) {
            return OptionalInt.empty();
        }
        try {
            return entry.get().score(FaceTemplate.parse(t.data()), policy.modelId(), policy.templateFormat());
        } catch (TemplateFormatException e) {
            return OptionalInt.empty();
        }
    }

    /**
     * The searched entry: a schema-1 entry with its templates, a schema-2 entry with those of its
     * sealed enrolment record as the vault opens it; empty if the log has no authorisation (nothing
     * can match); null if the vault cannot give a sealed entry's templates (the search waits and
     * says why, never searching without them).
     */
    private Optional<WatchedEntry> entry(String id) {
        Optional<SignedEvent> e = streamEvent(StreamId.watchlist(id), 0).map(IndexedEvent::event);
        if (e.isPresent() && e.get().payload() instanceof WatchlistEntryAuthorized a) {
            return Optional.of(WatchedEntry.of(e.get().eventHash(), a));
        }
        if (e.isPresent() && e.get().payload() instanceof SealedWatchlistEntryAuthorized a) {
            VaultRecords.Opened opened = records.openEnrolment(e.get());
            if (opened instanceof VaultRecords.Enrolment r) {
                return Optional.of(WatchedEntry.sealed(e.get().eventHash(), a, r.record().templates()));
            }
            LOG.warn("retrospective search for entry {} waits: the vault cannot give its sealed enrolment record ({})",
                    id, opened instanceof VaultRecords.Failed f ? VaultRecords.describe(f.cause())
                            : opened.getClass().getSimpleName() + ": " + opened);
            return null;
        }
        LOG.warn("retrospective search for entry {}: no WatchlistEntryAuthorized in the log; nothing can match", id);
        return Optional.empty();
    }

    // ---- destroying -----------------------------------------------------------------------------

    private boolean destroy(Search s) throws EventRejectedException {
        sequencer.writerLock().lock();
        try {
            StreamId stream = StreamId.search(s.id);
            if (leaves.keyAt(stream.text(), 2).isPresent()) {
                return false; // authorised or destroyed meanwhile
            }
            Instant deadline = deadline(s);
            RetrospectiveSearchPerformed performed = (RetrospectiveSearchPerformed) s.performed.event().payload();
            Map<String, List<DetectionRef>> byEpoch = new TreeMap<>();
            for (SearchHit h : performed.hits()) {
                String epoch = epochOf(h.detection());
                List<IndexedEvent> es = epochStream(epoch);
                Optional<IndexedEvent> close = keptForSearchBy(es, h.detection());
                if (close.isEmpty() || destroyedIn(es, h.detection())
                        || listedByAnotherLiveSearch(s, h.detection(), close.get().leafIndex())) {
                    continue;
                }
                byEpoch.computeIfAbsent(epoch, k -> new ArrayList<>()).add(h.detection());
            }
            Timestamp now = now();
            String reason = "retrospective search " + s.id + " not authorised by its deadline " + deadline;
            for (Map.Entry<String, List<DetectionRef>> e : byEpoch.entrySet()) {
                StreamId epochStream = StreamId.epoch(e.getKey());
                long next = epochStream(e.getKey()).size();
                Optional<EventHash> prev = leaves.keyAt(epochStream.text(), next - 1)
                        .map(k -> EventHash.of(k.hash().toByteArray()));
                SignedEvent event = EventSigner.sign(EpochCloser.eventId("destroy" + next, e.getKey()), next, prev,
                        now, new KeptRecordsDestroyed(e.getKey(), e.getValue(), reason), engineKey);
                ingest.submit(List.of(event));
            }
            SignedEvent event = EventSigner.sign(EpochCloser.eventId("search-destroyed", s.id), 2,
                    Optional.of(s.performed.event().eventHash()), now,
                    new RetrospectiveSearchDestroyed(s.id, reason + "; its results and the records it kept are"
                            + " destroyed"), engineKey);
            long leaf = ingest.submit(List.of(event)).get(0).leafIndex();
            LOG.info("retrospective search {} destroyed at leaf {} ({} kept record(s) destroyed in {} epoch(s))", s.id,
                    leaf, byEpoch.values().stream().mapToInt(List::size).sum(), byEpoch.size());
            return true;
        } finally {
            sequencer.writerLock().unlock();
        }
    }

    /** The vault's part, after the log's: the destroyed hits' case wraps and blobs, then the results. */
    private void finishDestroyed(Search s) {
        RetrospectiveSearchPerformed performed = (RetrospectiveSearchPerformed) s.performed.event().payload();
        for (SearchHit h : performed.hits()) {
            List<IndexedEvent> es = epochStream(epochOf(h.detection()));
            if (destroyedIn(es, h.detection())) {
                vault.destroyKept(h.detection().eventHash().digest());
            }
        }
        results.destroy(s.id, s.performed.leafIndex());
        s.finished = true;
    }

    /** The close of the detection's epoch, if it kept the detection with reason {@code retrospective-search}. */
    private static Optional<IndexedEvent> keptForSearchBy(List<IndexedEvent> epochStream, DetectionRef d) {
        for (IndexedEvent e : epochStream) {
            if (e.event().payload() instanceof ErasureEpochClosed c) {
                for (KeptRecord k : c.kept()) {
                    if (k.detection().equals(d) && k.reason() == KeepReason.RETROSPECTIVE_SEARCH) {
                        return Optional.of(e);
                    }
                }
            }
        }
        return Optional.empty();
    }

    private static boolean destroyedIn(List<IndexedEvent> epochStream, DetectionRef d) {
        return epochStream.stream().anyMatch(e -> e.event().payload() instanceof KeptRecordsDestroyed x
                && x.detections().contains(d));
    }

    /** Whether a search other than {@code s}, performed before {@code closeLeaf} and not destroyed, lists {@code d}. */
    private boolean listedByAnotherLiveSearch(Search s, DetectionRef d, long closeLeaf) {
        for (Search o : searches.values()) {
            if (o == s || o.performed == null || o.performed.leafIndex() >= closeLeaf) {
                continue;
            }
            boolean destroyed = streamEvent(StreamId.search(o.id), 2)
                    .map(e -> e.event().payload() instanceof RetrospectiveSearchDestroyed).orElse(false);
            if (!destroyed && ((RetrospectiveSearchPerformed) o.performed.event().payload()).hits().stream()
                    .anyMatch(h -> h.detection().equals(d))) {
                return true;
            }
        }
        return false;
    }

    // ---- the log ------------------------------------------------------------------------------

    /**
     * Brings the index of search streams up to the committed log. Only the leaves of
     * {@code search/} streams are read and parsed (every search event is in its search's stream:
     * a payload names its stream and the header must agree, format.md §4.10), found by one range
     * query over the leaves committed since the last call; the first call (a fresh searcher: a
     * start, a restart, a new leader's closer) covers the whole log.
     */
    private void index() {
        long size = sequencer.committed().size();
        if (scanned < size) {
            for (StreamLeaf at : leaves.streamLeaves(SEARCH_PREFIX, scanned, size)) {
                IndexedEvent ie = log.at(at.index());
                SignedEvent e = ie.event();
                if (e.payload() instanceof RetrospectiveSearchRequested r) {
                    searches.computeIfAbsent(r.search(), Search::new).requested = ie;
                } else if (e.payload() instanceof RetrospectiveSearchPerformed p) {
                    searches.computeIfAbsent(p.search(), Search::new).performed = ie;
                } else if (e.payload() instanceof RetrospectiveSearchAuthorized a) {
                    searches.computeIfAbsent(a.search(), Search::new).ended = ie;
                } else if (e.payload() instanceof RetrospectiveSearchDestroyed d) {
                    searches.computeIfAbsent(d.search(), Search::new).ended = ie;
                }
            }
            scanned = size;
        }
        for (Search s : searches.values()) {
            if (s.destroyed() && !s.finished) {
                s.finished = results.get(s.id).map(SearchResultStore.Stored::destroyed).orElse(false);
            } else if (s.performed != null && !s.destroyed() && !s.stored) {
                // A crash between the Performed's append and storing its results: stored from the log now.
                if (results.get(s.id).isEmpty()) {
                    storeResults(s.id, s.performed);
                }
                s.stored = true;
            }
        }
    }

    private Optional<RecognitionPolicySet> policyBefore(long leaf) {
        return log.policyBefore(leaf);
    }

    private String epochOf(DetectionRef d) {
        return ((SealedFaceDetected) log.at(d.leafIndex()).event().payload()).sealed().epoch();
    }

    private List<IndexedEvent> epochStream(String epoch) {
        return log.epochStream(epoch);
    }

    private Optional<IndexedEvent> streamEvent(StreamId stream, long seq) {
        return log.event(stream, seq);
    }

    private Timestamp now() {
        return Timestamp.ofEpochMillis(clock.millis());
    }

    private static SignedEvent parse(StoredLeaf leaf) {
        return SearchLog.parse(leaf);
    }
}
