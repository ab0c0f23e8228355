package org.oversight.ledger.vault;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.oversight.ledger.testing.SyntheticFaces.MODEL;
import static org.oversight.ledger.testing.SyntheticFaces.await;
import static org.oversight.ledger.testing.SyntheticFaces.quantised;
import static org.oversight.ledger.testing.SyntheticFaces.wire;
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
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.EnumSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.oversight.domain.crypto.Ed25519PrivateKey;
import org.oversight.domain.crypto.MalformedKeyException;
import org.oversight.domain.crypto.Sha256Digest;
import org.oversight.domain.event.AccuracyAttestation;
import org.oversight.domain.event.AuthorityDeclared;
import org.oversight.domain.event.CameraRegistered;
import org.oversight.domain.event.DetectionRef;
import org.oversight.domain.event.DisclosurePurpose;
import org.oversight.domain.event.ErasureEpochClosed;
import org.oversight.domain.event.ErasureEpochOpened;
import org.oversight.domain.event.EventFixtures;
import org.oversight.domain.event.EventType;
import org.oversight.domain.event.FaceBox;
import org.oversight.domain.event.KeptRecordsDestroyed;
import org.oversight.domain.event.KeyEnrolled;
import org.oversight.domain.event.MatchProposed;
import org.oversight.domain.event.RecognitionPolicySet;
import org.oversight.domain.event.RecordDisclosed;
import org.oversight.domain.bundle.EvidenceBundle;
import org.oversight.domain.event.Role;
import org.oversight.domain.event.SealedFaceDetected;
import org.oversight.domain.event.SealedRecordRef;
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
import org.oversight.ledger.aggregate.EventRejectedException;
import org.oversight.ledger.aggregate.LedgerRegistry;
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
import org.oversight.ledger.web.ProblemType;
import org.oversight.recognition.template.FaceTemplate;
import org.oversight.recognition.match.MatchScore;
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
 * Sealed biometric records end to end in the running ledger (its own log and database): a camera
 * stores sealed blobs and appends schema-2 detections; the ingest check refuses a detection whose
 * blob is missing or filed for another position; the engine opens the records with the vault's
 * epoch key and proposes the match; a signed disclosure returns the record to its signer only;
 * the epoch closer keeps the matched record under a case key, appends the close once, destroys
 * the epoch key and erases the blobs, resumes after a crash at each step without a second close,
 * and destroys kept records on time. Last, no template, landmark or crop byte is readable in any
 * tile, the export or a log line.
 */
@SpringBootTest(classes = LedgerApplication.class, properties = {
    "oversight.store.type=postgres",
    "oversight.checkpoint.every-leaves=1",
    "oversight.checkpoint.interval-ms=50",
    "oversight.log.origin=test.oversight/vault-log",
    "oversight.engine.poll-interval-ms=50",
    "oversight.vault.closer-enabled=false",
    // Its watchlist entries are schema 1 (the schema-1 enrolment records of PUT /v1/vault/enrolments
    // are tested here), which only a ledger accepting clear events takes; the deployed default
    // (false) is SealedWatchlistFlowTest's, which checks the refusal of clear detections and entries.
    "oversight.ingest.accept-clear-detections=true",
    // The closers this test drives by hand run on its own clock, moved back and forth across days
    // while the ledger runs on the real one: the clock-ahead refusal (EventAdmissionTest) is out of
    // the way here, and the context's own closer (never started) keeps the tolerance below its lead.
    "oversight.ingest.max-clock-ahead=3650d",
    "oversight.vault.close-lead=3651d",
    "axon.eventhandling.processors.default.mode=subscribing"
})
@AutoConfigureMockMvc
@AutoConfigureObservability(tracing = false)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_CLASS)
class SealedRecordsFlowTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final long THRESHOLD = 9216;
    private static final String CAMERA = "cam-seal-1";
    private static final String OFFICER = "officer-seal";
    private static final String AUTHORITY_ID = "authority-seal";
    private static final TestSite SITE = TestSite.create("oversight-vault-test",
            org.oversight.ledger.security.Role.CAMERA, org.oversight.ledger.security.Role.WITNESS,
            org.oversight.ledger.security.Role.AUDITOR);
    private static final String AUTHORITY_TOKEN = issue(AUTHORITY_ID, org.oversight.ledger.security.Role.AUTHORITY);
    private static final String OTHER_TOKEN = issue("someone-else", org.oversight.ledger.security.Role.AUTHORITY);
    private static final String OFFICER_TOKEN = issue(OFFICER, org.oversight.ledger.security.Role.OFFICER);

    private static final Ed25519PrivateKey AUTHORITY = EventFixtures.key(91);
    private static final Ed25519PrivateKey OFFICER_KEY = EventFixtures.key(92);
    private static final Ed25519PrivateKey CAMERA_KEY = EventFixtures.key(93);
    private static final Chains CHAINS = new Chains();
    private static final String EPOCH = "ep-seal-1";
    private static final String EPOCH_2 = "ep-seal-2";
    private static final Timestamp SEAL_FROM = EventFixtures.time("2026-11-27T09:00:00.000Z");
    private static final Timestamp SEAL_UNTIL = EventFixtures.time("2026-11-27T10:30:00.000Z");
    private static final Timestamp ERASE_BY = EventFixtures.time("2026-11-27T11:00:00.000Z");
    /** The known template: the test searches the served log for its bytes. */
    private static final FaceTemplate KNOWN = quantised(37, 101, 50, 0.01f);
    private static final byte[] KNOWN_CROP = "known aligned crop pixels of the passer-by".repeat(40)
            .getBytes(StandardCharsets.UTF_8);

    private static final ListAppender<ILoggingEvent> ALL_LOG_LINES = new ListAppender<>();

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        SITE.register(registry);
    }

    /** After the context started (Spring Boot re-initialises logging when it does), once. */
    @BeforeEach
    void captureEveryLogLine() {
        Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        if (root.getAppender(ALL_LOG_LINES.getName()) == null) {
            ALL_LOG_LINES.setName("sealed-records-flow-test");
            ALL_LOG_LINES.start();
            root.addAppender(ALL_LOG_LINES);
            // Every line the ledger writes, down to DEBUG, is searched (kept off the console: too many).
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

    private static SignedEvent matching;
    private static long matchingLeaf;
    private static SignedEvent unmatched;
    private static ErasureEpochOpened opened;
    private static final MutableClock CLOCK = new MutableClock(ERASE_BY.epochMillis() - 3_600_000L);

    private static String issue(String principal, org.oversight.ledger.security.Role role) {
        try {
            return CredentialsFile.issue(SITE.dataDir().resolve("credentials"), principal, EnumSet.of(role), RANDOM);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static String bearer(org.oversight.ledger.security.Role role) {
        return "Bearer " + SITE.token(role);
    }

    @Test
    @Order(1)
    void sealedDetectionsAreAcceptedAndTheEngineMatchesThem() throws Exception {
        submit(CHAINS.next(new AuthorityDeclared(AUTHORITY_ID, "Vault Test Board", AUTHORITY.publicKey()), AUTHORITY));
        submit(CHAINS.next(new KeyEnrolled(OFFICER, Role.OFFICER, OFFICER_KEY.publicKey()), AUTHORITY));
        submit(CHAINS.next(new KeyEnrolled("engine-vault", Role.ENGINE, keys.engineEventKey().publicKey()), AUTHORITY));
        CameraRegistered sample = EventFixtures.cameraRegistered();
        submit(CHAINS.next(new CameraRegistered(CAMERA, sample.location(), sample.purpose(), sample.legalBasis(),
                CAMERA_KEY.publicKey()), OFFICER_KEY));
        submit(CHAINS.next(new RecognitionPolicySet(MODEL, 1, THRESHOLD, Math.max(THRESHOLD, MatchScore.MAX), 2, 0,
                new AccuracyAttestation(EventFixtures.digestOf("attestation"), 1000, 10_000)), AUTHORITY));
        submit(CHAINS.next(new WatchlistEntryAuthorized("wl-seal-1", "subj-1", "wanted", "warrant HKM-9", OFFICER,
                EventFixtures.time("2026-11-01T00:00:00.000Z"), EventFixtures.time("2026-12-01T00:00:00.000Z"),
                List.of(wire(quantised(37, 101, 50, 0f))), EventFixtures.digestOf("source image 1")), OFFICER_KEY));
        opened = openEpoch(EPOCH);

        matching = sealedDetection(1, wire(KNOWN), KNOWN_CROP, true);
        matchingLeaf = submit(matching);
        unmatched = sealedDetection(2, wire(quantised(59, 97, 48, 0f)), "other crop".getBytes(StandardCharsets.UTF_8),
                true);
        long unmatchedLeaf = submit(unmatched);

        await(() -> processor.status().position() >= unmatchedLeaf
                && processor.status().state() == EngineStatus.State.RUNNING, "engine past the detections");
        List<MatchProposed> proposals = payloads(MatchProposed.class);
        assertThat(proposals).hasSize(1);
        assertThat(proposals.get(0).detection()).isEqualTo(new DetectionRef(matching.eventHash(), matchingLeaf));
        assertThat(proposals.get(0).candidateEntry()).isEqualTo("wl-seal-1");
    }

    @Test
    @Order(2)
    void aDetectionWhoseBlobIsMissingOrFiledElsewhereIsRefusedBeforeSequencing() throws Exception {
        long size = sequencer.committed().size();
        SignedEvent noBlob = sealedDetection(3, wire(quantised(11, 89, 40, 0f)), "c3".getBytes(StandardCharsets.UTF_8),
                false);
        assertThatThrownBy(() -> ingest.submit(List.of(noBlob))).isInstanceOf(EventRejectedException.class)
                .satisfies(e -> assertThat(((EventRejectedException) e).type()).isEqualTo(org.oversight.ledger.aggregate.Rejection.RECORD_NOT_STORED))
                .hasMessageContaining("is not stored in the vault");
        // A blob sealed for seq 7 stored, a detection at the next seq naming it.
        BiometricRecord record = record(wire(quantised(13, 83, 40, 0f)), "c4".getBytes(StandardCharsets.UTF_8));
        RecordSealer.Sealed elsewhere = RecordSealer.seal(record, opened, StreamId.detections(CAMERA), 7, RANDOM);
        putBlob(elsewhere.blob().canonicalBytes());
        SignedEvent misfiled = CHAINS.peek(detection(4, elsewhere), CAMERA_KEY);
        assertThatThrownBy(() -> ingest.submit(List.of(misfiled))).isInstanceOf(EventRejectedException.class)
                .hasMessageContaining("seq 7");
        assertThat(sequencer.committed().size()).isEqualTo(size);
    }

    @Test
    @Order(3)
    void aDisclosureReturnsTheRecordToItsSignerOnly() throws Exception {
        SignedEvent disclosure = CHAINS.next(new RecordDisclosed("disc-seal-1",
                List.of(new DetectionRef(matching.eventHash(), matchingLeaf)), DisclosurePurpose.AUDIT, "CASE-7",
                "Auditor: Privacy Commissioner"), AUTHORITY);
        long size = sequencer.committed().size();
        assertProblem(disclose(disclosure, OTHER_TOKEN), 403, "disclosure-required");
        assertProblem(disclose(matching, AUTHORITY_TOKEN), 403, "disclosure-required");
        assertThat(sequencer.committed().size()).isEqualTo(size);

        MockHttpServletResponse r = disclose(disclosure, AUTHORITY_TOKEN);
        assertThat(r.getStatus()).as(r.getContentAsString()).isEqualTo(200);
        assertThat(r.getContentType()).isEqualTo("application/x-oversight-records");
        assertThat(sequencer.committed().size()).isEqualTo(size + 1);
        assertThat(r.getContentAsString()).contains(Base64.getEncoder().encodeToString(KNOWN.encode()));
        // The same disclosure again: the same records, nothing appended.
        assertThat(disclose(disclosure, AUTHORITY_TOKEN).getContentAsByteArray()).isEqualTo(r.getContentAsByteArray());
        assertThat(sequencer.committed().size()).isEqualTo(size + 1);
        // The witness reads ciphertext only.
        MockHttpServletResponse blob = mvc.perform(get("/v1/vault/blobs/" + sealedOf(matching).blobDigest().hex())
                .header("Authorization", bearer(org.oversight.ledger.security.Role.WITNESS))).andReturn().getResponse();
        assertThat(blob.getStatus()).isEqualTo(200);
        assertThat(blob.getContentAsString()).doesNotContain(Base64.getEncoder().encodeToString(KNOWN.encode()));
    }

    /** An aligned-crop test pattern (format.md §9.2), shifted so two patterns derive two templates. */
    private static byte[] pattern(int shift) {
        byte[] crop = new byte[150 * 150 * 3];
        for (int y = 0; y < 150; y++) {
            for (int x = 0; x < 150; x++) {
                int i = (y * 150 + x) * 3;
                crop[i] = (byte) ((x + y + shift * 40) & 0xff);
                crop[i + 1] = (byte) ((3 * x - y) & 0xff);
                crop[i + 2] = (byte) (((x / 10 + y / 10 + shift) & 1) == 1 ? 220 : 20);
            }
        }
        return crop;
    }

    private MockHttpServletResponse putEnrolment(String entry, byte[] body, String token) throws Exception {
        return mvc.perform(put("/v1/vault/enrolments/" + entry).header("Authorization", "Bearer " + token)
                .contentType("application/json").content(body)).andReturn().getResponse();
    }

    /**
     * The enrolling officer stores an entry's enrolment record; the vault checks on arrival that
     * the crop derives the entry's template bit for bit, is idempotent and credentialed; a schema-2
     * disclosure releases it (records file enrolment line) and nothing else does; the record is
     * erased at the entry's end plus the kept retention and never served again.
     */
    @Test
    @Order(3)
    void anEnrolmentRecordIsCheckedOnArrivalDisclosedOnTheRecordAndErasedWithTheEntry() throws Exception {
        org.oversight.recognition.pipeline.CropTemplateDeriver deriver = org.oversight.recognition.pipeline
                .CropTemplateDeriver.load(org.oversight.recognition.assets.AssetCache.defaultModelDir());
        byte[] crop = pattern(0);
        org.oversight.domain.event.Template template = org.oversight.domain.event.Template.of(
                deriver.derive(crop).encode(), 1, MODEL);
        String entry = "wl-enrol-1";
        long entryLeaf = submit(CHAINS.next(new WatchlistEntryAuthorized(entry, "subj-2", "wanted", "warrant HKM-10",
                OFFICER, EventFixtures.time("2026-11-01T00:00:00.000Z"), EventFixtures.time("2027-06-01T00:00:00.000Z"),
                List.of(template), EventFixtures.digestOf("source image 2")), OFFICER_KEY));
        org.oversight.domain.seal.EnrolmentRecord honest = org.oversight.domain.seal.EnrolmentRecord.of(entry,
                List.of(new org.oversight.domain.seal.EnrolmentRecord.Crop(crop, template)));
        org.oversight.domain.seal.EnrolmentRecord swapped = org.oversight.domain.seal.EnrolmentRecord.of(entry,
                List.of(new org.oversight.domain.seal.EnrolmentRecord.Crop(pattern(3), template)));
        long size = sequencer.committed().size();

        assertProblem(putEnrolment(entry, swapped.canonicalBytes(), OFFICER_TOKEN), 422, "enrolment-mismatch");
        assertThat(vault.enrolment(entry)).isEmpty();
        assertProblem(putEnrolment(entry, honest.canonicalBytes(), AUTHORITY_TOKEN), 403, "forbidden");
        assertProblem(putEnrolment("wl-never", org.oversight.domain.seal.EnrolmentRecord.of("wl-never",
                honest.crops()).canonicalBytes(), OFFICER_TOKEN), 404, "not-found");
        assertProblem(putEnrolment("wl-other", honest.canonicalBytes(), OFFICER_TOKEN), 400, "invalid-enrolment");
        assertProblem(putEnrolment(entry, "{ \"entry\": 1 }".getBytes(StandardCharsets.UTF_8), OFFICER_TOKEN), 400,
                "invalid-enrolment");
        MockHttpServletResponse created = putEnrolment(entry, honest.canonicalBytes(), OFFICER_TOKEN);
        assertThat(created.getStatus()).as(created.getContentAsString()).isEqualTo(201);
        assertThat(JSON.readTree(created.getContentAsByteArray()).get("eraseAt").asText())
                .isEqualTo("2027-07-01T00:00:00Z");
        MockHttpServletResponse again = putEnrolment(entry, honest.canonicalBytes(), OFFICER_TOKEN);
        assertThat(again.getStatus()).isEqualTo(200);
        assertThat(again.getHeader("Oversight-Duplicate")).isEqualTo("true");
        assertProblem(putEnrolment(entry, swapped.canonicalBytes(), OFFICER_TOKEN), 409, "enrolment-conflict");
        assertThat(sequencer.committed().size()).as("storing an enrolment record appends nothing").isEqualTo(size);

        // Released only by a schema-2 disclosure naming the entry, after its detection records.
        SignedEvent both = CHAINS.next(RecordDisclosed.withEntries("disc-enrol-1",
                List.of(new DetectionRef(matching.eventHash(), matchingLeaf)), List.of(entry), DisclosurePurpose.AUDIT,
                "CASE-8", "Auditor: Privacy Commissioner"), AUTHORITY);
        MockHttpServletResponse r = disclose(both, AUTHORITY_TOKEN);
        assertThat(r.getStatus()).as(r.getContentAsString()).isEqualTo(200);
        org.oversight.domain.export.RecordsFileReader reader = new org.oversight.domain.export.RecordsFileReader(
                new java.io.ByteArrayInputStream(r.getContentAsByteArray()));
        assertThat(reader.disclosure()).isEqualTo(both.eventHash());
        assertThat(reader.next().detection().leafIndex()).isEqualTo(matchingLeaf);
        assertThat(reader.next()).isNull();
        assertThat(reader.nextEnrolment()).isEqualTo(honest);
        assertThat(reader.nextEnrolment()).isNull();
        // An entry never authorised: refused by R-disclosure's one implementation, nothing appended.
        long before = sequencer.committed().size();
        assertProblem(disclose(CHAINS.peek(RecordDisclosed.withEntries("disc-enrol-2", List.of(), List.of("wl-never"),
                DisclosurePurpose.AUDIT, "CASE-8", "Auditor"), AUTHORITY), AUTHORITY_TOKEN), 422,
                "watchlist-authorisation");
        // An authorised entry whose officer stored no record: nothing to release.
        assertProblem(disclose(CHAINS.peek(RecordDisclosed.withEntries("disc-enrol-3", List.of(), List.of("wl-seal-1"),
                DisclosurePurpose.AUDIT, "CASE-8", "Auditor"), AUTHORITY), AUTHORITY_TOKEN), 422, "record-not-stored");
        assertThat(sequencer.committed().size()).isEqualTo(before);

        // Erased at the entry's end (validUntil 2027-06-01) plus the retention, and never served again.
        VaultEnrolments enrolments = new VaultEnrolments(vault, store, "");
        VaultEnrolments.LoggedEntry logged = enrolments.entry(entry).orElseThrow();
        assertThat(logged.leaf()).isEqualTo(entryLeaf);
        java.time.Instant eraseAt = VaultEnrolments.eraseAt(logged, Duration.ofDays(30));
        assertThat(eraseAt).isEqualTo(java.time.Instant.parse("2027-07-01T00:00:00Z"));
        assertThat(enrolments.eraseDue(eraseAt.minusMillis(1), Duration.ofDays(30))).doesNotContain(entry);
        assertThat(enrolments.eraseDue(eraseAt, Duration.ofDays(30))).contains(entry);
        assertThat(vault.enrolment(entry).orElseThrow().erased()).isTrue();
        assertProblem(disclose(CHAINS.peek(RecordDisclosed.withEntries("disc-enrol-4", List.of(), List.of(entry),
                DisclosurePurpose.AUDIT, "CASE-8", "Auditor"), AUTHORITY), AUTHORITY_TOKEN), 409, "record-erased");
        assertProblem(putEnrolment(entry, honest.canonicalBytes(), OFFICER_TOKEN), 409, "record-erased");
    }

    @Test
    @Order(4)
    void theCloseKeepsTheMatchErasesTheRestAndIsAppendedOnce() throws Exception {
        EpochCloser closer = closer(vault);
        CLOCK.advance(ERASE_BY.epochMillis() - 120_000 - CLOCK.millis());
        assertThat(closer.tick().closed()).isEmpty(); // not yet due (close-lead 1 min)
        CLOCK.advance(60_000);
        EpochCloser.Tick tick = closer.tick();
        assertThat(tick.closed()).containsExactly(EPOCH);
        List<ErasureEpochClosed> closes = payloads(ErasureEpochClosed.class);
        assertThat(closes).hasSize(1);
        assertThat(closes.get(0).keptDetections()).containsExactly(new DetectionRef(matching.eventHash(), matchingLeaf));
        assertThat(closes.get(0).erased()).isEqualTo(1);
        assertThat(vault.epochKey(EPOCH).orElseThrow().destroyed()).isTrue();
        // Only the kept record's blob stays (its data key re-wrapped to the case key beside it).
        assertThat(vault.liveBlobs(EPOCH)).containsExactly(sealedOf(matching).blobDigest());
        assertThat(vault.kept(matching.eventHash().digest()).orElseThrow().caseWrap())
                .hasValueSatisfying(w -> assertThat(w).hasSize(80));
        assertThat(records.open(unmatched)).isInstanceOf(VaultRecords.Erased.class);
        assertThat(records.open(matching)).isInstanceOfSatisfying(VaultRecords.Record.class,
                r -> assertThat(r.record().template()).isEqualTo(wire(KNOWN)));
        MockHttpServletResponse erased = mvc.perform(get("/v1/vault/blobs/" + sealedOf(unmatched).blobDigest().hex())
                .header("Authorization", bearer(org.oversight.ledger.security.Role.WITNESS))).andReturn().getResponse();
        assertProblem(erased, 404, "erased");

        long size = sequencer.committed().size();
        assertThat(closer.tick().closed()).isEmpty();
        assertThat(sequencer.committed().size()).isEqualTo(size);

        // The kept record can still be disclosed; the erased one cannot, and nothing is appended.
        SignedEvent keptDisclosure = CHAINS.next(new RecordDisclosed("disc-seal-2",
                List.of(new DetectionRef(matching.eventHash(), matchingLeaf)), DisclosurePurpose.AUDIT, "CASE-7",
                "Court: HCMA 1234/2026"), AUTHORITY);
        MockHttpServletResponse kept = disclose(keptDisclosure, AUTHORITY_TOKEN);
        assertThat(kept.getStatus()).as(kept.getContentAsString()).isEqualTo(200);
        assertThat(kept.getContentAsString()).contains(Base64.getEncoder().encodeToString(KNOWN.encode()));
        long unmatchedLeaf = store.findByHash(unmatched.eventHash().digest()).orElseThrow().index();
        SignedEvent erasedDisclosure = CHAINS.peek(new RecordDisclosed("disc-seal-3",
                List.of(new DetectionRef(unmatched.eventHash(), unmatchedLeaf)), DisclosurePurpose.AUDIT, "CASE-7",
                "Court: HCMA 1234/2026"), AUTHORITY);
        long before = sequencer.committed().size();
        assertProblem(disclose(erasedDisclosure, AUTHORITY_TOKEN), 409, "record-erased");
        assertThat(sequencer.committed().size()).isEqualTo(before);
        // The same statement appended without asking the vault (POST /v1/events): the ledger's cross-stream
        // check refuses it with the rule book's own R5(c), and the log does not state a read that was refused.
        MockHttpServletResponse erasedEvent = postEvent(erasedDisclosure);
        assertProblem(erasedEvent, 409, "record-erased");
        assertThat(JSON.readTree(erasedEvent.getContentAsByteArray()).get("detail").asText())
                .contains("leaf " + unmatchedLeaf).contains("erased by epoch " + EPOCH);
        // A disclosure naming a leaf that is no sealed detection (the epoch's opening): R-disclosure's record rule.
        org.oversight.ledger.sequencer.LeafKey openedAt = store.keyAt(StreamId.epoch(EPOCH).text(), 0).orElseThrow();
        SignedEvent notARecord = CHAINS.peek(new RecordDisclosed("disc-seal-4", List.of(new DetectionRef(
                org.oversight.domain.event.EventHash.of(openedAt.hash().toByteArray()), openedAt.index())),
                DisclosurePurpose.AUDIT, "CASE-7", "Court: HCMA 1234/2026"), AUTHORITY);
        assertProblem(postEvent(notARecord), 422, "not-a-sealed-record");
        assertThat(sequencer.committed().size()).isEqualTo(before);

        // The match's bundle: version 1 until an evidence-bundle disclosure releases the record, then version 2
        // carrying the kept record and that disclosure (format.md §11.6).
        String matchId = payloads(MatchProposed.class).get(0).match();
        EvidenceBundle v1 = bundle(matchId);
        assertThat(v1.version()).isEqualTo(1);
        SignedEvent courtDisclosure = CHAINS.next(new RecordDisclosed("disc-seal-court",
                List.of(new DetectionRef(matching.eventHash(), matchingLeaf)), DisclosurePurpose.EVIDENCE_BUNDLE,
                "INC-2026-778", "Court: HCMA 1234/2026"), OFFICER_KEY);
        MockHttpServletResponse court = disclose(courtDisclosure, OFFICER_TOKEN);
        assertThat(court.getStatus()).as(court.getContentAsString()).isEqualTo(200);
        long courtLeaf = Long.parseLong(court.getHeader("Oversight-Leaf-Index"));
        await(() -> bundleCovers(matchId, courtLeaf), "a checkpoint over the court disclosure");
        EvidenceBundle v2 = bundle(matchId);
        assertThat(v2.version()).isEqualTo(2);
        assertThat(v2.records().orElseThrow().probe().template()).isEqualTo(wire(KNOWN));
        assertThat(v2.records().get().probe().alignedCrop()).isEqualTo(KNOWN_CROP);
        assertThat(v2.records().get().probeDetection()).isEqualTo(new DetectionRef(matching.eventHash(), matchingLeaf));
        assertThat(v2.events()).anyMatch(e -> e.leafIndex() == courtLeaf);
        List<String> types = new java.util.ArrayList<>();
        for (org.oversight.domain.bundle.BundleLeaf e : v2.events()) {
            types.add(SignedEvent.parse(e.leafBytes()).type().wireName());
        }
        assertThat(types).contains("ErasureEpochOpened", "ErasureEpochClosed", "RecordDisclosed");
    }

    private boolean bundleCovers(String matchId, long leaf) {
        try {
            return bundle(matchId).checkpoint().checkpoint().size() > leaf;
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    private EvidenceBundle bundle(String matchId) throws Exception {
        MockHttpServletResponse r = mvc.perform(get("/v1/matches/" + matchId + "/bundle")
                .header("Authorization", "Bearer " + OFFICER_TOKEN)).andReturn().getResponse();
        assertThat(r.getStatus()).as(r.getContentAsString()).isEqualTo(200);
        return EvidenceBundle.parse(r.getContentAsByteArray());
    }

    @Test
    @Order(5)
    void aCrashBetweenTheStepsOfACloseResumesWithoutASecondClose() throws Exception {
        CLOCK.advance(-3 * 3_600_000L); // back inside the second epoch's window, before its eraseBy
        ErasureEpochOpened second = openEpoch(EPOCH_2);
        SignedEvent d = sealedDetectionIn(second, 5, wire(quantised(37, 101, 50, 0.02f)),
                "c5".getBytes(StandardCharsets.UTF_8));
        long leaf = submit(d);
        await(() -> processor.status().position() >= leaf + 1, "engine proposes on the second epoch");
        assertThat(payloads(MatchProposed.class)).hasSize(2);

        CLOCK.advance(ERASE_BY.epochMillis() + 3_600_000L - CLOCK.millis()); // past both epochs' eraseBy
        // Crash 1: after the record was kept, before the close was appended.
        long size = sequencer.committed().size();
        assertThatThrownBy(() -> closer(new CrashingVault(vault, "putKeptIfAbsent")).tick())
                .isInstanceOf(Crash.class);
        assertThat(sequencer.committed().size()).isEqualTo(size);
        assertThat(vault.kept(d.eventHash().digest())).isPresent();
        // Crash 2: after the close was appended, as erasure starts.
        assertThatThrownBy(() -> closer(new CrashingVault(vault, "keptOf")).tick()).isInstanceOf(Crash.class);
        assertThat(sequencer.committed().size()).isEqualTo(size + 1);
        assertThat(vault.epochKey(EPOCH_2).orElseThrow().destroyed()).isFalse();
        // Witnesses lagging: a quorum has cosigned only up to the close's own leaf (size), not past it,
        // so they may still need the epoch's records: nothing is erased or destroyed yet.
        long closeLeaf = size;
        EpochCloser.Tick lagging = closer(vault).waitingForWitnesses(() -> closeLeaf).tick();
        assertThat(lagging.finished()).isEmpty();
        assertThat(vault.epochKey(EPOCH_2).orElseThrow().destroyed()).isFalse();
        assertThat(sequencer.committed().size()).isEqualTo(size + 1);
        // Resumed (the witnesses cosigned past the close): the key destroyed, the blobs erased, still one close.
        EpochCloser.Tick resumed = closer(vault).waitingForWitnesses(() -> closeLeaf + 1).tick();
        assertThat(resumed.closed()).isEmpty();
        assertThat(resumed.finished()).containsExactly(EPOCH_2);
        assertThat(sequencer.committed().size()).isEqualTo(size + 1);
        assertThat(vault.epochKey(EPOCH_2).orElseThrow().destroyed()).isTrue();
        assertThat(vault.liveBlobs(EPOCH_2)).containsExactly(sealedOf(d).blobDigest());
        List<ErasureEpochClosed> closes = payloads(ErasureEpochClosed.class);
        assertThat(closes).extracting(ErasureEpochClosed::epoch).containsExactly(EPOCH, EPOCH_2);
        assertThat(closes.get(1).keptDetections()).containsExactly(new DetectionRef(d.eventHash(), leaf));
    }

    @Test
    @Order(6)
    void keptRecordsAreDestroyedBeforeTheirRetainUntilOnce() throws Exception {
        long size = sequencer.committed().size();
        java.util.Map<DetectionRef, Long> retainUntil = new java.util.HashMap<>();
        payloads(ErasureEpochClosed.class).forEach(c -> c.kept().forEach(
                k -> retainUntil.put(k.detection(), k.retainUntil().epochMillis())));
        long first = java.util.Collections.min(retainUntil.values());
        long last = java.util.Collections.max(retainUntil.values());
        assertThat(last - first).as("the two epochs closed about an hour apart").isGreaterThan(120_000);
        // Half a close lead before the first epoch's kept record is due: R8 needs the destruction
        // timed before retainUntil, so the closer destroys one lead ahead of it.
        CLOCK.advance(first - 30_000 - CLOCK.millis());
        assertThatThrownBy(() -> closer(new CrashingVault(vault, "destroyKept")).tick()).isInstanceOf(Crash.class);
        // The destruction recorded and the case wrap destroyed, then the crash.
        assertThat(sequencer.committed().size()).isEqualTo(size + 1);
        // Resumed: nothing left to destroy for the first epoch, and nothing recorded twice.
        assertThat(closer(vault).tick().keptDestroyed()).isZero();
        assertThat(sequencer.committed().size()).isEqualTo(size + 1);
        CLOCK.advance(last - 30_000 - CLOCK.millis());
        assertThat(closer(vault).tick().keptDestroyed()).isEqualTo(1);
        List<KeptRecordsDestroyed> destroyed = payloads(KeptRecordsDestroyed.class);
        assertThat(destroyed).extracting(KeptRecordsDestroyed::epoch).containsExactly(EPOCH, EPOCH_2);
        assertThat(destroyed.get(0).detections()).containsExactly(new DetectionRef(matching.eventHash(), matchingLeaf));
        assertThat(sequencer.committed().size()).isEqualTo(size + 2);
        assertThat(records.open(matching)).isInstanceOf(VaultRecords.Erased.class);
        assertThat(vault.liveBlobs(EPOCH)).isEmpty();
        assertThat(vault.liveBlobs(EPOCH_2)).isEmpty();
        assertThat(closer(vault).tick().keptDestroyed()).isZero();
        assertThat(sequencer.committed().size()).isEqualTo(size + 2);
        // R8 (docs/rules.md): each destruction is timed before the retainUntil of every record it names.
        for (SignedEvent e : events(KeptRecordsDestroyed.class)) {
            for (DetectionRef r : ((KeptRecordsDestroyed) e.payload()).detections()) {
                assertThat(e.header().time().epochMillis()).as("destruction of leaf %d", r.leafIndex())
                        .isLessThan(retainUntil.get(r));
            }
        }
    }

    private List<SignedEvent> events(Class<?> type) {
        List<SignedEvent> out = new ArrayList<>();
        for (StoredLeaf l : store.leaves(0, (int) sequencer.committed().size())) {
            try {
                SignedEvent e = SignedEvent.parse(l.leaf().leafBytes());
                if (type.isInstance(e.payload())) {
                    out.add(e);
                }
            } catch (org.oversight.domain.event.InvalidEventException ex) {
                throw new AssertionError(ex);
            }
        }
        return out;
    }

    @Test
    @Order(7)
    void noBiometricValueIsReadableInATileTheExportOrALogLine() throws Exception {
        await(() -> checkpointSize() >= sequencer.committed().size(), "checkpoint covers the log");
        long size = checkpointSize();
        List<byte[]> served = new ArrayList<>();
        for (long n = 0; n * 256 < size; n++) {
            long w = Math.min(256, size - n * 256);
            String path = "/tile/entries/" + tileIndex(n) + (w == 256 ? "" : ".p/" + w);
            MockHttpServletResponse tile = mvc.perform(get(path)).andReturn().getResponse();
            assertThat(tile.getStatus()).as(path).isEqualTo(200);
            served.add(tile.getContentAsByteArray());
        }
        MockHttpServletResponse export = mvc.perform(get("/v1/export")
                .header("Authorization", bearer(org.oversight.ledger.security.Role.AUDITOR))).andReturn().getResponse();
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
        // The leaves are there (the search looks at real content), the values are not.
        assertThat(new String(served.get(0), StandardCharsets.ISO_8859_1)).contains(CAMERA);
        for (byte[] needle : List.of(KNOWN.encode(), KNOWN_CROP)) {
            List<byte[]> forms = forms(needle);
            for (int i = 0; i < served.size(); i++) {
                for (int f = 0; f < forms.size(); f++) {
                    assertThat(indexOf(served.get(i), forms.get(f)))
                            .as("form %d of a biometric value in served item %d (tiles, export, log lines)", f, i)
                            .isEqualTo(-1);
                }
            }
        }
        // The search can fail: a schema-1 detection's template is found in its leaf by the same code.
        byte[] v1Leaf = matchingAsSchema1().leafBytes();
        assertThat(forms(KNOWN.encode()).stream().filter(form -> indexOf(v1Leaf, form) >= 0)).isNotEmpty();
    }

    // ---- helpers --------------------------------------------------------------------------------

    private EpochCloser closer(VaultStore store) {
        return new EpochCloser(registry, sequencer, this.store, ingest, store, new VaultRecords(store, registry),
                processor, keys.engineEventKey(), CLOCK, Duration.ofMinutes(1), Duration.ofDays(30), RANDOM);
    }

    private ErasureEpochOpened openEpoch(String epoch) throws Exception {
        MockHttpServletResponse r = mvc.perform(post("/v1/vault/epochs/" + epoch + "/key")
                .header("Authorization", "Bearer " + AUTHORITY_TOKEN)).andReturn().getResponse();
        assertThat(r.getStatus()).as(r.getContentAsString()).isEqualTo(200);
        JsonNode key = JSON.readTree(r.getContentAsByteArray());
        X25519PublicKey vaultKey = X25519PublicKey.parse(key.get("publicKey").asText());
        ErasureEpochOpened o = new ErasureEpochOpened(epoch, SEAL_FROM, SEAL_UNTIL, ERASE_BY,
                List.of(new EpochRecipient.Vault(key.get("recipient").asText(), vaultKey)));
        submit(CHAINS.next(o, AUTHORITY));
        return o;
    }

    private static BiometricRecord record(Template template, byte[] crop) {
        byte[] nonce = new byte[BiometricRecord.NONCE_LENGTH];
        RANDOM.nextBytes(nonce);
        return BiometricRecord.of(template, EventFixtures.landmarks(), crop, nonce);
    }

    private SignedEvent sealedDetection(int n, Template template, byte[] crop, boolean storeBlob) throws Exception {
        return sealedDetectionIn(opened, n, template, crop, storeBlob);
    }

    private SignedEvent sealedDetectionIn(ErasureEpochOpened epoch, int n, Template template, byte[] crop)
            throws Exception {
        return sealedDetectionIn(epoch, n, template, crop, true);
    }

    private SignedEvent sealedDetectionIn(ErasureEpochOpened epoch, int n, Template template, byte[] crop,
            boolean storeBlob) throws Exception {
        long seq = CHAINS.head(StreamId.detections(CAMERA)).nextSeq();
        RecordSealer.Sealed sealed = RecordSealer.seal(record(template, crop), epoch, StreamId.detections(CAMERA), seq,
                RANDOM);
        if (storeBlob) {
            putBlob(sealed.blob().canonicalBytes());
        }
        SealedFaceDetected payload = detection(n, sealed);
        return storeBlob ? CHAINS.next(payload, CAMERA_KEY) : CHAINS.peek(payload, CAMERA_KEY);
    }

    private static SealedFaceDetected detection(int n, RecordSealer.Sealed sealed) {
        return new SealedFaceDetected(CAMERA, EventFixtures.time("2026-11-27T09:30:00.040Z"),
                EventFixtures.digestOf("frame " + n), new FaceBox(96, 180, 120, 140), MODEL, 1, 870,
                new SealedRecordRef(sealed.blobDigest(), sealed.commitment(), sealed.blob().epoch()));
    }

    /** The known template as a schema-1 detection would carry it (never submitted). */
    private static SignedEvent matchingAsSchema1() {
        return CHAINS.peek(new org.oversight.domain.event.FaceDetected(CAMERA,
                EventFixtures.time("2026-11-27T09:30:00.040Z"), EventFixtures.digestOf("frame v1"),
                new FaceBox(96, 180, 120, 140), EventFixtures.landmarks(), EventFixtures.digestOf("crop v1"),
                wire(KNOWN), 870), CAMERA_KEY);
    }

    private static SealedRecordRef sealedOf(SignedEvent e) {
        return ((SealedFaceDetected) e.payload()).sealed();
    }

    private void putBlob(byte[] blob) throws Exception {
        MockHttpServletResponse r = mvc.perform(put("/v1/vault/blobs/" + Sha256Digest.hash(blob).hex())
                .header("Authorization", bearer(org.oversight.ledger.security.Role.CAMERA))
                .contentType("application/json").content(blob)).andReturn().getResponse();
        assertThat(r.getStatus()).as(r.getContentAsString()).isIn(200, 201);
    }

    private MockHttpServletResponse disclose(SignedEvent event, String token) throws Exception {
        return mvc.perform(post("/v1/vault/disclosures").header("Authorization", "Bearer " + token)
                .contentType("application/json").content(event.leafBytes())).andReturn().getResponse();
    }

    private MockHttpServletResponse postEvent(SignedEvent event) throws Exception {
        return mvc.perform(post("/v1/events").header("Authorization", "Bearer " + AUTHORITY_TOKEN)
                .contentType("application/json").content(event.leafBytes())).andReturn().getResponse();
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

    /** The C2SP tile index path of bundle {@code n} (3-digit groups, x-prefixed but the last). */
    static String tileIndex(long n) {
        String digits = Long.toString(n);
        while (digits.length() % 3 != 0) {
            digits = "0" + digits;
        }
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < digits.length(); i += 3) {
            if (i > 0) {
                out.append('/');
            }
            if (i + 3 < digits.length()) {
                out.append('x');
            }
            out.append(digits, i, i + 3);
        }
        return out.toString();
    }

    /** The byte forms a value could be written in: raw, base64 (standard and URL, with and without padding), hex. */
    static List<byte[]> forms(byte[] value) {
        List<byte[]> out = new ArrayList<>();
        out.add(value);
        for (String s : List.of(Base64.getEncoder().encodeToString(value),
                Base64.getEncoder().withoutPadding().encodeToString(value),
                Base64.getUrlEncoder().withoutPadding().encodeToString(value),
                HexFormat.of().formatHex(value), HexFormat.of().withUpperCase().formatHex(value))) {
            out.add(s.getBytes(StandardCharsets.US_ASCII));
        }
        return out;
    }

    static int indexOf(byte[] haystack, byte[] needle) {
        outer:
        for (int i = 0; i + needle.length <= haystack.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }

    /** A simulated crash. */
    static final class Crash extends RuntimeException {
        Crash(String where) {
            super("simulated crash in " + where);
        }
    }

    /** The vault, crashing right after the named operation did its work. */
    static final class CrashingVault implements VaultStore {
        private final VaultStore d;
        private final String crashAfter;

        CrashingVault(VaultStore delegate, String crashAfter) {
            this.d = delegate;
            this.crashAfter = crashAfter;
        }

        private <T> T after(String op, T result) {
            if (op.equals(crashAfter)) {
                throw new Crash(op);
            }
            return result;
        }

        @Override public void createSchema() { d.createSchema(); }
        @Override public PutOutcome putBlob(Sha256Digest g, byte[] b, String e, String s, long q) { return d.putBlob(g, b, e, s, q); }
        @Override public Optional<StoredBlob> blob(Sha256Digest g) { return d.blob(g); }
        @Override public List<PutOutcome> putBlobs(List<NewBlob> b) { return d.putBlobs(b); }
        @Override public java.util.Map<Sha256Digest, BlobState> blobStates(java.util.Collection<Sha256Digest> g) { return d.blobStates(g); }
        @Override public List<Sha256Digest> liveBlobs(String e) { return d.liveBlobs(e); }
        @Override public boolean eraseBlob(Sha256Digest g) { return after("eraseBlob", d.eraseBlob(g)); }
        @Override public EpochKey putEpochKeyIfAbsent(String e, byte[] p, byte[] s) { return d.putEpochKeyIfAbsent(e, p, s); }
        @Override public Optional<EpochKey> epochKey(String e) { return d.epochKey(e); }
        @Override public List<String> epochsWithLiveKeys() { return d.epochsWithLiveKeys(); }
        @Override public boolean destroyEpochKey(String e, Instant at) { return after("destroyEpochKey", d.destroyEpochKey(e, at)); }
        @Override public CaseKey putCaseKeyIfAbsent(String c, byte[] p, byte[] s) { return d.putCaseKeyIfAbsent(c, p, s); }
        @Override public Optional<CaseKey> caseKey(String c) { return d.caseKey(c); }
        @Override public KeptRecord putKeptIfAbsent(KeptRecord k) { return after("putKeptIfAbsent", d.putKeptIfAbsent(k)); }
        @Override public Optional<KeptRecord> kept(Sha256Digest h) { return d.kept(h); }
        @Override public List<KeptRecord> keptOf(String e) { return after("keptOf", d.keptOf(e)); }
        @Override public List<KeptRecord> keptDue(Instant at) { return d.keptDue(at); }
        @Override public boolean destroyKept(Sha256Digest h) { return after("destroyKept", d.destroyKept(h)); }
        @Override public PutOutcome putEnrolment(String entry, byte[] bytes) { return d.putEnrolment(entry, bytes); }
        @Override public Optional<StoredEnrolment> enrolment(String entry) { return d.enrolment(entry); }
        @Override public List<String> liveEnrolments() { return d.liveEnrolments(); }
        @Override public boolean eraseEnrolment(String entry) { return d.eraseEnrolment(entry); }
    }
}
