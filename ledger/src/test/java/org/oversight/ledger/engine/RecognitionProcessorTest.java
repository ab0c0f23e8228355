package org.oversight.ledger.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import static org.oversight.ledger.testing.SyntheticFaces.MODEL;
import static org.oversight.ledger.testing.SyntheticFaces.await;
import static org.oversight.ledger.testing.SyntheticFaces.quantised;
import static org.oversight.ledger.testing.SyntheticFaces.wire;

import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.oversight.domain.crypto.Ed25519PrivateKey;
import org.oversight.domain.crypto.Ed25519PublicKey;
import org.oversight.domain.event.AccuracyAttestation;
import org.oversight.domain.event.AuthorityDeclared;
import org.oversight.domain.event.CameraRegistered;
import org.oversight.domain.event.EventFixtures;
import org.oversight.domain.event.EventHash;
import org.oversight.domain.event.EventType;
import org.oversight.domain.event.EventVerifier;
import org.oversight.domain.event.FaceBox;
import org.oversight.domain.event.FaceDetected;
import org.oversight.domain.event.KeyEnrolled;
import org.oversight.domain.event.MatchProposed;
import org.oversight.domain.event.RecognitionPolicySet;
import org.oversight.domain.event.Role;
import org.oversight.domain.event.SignedEvent;
import org.oversight.domain.event.StreamId;
import org.oversight.domain.event.WatchlistEntryAuthorized;
import org.oversight.domain.replay.LogReplayer;
import org.oversight.ledger.LedgerApplication;
import org.oversight.ledger.testing.TestSite;
import org.oversight.ledger.aggregate.LedgerRegistry;
import org.oversight.ledger.ingest.IngestService;
import org.oversight.ledger.keys.LedgerKeys;
import org.oversight.ledger.sequencer.LeafStore;
import org.oversight.ledger.sequencer.Sequencer;
import org.oversight.ledger.sequencer.StoredLeaf;
import org.oversight.ledger.testing.Chains;
import org.oversight.recognition.match.MatchScore;
import org.oversight.recognition.projection.LoggedEvent;
import org.oversight.recognition.projection.ProjectionReplay;
import org.oversight.recognition.projection.ProjectionState;
import org.oversight.recognition.projection.RecognitionProjection;
import org.oversight.recognition.projection.Step;
import org.oversight.recognition.template.FaceTemplate;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.autoconfigure.actuate.observability.AutoConfigureObservability;
import org.springframework.boot.test.autoconfigure.web.servlet.AutoConfigureMockMvc;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.servlet.MockMvc;

/**
 * The recognition processor in the running service, on its own fresh database in the shared test
 * PostgreSQL (its own log, so that the whole log can be compared with the projection): it waits
 * for its key's enrolment, proposes exactly the projection's decisions, signed by the engine key
 * and after the detection, and never duplicates one across restarts and replays.
 */
@SpringBootTest(classes = LedgerApplication.class, properties = {
    "oversight.store.type=postgres",
    "oversight.checkpoint.every-leaves=1",
    "oversight.checkpoint.interval-ms=50",
    "oversight.log.origin=test.oversight/engine-log",
    "oversight.engine.poll-interval-ms=50",
    "axon.eventhandling.processors.default.mode=subscribing"
})
@AutoConfigureMockMvc
@AutoConfigureObservability(tracing = false)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_CLASS)
class RecognitionProcessorTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final long THRESHOLD = 9216;
    private static final String CAMERA = "cam-eng-1";
    private static final String OFFICER = "officer-eng";
    private static final TestSite SITE = TestSite.create("oversight-engine-test", org.oversight.ledger.security.Role.AUDITOR);
    private static final String AUDITOR_TOKEN = SITE.token(org.oversight.ledger.security.Role.AUDITOR);

    private static final Ed25519PrivateKey AUTHORITY = EventFixtures.key(81);
    private static final Ed25519PrivateKey OFFICER_KEY = EventFixtures.key(82);
    private static final Ed25519PrivateKey CAMERA_KEY = EventFixtures.key(83);
    private static final Chains CHAINS = new Chains();


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
    @Autowired RecognitionProcessor processor;
    @Autowired EngineWorker worker;

    private static SignedEvent matchingDetection;

    @Test
    @Order(1)
    void waitsForEnrolmentThenProposesExactlyTheProjectionsDecision() throws Exception {
        submit(CHAINS.next(new AuthorityDeclared("authority-eng", "Engine Test Board", AUTHORITY.publicKey()),
                AUTHORITY));
        submit(CHAINS.next(new KeyEnrolled(OFFICER, Role.OFFICER, OFFICER_KEY.publicKey()), AUTHORITY));
        CameraRegistered sample = EventFixtures.cameraRegistered();
        submit(CHAINS.next(new CameraRegistered(CAMERA, sample.location(), sample.purpose(), sample.legalBasis(),
                CAMERA_KEY.publicKey()), OFFICER_KEY));
        submit(CHAINS.next(new RecognitionPolicySet(MODEL, 1, THRESHOLD, Math.max(THRESHOLD, MatchScore.MAX), 2, 0,
                new AccuracyAttestation(EventFixtures.digestOf("attestation"), 1000, 10_000)), AUTHORITY));
        submit(CHAINS.next(new WatchlistEntryAuthorized("wl-eng-1", "subj-1", "wanted", "warrant HKM-1", OFFICER,
                EventFixtures.time("2026-11-01T00:00:00.000Z"), EventFixtures.time("2026-12-01T00:00:00.000Z"),
                List.of(wire(quantised(37, 101, 50, 0f))), EventFixtures.digestOf("source image 1")), OFFICER_KEY));
        matchingDetection = CHAINS.next(detection(1, quantised(37, 101, 50, 0.01f)), CAMERA_KEY);
        long detectionLeaf = submit(matchingDetection);

        await(() -> processor.status().state() == EngineStatus.State.WAITING_FOR_ENGINE_KEY, "engine waits");
        assertThat(processor.status().detail()).contains("not enrolled").contains("/v1/keys");
        assertThat(proposals()).isEmpty();

        // An authority enrols the engine key the ledger publishes.
        JsonNode published = JSON.readTree(mvc.perform(get("/v1/keys").header("Authorization", "Bearer "
                + AUDITOR_TOKEN)).andReturn().getResponse().getContentAsByteArray());
        Ed25519PublicKey engineKey = Ed25519PublicKey.parseText(published.get("engine").get("publicKey").asText());
        assertThat(engineKey).isEqualTo(keys.engineEventKey().publicKey());
        long enrolLeaf = submit(CHAINS.next(new KeyEnrolled("engine-ledger", Role.ENGINE, engineKey), AUTHORITY));

        await(() -> proposals().size() == 1, "one MatchProposed");
        LoggedEvent proposal = proposals().get(0);
        assertThat(proposal.leafIndex()).isGreaterThan(detectionLeaf).isGreaterThan(enrolLeaf);
        SignedEvent event = proposal.event();
        assertThat(event.header().signer()).isEqualTo(engineKey.keyId());
        EventVerifier.verify(event, engineKey);
        MatchProposed expected = decisionsUpTo(detectionLeaf).get(0);
        assertThat(event.payload()).isEqualTo(expected);
        assertThat(expected.candidateEntry()).isEqualTo("wl-eng-1");
        assertThat(expected.detection().leafIndex()).isEqualTo(detectionLeaf);
        assertThat(event.stream().text()).isEqualTo("match/" + expected.match());
        assertThat(event.seq()).isZero();
        assertThat(event.header().eventId()).isEqualTo("ev-" + expected.match());
        assertThat(event.header().time()).isEqualTo(matchingDetection.header().time());
        // Same decision, same bytes: what makes resubmission an idempotent duplicate.
        assertThat(MatchProposals.sign(expected, matchingDetection, keys.engineEventKey()).leafBytes())
                .isEqualTo(event.leafBytes());
    }

    @Test
    @Order(2)
    void nonMatchingDetectionProposesNothing() throws Exception {
        long leaf = submit(CHAINS.next(detection(2, quantised(59, 97, 48, 0f)), CAMERA_KEY));
        assertThat(decisionsUpTo(leaf)).hasSize(1); // only the first detection's
        await(() -> processor.status().position() >= leaf && processor.status().state() == EngineStatus.State.RUNNING,
                "processor past leaf " + leaf);
        assertThat(proposals()).hasSize(1);
    }

    @Test
    @Order(3)
    void restartAndFullReplayAddNoDuplicate() {
        worker.close(); // the service's processor stops; new instances play "after a restart"
        long size = sequencer.committed().size();
        long position = positions.read();
        assertThat(position).isEqualTo(size - 1);

        RecognitionProcessor restarted = newProcessor();
        restarted.recover();
        assertThat(restarted.drain()).isZero();

        // Crash between append and position write, at worst: every decision is derived again.
        positions.write(-1);
        RecognitionProcessor replaying = newProcessor();
        replaying.recover();
        assertThat(replaying.drain()).isEqualTo(size);
        assertThat(sequencer.committed().size()).isEqualTo(size);
        assertThat(positions.read()).isEqualTo(size - 1);
        assertThat(proposals()).hasSize(1);
        assertThat(replaying.status().state()).isEqualTo(EngineStatus.State.RUNNING);
    }

    @Test
    @Order(4)
    void servedLogReplaysAndMatchesTheProjection() throws Exception {
        Map<String, EventHash> recorded = new HashMap<>();
        LogReplayer replayer = new LogReplayer((StreamId stream, long seq) ->
                Optional.ofNullable(recorded.get(stream.text() + "#" + seq)));
        List<LoggedEvent> served = new ArrayList<>();
        JsonNode page = JSON.readTree(mvc.perform(get("/v1/entries?start=0&count=1000")
                .header("Authorization", "Bearer " + AUDITOR_TOKEN)).andReturn().getResponse().getContentAsByteArray());
        for (JsonNode entry : page.get("entries")) {
            long leaf = entry.get("leafIndex").asLong();
            assertThat(leaf).isEqualTo(served.size());
            SignedEvent event = SignedEvent.parse(
                    org.oversight.domain.json.CanonicalJson.canonicalise(JSON.writeValueAsBytes(entry.get("event"))));
            replayer.accept(event, leaf);
            recorded.put(event.stream().text() + "#" + event.seq(), event.eventHash());
            served.add(new LoggedEvent(leaf, event));
        }
        assertThat(served).hasSize((int) sequencer.committed().size());
        assertThat(served.stream().filter(e -> e.event().type() == EventType.MATCH_PROPOSED)).hasSize(1);
        assertThat(ProjectionReplay.compare(served)).isEmpty();
    }

    @Test
    @Order(5)
    void oneRoundCoversTheRecentlyCommittedLeavesWithOneAppendWhateverThePageSize() throws Exception {
        // The service's worker is closed (test 3): a new processor with page size 2 plays the engine.
        RecognitionProcessor engine = newProcessor();
        engine.recover();
        assertThat(engine.drain()).isZero();
        int before = proposals().size();
        List<SignedEvent> batch = new ArrayList<>();
        for (int n = 0; n < 8; n++) {
            batch.add(CHAINS.next(detection(100 + n, quantised(37, 101, 50, 0.01f + 0.001f * n)), CAMERA_KEY));
        }
        ingest.submit(batch); // one commit: the ingest path holds all eight in memory
        java.util.concurrent.atomic.AtomicInteger commits = new java.util.concurrent.atomic.AtomicInteger();
        java.util.concurrent.atomic.AtomicBoolean counting = new java.util.concurrent.atomic.AtomicBoolean(true);
        sequencer.addCommitListener(state -> {
            if (counting.get()) {
                commits.incrementAndGet();
            }
        });
        try {
            assertThat(engine.drain()).as("the eight detections, then the eight proposals").isEqualTo(16);
        } finally {
            counting.set(false);
        }
        assertThat(proposals()).hasSize(before + 8);
        assertThat(commits.get()).as("the eight decisions appended in one ingest transaction (one writer-lock turn),"
                + " not one per page of 2").isEqualTo(1);
        assertThat(ProjectionReplay.compare(log())).isEmpty();
    }

    private RecognitionProcessor newProcessor() {
        return new RecognitionProcessor(store, sequencer, registry, ingest, positions, keys.engineEventKey(), 2,
                Optional.empty());
    }

    private long submit(SignedEvent e) throws Exception {
        return ingest.submit(List.of(e)).get(0).leafIndex();
    }

    private List<LoggedEvent> log() {
        List<LoggedEvent> out = new ArrayList<>();
        for (StoredLeaf l : store.leaves(0, (int) sequencer.committed().size())) {
            try {
                out.add(new LoggedEvent(l.index(), SignedEvent.parse(l.leaf().leafBytes())));
            } catch (org.oversight.domain.event.InvalidEventException ex) {
                throw new AssertionError(ex);
            }
        }
        return out;
    }

    private List<LoggedEvent> proposals() {
        return log().stream().filter(e -> e.event().type() == EventType.MATCH_PROPOSED).toList();
    }

    /** The projection's decisions over leaves 0..last, computed here independently of the processor. */
    private List<MatchProposed> decisionsUpTo(long last) throws Exception {
        ProjectionState state = ProjectionState.initial();
        List<MatchProposed> out = new ArrayList<>();
        for (LoggedEvent e : log()) {
            if (e.leafIndex() > last) {
                break;
            }
            Step step = RecognitionProjection.apply(state, e.leafIndex(), e.event());
            state = step.state();
            out.addAll(step.decisions());
        }
        return out;
    }

    private static FaceDetected detection(int n, FaceTemplate template) {
        return new FaceDetected(CAMERA, EventFixtures.time("2026-11-27T09:30:00.040Z"),
                EventFixtures.digestOf("frame " + n), new FaceBox(96, 180, 120, 140), EventFixtures.landmarks(),
                EventFixtures.digestOf("crop " + n), wire(template), 870);
    }
}
