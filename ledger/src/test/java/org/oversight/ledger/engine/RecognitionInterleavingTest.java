package org.oversight.ledger.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.oversight.ledger.testing.SyntheticFaces.MODEL;
import static org.oversight.ledger.testing.SyntheticFaces.await;
import static org.oversight.ledger.testing.SyntheticFaces.quantised;
import static org.oversight.ledger.testing.SyntheticFaces.wire;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.asyncDispatch;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;

import java.io.ByteArrayInputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.oversight.domain.crypto.Ed25519PrivateKey;
import org.oversight.domain.event.AccuracyAttestation;
import org.oversight.domain.event.AuthorityDeclared;
import org.oversight.domain.event.CameraDecommissioned;
import org.oversight.domain.event.CameraRegistered;
import org.oversight.domain.event.EventFixtures;
import org.oversight.domain.event.EventType;
import org.oversight.domain.event.FaceBox;
import org.oversight.domain.event.FaceDetected;
import org.oversight.domain.event.KeyEnrolled;
import org.oversight.domain.event.KeyRevoked;
import org.oversight.domain.event.MatchActioned;
import org.oversight.domain.event.MatchProposed;
import org.oversight.domain.event.MatchReviewed;
import org.oversight.domain.event.RecognitionPolicySet;
import org.oversight.domain.event.Role;
import org.oversight.domain.event.SignedEvent;
import org.oversight.domain.event.Verdict;
import org.oversight.domain.event.WatchlistEntryAuthorized;
import org.oversight.domain.event.WatchlistEntryWithdrawn;
import org.oversight.ledger.LedgerApplication;
import org.oversight.ledger.aggregate.LedgerRegistry;
import org.oversight.ledger.ingest.IngestService;
import org.oversight.ledger.keys.LedgerKeys;
import org.oversight.ledger.sequencer.LeafStore;
import org.oversight.ledger.sequencer.Sequencer;
import org.oversight.ledger.sequencer.StoredLeaf;
import org.oversight.ledger.testing.Chains;
import org.oversight.ledger.testing.TestSite;
import org.oversight.recognition.match.MatchScore;
import org.oversight.recognition.template.FaceTemplate;
import org.oversight.verifier.audit.AuditOutcome;
import org.oversight.verifier.audit.AuditProgress;
import org.oversight.verifier.audit.LogAuditor;
import org.oversight.verifier.report.VerificationReport;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.autoconfigure.actuate.observability.AutoConfigureObservability;
import org.springframework.boot.test.autoconfigure.web.servlet.AutoConfigureMockMvc;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;

/**
 * Issue #11 §2 through the running ledger: the engine appends a {@code MatchProposed} some leaves
 * after its {@code FaceDetected}, and whatever is authorised in between — a withdrawal, a new
 * policy, a key revocation, a camera's decommissioning, the warrant's expiry — must never turn the
 * honest log into one that fails the audit. The service's engine is stopped and a processor is
 * driven by hand, so each interleaved event is committed after the detection and before the
 * proposal; then the ledger's own export is audited with the verifier's {@link LogAuditor}.
 */
@SpringBootTest(classes = LedgerApplication.class, properties = {
    "oversight.store.type=postgres",
    "oversight.checkpoint.every-leaves=1",
    "oversight.checkpoint.interval-ms=50",
    "oversight.log.origin=test.oversight/interleaving-log",
    "oversight.engine.poll-interval-ms=50",
    "axon.eventhandling.processors.default.mode=subscribing"
})
@AutoConfigureMockMvc
@AutoConfigureObservability(tracing = false)
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_CLASS)
class RecognitionInterleavingTest {
    private static final String ORIGIN = "test.oversight/interleaving-log";
    private static final long THRESHOLD = 9216;
    private static final TestSite SITE = TestSite.create("oversight-interleaving-test",
            org.oversight.ledger.security.Role.AUDITOR);
    private static final String AUDITOR_TOKEN = SITE.token(org.oversight.ledger.security.Role.AUDITOR);

    private static final Ed25519PrivateKey AUTHORITY = EventFixtures.key(91);
    private static final Ed25519PrivateKey OFFICER = EventFixtures.key(92);
    private static final Ed25519PrivateKey SECOND_OFFICER = EventFixtures.key(93);
    private static final Ed25519PrivateKey CAMERA = EventFixtures.key(94);
    private static final Ed25519PrivateKey SECOND_CAMERA = EventFixtures.key(95);
    private static final Ed25519PrivateKey REVIEWER_1 = EventFixtures.key(96);
    private static final Ed25519PrivateKey REVIEWER_2 = EventFixtures.key(97);
    private static final String NOV_1 = "2026-11-01T00:00:00.000Z";
    private static final String DEC_1 = "2026-12-01T00:00:00.000Z";
    private static final String CAPTURE = "2026-11-27T09:30:00.040Z";
    private final Chains chains = new Chains();

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        SITE.register(registry);
    }

    @Autowired MockMvc mvc;
    @Autowired IngestService ingest;
    @Autowired LeafStore store;
    @Autowired Sequencer sequencer;
    @Autowired LedgerRegistry registry;
    @Autowired EnginePositionStore positions;
    @Autowired LedgerKeys keys;
    @Autowired EngineWorker worker;

    @Test
    void eventsAuthorisedBetweenADetectionAndItsProposalNeverFailTheAudit() throws Exception {
        worker.close(); // the engine is driven by hand below, so each proposal comes after the interleaved event
        submit(new AuthorityDeclared("authority-il", "Interleaving Board", AUTHORITY.publicKey()), AUTHORITY);
        submit(new KeyEnrolled("officer-il", Role.OFFICER, OFFICER.publicKey()), AUTHORITY);
        submit(new KeyEnrolled("officer-il-2", Role.OFFICER, SECOND_OFFICER.publicKey()), AUTHORITY);
        submit(new KeyEnrolled("reviewer-il-1", Role.REVIEWER, REVIEWER_1.publicKey()), AUTHORITY);
        submit(new KeyEnrolled("reviewer-il-2", Role.REVIEWER, REVIEWER_2.publicKey()), AUTHORITY);
        submit(new KeyEnrolled("engine-il", Role.ENGINE, keys.engineEventKey().publicKey()), AUTHORITY);
        submit(camera("cam-il-1", CAMERA), OFFICER);
        submit(camera("cam-il-2", SECOND_CAMERA), OFFICER);
        submit(policy(THRESHOLD), AUTHORITY);
        submit(entry("wl-withdrawn", 37, 101, 50, "officer-il", DEC_1), OFFICER);
        submit(entry("wl-policy", 59, 97, 48, "officer-il", DEC_1), OFFICER);
        submit(entry("wl-revoked", 41, 89, 44, "officer-il-2", DEC_1), SECOND_OFFICER);
        submit(entry("wl-camera", 43, 103, 51, "officer-il", DEC_1), OFFICER);
        // Valid until 1 ms after the capture: it has expired long before the engine proposes.
        submit(entry("wl-expiring", 47, 107, 52, "officer-il", "2026-11-27T09:30:00.041Z"), OFFICER);
        RecognitionProcessor engine = new RecognitionProcessor(store, sequencer, registry, ingest, positions,
                keys.engineEventKey(), 4, Optional.empty());
        engine.recover();
        engine.drain();

        List<String> matches = new ArrayList<>();
        matches.add(detectThenProposeAfter(engine, "cam-il-1", CAMERA, 1, 37, 101, 50,
                () -> submit(new WatchlistEntryWithdrawn("wl-withdrawn", "subject located"), OFFICER)));
        matches.add(detectThenProposeAfter(engine, "cam-il-1", CAMERA, 2, 59, 97, 48,
                () -> submit(policy(THRESHOLD - 16), AUTHORITY)));
        matches.add(detectThenProposeAfter(engine, "cam-il-1", CAMERA, 3, 41, 89, 44,
                () -> submit(new KeyRevoked("officer-il-2", SECOND_OFFICER.publicKey().keyId(), "left the unit"),
                        AUTHORITY)));
        matches.add(detectThenProposeAfter(engine, "cam-il-2", SECOND_CAMERA, 4, 43, 103, 51,
                () -> submit(new CameraDecommissioned("cam-il-2", "removed"), OFFICER)));
        matches.add(detectThenProposeAfter(engine, "cam-il-1", CAMERA, 5, 47, 107, 52, () -> { }));

        // Reviews on every match; the matches whose entry is still authorised are acted on, the
        // withdrawn and expired ones are closed with no-action (acting on them would be R3).
        for (String match : matches) {
            submit(new MatchReviewed(match, Verdict.CONFIRM, "same person"), REVIEWER_1);
            submit(new MatchReviewed(match, Verdict.CONFIRM, "agree"), REVIEWER_2);
        }
        submit(new MatchActioned(matches.get(0), "no-action", "INC-IL-1"), OFFICER);
        submit(new MatchActioned(matches.get(1), "stop-and-speak", "INC-IL-2"), OFFICER);
        submit(new MatchActioned(matches.get(2), "stop-and-speak", "INC-IL-3"), OFFICER);
        submit(new MatchActioned(matches.get(3), "stop-and-speak", "INC-IL-4"), OFFICER);
        submit(new MatchActioned(matches.get(4), "no-action", "INC-IL-5"), OFFICER);
        engine.drain();

        VerificationReport report = auditExport();
        assertThat(report.findings()).as("findings of the audit of the ledger's export").isEmpty();
        assertThat(report.passed()).isTrue();
        assertThat(report.facts().get("projection")).contains("5 MatchProposed accepted, 5 agree");
    }

    /**
     * Submits a detection matching the entry of template {@code (mul, m, sub)}, then runs
     * {@code between} — committed after the detection, before the engine has seen it — then lets
     * the engine propose; returns the match id.
     */
    private String detectThenProposeAfter(RecognitionProcessor engine, String camera, Ed25519PrivateKey cameraKey,
            int n, int mul, int m, int sub, ThrowingRunnable between) throws Exception {
        long detection = submit(detection(camera, n, quantised(mul, m, sub, 0.01f)), cameraKey);
        long before = proposals().size();
        between.run();
        assertThat(proposals()).as("no proposal before the interleaved event").hasSize((int) before);
        engine.drain();
        assertThat(engine.status().state()).isEqualTo(EngineStatus.State.RUNNING);
        List<SignedEvent> proposals = proposals();
        assertThat(proposals).hasSize((int) before + 1);
        SignedEvent proposal = proposals.get(proposals.size() - 1);
        chains.advance(proposal); // the reviews continue the match stream the engine opened
        MatchProposed proposed = (MatchProposed) proposal.payload();
        assertThat(proposed.detection().leafIndex()).isEqualTo(detection);
        return proposed.match();
    }

    @FunctionalInterface
    private interface ThrowingRunnable {
        void run() throws Exception;
    }

    private VerificationReport auditExport() throws Exception {
        long size = sequencer.committed().size();
        byte[] body = null;
        long deadline = System.nanoTime() + 20_000_000_000L;
        while (true) {
            body = export();
            AuditOutcome outcome = new LogAuditor(keys.logKey().verifier(), ORIGIN,
                    org.oversight.verifier.audit.AuditOptions.defaults()).audit(
                    new ByteArrayInputStream(body), Optional.empty(), AuditProgress.NONE);
            if (outcome.report().facts().get("tree size").equals(Long.toString(size))) {
                return outcome.report();
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError("no checkpoint of size " + size + " within 20 s");
            }
            Thread.sleep(50);
        }
    }

    private byte[] export() throws Exception {
        MvcResult started = mvc.perform(get("/v1/export").header("Authorization", "Bearer " + AUDITOR_TOKEN))
                .andReturn();
        MockHttpServletResponse response = started.getRequest().isAsyncStarted()
                ? mvc.perform(asyncDispatch(started)).andReturn().getResponse() : started.getResponse();
        assertThat(response.getStatus()).isEqualTo(200);
        return response.getContentAsByteArray();
    }

    private long submit(org.oversight.domain.event.EventPayload payload, Ed25519PrivateKey key) throws Exception {
        return ingest.submit(List.of(chains.next(payload, key))).get(0).leafIndex();
    }

    private List<SignedEvent> proposals() {
        List<SignedEvent> out = new ArrayList<>();
        for (StoredLeaf l : store.leaves(0, (int) sequencer.committed().size())) {
            try {
                SignedEvent e = SignedEvent.parse(l.leaf().leafBytes());
                if (e.type() == EventType.MATCH_PROPOSED) {
                    out.add(e);
                }
            } catch (org.oversight.domain.event.InvalidEventException ex) {
                throw new AssertionError(ex);
            }
        }
        return out;
    }

    private static CameraRegistered camera(String id, Ed25519PrivateKey key) {
        CameraRegistered sample = EventFixtures.cameraRegistered();
        return new CameraRegistered(id, sample.location(), sample.purpose(), sample.legalBasis(), key.publicKey());
    }

    private static RecognitionPolicySet policy(long threshold) {
        return new RecognitionPolicySet(MODEL, 1, threshold, Math.max(THRESHOLD, MatchScore.MAX), 2, 0,
                new AccuracyAttestation(EventFixtures.digestOf("attestation"), 1000, 10_000));
    }

    private static WatchlistEntryAuthorized entry(String id, int mul, int m, int sub, String officer, String until) {
        return new WatchlistEntryAuthorized(id, "subj-" + id, "wanted", "warrant " + id, officer,
                EventFixtures.time(NOV_1), EventFixtures.time(until), List.of(wire(quantised(mul, m, sub, 0f))),
                EventFixtures.digestOf("source image " + id));
    }

    private static FaceDetected detection(String camera, int n, FaceTemplate template) {
        return new FaceDetected(camera, EventFixtures.time(CAPTURE), EventFixtures.digestOf("frame " + n),
                new FaceBox(96, 180, 120, 140), EventFixtures.landmarks(), EventFixtures.digestOf("crop " + n),
                wire(template), 870);
    }
}
