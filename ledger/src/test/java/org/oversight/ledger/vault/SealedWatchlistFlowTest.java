package org.oversight.ledger.vault;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.oversight.ledger.testing.SyntheticFaces.MODEL;
import static org.oversight.ledger.testing.SyntheticFaces.await;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.put;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
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
import org.oversight.domain.event.DisclosurePurpose;
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
import org.oversight.domain.event.RecordDisclosed;
import org.oversight.domain.event.Role;
import org.oversight.domain.event.SealedFaceDetected;
import org.oversight.domain.event.SealedRecordRef;
import org.oversight.domain.event.SealedWatchlistEntryAuthorized;
import org.oversight.domain.event.SignedEvent;
import org.oversight.domain.event.StreamId;
import org.oversight.domain.event.Template;
import org.oversight.domain.event.Timestamp;
import org.oversight.domain.event.WatchlistEntryAuthorized;
import org.oversight.domain.event.WatchlistEntryWithdrawn;
import org.oversight.domain.seal.BiometricRecord;
import org.oversight.domain.seal.EnrolmentRecord;
import org.oversight.domain.seal.EnrolmentSealer;
import org.oversight.domain.seal.EpochRecipient;
import org.oversight.domain.seal.RecordSealer;
import org.oversight.domain.seal.X25519PublicKey;
import org.oversight.ledger.LedgerApplication;
import org.oversight.ledger.aggregate.EventRejectedException;
import org.oversight.ledger.aggregate.LedgerRegistry;
import org.oversight.ledger.aggregate.Rejection;
import org.oversight.ledger.engine.EngineStatus;
import org.oversight.ledger.engine.EpochCloser;
import org.oversight.ledger.engine.RecognitionProcessor;
import org.oversight.ledger.ingest.IngestService;
import org.oversight.ledger.keys.LedgerKeys;
import org.oversight.ledger.security.CredentialsFile;
import org.oversight.ledger.sequencer.LeafStore;
import org.oversight.ledger.sequencer.MutableClock;
import org.oversight.ledger.sequencer.Sequencer;
import org.oversight.ledger.sequencer.StoredLeaf;
import org.oversight.ledger.testing.Chains;
import org.oversight.ledger.testing.TestSite;
import org.oversight.recognition.assets.AssetCache;
import org.oversight.recognition.match.MatchScore;
import org.oversight.recognition.pipeline.CropTemplateDeriver;
import org.slf4j.LoggerFactory;
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
 * Sealed (schema-2) watchlist entries end to end in the running ledger (docs/ledger.md "Vault",
 * format.md §12.7): a clear entry is refused; the officer stores the enrolment blob (a watchlist
 * blob may exceed the detections' blob limit) and appends the entry, which the vault admits only if
 * the blob opens to the leaf and every crop derives its template with the real network; the engine
 * opens the entry's templates through the vault and matches a sealed detection against them; the
 * epoch's close keeps the live entries (reason {@code watchlist-entry}, the warrant as case, until
 * {@code validUntil}) and erases the withdrawn one; after the close the engine still opens a kept
 * entry with its case key; the closer destroys a kept entry record when the entry is withdrawn and
 * when it reaches {@code validUntil}, and the vault deletes the blob. Last, no template or crop
 * byte of an entry is readable in any tile, the export or a log line.
 */
@SpringBootTest(classes = LedgerApplication.class, properties = {
    "oversight.store.type=postgres",
    "oversight.checkpoint.every-leaves=1",
    "oversight.checkpoint.interval-ms=50",
    "oversight.log.origin=test.oversight/watchlist-vault-log",
    "oversight.engine.poll-interval-ms=50",
    "oversight.vault.closer-enabled=false",
    "oversight.ingest.accept-clear-detections=false",
    // A detection's blob above 64 KiB is refused; an entry's (two real crops, ~190 KB) is not.
    "oversight.vault.max-blob-bytes=65536",
    "oversight.ingest.max-clock-ahead=3650d",
    "oversight.vault.close-lead=3651d",
    "axon.eventhandling.processors.default.mode=subscribing"
})
@AutoConfigureMockMvc
@AutoConfigureObservability(tracing = false)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_CLASS)
class SealedWatchlistFlowTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final long THRESHOLD = 9216;
    private static final String CAMERA = "cam-wl-1";
    private static final String OFFICER = "officer-wl";
    private static final String AUTHORITY_ID = "authority-wl";
    private static final TestSite SITE = TestSite.create("oversight-watchlist-vault-test",
            org.oversight.ledger.security.Role.CAMERA, org.oversight.ledger.security.Role.WITNESS,
            org.oversight.ledger.security.Role.AUDITOR);
    private static final String AUTHORITY_TOKEN = issue(AUTHORITY_ID, org.oversight.ledger.security.Role.AUTHORITY);
    private static final String OFFICER_TOKEN = issue(OFFICER, org.oversight.ledger.security.Role.OFFICER);

    private static final Ed25519PrivateKey AUTHORITY = EventFixtures.key(81);
    private static final Ed25519PrivateKey OFFICER_KEY = EventFixtures.key(82);
    private static final Ed25519PrivateKey CAMERA_KEY = EventFixtures.key(83);
    private static final Chains CHAINS = new Chains();
    private static final String EPOCH = "ep-wl-1";
    private static final Timestamp SEAL_FROM = EventFixtures.time("2026-11-27T09:00:00.000Z");
    private static final Timestamp SEAL_UNTIL = EventFixtures.time("2026-11-27T10:30:00.000Z");
    private static final Timestamp ERASE_BY = EventFixtures.time("2026-11-27T11:00:00.000Z");
    private static final Timestamp HEADER_TIME = EventFixtures.time("2026-11-27T10:00:00.000Z");
    private static final Timestamp VALID_FROM = EventFixtures.time("2026-11-01T00:00:00.000Z");
    /** The short-lived entry's end: after the close, so its record is kept, then destroyed at it. */
    private static final Timestamp SHORT_UNTIL = EventFixtures.time("2026-11-28T12:00:00.000Z");
    private static final Timestamp LONG_UNTIL = EventFixtures.time("2027-06-01T00:00:00.000Z");
    private static final MutableClock CLOCK = new MutableClock(ERASE_BY.epochMillis() - 3_600_000L);

    private static final ListAppender<ILoggingEvent> ALL_LOG_LINES = new ListAppender<>();

    private static CropTemplateDeriver deriver;
    private static ErasureEpochOpened opened;
    /** The long-lived entry (matched, kept, withdrawn after the close) and its crop and template. */
    private static SignedEvent entryA;
    private static long entryALeaf;
    private static byte[] cropA;
    private static Template templateA;
    /** The short-lived entry (kept, destroyed at validUntil) and the entry withdrawn before the close. */
    private static SignedEvent entryB;
    private static long entryBLeaf;
    private static SignedEvent entryC;
    private static long entryCLeaf;

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        SITE.register(registry);
    }

    @BeforeEach
    void captureEveryLogLine() {
        Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        if (root.getAppender(ALL_LOG_LINES.getName()) == null) {
            ALL_LOG_LINES.setName("sealed-watchlist-flow-test");
            ALL_LOG_LINES.start();
            root.addAppender(ALL_LOG_LINES);
            Logger ours = (Logger) LoggerFactory.getLogger("org.oversight");
            ours.setLevel(ch.qos.logback.classic.Level.DEBUG);
            ours.setAdditive(false);
            ours.addAppender(ALL_LOG_LINES);
        }
    }

    @AfterAll
    static void stopCapturing() {
        ((Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME)).detachAppender(ALL_LOG_LINES);
        Logger ours = (Logger) LoggerFactory.getLogger("org.oversight");
        ours.detachAppender(ALL_LOG_LINES);
        ours.setAdditive(true);
        ours.setLevel(null);
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

    private static String issue(String principal, org.oversight.ledger.security.Role role) {
        try {
            return CredentialsFile.issue(SITE.dataDir().resolve("credentials"), principal, EnumSet.of(role), RANDOM);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    @Test
    @Order(1)
    void aClearEntryIsRefusedAndASealedOneIsAdmittedOnlyIfItsCropsDeriveItsTemplates() throws Exception {
        deriver = CropTemplateDeriver.load(AssetCache.defaultModelDir());
        submit(CHAINS.next(new AuthorityDeclared(AUTHORITY_ID, "Watchlist Vault Test Board", AUTHORITY.publicKey()),
                AUTHORITY));
        submit(CHAINS.next(new KeyEnrolled(OFFICER, Role.OFFICER, OFFICER_KEY.publicKey()), AUTHORITY));
        submit(CHAINS.next(new KeyEnrolled("engine-wl", Role.ENGINE, keys.engineEventKey().publicKey()), AUTHORITY));
        CameraRegistered sample = EventFixtures.cameraRegistered();
        submit(CHAINS.next(new CameraRegistered(CAMERA, sample.location(), sample.purpose(), sample.legalBasis(),
                CAMERA_KEY.publicKey()), OFFICER_KEY));
        submit(CHAINS.next(new RecognitionPolicySet(MODEL, 1, THRESHOLD, Math.max(THRESHOLD, MatchScore.MAX), 2, 0,
                new AccuracyAttestation(EventFixtures.digestOf("attestation"), 1000, 10_000)), AUTHORITY));
        opened = openEpoch();

        cropA = pattern(0);
        templateA = derived(cropA);
        byte[] cropA2 = pattern(5);
        WatchlistEntryAuthorized clearA = clear("wl-sealed-a", "warrant HKM-A", LONG_UNTIL, List.of(templateA,
                derived(cropA2)));
        long size = sequencer.committed().size();
        // Schema 1 through the public endpoint: sealing is required.
        MockHttpServletResponse refused = postTo("/v1/events", OFFICER_TOKEN, CHAINS.peek(clearA, OFFICER_KEY).leafBytes());
        assertProblem(refused, 422, "sealing-required");
        assertThat(JSON.readTree(refused.getContentAsByteArray()).get("detail").asText())
                .contains("WatchlistEntryAuthorized").contains("accept-clear-detections");
        // So is a clear (schema-1) detection.
        MockHttpServletResponse clearDetection = postTo("/v1/events", AUTHORITY_TOKEN, CHAINS.peek(
                new org.oversight.domain.event.FaceDetected(CAMERA, EventFixtures.time("2026-11-27T09:30:00.040Z"),
                        EventFixtures.digestOf("frame v1"), new FaceBox(96, 180, 120, 140), EventFixtures.landmarks(),
                        EventFixtures.digestOf("crop v1"), templateA, 870), CAMERA_KEY).leafBytes());
        assertProblem(clearDetection, 422, "sealing-required");
        assertThat(JSON.readTree(clearDetection.getContentAsByteArray()).get("detail").asText())
                .contains("FaceDetected").contains("accept-clear-detections");

        // A crop that is not the one its template came from: refused by the vault, nothing appended.
        EnrolmentSealer.SealedEnrolment swapped = EnrolmentSealer.seal(clearA, EnrolmentRecord.of(clearA.entry(),
                List.of(new EnrolmentRecord.Crop(cropA, templateA), new EnrolmentRecord.Crop(pattern(3),
                        clearA.templates().get(1)))), opened, HEADER_TIME, RANDOM);
        putBlob(swapped.blobBytes(), OFFICER_TOKEN);
        assertThatThrownBy(() -> submit(CHAINS.peek(swapped.payload(), OFFICER_KEY)))
                .isInstanceOf(EventRejectedException.class)
                .satisfies(e -> assertThat(((EventRejectedException) e).type()).isEqualTo(Rejection.ENROLMENT_MISMATCH))
                .hasMessageContaining("crops[1].alignedCrop");
        // A sealed entry whose blob the vault does not hold.
        EnrolmentSealer.SealedEnrolment honestA = seal(clearA, List.of(cropA, cropA2));
        assertThatThrownBy(() -> submit(CHAINS.peek(honestA.payload(), OFFICER_KEY)))
                .isInstanceOf(EventRejectedException.class)
                .satisfies(e -> assertThat(((EventRejectedException) e).type()).isEqualTo(Rejection.RECORD_NOT_STORED));
        assertThat(sequencer.committed().size()).isEqualTo(size);

        // The honest entry: its blob (two 150 x 150 crops) is above the detections' 64 KiB limit.
        assertThat(honestA.blobBytes().length).isGreaterThan(65536);
        MockHttpServletResponse stored = putBlob(honestA.blobBytes(), OFFICER_TOKEN);
        assertThat(JSON.readTree(stored.getContentAsByteArray()).get("stream").asText()).isEqualTo("watchlist/wl-sealed-a");
        entryA = CHAINS.next(honestA.payload(), OFFICER_KEY);
        entryALeaf = submit(entryA);

        byte[] cropB = pattern(7);
        EnrolmentSealer.SealedEnrolment b = seal(clear("wl-sealed-b", "warrant HKM-B", SHORT_UNTIL,
                List.of(derived(cropB))), List.of(cropB));
        putBlob(b.blobBytes(), OFFICER_TOKEN);
        entryB = CHAINS.next(b.payload(), OFFICER_KEY);
        entryBLeaf = submit(entryB);
        byte[] cropC = pattern(9);
        EnrolmentSealer.SealedEnrolment c = seal(clear("wl-sealed-c", "warrant HKM-C", LONG_UNTIL,
                List.of(derived(cropC))), List.of(cropC));
        putBlob(c.blobBytes(), OFFICER_TOKEN);
        entryC = CHAINS.next(c.payload(), OFFICER_KEY);
        entryCLeaf = submit(entryC);
        submit(CHAINS.next(new WatchlistEntryWithdrawn("wl-sealed-c", "subject located"), OFFICER_KEY));

        // The vault opens the record with its epoch key, checked against the leaf.
        assertThat(records.openEnrolment(entryA)).isInstanceOfSatisfying(VaultRecords.Enrolment.class,
                r -> assertThat(r.record().templates()).isEqualTo(clearA.templates()));
    }

    @Test
    @Order(2)
    void aDetectionsBlobAboveItsOwnLimitIsRefused() throws Exception {
        BiometricRecord big = BiometricRecord.of(templateA, EventFixtures.landmarks(), cropA, nonce());
        RecordSealer.Sealed sealed = RecordSealer.seal(big, opened, StreamId.detections(CAMERA), 0, RANDOM);
        byte[] blob = sealed.blob().canonicalBytes();
        assertThat(blob.length).isGreaterThan(65536);
        MockHttpServletResponse r = mvc.perform(put("/v1/vault/blobs/" + Sha256Digest.hash(blob).hex())
                .header("Authorization", "Bearer " + SITE.token(org.oversight.ledger.security.Role.CAMERA))
                .contentType("application/json").content(blob)).andReturn().getResponse();
        assertProblem(r, 413, "payload-too-large");
        assertThat(vault.blob(sealed.blobDigest())).isEmpty();
    }

    @Test
    @Order(3)
    void theEngineMatchesASealedDetectionAgainstTheSealedEntrysTemplates() throws Exception {
        SignedEvent detection = sealedDetection(1, templateA, "probe crop A".getBytes(StandardCharsets.UTF_8));
        long leaf = submit(detection);
        await(() -> processor.status().position() >= leaf && processor.status().state() == EngineStatus.State.RUNNING,
                "engine past the detection");
        // The probe is entry A's first template exactly: proposed against A with the best score. (The
        // synthetic patterns derive near templates, so the live entry B may be proposed too; the
        // withdrawn entry C never is.)
        List<MatchProposed> proposals = payloads(MatchProposed.class);
        assertThat(proposals).extracting(MatchProposed::candidateEntry).contains("wl-sealed-a")
                .doesNotContain("wl-sealed-c");
        assertThat(proposals).allSatisfy(p -> assertThat(p.detection())
                .isEqualTo(new DetectionRef(detection.eventHash(), leaf)));
        MatchProposed toA = proposals.stream().filter(p -> p.candidateEntry().equals("wl-sealed-a")).findFirst()
                .orElseThrow();
        assertThat(proposals).allSatisfy(p -> assertThat(p.score()).isGreaterThanOrEqualTo(toA.score()));

        // The court's bundle (format.md §11.6): an evidence-bundle disclosure naming the detection and entry A
        // releases both records; the served version-2 bundle carries A's whole sealed enrolment record
        // (opened by the vault) and its crop closest to the probe (crop 0, the probe's own pixels).
        SignedEvent court = CHAINS.next(RecordDisclosed.withEntries("disc-wl-court",
                List.of(new DetectionRef(detection.eventHash(), leaf)), List.of("wl-sealed-a"),
                DisclosurePurpose.EVIDENCE_BUNDLE, "CASE-WL-COURT", "Court: HCMA 1234/2026"), OFFICER_KEY);
        MockHttpServletResponse r = postTo("/v1/vault/disclosures", OFFICER_TOKEN, court.leafBytes());
        assertThat(r.getStatus()).as(r.getContentAsString()).isEqualTo(200);
        long courtLeaf = Long.parseLong(r.getHeader("Oversight-Leaf-Index"));
        await(() -> checkpointSize() > courtLeaf, "a checkpoint over the court disclosure");
        MockHttpServletResponse served = mvc.perform(get("/v1/matches/" + toA.match() + "/bundle")
                .header("Authorization", "Bearer " + OFFICER_TOKEN)).andReturn().getResponse();
        assertThat(served.getStatus()).as(served.getContentAsString()).isEqualTo(200);
        org.oversight.domain.bundle.EvidenceBundle bundle = org.oversight.domain.bundle.EvidenceBundle.parse(
                served.getContentAsByteArray());
        assertThat(bundle.version()).isEqualTo(2);
        assertThat(bundle.records().orElseThrow().entryRecord()).hasValueSatisfying(rec -> {
            assertThat(rec.commitment()).isEqualTo(sealedOf(entryA).commitment());
            assertThat(rec.crops()).hasSize(2);
        });
        assertThat(bundle.records().get().enrolment()).hasValueSatisfying(en -> {
            assertThat(en.entry()).isEqualTo("wl-sealed-a");
            assertThat(en.template()).isZero();
            assertThat(en.alignedCrop()).isEqualTo(cropA);
        });
        assertThat(bundle.events()).anyMatch(e -> e.leafIndex() == courtLeaf);
    }

    @Test
    @Order(4)
    void aDisclosureNamingTheSealedEntryReturnsItsSealedEnrolmentRecord() throws Exception {
        SignedEvent disclosure = CHAINS.next(RecordDisclosed.withEntries("disc-wl-1", List.of(), List.of("wl-sealed-a"),
                DisclosurePurpose.AUDIT, "CASE-WL-1", "Auditor: Privacy Commissioner"), AUTHORITY);
        MockHttpServletResponse r = mvc.perform(post("/v1/vault/disclosures")
                .header("Authorization", "Bearer " + AUTHORITY_TOKEN).contentType("application/json")
                .content(disclosure.leafBytes())).andReturn().getResponse();
        assertThat(r.getStatus()).as(r.getContentAsString()).isEqualTo(200);
        org.oversight.domain.export.RecordsFileReader reader = new org.oversight.domain.export.RecordsFileReader(
                new java.io.ByteArrayInputStream(r.getContentAsByteArray()));
        assertThat(reader.disclosure()).isEqualTo(disclosure.eventHash());
        assertThat(reader.next()).isNull();
        org.oversight.domain.export.RecordsFile.Enrolment line = reader.nextEnrolmentLine();
        assertThat(line).isInstanceOfSatisfying(org.oversight.domain.export.RecordsFile.SealedEnrolment.class, s -> {
            assertThat(s.record().commitment()).isEqualTo(sealedOf(entryA).commitment());
            assertThat(s.record().crops().get(0).alignedCrop()).isEqualTo(cropA);
        });
        assertThat(reader.nextEnrolmentLine()).isNull();
    }

    @Test
    @Order(5)
    void theCloseKeepsTheLiveEntriesErasesTheWithdrawnOneAndTheEngineStillOpensAKeptEntry() throws Exception {
        EpochCloser closer = closer();
        CLOCK.advance(ERASE_BY.epochMillis() - 60_000 - CLOCK.millis());
        assertThat(closer.tick().closed()).containsExactly(EPOCH);
        List<ErasureEpochClosed> closes = payloads(ErasureEpochClosed.class);
        assertThat(closes).hasSize(1);
        List<KeptRecord> entries = closes.get(0).kept().stream().filter(k -> k.reason() == KeepReason.WATCHLIST_ENTRY)
                .toList();
        assertThat(entries).containsExactly(
                new KeptRecord("warrant HKM-A", new DetectionRef(entryA.eventHash(), entryALeaf),
                        KeepReason.WATCHLIST_ENTRY, LONG_UNTIL),
                new KeptRecord("warrant HKM-B", new DetectionRef(entryB.eventHash(), entryBLeaf),
                        KeepReason.WATCHLIST_ENTRY, SHORT_UNTIL));
        // 3 entries and 1 detection sealed to the epoch; the detection (matched) and two entries kept.
        assertThat(closes.get(0).kept()).hasSize(3);
        assertThat(closes.get(0).erased()).isEqualTo(1);
        assertThat(vault.epochKey(EPOCH).orElseThrow().destroyed()).isTrue();
        assertThat(records.openEnrolment(entryC)).isInstanceOf(VaultRecords.Erased.class);
        assertThat(vault.blob(sealedOf(entryC).blobDigest()).orElseThrow().erased()).isTrue();
        // Kept: opened with the case key after the epoch key is gone.
        assertThat(records.openEnrolment(entryA)).isInstanceOfSatisfying(VaultRecords.Enrolment.class,
                r -> assertThat(r.record().templates().get(0)).isEqualTo(templateA));
        assertThat(vault.kept(entryA.eventHash().digest()).orElseThrow().caseRef()).isEqualTo("warrant HKM-A");
    }

    @Test
    @Order(6)
    void aKeptEntryRecordIsDestroyedWhenTheEntryIsWithdrawnAndWhenItExpires() throws Exception {
        long size = sequencer.committed().size();
        // A closer that keeps running across the withdrawal: it has read the log up to here.
        EpochCloser running = closer();
        assertThat(running.tick().keptDestroyed()).isZero();
        assertThat(sequencer.committed().size()).isEqualTo(size);

        submit(CHAINS.next(new WatchlistEntryWithdrawn("wl-sealed-a", "warrant discharged"), OFFICER_KEY));
        // While the recognition processor has not reached the last leaf, nothing is destroyed: a proposal
        // it still owes for an earlier detection must land before the destruction (R5(c)).
        long last = sequencer.committed().size() - 1;
        RecognitionProcessor lagging = org.mockito.Mockito.mock(RecognitionProcessor.class);
        org.mockito.Mockito.when(lagging.status())
                .thenReturn(new EngineStatus(EngineStatus.State.RUNNING, last - 1, "behind by one leaf"));
        assertThat(closer(lagging).tick().keptDestroyed()).isZero();
        assertThat(sequencer.committed().size()).isEqualTo(last + 1);
        assertThat(payloads(KeptRecordsDestroyed.class)).isEmpty();
        await(() -> processor.status().position() >= last, "engine at the withdrawal");
        assertThat(running.tick().keptDestroyed()).isEqualTo(1);
        assertThat(running.tick().keptDestroyed()).isZero();
        List<KeptRecordsDestroyed> destroyed = payloads(KeptRecordsDestroyed.class);
        assertThat(destroyed).hasSize(1);
        assertThat(destroyed.get(0).detections()).containsExactly(new DetectionRef(entryA.eventHash(), entryALeaf));
        assertThat(destroyed.get(0).reason()).contains("withdrawn");
        assertThat(records.openEnrolment(entryA)).isInstanceOf(VaultRecords.Erased.class);
        assertThat(vault.blob(sealedOf(entryA).blobDigest()).orElseThrow().erased()).isTrue();
        assertThat(closer().tick().keptDestroyed()).isZero();
        // Destroyed: never disclosed again (R5(c)), nothing appended.
        long before = sequencer.committed().size();
        MockHttpServletResponse erased = mvc.perform(post("/v1/vault/disclosures")
                .header("Authorization", "Bearer " + AUTHORITY_TOKEN).contentType("application/json")
                .content(CHAINS.peek(RecordDisclosed.withEntries("disc-wl-2", List.of(), List.of("wl-sealed-a"),
                        DisclosurePurpose.AUDIT, "CASE-WL-2", "Auditor"), AUTHORITY).leafBytes()))
                .andReturn().getResponse();
        assertProblem(erased, 409, "record-erased");
        assertThat(sequencer.committed().size()).isEqualTo(before);

        // The short-lived entry: destroyed one close lead before its validUntil (its retainUntil), not earlier.
        CLOCK.advance(SHORT_UNTIL.epochMillis() - 60_000 - 1 - CLOCK.millis());
        assertThat(closer().tick().keptDestroyed()).isZero();
        CLOCK.advance(1);
        assertThat(closer().tick().keptDestroyed()).isEqualTo(1);
        destroyed = payloads(KeptRecordsDestroyed.class);
        assertThat(destroyed).hasSize(2);
        assertThat(destroyed.get(1).detections()).containsExactly(new DetectionRef(entryB.eventHash(), entryBLeaf));
        assertThat(records.openEnrolment(entryB)).isInstanceOf(VaultRecords.Erased.class);
        assertThat(vault.liveBlobs(EPOCH)).doesNotContain(sealedOf(entryB).blobDigest(), sealedOf(entryA).blobDigest());
    }

    @Test
    @Order(7)
    void theEngineProposesNoMatchNamingAnEntryWhoseKeptRecordWasDestroyed() throws Exception {
        // Entry B's kept record was destroyed one close lead before its validUntil (order 6). A detection
        // captured before that validUntil, of B's own face, arriving after the destruction: the projection
        // no longer searches B (format.md §9.8), so the engine derives nothing naming B — before, it held
        // B's templates in memory and appended that match, an R5(c) violation in its own log.
        String epoch2 = "ep-wl-2";
        MockHttpServletResponse key = mvc.perform(post("/v1/vault/epochs/" + epoch2 + "/key")
                .header("Authorization", "Bearer " + AUTHORITY_TOKEN)).andReturn().getResponse();
        assertThat(key.getStatus()).as(key.getContentAsString()).isEqualTo(200);
        JsonNode k = JSON.readTree(key.getContentAsByteArray());
        ErasureEpochOpened second = new ErasureEpochOpened(epoch2, EventFixtures.time("2026-11-28T11:00:00.000Z"),
                EventFixtures.time("2026-11-28T13:00:00.000Z"), EventFixtures.time("2026-11-28T14:00:00.000Z"),
                List.of(new EpochRecipient.Vault(k.get("recipient").asText(),
                        X25519PublicKey.parse(k.get("publicKey").asText()))));
        submit(CHAINS.next(second, AUTHORITY));
        Template templateB = derived(pattern(7));  // entry B's own template
        long seq = CHAINS.head(StreamId.detections(CAMERA)).nextSeq();
        RecordSealer.Sealed sealed = RecordSealer.seal(BiometricRecord.of(templateB, EventFixtures.landmarks(),
                "probe crop B".getBytes(StandardCharsets.UTF_8), nonce()), second, StreamId.detections(CAMERA), seq,
                RANDOM);
        putBlob(sealed.blob().canonicalBytes(), SITE.token(org.oversight.ledger.security.Role.CAMERA));
        Timestamp captured = EventFixtures.time("2026-11-28T11:59:30.000Z");
        assertThat(captured.compareTo(SHORT_UNTIL)).as("captured inside entry B's window").isNegative();
        SignedEvent detection = CHAINS.next(new SealedFaceDetected(CAMERA, captured, EventFixtures.digestOf("frame B"),
                new FaceBox(96, 180, 120, 140), MODEL, 1, 870, new SealedRecordRef(sealed.blobDigest(),
                        sealed.commitment(), sealed.blob().epoch())), CAMERA_KEY);
        long leaf = submit(detection);
        await(() -> processor.status().position() >= leaf || processor.status().state() == EngineStatus.State.STALLED,
                "engine past the detection after B's destruction");
        assertThat(processor.status().state()).as(processor.status().detail()).isEqualTo(EngineStatus.State.RUNNING);
        assertThat(payloads(MatchProposed.class)).filteredOn(p -> p.detection().leafIndex() == leaf)
                .extracting(MatchProposed::candidateEntry).doesNotContain("wl-sealed-b");
    }

    @Test
    @Order(8)
    void noEntryTemplateOrCropIsReadableInATileTheExportOrALogLine() throws Exception {
        await(() -> checkpointSize() >= sequencer.committed().size(), "checkpoint covers the log");
        long size = checkpointSize();
        List<byte[]> served = new ArrayList<>();
        for (long n = 0; n * 256 < size; n++) {
            long w = Math.min(256, size - n * 256);
            String path = "/tile/entries/" + SealedRecordsFlowTest.tileIndex(n) + (w == 256 ? "" : ".p/" + w);
            MockHttpServletResponse tile = mvc.perform(get(path)).andReturn().getResponse();
            assertThat(tile.getStatus()).as(path).isEqualTo(200);
            served.add(tile.getContentAsByteArray());
        }
        MockHttpServletResponse export = mvc.perform(get("/v1/export").header("Authorization",
                "Bearer " + SITE.token(org.oversight.ledger.security.Role.AUDITOR))).andReturn().getResponse();
        assertThat(export.getStatus()).isEqualTo(200);
        served.add(export.getContentAsByteArray());
        StringBuilder lines = new StringBuilder();
        for (ILoggingEvent e : List.copyOf(ALL_LOG_LINES.list)) {
            lines.append(e.getFormattedMessage()).append('\n');
            if (e.getThrowableProxy() != null) {
                lines.append(e.getThrowableProxy().getMessage()).append('\n');
            }
        }
        assertThat(ALL_LOG_LINES.list).isNotEmpty();
        served.add(lines.toString().getBytes(StandardCharsets.UTF_8));
        assertThat(new String(served.get(0), StandardCharsets.ISO_8859_1)).contains("wl-sealed-a");
        for (byte[] needle : List.of(templateA.data(), cropA)) {
            List<byte[]> forms = SealedRecordsFlowTest.forms(needle);
            for (int i = 0; i < served.size(); i++) {
                for (int f = 0; f < forms.size(); f++) {
                    assertThat(SealedRecordsFlowTest.indexOf(served.get(i), forms.get(f)))
                            .as("form %d of an entry's biometric value in served item %d (tiles, export, log lines)",
                                    f, i)
                            .isEqualTo(-1);
                }
            }
        }
        // The search can fail: a schema-1 entry carries the template in its leaf, found by the same code.
        byte[] v1Leaf = CHAINS.peek(clear("wl-v1", "warrant V1", LONG_UNTIL, List.of(templateA)), OFFICER_KEY)
                .leafBytes();
        assertThat(SealedRecordsFlowTest.forms(templateA.data()).stream()
                .filter(form -> SealedRecordsFlowTest.indexOf(v1Leaf, form) >= 0)).isNotEmpty();
    }

    // ---- helpers --------------------------------------------------------------------------------

    /** An aligned-crop test pattern (format.md §9.2), shifted so two patterns derive two templates. */
    static byte[] pattern(int shift) {
        byte[] crop = new byte[150 * 150 * 3];
        for (int y = 0; y < 150; y++) {
            for (int x = 0; x < 150; x++) {
                int i = (y * 150 + x) * 3;
                crop[i] = (byte) ((x + y + shift * 40) & 0xff);
                crop[i + 1] = (byte) ((3 * x - y + shift * 17) & 0xff);
                crop[i + 2] = (byte) (((x / 10 + y / 10 + shift) & 1) == 1 ? 220 : 20);
            }
        }
        return crop;
    }

    private static Template derived(byte[] crop) throws Exception {
        return Template.of(deriver.derive(crop).encode(), 1, MODEL);
    }

    private static WatchlistEntryAuthorized clear(String entry, String warrant, Timestamp until,
            List<Template> templates) {
        return new WatchlistEntryAuthorized(entry, "subj-" + entry, "wanted", warrant, OFFICER, VALID_FROM, until,
                templates, EventFixtures.digestOf("source image " + entry));
    }

    private static EnrolmentSealer.SealedEnrolment seal(WatchlistEntryAuthorized clear, List<byte[]> crops) {
        List<EnrolmentRecord.Crop> list = new ArrayList<>();
        for (int i = 0; i < crops.size(); i++) {
            list.add(new EnrolmentRecord.Crop(crops.get(i), clear.templates().get(i)));
        }
        return EnrolmentSealer.seal(clear, EnrolmentRecord.of(clear.entry(), list), opened, HEADER_TIME, RANDOM);
    }

    private static byte[] nonce() {
        byte[] nonce = new byte[BiometricRecord.NONCE_LENGTH];
        RANDOM.nextBytes(nonce);
        return nonce;
    }

    private EpochCloser closer() {
        return closer(processor);
    }

    private EpochCloser closer(RecognitionProcessor processor) {
        return new EpochCloser(registry, sequencer, store, ingest, vault, new VaultRecords(vault, registry), processor,
                keys.engineEventKey(), CLOCK, Duration.ofMinutes(1), Duration.ofDays(30), RANDOM);
    }

    private ErasureEpochOpened openEpoch() throws Exception {
        MockHttpServletResponse r = mvc.perform(post("/v1/vault/epochs/" + EPOCH + "/key")
                .header("Authorization", "Bearer " + AUTHORITY_TOKEN)).andReturn().getResponse();
        assertThat(r.getStatus()).as(r.getContentAsString()).isEqualTo(200);
        JsonNode key = JSON.readTree(r.getContentAsByteArray());
        ErasureEpochOpened o = new ErasureEpochOpened(EPOCH, SEAL_FROM, SEAL_UNTIL, ERASE_BY,
                List.of(new EpochRecipient.Vault(key.get("recipient").asText(),
                        X25519PublicKey.parse(key.get("publicKey").asText()))));
        submit(CHAINS.next(o, AUTHORITY));
        return o;
    }

    private SignedEvent sealedDetection(int n, Template template, byte[] crop) throws Exception {
        long seq = CHAINS.head(StreamId.detections(CAMERA)).nextSeq();
        RecordSealer.Sealed sealed = RecordSealer.seal(BiometricRecord.of(template, EventFixtures.landmarks(), crop,
                nonce()), opened, StreamId.detections(CAMERA), seq, RANDOM);
        putBlob(sealed.blob().canonicalBytes(), SITE.token(org.oversight.ledger.security.Role.CAMERA));
        return CHAINS.next(new SealedFaceDetected(CAMERA, EventFixtures.time("2026-11-27T09:30:00.040Z"),
                EventFixtures.digestOf("frame " + n), new FaceBox(96, 180, 120, 140), MODEL, 1, 870,
                new SealedRecordRef(sealed.blobDigest(), sealed.commitment(), sealed.blob().epoch())), CAMERA_KEY);
    }

    private static SealedRecordRef sealedOf(SignedEvent e) {
        return ((SealedWatchlistEntryAuthorized) e.payload()).sealed();
    }

    private MockHttpServletResponse putBlob(byte[] blob, String token) throws Exception {
        MockHttpServletResponse r = mvc.perform(put("/v1/vault/blobs/" + Sha256Digest.hash(blob).hex())
                .header("Authorization", "Bearer " + token).contentType("application/json").content(blob))
                .andReturn().getResponse();
        assertThat(r.getStatus()).as(r.getContentAsString()).isIn(200, 201);
        return r;
    }

    private MockHttpServletResponse postTo(String path, String token, byte[] body) throws Exception {
        return mvc.perform(org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post(path)
                .header("Authorization", "Bearer " + token).contentType("application/json").content(body))
                .andReturn().getResponse();
    }

    private long submit(SignedEvent e) throws Exception {
        return ingest.submit(List.of(e)).get(0).leafIndex();
    }

    private long checkpointSize() {
        try {
            String note = mvc.perform(get("/checkpoint")).andReturn().getResponse().getContentAsString();
            return Long.parseLong(note.split("\n")[1]);
        } catch (Exception e) {
            return -1;
        }
    }

    private <T> List<T> payloads(Class<T> type) {
        List<T> out = new ArrayList<>();
        for (StoredLeaf l : store.leaves(0, (int) sequencer.committed().size())) {
            try {
                Object p = SignedEvent.parse(l.leaf().leafBytes()).payload();
                if (type.isInstance(p)) {
                    out.add(type.cast(p));
                }
            } catch (org.oversight.domain.event.InvalidEventException ex) {
                throw new AssertionError(ex);
            }
        }
        return out;
    }

    private static void assertProblem(MockHttpServletResponse r, int status, String rule) throws Exception {
        assertThat(r.getStatus()).as(r.getContentAsString()).isEqualTo(status);
        assertThat(r.getContentType()).startsWith("application/problem+json");
        assertThat(JSON.readTree(r.getContentAsByteArray()).get("type").asText())
                .isEqualTo("urn:oversight:problem:" + rule);
    }
}
