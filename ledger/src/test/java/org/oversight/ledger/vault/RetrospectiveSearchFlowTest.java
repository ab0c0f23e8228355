package org.oversight.ledger.vault;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.oversight.ledger.testing.SyntheticFaces.MODEL;
import static org.oversight.ledger.testing.SyntheticFaces.quantised;
import static org.oversight.ledger.testing.SyntheticFaces.wire;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.put;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import javax.sql.DataSource;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.oversight.domain.crypto.Ed25519PrivateKey;
import org.oversight.domain.crypto.Sha256Digest;
import org.oversight.domain.event.AccuracyAttestation;
import org.oversight.domain.event.AuthorityDeclared;
import org.oversight.domain.event.CameraRegistered;
import org.oversight.domain.event.DetectionRef;
import org.oversight.domain.event.ErasureEpochClosed;
import org.oversight.domain.event.ErasureEpochOpened;
import org.oversight.domain.event.EventFixtures;
import org.oversight.domain.event.FaceBox;
import org.oversight.domain.event.KeepReason;
import org.oversight.domain.event.KeptRecord;
import org.oversight.domain.event.KeptRecordsDestroyed;
import org.oversight.domain.event.KeyEnrolled;
import org.oversight.domain.event.MatchProposed;
import org.oversight.domain.event.RecognitionPolicySet;
import org.oversight.domain.event.RetentionTerms;
import org.oversight.domain.event.RetrospectiveSearchAuthorized;
import org.oversight.domain.event.RetrospectiveSearchDestroyed;
import org.oversight.domain.event.RetrospectiveSearchPerformed;
import org.oversight.domain.event.RetrospectiveSearchRequested;
import org.oversight.domain.event.Role;
import org.oversight.domain.event.SealedFaceDetected;
import org.oversight.domain.event.SealedRecordRef;
import org.oversight.domain.event.SearchHit;
import org.oversight.domain.event.SignedEvent;
import org.oversight.domain.event.StreamId;
import org.oversight.domain.event.Template;
import org.oversight.domain.event.Timestamp;
import org.oversight.domain.event.WatchlistEntryAuthorized;
import org.oversight.domain.seal.BiometricRecord;
import org.oversight.domain.seal.EpochRecipient;
import org.oversight.domain.seal.RecordSealer;
import org.oversight.domain.seal.X25519PublicKey;
import org.oversight.ledger.LedgerApplication;
import org.oversight.ledger.aggregate.LedgerRegistry;
import org.oversight.ledger.engine.EngineStatus;
import org.oversight.ledger.engine.EpochCloser;
import org.oversight.ledger.engine.RecognitionProcessor;
import org.oversight.ledger.engine.RetrospectiveSearcher;
import org.oversight.ledger.ingest.IngestService;
import org.oversight.ledger.keys.LedgerKeys;
import org.oversight.ledger.security.CredentialsFile;
import org.oversight.ledger.sequencer.LeafStore;
import org.oversight.ledger.sequencer.MutableClock;
import org.oversight.ledger.sequencer.Sequencer;
import org.oversight.ledger.sequencer.StoredLeaf;
import org.oversight.ledger.testing.Chains;
import org.oversight.ledger.testing.SyntheticFaces;
import org.oversight.ledger.testing.TestSite;
import org.oversight.recognition.match.MatchScore;
import org.oversight.recognition.template.FaceTemplate;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.autoconfigure.actuate.observability.AutoConfigureObservability;
import org.springframework.boot.test.autoconfigure.web.servlet.AutoConfigureMockMvc;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.servlet.MockMvc;

/**
 * Retrospective searches (rule R4) in the running ledger: an officer's requests are performed by
 * the engine exactly as rules.md defines S and the hits (scores recomputed here with the
 * recognition module's exact distance), once, also across a crash and a restart; the epoch's close
 * keeps the hits of searches not destroyed, for the search's case; the authorised search stays,
 * the other is destroyed before its deadline on the record (its kept record destroyed unless
 * another live search lists it), again once across a crash; a search after the close sees only
 * what is still readable; results are served to the requesting officer and authorities only.
 */
@SpringBootTest(classes = LedgerApplication.class, properties = {
    "oversight.store.type=postgres",
    "oversight.checkpoint.every-leaves=1",
    "oversight.checkpoint.interval-ms=50",
    "oversight.log.origin=test.oversight/search-log",
    "oversight.engine.poll-interval-ms=50",
    "oversight.vault.closer-enabled=false",
    "axon.eventhandling.processors.default.mode=subscribing"
})
@AutoConfigureMockMvc
@AutoConfigureObservability(tracing = false)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_CLASS)
class RetrospectiveSearchFlowTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final long THRESHOLD = 9216;
    private static final long WINDOW_MS = 3_600_000L;
    private static final String CAMERA = "cam-search-1";
    private static final String OFFICER = "officer-search";
    private static final TestSite SITE = TestSite.create("oversight-search-test",
            org.oversight.ledger.security.Role.CAMERA, org.oversight.ledger.security.Role.AUDITOR);
    private static final String AUTHORITY_TOKEN = issue("authority-search", org.oversight.ledger.security.Role.AUTHORITY);
    private static final String OFFICER_TOKEN = issue(OFFICER, org.oversight.ledger.security.Role.OFFICER);
    private static final String OTHER_OFFICER_TOKEN = issue("officer-other", org.oversight.ledger.security.Role.OFFICER);

    private static final Ed25519PrivateKey AUTHORITY = EventFixtures.key(81);
    private static final Ed25519PrivateKey OFFICER_KEY = EventFixtures.key(82);
    private static final Ed25519PrivateKey CAMERA_KEY = EventFixtures.key(83);
    private static final Chains CHAINS = new Chains();
    private static final String EPOCH = "ep-search-1";
    private static final Timestamp SEAL_FROM = EventFixtures.time("2026-11-27T09:00:00.000Z");
    private static final Timestamp SEAL_UNTIL = EventFixtures.time("2026-11-27T10:30:00.000Z");
    private static final Timestamp ERASE_BY = EventFixtures.time("2026-11-27T11:00:00.000Z");
    private static final FaceTemplate ENTRY = quantised(37, 101, 50, 0f);
    private static final FaceTemplate NEAR_1 = quantised(37, 101, 50, 0.01f);
    private static final FaceTemplate FAR = quantised(59, 97, 48, 0f);
    private static final FaceTemplate NEAR_3 = quantised(37, 101, 50, 0.02f);
    private static final MutableClock CLOCK = new MutableClock(ERASE_BY.epochMillis() - 3_600_000L);

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        SITE.register(registry);
    }

    @Autowired MockMvc mvc;
    @Autowired IngestService ingest;
    @Autowired LeafStore store;
    @Autowired Sequencer sequencer;
    @Autowired LedgerRegistry registry;
    @Autowired LedgerKeys keys;
    @Autowired RecognitionProcessor processor;
    @Autowired VaultStore vault;
    @Autowired VaultRecords records;
    @Autowired SearchResultStore results;
    @Autowired DataSource dataSource;

    private static ErasureEpochOpened opened;
    private static final List<SignedEvent> DETECTIONS = new ArrayList<>();
    private static final List<Long> LEAVES = new ArrayList<>();

    private static String issue(String principal, org.oversight.ledger.security.Role role) {
        try {
            return CredentialsFile.issue(SITE.dataDir().resolve("credentials"), principal, EnumSet.of(role), RANDOM);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    @Test
    @Order(1)
    void searchesArePerformedOnceAsDefinedAcrossACrashAndARestart() throws Exception {
        submit(CHAINS.next(new AuthorityDeclared("authority-search", "Search Test Board", AUTHORITY.publicKey()),
                AUTHORITY));
        submit(CHAINS.next(new KeyEnrolled(OFFICER, Role.OFFICER, OFFICER_KEY.publicKey()), AUTHORITY));
        submit(CHAINS.next(new KeyEnrolled("engine-search", Role.ENGINE, keys.engineEventKey().publicKey()),
                AUTHORITY));
        CameraRegistered sample = EventFixtures.cameraRegistered();
        submit(CHAINS.next(new CameraRegistered(CAMERA, sample.location(), sample.purpose(), sample.legalBasis(),
                CAMERA_KEY.publicKey()), OFFICER_KEY));
        submit(CHAINS.next(new RecognitionPolicySet(MODEL, 1, THRESHOLD, Math.max(THRESHOLD, MatchScore.MAX), 2, 0,
                new AccuracyAttestation(EventFixtures.digestOf("attestation"), 1000, 10_000))
                .withRetention(new RetentionTerms(183, 31, 600_000).withSearchAuthorisationMs(WINDOW_MS)), AUTHORITY));
        opened = openEpoch(EPOCH);
        // Three passers-by, on no list when they pass: two look like the entry authorised afterwards.
        int i = 0;
        for (FaceTemplate t : List.of(NEAR_1, FAR, NEAR_3)) {
            SignedEvent d = sealedDetection(i, wire(t), ("crop " + i).getBytes(StandardCharsets.UTF_8));
            DETECTIONS.add(d);
            LEAVES.add(submit(d));
            i++;
        }
        long last = LEAVES.get(2);
        SyntheticFaces.await(() -> processor.status().position() >= last
                && processor.status().state() == EngineStatus.State.RUNNING, "engine past the detections");
        assertThat(payloads(MatchProposed.class)).as("no live match: nobody was listed").isEmpty();
        assertSearchIndexMatchesTheLog(); // no search yet: the incremental searcher starts here

        submit(CHAINS.next(new WatchlistEntryAuthorized("wl-new", "subj-9", "wanted", "warrant HKM-77", OFFICER,
                EventFixtures.time("2026-11-01T00:00:00.000Z"), EventFixtures.time("2026-12-01T00:00:00.000Z"),
                List.of(wire(ENTRY)), EventFixtures.digestOf("source image 9")), OFFICER_KEY));
        // A: the first capture only; B: all three.
        submit(CHAINS.next(new RetrospectiveSearchRequested("search-a", "wl-new", capture(0),
                Timestamp.ofEpochMillis(capture(0).epochMillis() + 500), "CASE-A", "new warrant: where was she seen"),
                OFFICER_KEY));
        submit(CHAINS.next(new RetrospectiveSearchRequested("search-b", "wl-new", SEAL_FROM, SEAL_UNTIL, "CASE-B",
                "new warrant: the whole morning"), OFFICER_KEY));

        assertSearchIndexMatchesTheLog(); // two pending
        // Crash after search-a's Performed was appended, before its results were stored.
        long size = sequencer.committed().size();
        assertThatThrownBy(() -> closer(vault, new CrashingResults(dataSource)).tick()).isInstanceOf(Crash.class);
        assertThat(sequencer.committed().size()).isEqualTo(size + 1);
        assertThat(results.get("search-a")).isEmpty();
        assertSearchIndexMatchesTheLog(); // one performed, one pending, across a crash
        // Restart: a fresh closer and searcher (nothing remembered) performs search-b only and stores a's results.
        EpochCloser.Tick tick = closer(vault, results).tick();
        assertThat(tick.searchesPerformed()).containsExactly("search-b");
        assertThat(sequencer.committed().size()).isEqualTo(size + 2);
        assertThat(closer(vault, results).tick().searchesPerformed()).isEmpty();
        assertThat(sequencer.committed().size()).isEqualTo(size + 2);

        List<RetrospectiveSearchPerformed> performed = payloads(RetrospectiveSearchPerformed.class);
        assertThat(performed).extracting(RetrospectiveSearchPerformed::search).containsExactly("search-a", "search-b");
        RetrospectiveSearchPerformed a = performed.get(0);
        RetrospectiveSearchPerformed b = performed.get(1);
        assertThat(a.searched()).isEqualTo(1);
        assertThat(a.hits()).containsExactly(hit(0, NEAR_1));
        assertThat(b.searched()).isEqualTo(3);
        assertThat(b.hits()).containsExactly(hit(0, NEAR_1), hit(2, NEAR_3));
        assertThat(b.threshold()).isEqualTo(THRESHOLD);
        assertThat(b.modelId()).isEqualTo(MODEL);
        assertThat(MatchScore.squaredDistance(FAR, ENTRY)).as("the far face is really far").isGreaterThan((int) THRESHOLD);
        assertThat(results.get("search-a")).hasValueSatisfying(r -> assertThat(r.destroyed()).isFalse());
        assertSearchIndexMatchesTheLog();
    }

    @Test
    @Order(2)
    void resultsGoToTheRequestingOfficerAndAuthoritiesOnly() throws Exception {
        MockHttpServletResponse mine = search("search-b", OFFICER_TOKEN);
        assertThat(mine.getStatus()).as(mine.getContentAsString()).isEqualTo(200);
        JsonNode body = JSON.readTree(mine.getContentAsByteArray());
        assertThat(body.get("state").asText()).isEqualTo("performed");
        assertThat(body.get("searched").asLong()).isEqualTo(3);
        assertThat(body.get("hits")).hasSize(2);
        assertThat(body.get("hits").get(1).get("detection").get("leafIndex").asLong()).isEqualTo(LEAVES.get(2));
        assertThat(body.get("hits").get(1).get("camera").asText()).isEqualTo(CAMERA);
        assertThat(body.get("deadline").asText()).isEqualTo(Timestamp.ofEpochMillis(
                ERASE_BY.epochMillis() - 3_600_000L + WINDOW_MS).toString());
        assertThat(search("search-b", AUTHORITY_TOKEN).getStatus()).isEqualTo(200);
        assertProblem(search("search-b", OTHER_OFFICER_TOKEN), 403, "forbidden");
        assertProblem(search("search-zzz", OFFICER_TOKEN), 404, "not-found");
        assertProblem(search("search-b", SITE.token(org.oversight.ledger.security.Role.AUDITOR)), 403, "forbidden");
        MockHttpServletResponse anonymous = mvc.perform(get("/v1/searches/search-b")).andReturn().getResponse();
        assertThat(anonymous.getStatus()).isEqualTo(401);
    }

    @Test
    @Order(3)
    void theCloseKeepsLiveSearchesHitsAndTheLapsedSearchIsDestroyedOnceOnTheRecord() throws Exception {
        // search-a is authorised in time, search-b is not.
        for (SignedEvent e : events(RetrospectiveSearchPerformed.class)) {
            CHAINS.advance(e);
        }
        submit(CHAINS.next(new RetrospectiveSearchAuthorized("search-a", "authority order AO-2026-31"), AUTHORITY));
        assertSearchIndexMatchesTheLog(); // one authorised
        CLOCK.advance(ERASE_BY.epochMillis() - 120_000 - CLOCK.millis());
        long size = sequencer.committed().size();
        assertThat(closer(vault, results).tick().searchesDestroyed()).isEmpty(); // lead 1 min: not yet
        assertThat(sequencer.committed().size()).isEqualTo(size);
        // One minute before eraseBy and before search-b's deadline: the close, then search-b's destruction,
        // then a crash as the vault destroys the kept record.
        CLOCK.advance(60_000);
        long committed = sequencer.committed().size();
        SyntheticFaces.await(() -> processor.status().position() >= committed - 1, "engine caught up (the close waits)");
        assertThatThrownBy(() -> closer(new SealedRecordsFlowTest.CrashingVault(vault, "destroyKept"), results).tick())
                .isInstanceOf(SealedRecordsFlowTest.Crash.class);
        List<ErasureEpochClosed> closes = payloads(ErasureEpochClosed.class);
        assertThat(closes).hasSize(1);
        List<KeptRecord> kept = closes.get(0).kept();
        assertThat(kept).extracting(KeptRecord::detection).containsExactly(ref(0), ref(2));
        assertThat(kept).extracting(KeptRecord::reason).containsOnly(KeepReason.RETROSPECTIVE_SEARCH);
        assertThat(kept).extracting(KeptRecord::caseRef).containsExactly("CASE-A", "CASE-B");
        assertThat(closes.get(0).erased()).isEqualTo(1);
        List<KeptRecordsDestroyed> destroyed = payloads(KeptRecordsDestroyed.class);
        assertThat(destroyed).hasSize(1);
        assertThat(destroyed.get(0).detections()).as("the shared hit stays: search-a lists it").containsExactly(ref(2));
        assertThat(payloads(RetrospectiveSearchDestroyed.class)).extracting(RetrospectiveSearchDestroyed::search)
                .containsExactly("search-b");
        long afterCrash = sequencer.committed().size();
        assertSearchIndexMatchesTheLog(); // one authorised, one destroyed
        assertThat(afterCrash).isEqualTo(size + 3);
        // Timed before the deadline (R4(c)); the destruction event is in the search's stream at seq 2.
        for (SignedEvent e : events(RetrospectiveSearchDestroyed.class)) {
            assertThat(e.header().time().epochMillis()).isLessThan(ERASE_BY.epochMillis() - 3_600_000L + WINDOW_MS);
            assertThat(e.header().seq()).isEqualTo(2);
        }

        // Resumed: nothing appended again; the vault's part finished.
        EpochCloser.Tick resumed = closer(vault, results).tick();
        assertThat(resumed.searchesDestroyed()).isEmpty();
        assertThat(sequencer.committed().size()).isEqualTo(afterCrash);
        assertThat(records.open(DETECTIONS.get(2))).isInstanceOf(VaultRecords.Erased.class);
        assertThat(records.open(DETECTIONS.get(0))).isInstanceOf(VaultRecords.Record.class);
        assertThat(records.open(DETECTIONS.get(1))).isInstanceOf(VaultRecords.Erased.class);
        assertThat(results.get("search-b")).hasValueSatisfying(r -> assertThat(r.destroyed()).isTrue());
        assertThat(results.get("search-a")).hasValueSatisfying(r -> assertThat(r.destroyed()).isFalse());
        assertProblem(search("search-b", OFFICER_TOKEN), 410, "search-destroyed");
        MockHttpServletResponse a = search("search-a", OFFICER_TOKEN);
        assertThat(a.getStatus()).as(a.getContentAsString()).isEqualTo(200);
        assertThat(JSON.readTree(a.getContentAsByteArray()).get("state").asText()).isEqualTo("authorised");
        CLOCK.advance(2 * WINDOW_MS);
        assertThat(closer(vault, results).tick().searchesDestroyed()).as("the authorised search stays").isEmpty();
        assertThat(sequencer.committed().size()).isEqualTo(afterCrash);
    }

    @Test
    @Order(4)
    void aSearchAfterTheCloseSeesOnlyWhatIsStillReadable() throws Exception {
        submit(CHAINS.next(new RetrospectiveSearchRequested("search-c", "wl-new", SEAL_FROM, SEAL_UNTIL, "CASE-C",
                "after the close"), OFFICER_KEY));
        assertThat(closer(vault, results).tick().searchesPerformed()).containsExactly("search-c");
        RetrospectiveSearchPerformed c = payloads(RetrospectiveSearchPerformed.class).get(2);
        // The far face was erased by the close, the third was destroyed with search-b: only the kept one
        // is searched, opened with its case key.
        assertThat(c.searched()).isEqualTo(1);
        assertThat(c.hits()).containsExactly(hit(0, NEAR_1));
        assertSearchIndexMatchesTheLog();
    }

    // ---- helpers --------------------------------------------------------------------------------

    private static SearchHit hit(int i, FaceTemplate t) throws Exception {
        return new SearchHit(ref(i), MatchScore.squaredDistance(t, ENTRY));
    }

    private static DetectionRef ref(int i) {
        return new DetectionRef(DETECTIONS.get(i).eventHash(), LEAVES.get(i));
    }

    private static Timestamp capture(int i) {
        return Timestamp.ofEpochMillis(EventFixtures.time("2026-11-27T09:30:00.040Z").epochMillis() + 1000L * i);
    }

    private EpochCloser closer(VaultStore vaultStore, SearchResultStore resultStore) {
        VaultRecords r = new VaultRecords(vaultStore, registry);
        return new EpochCloser(registry, sequencer, store, ingest, vaultStore, r, processor, keys.engineEventKey(),
                CLOCK, Duration.ofMinutes(1), Duration.ofDays(30), RANDOM)
                .withSearches(searcher(vaultStore, resultStore));
    }

    /**
     * The searcher's incremental index of search streams (one searcher kept across every tick and
     * test of this class, and a fresh one as after a restart) equals a from-scratch reading of the
     * whole log that parses every leaf and files each search event under its search.
     */
    private void assertSearchIndexMatchesTheLog() throws Exception {
        java.util.SortedMap<String, List<Long>> fromScratch = new java.util.TreeMap<>();
        for (StoredLeaf l : store.leaves(0, (int) sequencer.committed().size())) {
            SignedEvent e = SignedEvent.parse(l.leaf().leafBytes());
            String id;
            int slot;
            if (e.payload() instanceof RetrospectiveSearchRequested r) {
                id = r.search();
                slot = 0;
            } else if (e.payload() instanceof RetrospectiveSearchPerformed p) {
                id = p.search();
                slot = 1;
            } else if (e.payload() instanceof RetrospectiveSearchAuthorized a) {
                id = a.search();
                slot = 2;
            } else if (e.payload() instanceof RetrospectiveSearchDestroyed d) {
                id = d.search();
                slot = 2;
            } else {
                continue;
            }
            List<Long> leaves = new ArrayList<>(fromScratch.getOrDefault(id, List.of(-1L, -1L, -1L)));
            leaves.set(slot, l.index());
            fromScratch.put(id, List.copyOf(leaves));
        }
        if (incremental == null) {
            incremental = searcher(vault, results);
        }
        assertThat(incremental.indexedSearchLeaves()).as("incremental index").isEqualTo(fromScratch);
        assertThat(searcher(vault, results).indexedSearchLeaves()).as("index of a fresh searcher").isEqualTo(fromScratch);
    }

    private static RetrospectiveSearcher incremental;

    private RetrospectiveSearcher searcher(VaultStore vaultStore, SearchResultStore resultStore) {
        return new RetrospectiveSearcher(sequencer, store, ingest, vaultStore, new VaultRecords(vaultStore, registry),
                resultStore, keys.engineEventKey(), CLOCK, Duration.ofMinutes(1));
    }

    private MockHttpServletResponse search(String id, String token) throws Exception {
        return mvc.perform(get("/v1/searches/" + id).header("Authorization", "Bearer " + token)).andReturn()
                .getResponse();
    }

    private ErasureEpochOpened openEpoch(String epoch) throws Exception {
        MockHttpServletResponse r = mvc.perform(post("/v1/vault/epochs/" + epoch + "/key")
                .header("Authorization", "Bearer " + AUTHORITY_TOKEN)).andReturn().getResponse();
        assertThat(r.getStatus()).as(r.getContentAsString()).isEqualTo(200);
        JsonNode key = JSON.readTree(r.getContentAsByteArray());
        ErasureEpochOpened o = new ErasureEpochOpened(epoch, SEAL_FROM, SEAL_UNTIL, ERASE_BY,
                List.of(new EpochRecipient.Vault(key.get("recipient").asText(),
                        X25519PublicKey.parse(key.get("publicKey").asText()))));
        submit(CHAINS.next(o, AUTHORITY));
        return o;
    }

    private SignedEvent sealedDetection(int n, Template template, byte[] crop) throws Exception {
        long seq = CHAINS.head(StreamId.detections(CAMERA)).nextSeq();
        byte[] nonce = new byte[BiometricRecord.NONCE_LENGTH];
        RANDOM.nextBytes(nonce);
        RecordSealer.Sealed sealed = RecordSealer.seal(BiometricRecord.of(template, EventFixtures.landmarks(), crop,
                nonce), opened, StreamId.detections(CAMERA), seq, RANDOM);
        byte[] blob = sealed.blob().canonicalBytes();
        MockHttpServletResponse r = mvc.perform(put("/v1/vault/blobs/" + Sha256Digest.hash(blob).hex())
                .header("Authorization", "Bearer " + SITE.token(org.oversight.ledger.security.Role.CAMERA))
                .contentType("application/json").content(blob)).andReturn().getResponse();
        assertThat(r.getStatus()).as(r.getContentAsString()).isIn(200, 201);
        return CHAINS.next(new SealedFaceDetected(CAMERA, capture(n), EventFixtures.digestOf("frame " + n),
                new FaceBox(96, 180, 120, 140), MODEL, 1, 870, new SealedRecordRef(sealed.blobDigest(),
                        sealed.commitment(), sealed.blob().epoch())), CAMERA_KEY);
    }

    private long submit(SignedEvent e) throws Exception {
        return ingest.submit(List.of(e)).get(0).leafIndex();
    }

    private List<SignedEvent> events(Class<?> type) throws Exception {
        List<SignedEvent> out = new ArrayList<>();
        for (StoredLeaf l : store.leaves(0, (int) sequencer.committed().size())) {
            SignedEvent e = SignedEvent.parse(l.leaf().leafBytes());
            if (type.isInstance(e.payload())) {
                out.add(e);
            }
        }
        return out;
    }

    private <T> List<T> payloads(Class<T> type) throws Exception {
        List<T> out = new ArrayList<>();
        for (SignedEvent e : events(type)) {
            out.add(type.cast(e.payload()));
        }
        return out;
    }

    private static void assertProblem(MockHttpServletResponse r, int status, String rule) throws Exception {
        assertThat(r.getStatus()).as(r.getContentAsString()).isEqualTo(status);
        assertThat(r.getContentType()).startsWith("application/problem+json");
        assertThat(JSON.readTree(r.getContentAsByteArray()).get("type").asText())
                .isEqualTo("urn:oversight:problem:" + rule);
    }

    /** A simulated crash. */
    static final class Crash extends RuntimeException {
        Crash(String where) {
            super("simulated crash in " + where);
        }
    }

    /** The results store, crashing before it stores anything. */
    static final class CrashingResults extends SearchResultStore {
        CrashingResults(DataSource dataSource) {
            super(dataSource);
        }

        @Override
        public void putIfAbsent(String search, long performedLeaf, byte[] results) {
            throw new Crash("putIfAbsent " + search);
        }
    }
}
