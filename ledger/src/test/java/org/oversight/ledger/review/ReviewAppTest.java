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
import org.oversight.domain.event.FaceBox;
import org.oversight.domain.event.FaceDetected;
import org.oversight.domain.event.KeyEnrolled;
import org.oversight.domain.event.Location;
import org.oversight.domain.event.RecognitionPolicySet;
import org.oversight.domain.event.Role;
import org.oversight.domain.event.SignedEvent;
import org.oversight.domain.event.WatchlistEntryAuthorized;
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
 * genesis (one authority, the engine key, the policy) is submitted once. {@link #newMatch} sets up
 * an officer, a camera, a watchlist entry and a detection of that entry's face, and waits for the
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

    /** A set-up match: its id, the officer's key and the watchlist entry. */
    record Match(String id, Ed25519PrivateKey officer, String officerId, String entry, String camera) {}

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
        genesisDone = true;
    }

    static RecognitionPolicySet policy(long reviewersRequired) {
        return new RecognitionPolicySet(MODEL, 1, THRESHOLD, Math.max(THRESHOLD, MatchScore.MAX), reviewersRequired,
                0, new AccuracyAttestation(EventFixtures.digestOf("attestation"), 1000, 10_000));
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
        submit(new FaceDetected(cameraId, EventFixtures.time("2026-11-27T09:30:00.040Z"),
                EventFixtures.digestOf("frame " + tag), new FaceBox(96, 180, 120, 140), EventFixtures.landmarks(),
                EventFixtures.digestOf("crop " + tag), wire(quantised(face, 101, 50, 0.01f)), 870), camera);
        await(() -> proposalFor(entryId).isPresent(), "the engine's proposal for " + entryId);
        String id = proposalFor(entryId).orElseThrow();
        return new Match(id, officer, officerId, entryId, cameraId);
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
