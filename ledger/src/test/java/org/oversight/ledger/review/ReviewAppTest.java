package org.oversight.ledger.review;

import static org.oversight.ledger.testing.SyntheticFaces.MODEL;
import static org.oversight.ledger.testing.SyntheticFaces.await;
import static org.oversight.ledger.testing.SyntheticFaces.quantised;
import static org.oversight.ledger.testing.SyntheticFaces.wire;

import java.util.List;
import java.util.Optional;
import org.oversight.domain.crypto.Ed25519PrivateKey;
import org.oversight.domain.event.AccuracyAttestation;
import org.oversight.domain.event.AuthorityDeclared;
import org.oversight.domain.event.CameraRegistered;
import org.oversight.domain.event.EventFixtures;
import org.oversight.domain.event.EventPayload;
import org.oversight.domain.event.ErasureEpochOpened;
import org.oversight.domain.event.FaceBox;
import org.oversight.domain.event.KeyEnrolled;
import org.oversight.domain.event.Location;
import org.oversight.domain.event.RecognitionPolicySet;
import org.oversight.domain.event.Role;
import org.oversight.domain.event.SignedEvent;
import org.oversight.domain.event.StreamId;
import org.oversight.domain.event.Timestamp;
import org.oversight.domain.event.WatchlistEntryAuthorized;
import org.oversight.domain.seal.CameraSealer;
import org.oversight.domain.seal.EpochRecipient;
import org.oversight.domain.seal.X25519PublicKey;
import org.oversight.ledger.LedgerApplication;
import org.oversight.ledger.ingest.IngestService;
import org.oversight.ledger.keys.LedgerKeys;
import org.oversight.ledger.testing.Chains;
import org.oversight.ledger.testing.TestSite;
import org.oversight.recognition.match.MatchScore;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.autoconfigure.actuate.observability.AutoConfigureObservability;
import org.springframework.boot.test.autoconfigure.web.servlet.AutoConfigureMockMvc;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.servlet.MockMvc;

/**
 * Base of the review tests: one application (cached by Spring for every subclass) with the
 * service's recognition processor running, a real Tomcat on a random port, and a log whose
 * genesis (one authority, the engine key, the policy, an erasure epoch keyed by the vault) is
 * submitted once. {@link #newMatch} sets up an officer, a camera, a watchlist entry and a sealed
 * (schema-2) detection of that entry's face whose blob is stored in the vault, and waits for the
 * engine's proposal: each call gives a match of its own (the faces of different tags are far apart).
 */
@SpringBootTest(classes = LedgerApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {
    "oversight.store.type=postgres",
    "oversight.checkpoint.every-leaves=1",
    "oversight.checkpoint.interval-ms=50",
    "oversight.log.origin=test.oversight/review-log",
    "oversight.engine.poll-interval-ms=50",
    "axon.eventhandling.processors.default.mode=subscribing"
})
@AutoConfigureMockMvc
@AutoConfigureObservability(tracing = false)
abstract class ReviewAppTest {
    static final TestSite SITE = TestSite.create("oversight-review-test", org.oversight.ledger.security.Role.values());
    /**
     * API credentials named after the console's signing principals: the vault of the sealed-data
     * build (issue #12) releases records only to the credential whose principal signed the
     * disclosure, so each person's token carries their principal id.
     */
    static final java.util.Map<String, String> PERSON_TOKENS = personTokens("officer-ui", "reviewer-ui-1", "reviewer-ui-2");
    static final Ed25519PrivateKey AUTHORITY = EventFixtures.key(121);
    static final long THRESHOLD = 9216;
    static final Chains CHAINS = new Chains();
    /** The erasure epoch every test detection is sealed to; erased long after the tests (the closer runs on the wall clock). */
    static final String EPOCH = "ep-review-1";
    private static final Timestamp CAPTURE = EventFixtures.time("2026-11-27T09:30:00.040Z");
    /** Side of the aligned crop in pixels (docs/format.md §9.2: 150 × 150 RGB). */
    static final int CROP_SIDE = 150;
    private static ErasureEpochOpened epoch;
    private static boolean genesisDone;
    private static int nextFace = 0;
    private static final int[] FACES = {37, 41, 43, 47, 53, 59, 61, 67, 71, 73, 79, 83, 89, 97};

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        SITE.register(registry);
    }

    @Autowired MockMvc mvc;
    @Autowired IngestService ingest;
    @Autowired LedgerKeys keys;
    @Autowired MatchFeed feed;
    @LocalServerPort int port;

    private static java.util.Map<String, String> personTokens(String... principals) {
        java.util.Map<String, String> tokens = new java.util.HashMap<>();
        try {
            for (String p : principals) {
                org.oversight.ledger.security.Role role = p.startsWith("officer")
                        ? org.oversight.ledger.security.Role.OFFICER : org.oversight.ledger.security.Role.REVIEWER;
                tokens.put(p, org.oversight.ledger.security.CredentialsFile.issue(SITE.dataDir().resolve("credentials"),
                        p, java.util.EnumSet.of(role), new java.security.SecureRandom()));
            }
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        return tokens;
    }

    static String bearer(org.oversight.ledger.security.Role role) {
        return "Bearer " + SITE.token(role);
    }

    /**
     * A set-up match: its id, the officer's key, the watchlist entry, and the sealed (schema-2)
     * detection the engine matched with the aligned-crop pixels sealed in its vault record.
     */
    record Match(String id, Ed25519PrivateKey officer, String officerId, String entry, String camera,
            SignedEvent detection, long detectionLeaf, byte[] crop) {}

    SignedEvent submit(EventPayload payload, Ed25519PrivateKey key) throws Exception {
        SignedEvent e = CHAINS.next(payload, key);
        ingest.submit(List.of(e));
        return e;
    }

    synchronized void genesis() throws Exception {
        if (genesisDone) {
            return;
        }
        submit(new AuthorityDeclared("authority-review", "Review Test Board", AUTHORITY.publicKey()), AUTHORITY);
        submit(new KeyEnrolled("engine-review", Role.ENGINE, keys.engineEventKey().publicKey()), AUTHORITY);
        submit(policy(2), AUTHORITY);
        epoch = openEpoch();
        genesisDone = true;
    }

    static RecognitionPolicySet policy(long reviewersRequired) {
        return new RecognitionPolicySet(MODEL, 1, THRESHOLD, Math.max(THRESHOLD, MatchScore.MAX), reviewersRequired,
                0, new AccuracyAttestation(EventFixtures.digestOf("attestation"), 1000, 10_000));
    }

    /**
     * Opens the erasure epoch the test detections are sealed to, as an authority does: asks the
     * vault for its epoch key ({@code POST /v1/vault/epochs/{epoch}/key}) and appends the signed
     * {@code ErasureEpochOpened} naming it.
     */
    private ErasureEpochOpened openEpoch() throws Exception {
        org.springframework.mock.web.MockHttpServletResponse r = mvc.perform(
                org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post("/v1/vault/epochs/" + EPOCH + "/key")
                        .header("Authorization", bearer(org.oversight.ledger.security.Role.AUTHORITY)))
                .andReturn().getResponse();
        if (r.getStatus() != 200) {
            throw new AssertionError("epoch key: " + r.getStatus() + " " + r.getContentAsString());
        }
        com.fasterxml.jackson.databind.JsonNode key = new com.fasterxml.jackson.databind.ObjectMapper()
                .readTree(r.getContentAsByteArray());
        ErasureEpochOpened opened = new ErasureEpochOpened(EPOCH, EventFixtures.time("2026-11-27T09:00:00.000Z"),
                EventFixtures.time("2026-11-27T10:30:00.000Z"), EventFixtures.time("2099-12-31T00:00:00.000Z"),
                List.of(new EpochRecipient.Vault(key.get("recipient").asText(),
                        X25519PublicKey.parse(key.get("publicKey").asText()))));
        submit(opened, AUTHORITY);
        return opened;
    }

    /**
     * Aligned-crop pixels of one test face: a gradient with a tag-dependent tint (150 × 150 RGB,
     * no two pixels of a row alike), so a drawn crop can be told from a blank or a wrong one.
     */
    static byte[] cropPixels(int seed) {
        byte[] rgb = new byte[CROP_SIDE * CROP_SIDE * 3];
        for (int y = 0; y < CROP_SIDE; y++) {
            for (int x = 0; x < CROP_SIDE; x++) {
                int i = 3 * (y * CROP_SIDE + x);
                rgb[i] = (byte) (x + 50);
                rgb[i + 1] = (byte) (y + 50);
                rgb[i + 2] = (byte) (seed * 7);
            }
        }
        return rgb;
    }

    /** Enrols a reviewer key for principal {@code id}. */
    void enrolReviewer(String id, Ed25519PrivateKey key) throws Exception {
        genesis();
        submit(new KeyEnrolled(id, Role.REVIEWER, key.publicKey()), AUTHORITY);
    }

    /** An officer, a camera, an entry and a detection of its face; returns once the engine proposed. */
    synchronized Match newMatch(String tag, int seed) throws Exception {
        genesis();
        Ed25519PrivateKey officer = EventFixtures.key(seed);
        Ed25519PrivateKey camera = EventFixtures.key(seed + 1);
        String officerId = "officer-" + tag;
        String cameraId = "cam-" + tag;
        String entryId = "wl-" + tag;
        int face = FACES[nextFace++];
        submit(new KeyEnrolled(officerId, Role.OFFICER, officer.publicKey()), AUTHORITY);
        submit(new CameraRegistered(cameraId, new Location("Central Station, north entrance (" + tag + ")",
                223153000, 1141702000), "locate persons on the authorised watchlist",
                "Police Force Ordinance s.10; LFR deployment authority DA-2026-017", camera.publicKey()), officer);
        submit(new WatchlistEntryAuthorized(entryId, "subj-" + tag, "wanted", "warrant HKM-" + tag, officerId,
                EventFixtures.time("2026-11-01T00:00:00.000Z"), EventFixtures.time("2027-12-01T00:00:00.000Z"),
                List.of(wire(quantised(face, 101, 50, 0f))), EventFixtures.digestOf("source image " + tag)), officer);
        // The camera seals the detection's record to the epoch, stores the blob, then submits the
        // schema-2 detection naming it (the ingest check refuses it while the blob is missing).
        byte[] crop = cropPixels(seed);
        CameraSealer.SealedDetection sealed = CameraSealer.seal(cameraId, CAPTURE, EventFixtures.digestOf("frame " + tag),
                new FaceBox(96, 180, 120, 140), 870, wire(quantised(face, 101, 50, 0.01f)), EventFixtures.landmarks(),
                crop, epoch, CHAINS.head(StreamId.detections(cameraId)).nextSeq(), new java.security.SecureRandom());
        putBlob(sealed.blobBytes());
        SignedEvent detection = CHAINS.next(sealed.payload(), camera);
        long detectionLeaf = ingest.submit(List.of(detection)).get(0).leafIndex();
        await(() -> proposalFor(entryId).isPresent(), "the engine's proposal for " + entryId);
        String id = proposalFor(entryId).orElseThrow();
        return new Match(id, officer, officerId, entryId, cameraId, detection, detectionLeaf, crop);
    }

    /** Stores a sealed blob in the vault as the camera does ({@code PUT /v1/vault/blobs/{digest}}). */
    private void putBlob(byte[] blob) throws Exception {
        org.springframework.mock.web.MockHttpServletResponse r = mvc.perform(
                org.springframework.test.web.servlet.request.MockMvcRequestBuilders.put("/v1/vault/blobs/"
                        + org.oversight.domain.crypto.Sha256Digest.hash(blob).hex())
                        .header("Authorization", bearer(org.oversight.ledger.security.Role.CAMERA))
                        .contentType("application/json").content(blob)).andReturn().getResponse();
        if (r.getStatus() != 200 && r.getStatus() != 201) {
            throw new AssertionError("blob PUT: " + r.getStatus() + " " + r.getContentAsString());
        }
    }

    private Optional<String> proposalFor(String entryId) {
        for (MatchFeed.MatchView v : feed.page(org.oversight.domain.policy.MatchState.PENDING, -1, 200).matches()) {
            if (v.proposal().candidateEntry().equals(entryId)) {
                return Optional.of(v.match());
            }
        }
        return Optional.empty();
    }
}
