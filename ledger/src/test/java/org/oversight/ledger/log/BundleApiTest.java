package org.oversight.ledger.log;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.List;
import static org.oversight.ledger.testing.SyntheticFaces.MODEL;
import static org.oversight.ledger.testing.SyntheticFaces.await;
import static org.oversight.ledger.testing.SyntheticFaces.quantised;
import static org.oversight.ledger.testing.SyntheticFaces.wire;

import org.junit.jupiter.api.Test;
import org.oversight.domain.bundle.BundleLeaf;
import org.oversight.domain.bundle.EvidenceBundle;
import org.oversight.domain.checkpoint.SignedCheckpoint;
import org.oversight.domain.crypto.Ed25519PrivateKey;
import org.oversight.domain.event.AccuracyAttestation;
import org.oversight.domain.event.AuthorityDeclared;
import org.oversight.domain.event.CameraRegistered;
import org.oversight.domain.event.EventFixtures;
import org.oversight.domain.event.FaceBox;
import org.oversight.domain.event.FaceDetected;
import org.oversight.domain.event.KeyEnrolled;
import org.oversight.domain.event.MatchActioned;
import org.oversight.domain.event.MatchProposed;
import org.oversight.domain.event.MatchReviewed;
import org.oversight.domain.event.RecognitionPolicySet;
import org.oversight.domain.event.Role;
import org.oversight.domain.event.SignedEvent;
import org.oversight.domain.event.Verdict;
import org.oversight.domain.event.WatchlistEntryAuthorized;
import org.oversight.domain.merkle.rfc6962.InclusionProofVerifier;
import org.oversight.ledger.LedgerApplication;
import org.oversight.ledger.testing.TestSite;
import org.oversight.ledger.ingest.IngestService;
import org.oversight.ledger.keys.LedgerKeys;
import org.oversight.ledger.sequencer.Checkpointer;
import org.oversight.ledger.sequencer.LeafStore;
import org.oversight.ledger.sequencer.Sequencer;
import org.oversight.ledger.sequencer.StoredLeaf;
import org.oversight.ledger.testing.Chains;
import org.oversight.recognition.match.MatchScore;
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
 * {@code GET /v1/matches/{matchId}/bundle} on its own log: a full match lifecycle (policy, entry,
 * detection, the engine's proposal, two confirmations, action) gives a bundle whose events are the
 * ingested ones, each proven included under the latest signed checkpoint; the read is recorded as
 * a biometric read; unknown matches are 404 problems and anonymous callers get 401.
 */
@SpringBootTest(classes = LedgerApplication.class, properties = {
    "oversight.store.type=postgres",
    "oversight.checkpoint.every-leaves=1",
    "oversight.checkpoint.interval-ms=50",
    "oversight.log.origin=test.oversight/bundle-log",
    "oversight.engine.poll-interval-ms=50",
    "axon.eventhandling.processors.default.mode=subscribing"
})
@AutoConfigureMockMvc
@AutoConfigureObservability(tracing = false)
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_CLASS)
class BundleApiTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final long THRESHOLD = 9216;
    private static final String CAMERA = "cam-bundle-1";
    private static final String OFFICER = "officer-bundle";
    private static final TestSite SITE = TestSite.create("oversight-bundle-test", org.oversight.ledger.security.Role.REVIEWER);
    private static final String REVIEWER_TOKEN = SITE.token(org.oversight.ledger.security.Role.REVIEWER);

    private static final Ed25519PrivateKey AUTHORITY = EventFixtures.key(91);
    private static final Ed25519PrivateKey OFFICER_KEY = EventFixtures.key(92);
    private static final Ed25519PrivateKey CAMERA_KEY = EventFixtures.key(93);
    private static final Ed25519PrivateKey REVIEWER_1 = EventFixtures.key(94);
    private static final Ed25519PrivateKey REVIEWER_2 = EventFixtures.key(95);
    private static final Chains CHAINS = new Chains();


    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        SITE.register(registry);
    }

    @Autowired MockMvc mvc;
    @Autowired IngestService ingest;
    @Autowired LeafStore store;
    @Autowired Sequencer sequencer;
    @Autowired Checkpointer checkpointer;
    @Autowired LedgerKeys keys;
    @Autowired BiometricReadAudit audit;

    @Test
    void bundleOfAFullLifecycleCarriesTheIngestedEventsProvenUnderTheLatestCheckpoint() throws Exception {
        List<SignedEvent> lifecycle = new ArrayList<>();
        submit(CHAINS.next(new AuthorityDeclared("authority-bundle", "Bundle Test Board", AUTHORITY.publicKey()),
                AUTHORITY));
        submit(CHAINS.next(new KeyEnrolled(OFFICER, Role.OFFICER, OFFICER_KEY.publicKey()), AUTHORITY));
        submit(CHAINS.next(new KeyEnrolled("reviewer-bundle-1", Role.REVIEWER, REVIEWER_1.publicKey()), AUTHORITY));
        submit(CHAINS.next(new KeyEnrolled("reviewer-bundle-2", Role.REVIEWER, REVIEWER_2.publicKey()), AUTHORITY));
        submit(CHAINS.next(new KeyEnrolled("engine-ledger", Role.ENGINE, keys.engineEventKey().publicKey()),
                AUTHORITY));
        CameraRegistered sample = EventFixtures.cameraRegistered();
        submit(CHAINS.next(new CameraRegistered(CAMERA, sample.location(), sample.purpose(), sample.legalBasis(),
                CAMERA_KEY.publicKey()), OFFICER_KEY));
        lifecycle.add(submit(CHAINS.next(new RecognitionPolicySet(MODEL, 1, THRESHOLD,
                Math.max(THRESHOLD, MatchScore.MAX), 2, 0,
                new AccuracyAttestation(EventFixtures.digestOf("attestation"), 1000, 10_000)), AUTHORITY)));
        lifecycle.add(submit(CHAINS.next(new WatchlistEntryAuthorized("wl-bundle-1", "subj-1", "wanted",
                "warrant HKM-7", OFFICER, EventFixtures.time("2026-11-01T00:00:00.000Z"),
                EventFixtures.time("2026-12-01T00:00:00.000Z"), List.of(wire(quantised(37, 101, 50, 0f))),
                EventFixtures.digestOf("source image 1")), OFFICER_KEY)));
        lifecycle.add(submit(CHAINS.next(new FaceDetected(CAMERA, EventFixtures.time("2026-11-27T09:30:00.040Z"),
                EventFixtures.digestOf("frame 1"), new FaceBox(96, 180, 120, 140), EventFixtures.landmarks(),
                EventFixtures.digestOf("crop 1"), wire(quantised(37, 101, 50, 0.01f)), 870), CAMERA_KEY)));

        // The service's recognition processor proposes the match, signed by the engine key.
        await(() -> proposal() != null, "the engine's MatchProposed");
        SignedEvent proposal = proposal();
        lifecycle.add(proposal);
        CHAINS.advance(proposal);
        String matchId = ((MatchProposed) proposal.payload()).match();
        assertThat(((MatchProposed) proposal.payload()).candidateEntry()).isEqualTo("wl-bundle-1");
        lifecycle.add(submit(CHAINS.next(new MatchReviewed(matchId, Verdict.CONFIRM, "same scar"), REVIEWER_1)));
        lifecycle.add(submit(CHAINS.next(new MatchReviewed(matchId, Verdict.CONFIRM, "same ear shape"), REVIEWER_2)));
        lifecycle.add(submit(CHAINS.next(new MatchActioned(matchId, "stop-and-speak", "INC-2026-900"), OFFICER_KEY)));
        long size = sequencer.committed().size();
        await(() -> checkpointer.latest().map(c -> c.checkpoint().size() == size).orElse(false),
                "a checkpoint of size " + size);
        SignedCheckpoint latest = checkpointer.latest().orElseThrow();
        long readsBefore = audit.count();

        MockHttpServletResponse response = mvc.perform(get("/v1/matches/" + matchId + "/bundle")
                .header("Authorization", "Bearer " + REVIEWER_TOKEN)).andReturn().getResponse();

        assertThat(response.getStatus()).isEqualTo(200);
        assertThat(response.getContentType()).startsWith("application/json");
        EvidenceBundle bundle = EvidenceBundle.parse(response.getContentAsByteArray());
        assertThat(bundle.toBytes()).isEqualTo(response.getContentAsByteArray());
        assertThat(bundle.match()).isEqualTo(matchId);
        assertThat(bundle.checkpoint().toBytes()).isEqualTo(latest.toBytes());
        List<byte[]> carried = new ArrayList<>();
        for (BundleLeaf leaf : bundle.events()) {
            assertThat(leaf.proof().treeSize()).isEqualTo(size);
            InclusionProofVerifier.verify(leaf.proof(), leaf.leafHash(), latest.checkpoint().rootHash());
            StoredLeaf stored = store.leaves(leaf.leafIndex(), 1).get(0);
            assertThat(leaf.leafBytes()).isEqualTo(stored.leaf().leafBytes());
            carried.add(leaf.leafBytes());
        }
        assertThat(carried).usingElementComparator(java.util.Arrays::compare)
                .containsAll(lifecycle.stream().map(SignedEvent::leafBytes).toList());
        assertThat(bundle.snapshot().entry()).isEqualTo("wl-bundle-1");
        assertThat(bundle.alignedCrop()).isEmpty();
        // The detection and the watchlist entry carry templates: two biometric reads recorded.
        assertThat(audit.count() - readsBefore).isEqualTo(2);
    }

    @Test
    void unknownOrInvalidMatchIsANotFoundProblem() throws Exception {
        for (String id : List.of("m-no-such-match", "bad!id", "m".repeat(129))) {
            MockHttpServletResponse response = mvc.perform(get("/v1/matches/" + id + "/bundle")
                    .header("Authorization", "Bearer " + REVIEWER_TOKEN)).andReturn().getResponse();
            assertThat(response.getStatus()).as(id).isEqualTo(404);
            assertThat(response.getContentType()).isEqualTo("application/problem+json");
            JsonNode problem = JSON.readTree(response.getContentAsByteArray());
            assertThat(problem.get("type").asText()).isEqualTo("urn:oversight:problem:not-found");
            assertThat(problem.get("detail").asText()).contains("matchId");
        }
    }

    @Test
    void withoutCredentialsIsUnauthenticated() throws Exception {
        MockHttpServletResponse response = mvc.perform(get("/v1/matches/m-any/bundle")).andReturn().getResponse();
        assertThat(response.getStatus()).isEqualTo(401);
        assertThat(JSON.readTree(response.getContentAsByteArray()).get("type").asText())
                .isEqualTo("urn:oversight:problem:unauthenticated");
    }

    private SignedEvent submit(SignedEvent e) throws Exception {
        ingest.submit(List.of(e));
        return e;
    }

    /** The first MatchProposed in the log, or null. */
    private SignedEvent proposal() {
        for (StoredLeaf l : store.leaves(0, (int) sequencer.committed().size())) {
            try {
                SignedEvent e = SignedEvent.parse(l.leaf().leafBytes());
                if (e.payload() instanceof MatchProposed) {
                    return e;
                }
            } catch (org.oversight.domain.event.InvalidEventException ex) {
                throw new AssertionError(ex);
            }
        }
        return null;
    }
}
